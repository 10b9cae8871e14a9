using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// What every NodePool of a scenario is provisioned under: the cluster's VPC CNI settings, its DaemonSets, the VM
/// memory overhead, the Karpenter controller's settings and whether the cluster runs EKS Auto Mode (whose NodePools'
/// nodes run Auto Mode's networking instead of the VPC CNI add-on, docs/auto-mode.md).
/// </summary>
public sealed record NodePoolEnvironment
{
    /// <summary>The cluster's VPC CNI settings.</summary>
    public CniSettings Cni { get; init; } = CniSettings.Default;

    /// <summary>The DaemonSets on every node, when the scenario lists them.</summary>
    public IReadOnlyList<DaemonSetSpec>? DaemonSets { get; init; }

    /// <summary>Karpenter's VM memory overhead, a fraction.</summary>
    public double VmMemoryOverheadPercent { get; init; } = AllocatableRule.DefaultVmMemoryOverheadPercent;

    /// <summary>The Karpenter controller's settings (<c>RESERVED_ENIS</c>).</summary>
    public KarpenterSpec Karpenter { get; init; } = KarpenterSpec.Default;

    /// <summary>True for an EKS Auto Mode cluster (<c>cluster.autoMode</c>).</summary>
    public bool AutoMode { get; init; }

    /// <summary>The scenario's subnets, for the zones of Auto Mode pod subnets.</summary>
    public IReadOnlyList<SubnetSpec> Subnets { get; init; } = [];

    /// <summary>
    /// The settings the nodes of <paramref name="pool"/> run: on an Auto Mode cluster Auto Mode's networking for its
    /// NodeClass (the first pod subnet listed for each zone serves that zone's nodes), else the cluster's VPC CNI.
    /// </summary>
    public CniSettings CniFor(NodePoolSpec pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!AutoMode)
        {
            return Cni;
        }

        var byZone = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in pool.NodeClass?.PodSubnets ?? [])
        {
            if (Subnets.FirstOrDefault(s => s.Id == id) is { } subnet)
            {
                byZone.TryAdd(subnet.Zone, id);
            }
        }

        return AutoModeNetworking.Settings(pool.NodeClass?.Ipv4PrefixSize ?? Ipv4PrefixSize.Auto, byZone);
    }

    /// <summary>
    /// Max pods of a node of <paramref name="type"/> launched by <paramref name="pool"/>, whose nodes run
    /// <paramref name="nodeCni"/> (<see cref="CniFor"/>): Auto Mode's (the max-pods calculation for its mode, at most
    /// 110), or Karpenter's (<see cref="KarpenterMaxPods"/>).
    /// </summary>
    public int MaxPods(InstanceType type, NodePoolSpec pool, CniSettings nodeCni)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(nodeCni);
        return nodeCni.AutoMode
            ? MaxPodsCalculator.Calculate(type, MaxPodsOptions.For(nodeCni, kubeletMaxPods: null)).MaxPods
            : KarpenterMaxPods.For(type, Karpenter.ReservedEnis, pool.MaxPods);
    }
}
