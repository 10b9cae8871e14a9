using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// EKS Auto Mode's networking as the node model runs it (docs/auto-mode.md). What AWS documents: prefixes first,
/// "If prefixes are no longer available in the subnet, the service falls back to secondary IPv4 addresses" (EKS User
/// Guide, auto-networking), "EKS limits the maximum number of pods on a node to 110. This limit is applied after the
/// existing max pods calculation" (create-node-class). The warm pool sizes (one spare /28, then one spare address) are
/// IpPlanner's stated assumption, so the counts below follow from them.
/// </summary>
public class AutoModeTests
{
    private static readonly InstanceType M5Large = InstanceCatalog.Embedded.Get("m5.large");

    private static MaxPodsResult MaxPods(string type, Ipv4PrefixSize size) =>
        MaxPodsCalculator.Calculate(InstanceCatalog.Embedded.Get(type), MaxPodsOptions.For(AutoModeNetworking.Settings(size), kubeletMaxPods: null));

    [Test]
    public void MaxPods_SingleAddressesOnM5Large_Is29()
    {
        // ipv4PrefixSize "32": the secondary-IP calculation, 3 ENIs x (10 - 1) + 2 = 29, under the 110 cap.
        Assert.That(MaxPods("m5.large", Ipv4PrefixSize.SingleAddresses).MaxPods, Is.EqualTo(29));
    }

    [TestCase("m5.large", 110)]
    [TestCase("m5.24xlarge", 110)]
    public void MaxPods_Prefixes_CappedAt110WhateverTheVcpus(string type, int expected)
    {
        // m5.large: 3 x 9 x 16 + 2 = 434; m5.24xlarge (96 vCPUs, where the VPC CNI's recommended cap is 250):
        // 15 x 49 x 16 + 2 = 11,762. Auto Mode caps both at 110.
        Assert.That(MaxPods(type, Ipv4PrefixSize.Auto).MaxPods, Is.EqualTo(expected));
    }

    [Test]
    public void MaxPods_SingleAddressesOnALargeType_CappedAt110NotAt250()
    {
        // m5.24xlarge "32": 15 x 49 + 2 = 737; the VPC CNI would cap it at 250 (over 30 vCPUs), Auto Mode at 110.
        Assert.That(MaxPods("m5.24xlarge", Ipv4PrefixSize.SingleAddresses).MaxPods, Is.EqualTo(110));
    }

    [Test]
    public void Node_SubnetWithSingleAddressesButNoFreeSlash28_StartsAndRunsItsPodsOnSingleAddresses()
    {
        // 10.0.0.0/27 holds two /28s: AWS reserves .0-.3 in the first and .31 in the second, so no /28 is fully free,
        // while 27 single addresses are. The node takes .4 as its IP; its first /28 fails with InsufficientCidrBlocks,
        // so it falls back: one spare address, then one more per pod. 5 pods: 5 + 1 spare = 6 single addresses.
        var node = new VpcCniNode(M5Large, AutoModeNetworking.Settings(Ipv4PrefixSize.Auto), new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/27")));
        node.ReconcileToSteadyState();
        var failures = Enumerable.Range(0, 5).Select(_ => node.AddPod(out PodIp _)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(node.Started, Is.True);
            Assert.That(failures, Has.All.EqualTo(PodFailure.None));
            Assert.That(node.FellBackToSingleAddresses, Is.True);
            Assert.That(node.Enis.ToArray().Select(e => (e.HoldsPrefixes, e.Slots, e.Pods)), Is.EqualTo(new[] { (false, 6, 5) }));
            Assert.That(node.MaxPods, Is.EqualTo(110));
        });
    }

    [Test]
    public void Node_FreeSlash28s_HoldsPrefixesWithOneSpare()
    {
        // A /24 has free /28s: no fall-back. 5 pods fill part of one /28, and one spare /28 is kept: 2 prefixes.
        var node = new VpcCniNode(M5Large, AutoModeNetworking.Settings(Ipv4PrefixSize.Auto), new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/24")));
        node.ReconcileToSteadyState();
        for (var p = 0; p < 5; p++)
        {
            Assert.That(node.AddPod(out _), Is.EqualTo(PodFailure.None));
        }

        Assert.That((node.FellBackToSingleAddresses, node.Enis.Length, node.Enis[0].HoldsPrefixes, node.Enis[0].Slots), Is.EqualTo((false, 1, true, 2)));
    }

    [Test]
    public void Node_Slash28sRunOutLater_KeepsThemAndAddsSingleAddressesOnANewEni()
    {
        // 10.0.0.0/26: of its four /28s the first holds the reserved .0-.3 and the node IP, the last the reserved .63,
        // so two are free (.16 and .32). Start: one /28; the first pod leaves none spare, so the second /28 is taken.
        // Pod 17 starts on the second /28 and the next /28 fails: the node falls back and keeps both /28s (15 spare
        // addresses, no growth). Pod 32 uses the last of them; the spare address then comes on a new ENI (ENI 0 holds
        // /28s and takes no single addresses in the model). Pods 33 to 40 use it: 8 pods + 1 spare = 9 addresses, a
        // full m5.large ENI.
        var node = new VpcCniNode(M5Large, AutoModeNetworking.Settings(Ipv4PrefixSize.Auto), new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/26")));
        node.ReconcileToSteadyState();
        for (var p = 0; p < 40; p++)
        {
            Assert.That(node.AddPod(out _), Is.EqualTo(PodFailure.None), $"pod {p + 1}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(node.FellBackToSingleAddresses, Is.True);
            Assert.That(node.Enis.ToArray().Select(e => (e.HoldsPrefixes, e.Slots, e.Pods)), Is.EqualTo(new[] { (true, 2, 32), (false, 9, 8) }));
            Assert.That(node.SubnetIpsUsed, Is.EqualTo(2 + 32 + 9));
        });
    }

    [Test]
    public void Node_SingleAddressMode_KeepsOneSpareAddress()
    {
        // ipv4PrefixSize "32" (assumed WARM_IP_TARGET=1): 5 pods hold 6 addresses on the primary ENI, no /28 asked for.
        var node = new VpcCniNode(M5Large, AutoModeNetworking.Settings(Ipv4PrefixSize.SingleAddresses), new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/24")));
        node.ReconcileToSteadyState();
        for (var p = 0; p < 5; p++)
        {
            node.AddPod(out _);
        }

        Assert.That((node.FellBackToSingleAddresses, node.TotalIps, node.Enis[0].HoldsPrefixes), Is.EqualTo((false, 6, false)));
    }
}
