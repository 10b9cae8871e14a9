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

    /// <summary>The cluster.</summary>
    public required ClusterSpec Cluster { get; init; }

    /// <summary>The VPC's CIDR blocks.</summary>
    public required VpcSpec Vpc { get; init; }

    /// <summary>Every subnet, in file order.</summary>
    public required IReadOnlyList<SubnetSpec> Subnets { get; init; }

    /// <summary>The VPC CNI (aws-node) settings; AWS's defaults where the file is silent.</summary>
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
