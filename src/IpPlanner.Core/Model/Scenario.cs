using System.Runtime.CompilerServices;
using IpPlanner.Core.Cni;

namespace IpPlanner.Core.Model;

/// <summary>
/// A whole cluster to plan for, as the scenario file writes it (loaded and validated): the VPC and its subnets, the
/// CNI settings, and everything that takes addresses (nodes, Fargate pods, load balancers, endpoints, NAT gateways).
/// Every subnet id referenced anywhere is defined in <see cref="Subnets"/>. Nothing here is derived: what the engine
/// runs (pods per node, the NodePools' NodeClaims) is the <c>ProvisionedScenario</c> made from it
/// (Engine/ProvisionedScenario.cs).
/// </summary>
public sealed record Scenario
{
    /// <summary>The file it was loaded from ("" when built in code).</summary>
    public string SourceFile { get; init; } = "";

    /// <summary>Where each field was written, for messages about it.</summary>
    public SourceMap Source { get; init; } = SourceMap.Empty;

    /// <summary>The cluster (the file's first, when it lists several).</summary>
    public required ClusterSpec Cluster { get; init; }

    /// <summary>The file's clusters after the first, in file order: the same VPC, subnets and VPC-wide consumers.</summary>
    public IReadOnlyList<OtherCluster> OtherClusters { get; init; } = [];

    /// <summary>The VPC's CIDR blocks.</summary>
    public required VpcSpec Vpc { get; init; }

    /// <summary>Every subnet, in file order.</summary>
    public required IReadOnlyList<SubnetSpec> Subnets { get; init; }

    /// <summary>The VPC CNI (aws-node) settings of <see cref="Cluster"/>; AWS's defaults where the file is silent.</summary>
    public CniSettings Cni { get; init; } = CniSettings.Default;

    /// <summary>
    /// The DaemonSets on every node, when the file lists them (then they are the whole per-node set, aws-node and
    /// kube-proxy included); null when it does not (each group's hostNetworkPodsPerNode stands).
    /// </summary>
    public IReadOnlyList<DaemonSetSpec>? DaemonSets { get; init; }

    /// <summary>The Karpenter controller's settings (<c>RESERVED_ENIS</c>); its defaults where the file is silent.</summary>
    public KarpenterSpec Karpenter { get; init; } = KarpenterSpec.Default;

    /// <summary>Karpenter NodePools (the nodes they launch are not node groups of the file).</summary>
    public IReadOnlyList<NodePoolSpec> NodePools { get; init; } = [];

    /// <summary>
    /// The share of nominal memory the hypervisor keeps (Karpenter's <c>vmMemoryOverheadPercent</c>, a fraction:
    /// 0.075 = 7.5 %); allocatable memory follows it (docs/allocatable.md).
    /// </summary>
    public double VmMemoryOverheadPercent { get; init; } = Catalog.AllocatableRule.DefaultVmMemoryOverheadPercent;

    /// <summary>The file's EC2 node groups, in file order.</summary>
    public IReadOnlyList<NodeGroupSpec> NodeGroups { get; init; } = [];

    /// <summary>Fargate profiles.</summary>
    public IReadOnlyList<FargateProfileSpec> FargateProfiles { get; init; } = [];

    /// <summary>Load balancers.</summary>
    public IReadOnlyList<LoadBalancerSpec> LoadBalancers { get; init; } = [];

    /// <summary>VPC endpoints.</summary>
    public IReadOnlyList<EndpointSpec> Endpoints { get; init; } = [];

    /// <summary>NAT gateways.</summary>
    public IReadOnlyList<NatGatewaySpec> NatGateways { get; init; } = [];

    /// <summary>Pods that come and go over time, and node scale events, for the time simulation.</summary>
    public IReadOnlyList<WorkloadSpec> Workloads { get; init; } = [];

    /// <summary>Every cluster's name, in file order (<see cref="Cluster"/> first).</summary>
    public IReadOnlyList<string> ClusterNames => [Cluster.Name, .. OtherClusters.Select(c => c.Name)];

    /// <summary>True when the file lists more than one cluster.</summary>
    public bool HasSeveralClusters => OtherClusters.Count > 0;

    /// <summary>The name of the cluster an item naming <paramref name="cluster"/> belongs to (null: the first).</summary>
    public string ClusterNameOf(string? cluster) => cluster ?? Cluster.Name;

    /// <summary>The position of cluster <paramref name="cluster"/> in file order (null or the first's name: 0).</summary>
    public int ClusterIndexOf(string? cluster)
    {
        if (cluster is null || string.Equals(cluster, Cluster.Name, StringComparison.Ordinal))
        {
            return 0;
        }

        for (var i = 0; i < OtherClusters.Count; i++)
        {
            if (string.Equals(OtherClusters[i].Name, cluster, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new KeyNotFoundException($"scenario has no cluster '{cluster}'");
    }

    /// <summary>The spec of cluster <paramref name="cluster"/> (null: the first).</summary>
    public ClusterSpec ClusterSpecOf(string? cluster) => ClusterIndexOf(cluster) is var i && i == 0 ? Cluster : OtherClusters[i - 1].Spec;

    /// <summary>The VPC CNI settings of cluster <paramref name="cluster"/> (null: the first).</summary>
    public CniSettings CniOf(string? cluster) => ClusterIndexOf(cluster) is var i && i == 0 ? Cni : OtherClusters[i - 1].Cni;

    /// <summary>The DaemonSets of cluster <paramref name="cluster"/> (null: the first).</summary>
    public IReadOnlyList<DaemonSetSpec>? DaemonSetsOf(string? cluster) => ClusterIndexOf(cluster) is var i && i == 0 ? DaemonSets : OtherClusters[i - 1].DaemonSets;

    /// <summary>The Karpenter controller settings of cluster <paramref name="cluster"/> (null: the first).</summary>
    public KarpenterSpec KarpenterOf(string? cluster) => ClusterIndexOf(cluster) is var i && i == 0 ? Karpenter : OtherClusters[i - 1].Karpenter;

    /// <summary>The subnet with id <paramref name="id"/>, or null.</summary>
    /// <remarks>
    /// Callers ask this for every subnet of a plan, so a linear search made a 10,000-subnet recommend quadratic. The
    /// index is kept beside the subnet list, keyed by the list itself, not in a field: a field would break record
    /// equality, and <c>with</c> shares the list (and so the index) until it replaces it. A few subnets need none.
    /// </remarks>
    public SubnetSpec? FindSubnet(string id)
    {
        if (Subnets.Count > LinearSearchLimit)
        {
            return s_subnetIndex.GetValue(Subnets, Index).GetValueOrDefault(id);
        }

        foreach (var subnet in Subnets)
        {
            if (string.Equals(subnet.Id, id, StringComparison.Ordinal))
            {
                return subnet;
            }
        }

        return null;
    }

    private const int LinearSearchLimit = 16;

    private static readonly ConditionalWeakTable<IReadOnlyList<SubnetSpec>, Dictionary<string, SubnetSpec>> s_subnetIndex = [];

    // The first subnet of an id wins, as the linear search finds it (the loader refuses duplicates anyway).
    private static Dictionary<string, SubnetSpec> Index(IReadOnlyList<SubnetSpec> subnets)
    {
        var index = new Dictionary<string, SubnetSpec>(subnets.Count, StringComparer.Ordinal);
        foreach (var subnet in subnets)
        {
            index.TryAdd(subnet.Id, subnet);
        }

        return index;
    }

    /// <summary>The subnet with id <paramref name="id"/>; throws when it does not exist (a bug in the caller: loaded scenarios resolve every reference).</summary>
    public SubnetSpec GetSubnet(string id) =>
        FindSubnet(id) ?? throw new KeyNotFoundException($"scenario has no subnet '{id}'");

    /// <summary>The distinct zones of all subnets, sorted.</summary>
    public IReadOnlyList<string> Zones =>
        [.. Subnets.Select(s => s.Zone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
