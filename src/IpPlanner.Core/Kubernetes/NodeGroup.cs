using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// A node group as its nodes run: the <see cref="Spec"/> (the file's node group, or the NodeClaims of one shape a
/// NodePool launched) and what Kubernetes puts on each node: the workload's pods (given, or fitted from pod requests),
/// the DaemonSets' pods and the host-network pods. The engine starts nodes of these, never of the spec itself.
/// </summary>
public sealed record NodeGroup
{
    /// <summary>The node group as written (for a NodePool's nodes, as its NodeClaims amount to one).</summary>
    public required NodeGroupSpec Spec { get; init; }

    /// <summary>
    /// Pods per node that need a VPC IP from the warm pool: the workload's (given, or derived from
    /// <see cref="PodRequests"/>) plus the DaemonSet pods off the host network.
    /// </summary>
    public int PodsPerNode { get; init; }

    /// <summary>Pods per node on the host network (the DaemonSets' when the scenario lists them; they use the node's IP).</summary>
    public int HostNetworkPodsPerNode { get; init; } = NodeGroupSpec.DefaultHostNetworkPodsPerNode;

    /// <summary>DaemonSet pods per node that take a VPC IP (counted in <see cref="PodsPerNode"/>).</summary>
    public int DaemonSetIpPodsPerNode { get; init; }

    /// <summary>How the workload's pods per node were derived from <see cref="PodRequests"/>; null when given by hand.</summary>
    public PodsPerNodeFit? PodsPerNodeFit { get; init; }

    /// <summary>The Karpenter NodePool whose NodeClaims this group stands for; null for a node group of the file.</summary>
    public string? NodePool { get; init; }

    /// <summary>
    /// The CNI settings this group's nodes run when they are not the cluster's (an EKS Auto Mode NodePool's nodes run
    /// Auto Mode's networking, docs/auto-mode.md); null: the cluster's <c>cni</c>.
    /// </summary>
    public CniSettings? Cni { get; init; }

    /// <summary>The settings this group's nodes run in a cluster whose VPC CNI runs <paramref name="cluster"/>.</summary>
    public CniSettings CniIn(CniSettings cluster) => Cni ?? cluster;

    /// <summary>The workload's pods per node: <see cref="PodsPerNode"/> without the DaemonSets' VPC-IP pods.</summary>
    public int WorkloadPodsPerNode => PodsPerNode - DaemonSetIpPodsPerNode;

    /// <summary>The node group's name, unique in the scenario.</summary>
    public string Name => Spec.Name;

    /// <summary>The instance type as written, e.g. <c>m5.large</c>.</summary>
    public string InstanceType => Spec.InstanceType;

    /// <summary>The instance type's network limits.</summary>
    public InstanceType Type => Spec.Type;

    /// <summary>Subnet ids the nodes launch in (their primary ENI's subnet).</summary>
    public IReadOnlyList<string> Subnets => Spec.Subnets;

    /// <summary>Nodes running now.</summary>
    public int Nodes => Spec.Nodes;

    /// <summary>The most nodes the group may scale to.</summary>
    public int MaxNodes => Spec.MaxNodes;

    /// <summary>A kubelet maxPods override; null means the max-pods formula decides.</summary>
    public int? MaxPods => Spec.MaxPods;

    /// <summary>
    /// The kubelet's max pods on every node as set from outside the formula, in a cluster whose VPC CNI runs
    /// <paramref name="clusterCni"/>: the file's <c>maxPods</c>, else, for a group listing several instance types, the
    /// smallest max pods of its list (<see cref="ManagedNodeGroupMaxPods"/>); null when the formula for the type decides.
    /// </summary>
    public int? KubeletMaxPods(CniSettings clusterCni) =>
        Spec.MaxPods ?? (Spec.InstanceTypes.Count > 1 ? ManagedNodeGroupMaxPods.Smallest(Spec.InstanceTypes, CniIn(clusterCni)) : null);

    /// <summary>What one workload pod requests, when pods per node come from requests.</summary>
    public PodRequests? PodRequests => Spec.PodRequests;

    /// <summary>Pods per node with their own security group (a branch ENI each, no warm-pool IP).</summary>
    public int SecurityGroupPodsPerNode => Spec.SecurityGroupPodsPerNode;

    /// <summary>ENIs per node ipamd does not manage (an ENI slot and an address each, never a pod).</summary>
    public int UnmanagedEnis => Spec.UnmanagedEnis;

    /// <summary>How the group's pods grow each month (for <c>runway</c>); null when the file does not say.</summary>
    public GrowthRate? Growth => Spec.Growth;

    /// <summary>The line of the node group's entry (of the NodePool's, for its nodes).</summary>
    public int SourceLine => Spec.SourceLine;

    /// <summary>
    /// The group of the file's <paramref name="spec"/> as it runs in <paramref name="scenario"/>: host-network pods from
    /// the DaemonSets when listed, and pods per node fitted from the requests when the file gives requests
    /// (docs/requests.md), plus the DaemonSets' VPC-IP pods.
    /// </summary>
    public static NodeGroup Of(NodeGroupSpec spec, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(scenario);
        var daemonSets = scenario.DaemonSetsOf(spec.Cluster);
        var hostNetwork = PodsPerNodeRule.HostNetworkPods(daemonSets, spec.HostNetworkPodsPerNode);
        var daemonIps = PodsPerNodeRule.DaemonSetIpPods(daemonSets);
        var fit = spec.PodRequests is { } pod
            ? PodsPerNodeRule.Fit(spec.Type, scenario.CniOf(spec.Cluster), spec.MaxPods ?? (spec.InstanceTypes.Count > 1 ? ManagedNodeGroupMaxPods.Smallest(spec.InstanceTypes, scenario.CniOf(spec.Cluster)) : null), pod, daemonSets, hostNetwork, spec.SecurityGroupPodsPerNode, scenario.VmMemoryOverheadPercent)
            : null;
        return new NodeGroup
        {
            Spec = spec,
            PodsPerNodeFit = fit,
            DaemonSetIpPodsPerNode = daemonIps,
            PodsPerNode = (fit?.Pods ?? spec.PodsPerNode) + daemonIps,
            HostNetworkPodsPerNode = hostNetwork,
        };
    }
}
