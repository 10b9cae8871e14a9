using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Benchmarks.Cni;

/// <summary>
/// One pod add + reconcile to steady state (and its delete, so every iteration starts from the same state) on a node
/// already at steady state: the step a whole-cluster or Monte Carlo run repeats millions of times.
/// </summary>
[MemoryDiagnoser]
public class NodePodAddBenchmarks
{
    private VpcCniNode _secondary = null!;
    private VpcCniNode _prefix = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Cooldown 0 so that the deleted pod's IP is free again at once and the pool stays put.
        _secondary = Build(CniSettings.Default with { IpCooldownSeconds = 0 }, pods: 12);
        _prefix = Build(CniSettings.Default with { IpCooldownSeconds = 0, PrefixDelegation = true }, pods: 40);
    }

    private static VpcCniNode Build(CniSettings settings, int pods)
    {
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/16");
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("m5.large"), settings, new NodePlacement(subnet));
        node.ReconcileToSteadyState();
        for (var i = 0; i < pods; i++)
        {
            node.AddPod(out _);
        }

        return node;
    }

    [Benchmark(Baseline = true, Description = "secondary IP, WARM_ENI_TARGET=1")]
    public uint AddPodAndReconcile_Secondary() => Cycle(_secondary);

    [Benchmark(Description = "prefix, WARM_PREFIX_TARGET=1")]
    public uint AddPodAndReconcile_Prefix() => Cycle(_prefix);

    private static uint Cycle(VpcCniNode node)
    {
        node.AddPod(out var pod);
        node.RemovePod(pod);
        node.Reconcile();
        return pod.Address;
    }
}
