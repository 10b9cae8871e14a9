using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Model;

/// <summary>
/// A group of identical EC2 nodes (a managed node group or ASG) as the scenario file writes it: its instance type,
/// subnets, how many nodes it has now and may grow to, and the pods each node runs. What Kubernetes makes of it (pods
/// per node from requests and DaemonSets) is the <c>NodeGroup</c> the engine runs (Kubernetes/NodeGroup.cs).
/// </summary>
public sealed record NodeGroupSpec
{
    /// <summary>Host-network pods per node when the file does not say (aws-node and kube-proxy).</summary>
    public const int DefaultHostNetworkPodsPerNode = Cni.MaxPodsCalculator.HostNetworkPods;

    /// <summary>The node group's name, unique in the scenario.</summary>
    public required string Name { get; init; }

    /// <summary>The instance type as written, e.g. <c>m5.large</c>.</summary>
    public required string InstanceType { get; init; }

    /// <summary>
    /// The instance type's network limits, resolved from the catalog: with <see cref="InstanceTypes"/>, the first of the
    /// list, the type a managed node group's on-demand nodes launch as (its allocation strategy is <c>prioritized</c>).
    /// </summary>
    public required InstanceType Type { get; init; }

    /// <summary>
    /// A managed node group's <c>instanceTypes</c> as written, in order, when the file lists several (the first is
    /// <see cref="Type"/>); empty for one <c>instanceType</c>.
    /// </summary>
    public IReadOnlyList<InstanceType> InstanceTypes { get; init; } = [];

    /// <summary>Subnet ids the nodes launch in (their primary ENI's subnet).</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>Nodes running now.</summary>
    public int Nodes { get; init; }

    /// <summary>The most nodes the group may scale to (at least <see cref="Nodes"/>).</summary>
    public int MaxNodes { get; init; }

    /// <summary>A kubelet maxPods override; null means the max-pods formula decides.</summary>
    public int? MaxPods { get; init; }

    /// <summary>The workload's pods per node as the file gives them (<c>podsPerNode</c>); 0 when it gives <see cref="PodRequests"/> instead.</summary>
    public int PodsPerNode { get; init; }

    /// <summary>What one workload pod requests, when the file gives <c>podRequests</c> instead of <c>podsPerNode</c>.</summary>
    public PodRequests? PodRequests { get; init; }

    /// <summary>Pods per node on the host network as the file gives them (a <c>daemonSets</c> list, when given, decides instead).</summary>
    public int HostNetworkPodsPerNode { get; init; } = DefaultHostNetworkPodsPerNode;

    /// <summary>Pods per node with their own security group (a branch ENI each, no warm-pool IP).</summary>
    public int SecurityGroupPodsPerNode { get; init; }

    /// <summary>
    /// ENIs per node that ipamd must not manage (tag <c>node.k8s.amazonaws.com/no_manage=true</c>): each takes an ENI
    /// slot and its primary address in the node subnet, never a pod.
    /// </summary>
    public int UnmanagedEnis { get; init; }

    /// <summary>How the group's pods grow each month (for <c>runway</c>); null when the file does not say.</summary>
    public GrowthRate? Growth { get; init; }

    /// <summary>How EKS replaces the nodes in a version update (<c>updateConfig</c>); null: EKS's default (1 node, DEFAULT).</summary>
    public UpdateConfigSpec? UpdateConfig { get; init; }

    /// <summary>The cluster of the file this node group belongs to; null for the scenario's first (or only) cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>The line of the node group's entry.</summary>
    public int SourceLine { get; init; }
}
