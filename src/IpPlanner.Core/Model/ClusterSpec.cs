
namespace IpPlanner.Core.Model;

/// <summary>The IP family of a cluster's pods and services.</summary>
public enum IpFamily
{
    /// <summary>Pods get IPv4 addresses from the VPC (the case IpPlanner is about).</summary>
    Ipv4,

    /// <summary>Pods get IPv6 addresses from a /80 per node; each node still takes one IPv4.</summary>
    Ipv6,
}

/// <summary>An EKS cluster itself: its name, IP family and the subnets its control plane ENIs go to.</summary>
public sealed record ClusterSpec
{
    /// <summary>The cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>ipv4 or ipv6.</summary>
    public IpFamily IpFamily { get; init; } = IpFamily.Ipv4;

    /// <summary>Subnet ids of the cluster (control plane ENI) subnets: at least two zones.</summary>
    public required IReadOnlyList<string> ControlPlaneSubnets { get; init; }

    /// <summary>
    /// EKS Auto Mode (<c>computeConfig.enabled</c>): the NodePools' nodes run Auto Mode's networking, not the VPC CNI
    /// add-on of <c>cni</c> (docs/auto-mode.md).
    /// </summary>
    public bool AutoMode { get; init; }

    /// <summary>The line of the <c>cluster</c> section (0 when built in code).</summary>
    public int SourceLine { get; init; }
}

/// <summary>
/// A cluster of the scenario after its first (<c>Scenario.Cluster</c>), in the same VPC: its spec, its VPC CNI settings
/// and DaemonSets. Its node groups, NodePools, Fargate profiles and workloads are in the scenario's lists, each naming
/// it in its <c>Cluster</c>.
/// </summary>
public sealed record OtherCluster
{
    /// <summary>The cluster's name, IP family and control plane subnets.</summary>
    public required ClusterSpec Spec { get; init; }

    /// <summary>The cluster's VPC CNI (aws-node) settings.</summary>
    public Cni.CniSettings Cni { get; init; } = IpPlanner.Core.Cni.CniSettings.Default;

    /// <summary>The cluster's DaemonSets when its entry lists them, else null.</summary>
    public IReadOnlyList<DaemonSetSpec>? DaemonSets { get; init; }

    /// <summary>The cluster's Karpenter controller settings (<c>karpenter.reservedEnis</c>).</summary>
    public KarpenterSpec Karpenter { get; init; } = KarpenterSpec.Default;

    /// <summary>The cluster's name.</summary>
    public string Name => Spec.Name;
}
