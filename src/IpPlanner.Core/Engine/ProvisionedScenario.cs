using IpPlanner.Core.Cni;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Engine;

/// <summary>
/// A scenario as the engine runs it: the user's <see cref="Model.Scenario"/> with what Kubernetes and Karpenter make of
/// it, each node group's pods per node (<see cref="NodeGroups"/>) and each NodePool's NodeClaims placed in subnets
/// (<see cref="NodePools"/>). Built once from the scenario (<see cref="Of"/>); the planner's what-ifs change it with
/// <c>with</c> like any record, and <see cref="Scenario"/> gives back the scenario as a file would write it.
/// </summary>
public sealed record ProvisionedScenario
{
    // The scenario's sections other than its node groups and NodePools, which are the lists below (their specs).
    private readonly Scenario _rest;

    private ProvisionedScenario(Scenario rest) => _rest = rest with { NodeGroups = [], NodePools = [] };

    /// <summary>The file's node groups as they run, in file order: the same groups, by name, as the scenario's.</summary>
    public required IReadOnlyList<NodeGroup> NodeGroups { get; init; }

    /// <summary>The NodePools as Karpenter provisions them, in file order, each with the node groups its NodeClaims make.</summary>
    public required IReadOnlyList<ProvisionedNodePool> NodePools { get; init; }

    /// <summary>
    /// Every node group the engine starts, in the order it starts them: the file's, then each NodePool's. Made on each
    /// call; a loop holds on to it.
    /// </summary>
    /// <remarks>
    /// With several clusters they start cluster by cluster in file order, each cluster's node groups and then its
    /// NodePools' (docs/rules.md, "Several clusters in one VPC").
    /// </remarks>
    public IReadOnlyList<NodeGroup> AllNodeGroups =>
        _rest.OtherClusters.Count > 0
            ? [.. _rest.ClusterNames.SelectMany(c => NodeGroups.Where(g => IsOf(g, c)).Concat(NodePools.Where(p => IsOf(p.Spec.Cluster, c)).SelectMany(p => p.NodeGroups)))]
            : NodePools.Count == 0 ? NodeGroups : [.. NodeGroups, .. NodePools.SelectMany(p => p.NodeGroups)];

    private bool IsOf(NodeGroup group, string cluster) => IsOf(group.Spec.Cluster, cluster);

    private bool IsOf(string? itemCluster, string cluster) => string.Equals(_rest.ClusterNameOf(itemCluster), cluster, StringComparison.Ordinal);

    /// <summary>The scenario as a file writes it: the sections below and the specs of the node groups and NodePools.</summary>
    public Scenario Scenario => _rest with { NodeGroups = [.. NodeGroups.Select(g => g.Spec)], NodePools = [.. NodePools.Select(p => p.Spec)] };

    /// <summary>The file it was loaded from ("" when built in code).</summary>
    public string SourceFile { get => _rest.SourceFile; init => _rest = _rest with { SourceFile = value }; }

    /// <summary>Where each field was written, for messages about it.</summary>
    public SourceMap Source { get => _rest.Source; init => _rest = _rest with { Source = value }; }

    /// <summary>The cluster (the file's first, when it lists several).</summary>
    public ClusterSpec Cluster { get => _rest.Cluster; init => _rest = _rest with { Cluster = value }; }

    /// <summary>The file's clusters after the first.</summary>
    public IReadOnlyList<OtherCluster> OtherClusters { get => _rest.OtherClusters; init => _rest = _rest with { OtherClusters = value }; }

    /// <summary>
    /// What other clusters of the VPC hold when this scenario is one cluster of a shared VPC planned alone
    /// (<see cref="ClusterFocus"/>); null otherwise.
    /// </summary>
    public VpcBackground? Background { get; init; }

    /// <summary>Every cluster's name, in file order.</summary>
    public IReadOnlyList<string> ClusterNames => _rest.ClusterNames;

    /// <summary>True when the scenario holds more than one cluster.</summary>
    public bool HasSeveralClusters => _rest.HasSeveralClusters;

    /// <summary>The name of the cluster an item naming <paramref name="cluster"/> belongs to (null: the first).</summary>
    public string ClusterNameOf(string? cluster) => _rest.ClusterNameOf(cluster);

    /// <summary>The cluster <paramref name="group"/> belongs to.</summary>
    public string ClusterNameOf(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return _rest.ClusterNameOf(group.Spec.Cluster);
    }

    /// <summary>The position of cluster <paramref name="cluster"/> in file order (null: 0).</summary>
    public int ClusterIndexOf(string? cluster) => _rest.ClusterIndexOf(cluster);

    /// <summary>The spec of cluster <paramref name="cluster"/> (null: the first).</summary>
    public ClusterSpec ClusterSpecOf(string? cluster) => _rest.ClusterSpecOf(cluster);

    /// <summary>The VPC CNI settings of cluster <paramref name="cluster"/> (null: the first).</summary>
    public CniSettings CniOf(string? cluster) => _rest.CniOf(cluster);

    /// <summary>The VPC CNI settings the nodes of <paramref name="group"/> run with: its cluster's.</summary>
    public CniSettings CniOf(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return _rest.CniOf(group.Spec.Cluster);
    }

    /// <summary>The DaemonSets of cluster <paramref name="cluster"/> (null: the first).</summary>
    public IReadOnlyList<DaemonSetSpec>? DaemonSetsOf(string? cluster) => _rest.DaemonSetsOf(cluster);

    /// <summary>The VPC's CIDR blocks.</summary>
    public VpcSpec Vpc { get => _rest.Vpc; init => _rest = _rest with { Vpc = value }; }

    /// <summary>Every subnet, in file order.</summary>
    public IReadOnlyList<SubnetSpec> Subnets { get => _rest.Subnets; init => _rest = _rest with { Subnets = value }; }

    /// <summary>The VPC CNI (aws-node) settings.</summary>
    public CniSettings Cni { get => _rest.Cni; init => _rest = _rest with { Cni = value }; }

    /// <summary>The Karpenter controller's settings.</summary>
    public KarpenterSpec Karpenter { get => _rest.Karpenter; init => _rest = _rest with { Karpenter = value }; }

    /// <summary>What the first cluster's NodePools are provisioned under (<see cref="NodePoolEnvironmentOf(string?)"/>).</summary>
    public NodePoolEnvironment NodePoolEnvironment => NodePoolEnvironmentOf((string?)null);

    /// <summary>
    /// What the NodePools of cluster <paramref name="cluster"/> (null: the first) are provisioned under: that cluster's
    /// CNI, DaemonSets, Karpenter settings and Auto Mode, as <see cref="KarpenterProvisioner"/> takes them.
    /// </summary>
    public NodePoolEnvironment NodePoolEnvironmentOf(string? cluster) => new()
    {
        Cni = CniOf(cluster),
        DaemonSets = DaemonSetsOf(cluster),
        VmMemoryOverheadPercent = VmMemoryOverheadPercent,
        Karpenter = _rest.KarpenterOf(cluster),
        AutoMode = ClusterSpecOf(cluster).AutoMode,
        Subnets = Subnets,
    };

    /// <summary>What the NodePool <paramref name="pool"/> is provisioned under: its cluster's (<see cref="NodePoolEnvironmentOf(string?)"/>).</summary>
    public NodePoolEnvironment NodePoolEnvironmentOf(NodePoolSpec pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return NodePoolEnvironmentOf(pool.Cluster);
    }

    /// <summary>The DaemonSets on every node when the file lists them, else null.</summary>
    public IReadOnlyList<DaemonSetSpec>? DaemonSets { get => _rest.DaemonSets; init => _rest = _rest with { DaemonSets = value }; }

    /// <summary>The share of nominal memory the hypervisor keeps (a fraction).</summary>
    public double VmMemoryOverheadPercent { get => _rest.VmMemoryOverheadPercent; init => _rest = _rest with { VmMemoryOverheadPercent = value }; }

    /// <summary>Fargate profiles.</summary>
    public IReadOnlyList<FargateProfileSpec> FargateProfiles { get => _rest.FargateProfiles; init => _rest = _rest with { FargateProfiles = value }; }

    /// <summary>Load balancers.</summary>
    public IReadOnlyList<LoadBalancerSpec> LoadBalancers { get => _rest.LoadBalancers; init => _rest = _rest with { LoadBalancers = value }; }

    /// <summary>VPC endpoints.</summary>
    public IReadOnlyList<EndpointSpec> Endpoints { get => _rest.Endpoints; init => _rest = _rest with { Endpoints = value }; }

    /// <summary>NAT gateways.</summary>
    public IReadOnlyList<NatGatewaySpec> NatGateways { get => _rest.NatGateways; init => _rest = _rest with { NatGateways = value }; }

    /// <summary>Pods that come and go over time, and node scale events, for the time simulation.</summary>
    public IReadOnlyList<WorkloadSpec> Workloads { get => _rest.Workloads; init => _rest = _rest with { Workloads = value }; }

    /// <summary>The distinct zones of all subnets, sorted.</summary>
    public IReadOnlyList<string> Zones => _rest.Zones;

    /// <summary>The subnet with id <paramref name="id"/>, or null.</summary>
    public SubnetSpec? FindSubnet(string id) => _rest.FindSubnet(id);

    /// <summary>The subnet with id <paramref name="id"/>; throws when it does not exist.</summary>
    public SubnetSpec GetSubnet(string id) => _rest.GetSubnet(id);

    /// <summary>The CNI mode the nodes of <paramref name="group"/> really run in under this scenario's settings (<see cref="CniMode"/>).</summary>
    public CniMode ModeOf(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return CniMode.Of(group.Type, group.CniIn(CniOf(group)));
    }

    /// <summary>
    /// The warm-pool settings advised for this scenario's nodes, by the mode each group really runs in
    /// (<see cref="WarmPoolTargets.Advise"/>): the one answer <c>plan</c>'s finding and <c>recommend</c>'s advice and
    /// warm-pool strategy give.
    /// </summary>
    internal CniSettings AdvisedCni() => AdvisedCni(null);

    /// <summary>As <see cref="AdvisedCni()"/> for the nodes of cluster <paramref name="cluster"/> (null: the first) under its own CNI.</summary>
    internal CniSettings AdvisedCni(string? cluster)
    {
        var name = ClusterNameOf(cluster);
        return WarmPoolTargets.Advise(CniOf(cluster), AllNodeGroups.Where(g => string.Equals(ClusterNameOf(g), name, StringComparison.Ordinal)).Select(g => (g.Type, g.PodsPerNode)));
    }

    /// <summary>
    /// <paramref name="scenario"/> as it runs: each node group with its pods per node (<see cref="NodeGroup.Of"/>), each
    /// NodePool provisioned for its pending pods (<see cref="KarpenterProvisioner"/>) and its NodeClaims placed after
    /// the node groups, in the subnets Karpenter would choose (<see cref="NodePoolPlacement.Place"/>, docs/nodepools.md).
    /// </summary>
    public static ProvisionedScenario Of(Scenario scenario) => Of(scenario, null);

    /// <summary>
    /// As <see cref="Of(Model.Scenario)"/> for one cluster of a shared VPC, with what the other clusters hold
    /// (<paramref name="background"/>) in place before anything of its own (<see cref="ClusterFocus"/>).
    /// </summary>
    public static ProvisionedScenario Of(Scenario scenario, VpcBackground? background)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var unplaced = new ProvisionedScenario(scenario)
        {
            NodeGroups = [.. scenario.NodeGroups.Select(g => NodeGroup.Of(g, scenario))],
            NodePools = [],
            Background = background,
        };
        return NodePoolPlacement.Place(unplaced with { NodePools = [.. scenario.NodePools.Select(p => NodePoolPlacement.Provision(unplaced, p))] });
    }
}
