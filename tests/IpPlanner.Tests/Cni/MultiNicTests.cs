using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// ENABLE_MULTI_NIC (VPC CNI 1.20+), from aws/amazon-vpc-cni-k8s at b52188387f2e: every network card but EFA-only ones
/// is managed (pkg/ipamd/ipamd.go:292-324); each managed card gets its own datastore and ipamd grows every low pool at
/// start (ipamd.go:664-693); cards beyond the default use WARM_IP_TARGET=1 and MINIMUM_IP_TARGET=1 (ipamd.go:2181-2184);
/// a new ENI asks for min(short, IPs per ENI) IPs, or that many /28s (ipamd.go:2553-2565). c6in.32xlarge: 8 ENIs x 50
/// IPv4 on each of cards 0 and 1 (catalog: network_cards 0:8;1:8).
/// </summary>
public class MultiNicTests
{
    private static readonly InstanceType C6in = InstanceCatalog.Embedded.Get("c6in.32xlarge");

    private static NodeReport Node(CniSettings settings, int pods = 10, int? maxPods = null) =>
        NodeRun.Run(new NodeRunRequest { Type = C6in, Pods = pods, Settings = settings, KubeletMaxPods = maxPods });

    [Test]
    public void Node_C6in32xlarge_SecondCardHoldsOneEniAndItsWarmAddress()
    {
        // Card 1 starts empty: short = max(1 - 0, 1 - 0) = 1, no ENI, so one ENI with min(1, 49) = 1 secondary IP:
        // its own primary address plus that IP, +2 subnet addresses. Card 0 is unchanged (10 pods, WARM_ENI_TARGET=1:
        // 2 ENIs x (1 + 49) = 100).
        var without = Node(CniSettings.Default);
        var with = Node(CniSettings.Default with { MultiNic = true });
        Assert.Multiple(() =>
        {
            Assert.That((without.SubnetIpsUsed, with.SubnetIpsUsed), Is.EqualTo((100, 102)));
            Assert.That(with.PerEni.Where(e => e.NetworkCard == 1).Select(e => (e.SecondaryIps, e.Pods)), Is.EqualTo(new[] { (1, 0) }));
            Assert.That(with.Mode, Is.EqualTo("secondary-ip+multi-nic"));
        });
    }

    [Test]
    public void Node_PrefixDelegation_SecondCardHoldsOneEniAndOneSlash28()
    {
        // In prefix mode the shortfall of one IP is one /28 (getPrefixesNeeded): 1 primary + 16 = +17.
        var settings = CniSettings.Default with { PrefixDelegation = true };
        var without = Node(settings);
        var with = Node(settings with { MultiNic = true });
        Assert.That(with.SubnetIpsUsed - without.SubnetIpsUsed, Is.EqualTo(17));
    }

    [Test]
    public void Node_SecondCardEfaOnly_IsNotManaged()
    {
        // A card launched with only an EFA-only interface is unmanaged: c6in.32xlarge has no other card, so nothing changes.
        var with = Node(CniSettings.Default with { MultiNic = true, EfaOnlyCards = [1] });
        Assert.Multiple(() =>
        {
            Assert.That(with.SubnetIpsUsed, Is.EqualTo(100));
            Assert.That(NetworkCards.Managed(C6in, CniSettings.Default with { MultiNic = true, EfaOnlyCards = [1] }), Is.EqualTo(new[] { 0 }));
        });
    }

    [Test]
    public void Node_OlderThan120_MultiNicDoesNothing()
    {
        // ENABLE_MULTI_NIC appeared in 1.20.0 (README.md:761-773@b52188387f2e): 1.19 manages the default card only.
        var with = Node(CniSettings.Default with { MultiNic = true, Version = new CniVersion(1, 19, 0) });
        Assert.That(with.SubnetIpsUsed, Is.EqualTo(100));
    }

    [Test]
    public void Node_DefaultCardFull_PodsTakeTheSecondCardsAddresses()
    {
        // Custom networking with MAX_ENI=2: card 0's primary ENI carries no pods, so card 0 holds one pod ENI of 49
        // IPs. kubelet maxPods 110 lets 60 pods in. A pod that needs one IP and finds none on card 0 looks through
        // the other datastores (rpc_handler.go:234-238@b52188387f2e): 11 pods on card 1, whose pool keeps one spare
        // (WARM_IP_TARGET=1): 12 IPs there.
        var report = Node(CniSettings.Default with { MultiNic = true, CustomNetworking = true, MaxEni = 2 }, pods: 60, maxPods: 110);
        Assert.Multiple(() =>
        {
            Assert.That((report.PodsRunning, report.PodsFailed), Is.EqualTo((60, 0)));
            Assert.That(report.PerEni.Where(e => e.NetworkCard == 1).Select(e => (e.SecondaryIps, e.Pods)), Is.EqualTo(new[] { (12, 11) }));
        });
    }

    [Test]
    public void Node_PodLeavesTheSecondCard_ItsAddressIsFreeAgain()
    {
        var placement = new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/24")) { EniConfigSubnet = SubnetAddressSpace.Parse("100.64.0.0/24") };
        var node = new VpcCniNode(C6in, CniSettings.Default with { MultiNic = true, CustomNetworking = true, MaxEni = 2 }, placement, kubeletMaxPods: 110);
        node.ReconcileToSteadyState();
        var pods = Enumerable.Range(0, 50).Select(_ => { node.AddPod(out var pod); return pod; }).ToList();
        // Card 0 has 49 pod IPs: the 50th pod is on card 1, and removing it frees its IP for the next pod.
        Assert.That((pods[^1].Eni!.NetworkCard, node.OtherCardPods), Is.EqualTo((1, 1)));
        node.RemovePod(pods[^1]);
        node.ReconcileToSteadyState();
        Assert.That((node.OtherCardPods, node.PodsOnNode), Is.EqualTo((0, 49 + MaxPodsCalculator.HostNetworkPods)));
    }

    [Test]
    public void Plan_MultiNicScenario_EachNodeTakesTwoMoreAddresses()
    {
        // Three c6in.32xlarge nodes of 10 pods in two /24s: +2 addresses a node, +6 in the subnets.
        static int Used(string text)
        {
            var result = Load(text);
            Assert.That(result.Errors, Is.Empty, () => string.Join("\n", result.Errors.Select(e => e.Message)));
            return CapacityPlanner.Plan(result.Provisioned!, result.Warnings).Subnets.Sum(s => s.Used);
        }

        var c6in = With("    instanceType: m5.large", "    instanceType: c6in.32xlarge");
        Assert.That(Used(c6in + "cni:\n  multiNic: true\n") - Used(c6in), Is.EqualTo(6));
    }

    [TestCase("cni:\n  multiNic: true\n  version: 1.19.0\n", "cni.multiNic")]
    [TestCase("cni:\n  efaOnlyCards: [1]\n", "cni.efaOnlyCards")]
    public void Load_MultiNicThatChangesNothing_IsAWarningAtTheField(string cni, string field)
    {
        var result = Load(Append(cni));
        Assert.That(result.Warnings.Where(w => w.Code == FindingCodes.MultiNicIgnored).Select(w => w.Subject), Is.EqualTo(new[] { field }));
    }

    [Test]
    public void Load_EfaOnlyCardZero_IsAnErrorAtTheItem()
    {
        // Card 0 carries the node's primary ENI, so it is never EFA-only alone.
        var result = Load(Append("cni:\n  multiNic: true\n  efaOnlyCards: [0]\n"));
        Assert.That(result.Errors.Select(e => e.Subject), Is.EqualTo(new[] { "cni.efaOnlyCards[0]" }));
    }
}
