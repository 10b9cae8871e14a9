using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Model;

/// <summary>
/// A group of identical EC2 nodes (a managed node group, Karpenter pool or ASG): its instance type, subnets,
/// how many nodes it has now and may grow to, and the pods each node runs.
/// </summary>
public sealed record NodeGroupSpec
{
    /// <summary>Host-network pods per node when the file does not say (aws-node and kube-proxy).</summary>
    public const int DefaultHostNetworkPodsPerNode = Cni.MaxPodsCalculator.HostNetworkPods;

    /// <summary>The node group's name, unique in the scenario.</summary>
    public required string Name { get; init; }

    /// <summary>The instance type as written, e.g. <c>m5.large</c>.</summary>
    public required string InstanceType { get; init; }

    /// <summary>The instance type's network limits, resolved from the catalog.</summary>
    public required InstanceType Type { get; init; }

    /// <summary>Subnet ids the nodes launch in (their primary ENI's subnet).</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>Nodes running now.</summary>
    public int Nodes { get; init; }

    /// <summary>The most nodes the group may scale to (at least <see cref="Nodes"/>).</summary>
    public int MaxNodes { get; init; }

    /// <summary>A kubelet maxPods override; null means the max-pods formula decides.</summary>
    public int? MaxPods { get; init; }

    /// <summary>
    /// Pods per node that need a VPC IP from the warm pool: the workload's (given, or derived from
    /// <see cref="PodRequests"/>) plus the DaemonSet pods off the host network.
    /// </summary>
    public int PodsPerNode { get; init; }

    /// <summary>What one workload pod requests, when the file gives <c>podRequests</c> instead of <c>podsPerNode</c>.</summary>
    public PodRequests? PodRequests { get; init; }

    /// <summary>How the workload's pods per node were derived from <see cref="PodRequests"/>; null when given by hand.</summary>
    public Kubernetes.PodsPerNodeFit? PodsPerNodeFit { get; init; }

    /// <summary>DaemonSet pods per node that take a VPC IP (counted in <see cref="PodsPerNode"/>).</summary>
    public int DaemonSetIpPodsPerNode { get; init; }

    /// <summary>The workload's pods per node: <see cref="PodsPerNode"/> without the DaemonSets' VPC-IP pods.</summary>
    public int WorkloadPodsPerNode => PodsPerNode - DaemonSetIpPodsPerNode;

    /// <summary>Pods per node on the host network (they use the node's IP, not the pool).</summary>
    public int HostNetworkPodsPerNode { get; init; } = DefaultHostNetworkPodsPerNode;

    /// <summary>Pods per node with their own security group (a branch ENI each, no warm-pool IP).</summary>
    public int SecurityGroupPodsPerNode { get; init; }

    /// <summary>How the group's pods grow each month (for <c>runway</c>); null when the file does not say.</summary>
    public GrowthRate? Growth { get; init; }

    /// <summary>The Karpenter NodePool whose NodeClaims this group stands for; null for a node group of the file.</summary>
    public string? NodePool { get; init; }

    /// <summary>The line of the node group's entry.</summary>
    public int SourceLine { get; init; }
}
