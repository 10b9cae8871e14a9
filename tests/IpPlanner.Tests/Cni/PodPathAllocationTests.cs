using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using NUnit.Framework;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// A pod added to and deleted from a node at steady state allocates nothing: the step churn and Monte Carlo runs repeat
/// millions of times (benchmarks/IpPlanner.Benchmarks/Cni/NodePodAddBenchmarks.cs measures its time; this holds its
/// allocations at zero, which a byte count shows on any machine, loaded or not). A lambda that captured the pod's ENI
/// in <see cref="VpcCniNode.RemovePod"/> once cost 24 bytes a delete.
/// </summary>
public class PodPathAllocationTests
{
    private const int Cycles = 1_000;

    private static long BytesPerCycles(VpcCniNode node)
    {
        // Warm up first, so the first calls' one-time work (static state, tiered compilation stubs) is not counted.
        Cycle(node, Cycles);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Cycle(node, Cycles);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Cycle(VpcCniNode node, int count)
    {
        for (var i = 0; i < count; i++)
        {
            node.AddPod(out var pod);
            node.RemovePod(pod);
            node.Reconcile();
        }
    }

    private static VpcCniNode Node(string type, CniSettings settings, int pods, string cidr = "10.0.0.0/16")
    {
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get(type), settings, new NodePlacement(SubnetAddressSpace.Parse(cidr)));
        node.ReconcileToSteadyState();
        for (var i = 0; i < pods; i++)
        {
            node.AddPod(out _);
        }

        return node;
    }

    [Test]
    public void AddRemoveReconcile_SecondaryIps_AllocatesNothing() =>
        Assert.That(BytesPerCycles(Node("m5.large", CniSettings.Default with { IpCooldownSeconds = 0 }, pods: 12)), Is.Zero);

    [Test]
    public void AddRemoveReconcile_Prefixes_AllocatesNothing() =>
        Assert.That(BytesPerCycles(Node("m5.large", CniSettings.Default with { IpCooldownSeconds = 0, PrefixDelegation = true }, pods: 40)), Is.Zero);

    [Test]
    public void AddRemoveReconcile_PodOnTheSecondNetworkCard_AllocatesNothing()
    {
        // c6in.32xlarge, multi-NIC, custom networking, MAX_ENI=2 (as MultiNicTests.Node_PodLeavesTheSecondCard_ItsAddressIsFreeAgain):
        // card 0's one pod ENI holds 49 pod IPs, so with 49 pods running the pod of every cycle takes card 1's address
        // and its delete goes through card 1's pool.
        var placement = new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/24")) { EniConfigSubnet = SubnetAddressSpace.Parse("100.64.0.0/24") };
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("c6in.32xlarge"), CniSettings.Default with { IpCooldownSeconds = 0, MultiNic = true, CustomNetworking = true, MaxEni = 2 }, placement, kubeletMaxPods: 110);
        node.ReconcileToSteadyState();
        for (var i = 0; i < 49; i++)
        {
            node.AddPod(out _);
        }

        node.AddPod(out var probe);
        Assert.That(probe.Eni?.NetworkCard, Is.EqualTo(1), "the cycle's pod lands on card 1");
        node.RemovePod(probe);
        Assert.That(BytesPerCycles(node), Is.Zero);
    }
}
