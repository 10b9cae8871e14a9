using NUnit.Framework;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Catalog;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// Karpenter's max pods (RESERVED_ENIS, the EC2NodeClass's kubelet maxPods) and its packing by max pods rather than
/// addresses, worked by hand from aws/karpenter-provider-aws pkg/providers/instancetype/types.go:641-661, 732-747@1d927085d
/// (<c>ENILimitedPods</c>: (ENIs - RESERVED_ENIS) x (IPv4 per ENI - 1) + 2; <c>pods()</c>: kubelet maxPods wins).
/// m5.large: 3 ENIs x 10 IPv4 (catalog), 1930m CPU and 6903 MiB allocatable (AllocatableRuleTests).
/// </summary>
public class KarpenterMaxPodsTests
{
    // Custom networking: pods get addresses from a pod subnet per zone, never from the primary ENI.
    private const string CustomNetworking = """
        cluster:
          name: test
          controlPlaneSubnets: [subnet-a, subnet-b]
        vpc:
          cidrs: [10.0.0.0/16, 100.64.0.0/16]
        subnets:
          - { id: subnet-a, cidr: 10.0.0.0/24, zone: us-east-1a }
          - { id: subnet-b, cidr: 10.0.1.0/24, zone: us-east-1b }
          - { id: pods-a, cidr: 100.64.0.0/20, zone: us-east-1a }
          - { id: pods-b, cidr: 100.64.16.0/20, zone: us-east-1b }
        cni:
          customNetworking: true
          eniConfigs: { us-east-1a: pods-a, us-east-1b: pods-b }
        nodePools:
          - name: apps
            instanceTypes: [m5.large]
            subnets: [subnet-a, subnet-b]
            pods: { count: 100, cpu: 50m, memory: 64Mi }

        """;

    private static PlanReport Plan(string text)
    {
        var result = Load(text);
        Assert.That(result.Errors, Is.Empty, () => string.Join("\n", result.Errors.Select(e => e.Message)));
        return CapacityPlanner.Plan(result.Provisioned!, result.Warnings);
    }

    [TestCase(0, 29)]
    [TestCase(1, 20)]
    [TestCase(2, 11)]
    [TestCase(3, 0)]
    public void For_ReservedEnis_LeaveThoseEnisOut(int reservedEnis, int expected)
    {
        // m5.large: (3 - r) x 9 + 2 while an ENI is left; 0 once none is (types.go:654-656).
        Assert.That(KarpenterMaxPods.For(InstanceCatalog.Embedded.Get("m5.large"), reservedEnis, kubeletMaxPods: null), Is.EqualTo(expected));
    }

    [Test]
    public void For_KubeletMaxPods_WinsAsWrittenEvenAboveTheEnis()
    {
        // pods(): "case maxPods != nil: count = maxPods" (types.go:737): no min with the ENI count, no 110 cap.
        Assert.That(KarpenterMaxPods.For(InstanceCatalog.Embedded.Get("m5.large"), reservedEnis: 1, kubeletMaxPods: 300), Is.EqualTo(300));
    }

    [Test]
    public void Plan_CustomNetworkingWithoutReservedEnis_BindsPodsTheEnisCannotAddress()
    {
        // Max pods 29 (RESERVED_ENIS 0), 2 host-network pods, so 27 pods per NodeClaim (CPU 38, memory 107 do not bind).
        // 100 pods: claims of 27, 27, 27 and 19, 4 nodes. Custom networking leaves 2 ENIs x 9 = 18 pod IPs a node:
        // 3 x (27 - 18) + (19 - 18) = 28 pods without an IP.
        var plan = Plan(CustomNetworking);
        var pool = plan.NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That((pool.Nodes, pool.Pods, pool.PodsPending, pool.PodsWithoutIp), Is.EqualTo((4, 100, 0, 28)));
            Assert.That(plan.Warnings.Select(w => (w.Code, w.Severity)), Does.Contain((FindingCodes.PodsWithoutIp, Severity.Error)));
            Assert.That(plan.Verdict, Does.StartWith("does not fit now: NodePool apps binds 28 pods to nodes that have no IP for them"));
            Assert.That(pool.Explanation, Does.Contain("28 of them get no IP"));
        });
    }

    [Test]
    public void Plan_CustomNetworkingWithOneReservedEni_LaunchesMoreNodesAndEveryPodGetsAnIp()
    {
        // Max pods (3 - 1) x 9 + 2 = 20, so 18 pods per claim: 18 x 5 + 10 = 100, 6 nodes, each within its 18 pod IPs.
        var plan = Plan(CustomNetworking + "karpenter:\n  reservedEnis: 1\n");
        var pool = plan.NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That((pool.Nodes, pool.Pods, pool.PodsWithoutIp), Is.EqualTo((6, 100, 0)));
            Assert.That(plan.Warnings.Select(w => w.Code), Does.Not.Contain(FindingCodes.PodsWithoutIp));
        });
    }

    [Test]
    public void Plan_KubeletMaxPods_SetsEveryNodesMaxPods()
    {
        // maxPods 20 on the EC2NodeClass gives the same 18 pods per node as RESERVED_ENIS=1: 6 nodes, none without an IP.
        var plan = Plan(CustomNetworking.Replace("    pods: { count: 100", "    maxPods: 20\n    pods: { count: 100", StringComparison.Ordinal));
        var pool = plan.NodePools.Single();
        Assert.That((pool.Nodes, pool.PodsWithoutIp), Is.EqualTo((6, 0)));
    }

    [Test]
    public void Plan_MultiNic_SecondCardAddressesThePodsTheFirstCannot()
    {
        // c6in.32xlarge: 8 ENIs x 50 IPv4 on each of two cards. Karpenter's max pods 8 x 49 + 2 = 394, so one NodeClaim
        // takes 392 pods (CPU 19.6 of 128 cores, memory 24.5 GiB: neither binds). Custom networking leaves card 0's
        // primary ENI without pods: 7 x 49 = 343 pod IPs, 392 - 343 = 49 pods without an IP. With multi-NIC a pod
        // that finds no IP on card 0 takes one on card 1 (rpc_handler.go:234-238@b52188387f2e), whose 8 x 49 = 392
        // IPs address all 49.
        var big = CustomNetworking.Replace("[m5.large]", "[c6in.32xlarge]", StringComparison.Ordinal).Replace("count: 100", "count: 392", StringComparison.Ordinal);
        var without = Plan(big).NodePools.Single();
        var with = Plan(big.Replace("  customNetworking: true\n", "  customNetworking: true\n  multiNic: true\n", StringComparison.Ordinal)).NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That((without.Nodes, without.PodsWithoutIp), Is.EqualTo((1, 49)));
            Assert.That((with.Nodes, with.PodsWithoutIp), Is.EqualTo((1, 0)));
        });
    }

    [Test]
    public void Plan_DaemonSetOffTheHostNetwork_TakesAMaxPodsSlotAndAnAddress()
    {
        // The r5.2xlarge example, in the research's correction: 56 pods of 100m/512Mi and a fluent-bit
        // DaemonSet (100m/200Mi, not host network) beside aws-node and kube-proxy (host network). Karpenter counts
        // all three against max pods 4 x 14 + 2 = 58, so a claim takes 55 pods; CPU 7910m and memory do not bind.
        // 56 pods: claims of 55 and 1. The 55-pod node has 55 + 1 (fluent-bit) = 56 VPC pods on 4 x 14 = 56 pod
        // IPs: none without an IP. With the DaemonSets list leaving kube-proxy out (only aws-node on the host
        // network), the claim takes 56 pods: 56 + 1 = 57 VPC pods on 56 IPs, 1 without an IP.
        const string daemonSets = "daemonSets:\n  - { name: aws-node, hostNetwork: true }\n  - { name: kube-proxy, hostNetwork: true }\n  - { name: fluent-bit, cpu: 100m, memory: 200Mi }\n";
        var text = Base.Replace("nodeGroups:", "nodePools:\n  - name: logs\n    instanceTypes: [r5.2xlarge]\n    subnets: [subnet-a, subnet-b]\n    pods: { count: 56, cpu: 100m, memory: 512Mi }\nnodeGroups:", StringComparison.Ordinal)
            .Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);
        var three = Plan(text + daemonSets).NodePools.Single();
        var two = Plan(text + daemonSets.Replace("  - { name: kube-proxy, hostNetwork: true }\n", "", StringComparison.Ordinal)).NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That((three.Nodes, three.PodsWithoutIp), Is.EqualTo((2, 0)));
            Assert.That((two.Nodes, two.PodsWithoutIp), Is.EqualTo((1, 1)));
        });
    }

    [Test]
    public void Recommend_CustomNetworking_OffersOneReservedEniAsTheFix()
    {
        // Target 110 pods (100 + 10 %). Current settings strand pods (27 bound, 18 addressed per node); with
        // RESERVED_ENIS=1 a claim takes 18 pods: 6 x 18 + 2 = 110, 7 nodes, every pod with an IP.
        var scenario = Load(CustomNetworking).Provisioned!;
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 10));
        var current = report.Strategies.Single(s => s.Name == "current settings");
        var fix = report.Strategies.Single(s => s.Name == "Karpenter max pods");
        Assert.Multiple(() =>
        {
            Assert.That((current.Fits, current.WhyNot), Is.EqualTo((false, (string?)"NodePool apps binds 36 pods to nodes that have no IP for them")));
            Assert.That((fix.Fits, fix.Nodes, fix.Pods), Is.EqualTo((true, 7, 110)));
            Assert.That(fix.Changes, Is.EqualTo(Items("karpenter.reservedEnis: 1 (was 0)")));
            Assert.That(report.Best, Is.EqualTo("Karpenter max pods"));
        });
    }

    [Test]
    public void Recommend_DaemonSetPodsOffTheHostNetwork_OffersTheNodeClassMaxPods()
    {
        // No custom networking, so RESERVED_ENIS does not apply. One host-network DaemonSet (aws-node) and one off it
        // (fluent-bit): Karpenter's max pods 58 on r5.2xlarge binds 58 - 1 - 1 = 56 pods beside them, 57 VPC pods on
        // 4 x 14 = 56 pod IPs. maxPods = 1 host-network pod + 56 pod IPs = 57 binds 55: 55 + 1 = 56 VPC pods, all
        // addressed. Target 62 pods (56 + 10 %, rounded up): claims of 55 and 7.
        var text = Base.Replace("nodeGroups:", "nodePools:\n  - name: logs\n    instanceTypes: [r5.2xlarge]\n    subnets: [subnet-a, subnet-b]\n    pods: { count: 56, cpu: 100m, memory: 512Mi }\nnodeGroups:", StringComparison.Ordinal)
            .Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal)
            + "daemonSets:\n  - { name: aws-node, hostNetwork: true }\n  - { name: fluent-bit, cpu: 100m, memory: 200Mi }\n";
        var scenario = Load(text).Provisioned!;
        var fix = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 10)).Strategies.Single(s => s.Name == "Karpenter max pods");
        Assert.Multiple(() =>
        {
            Assert.That((fix.Fits, fix.Nodes, fix.Pods), Is.EqualTo((true, 2, 62 + 2)));
            Assert.That(fix.Changes, Is.EqualTo(Items("nodePools[logs].maxPods: 57 (1 host-network pod + 56 pod IPs, the fewest of its types)")));
        });
    }
}
