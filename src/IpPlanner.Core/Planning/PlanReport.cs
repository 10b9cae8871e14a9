using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Planning;

/// <summary>Addresses of one subnet by what uses them (they add up to <see cref="SubnetPlan.Used"/>).</summary>
public sealed record UsedBy(
    int NodePrimaries,
    int EniPrimaries,
    int PodIps,
    int IdleWarmIps,
    int Prefixes,
    int BranchEnis,
    int Fargate,
    int LoadBalancers,
    int Endpoints,
    int NatGateways,
    int ControlPlane,
    int InUse)
{
    /// <summary>Addresses the other clusters of a shared VPC hold here, when one cluster is planned alone (0 otherwise).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public int OtherClusters { get; init; }

    /// <summary>Each user with its count, in one fixed order and one set of words (docs/rules.md, "The biggest users of a subnet").</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<(string Name, int Count)> Parts =>
    [
        ("pod IPs", PodIps), ("idle warm IPs", IdleWarmIps), ("prefix IPs", Prefixes), ("node IPs", NodePrimaries),
        ("ENI primaries", EniPrimaries), ("branch ENIs", BranchEnis), ("Fargate", Fargate), ("load balancers", LoadBalancers),
        ("endpoints", Endpoints), ("NAT", NatGateways), ("control plane", ControlPlane), ("in use", InUse), ("other clusters", OtherClusters),
    ];

    /// <summary>The <paramref name="count"/> biggest users, largest first (ties in <see cref="Parts"/> order), as "pod IPs 1,200, idle warm IPs 300".</summary>
    public string Largest(int count) => string.Join(", ", Parts.Where(p => p.Count > 0).OrderByDescending(p => p.Count).Take(count)
        .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Name} {p.Count:N0}")));
}

/// <summary>One subnet in the plan.</summary>
public sealed record SubnetPlan(
    string Id,
    string Cidr,
    string Zone,
    int Usable,
    int Used,
    int Free,
    int Reserved,
    int FreePrefixes,
    double Utilization,
    double FragmentationScore,
    UsedBy UsedBy)
{
    /// <summary>
    /// Addresses each cluster holds here (its nodes, ENIs, pods, control plane ENIs and Fargate pods), by cluster name
    /// in file order; the VPC-wide consumers and what the file marks in use are in none.
    /// </summary>
    public IReadOnlyDictionary<string, int> UsedByCluster { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// One node group in the plan, with the answers to "how many fit" that docs/answers.md defines: <see cref="PodCapacity"/>
/// (today's nodes), <see cref="NodesThatFit"/> and <see cref="PodsOnNodesThatFit"/> (if only this group grows: that many
/// nodes at <see cref="PodsPerNode"/> each) and
/// <see cref="NodesWhenAllGrow"/> (when every group grows toward maxNodes). <see cref="PodsPerNodeLimitedBy"/>
/// (<c>cpu</c>, <c>memory</c>, <c>max pods</c> or <c>ips</c>) and <see cref="PodsPerNodeReason"/> are set when pods per
/// node were derived from pod requests.
/// </summary>
public sealed record NodeGroupPlan(
    string Name,
    string InstanceType,
    int MaxPodsPerNode,
    int PodIpsPerNode,
    int PodsPerNode,
    int Nodes,
    int MaxNodes,
    int PodsPlanned,
    int PodCapacity,
    int NodesThatFit,
    int PodsOnNodesThatFit,
    string? NodesThatFitLimit,
    int NodesWhenAllGrow)
{
    /// <summary>The CNI mode its nodes really run in (<see cref="Cni.CniMode.Name(bool)"/>), as <c>node</c> names it.</summary>
    public string Mode { get; init; } = "";

    /// <summary>What bounds the derived pods per node; null when the file gives podsPerNode.</summary>
    public string? PodsPerNodeLimitedBy { get; init; }

    /// <summary>DaemonSet pods per node that take a VPC IP (included in <see cref="PodsPerNode"/>).</summary>
    public int DaemonSetIpPodsPerNode { get; init; }

    /// <summary>The derivation in words, for text and HTML; null when there is nothing to explain.</summary>
    public string? PodsPerNodeReason { get; init; }

    /// <summary>Planned nodes that started (got their primary IP), whether or not their pods got addresses.</summary>
    public int NodesStarted { get; init; }

    /// <summary>Pods of started planned nodes that wait for an address (<see cref="Engine.PlacedNode.PodsPending"/>).</summary>
    public int PodsPending { get; init; }

    /// <summary>The planned nodes launched the other way, when that changes nodes started or pods pending; else null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LaunchOutcome? OtherLaunch { get; init; }

    /// <summary>
    /// A managed node group's instance types when it lists several, in its order: what a node of each holds under the
    /// group's max pods (the smallest of the list); null for one type (and left out of the JSON then).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NodeGroupInstanceType>? InstanceTypes { get; init; }

    /// <summary>
    /// <see cref="InstanceTypes"/> in words, for text and HTML: which type launches, the max pods every node gets, and
    /// what each type's warm pool holds and cannot use. Null for one type.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceTypesReason { get; init; }

    /// <summary>The cluster the group belongs to.</summary>
    public string Cluster { get; init; } = "";
}

/// <summary>
/// One instance type of a managed node group's list: its own max pods (what it would get alone), the addresses a node
/// of it holds at the group's pods per node and max pods (its warm pool included), and the pod IPs its ENIs could
/// address beyond the group's max pods, which no pod can use (<c>podIpsUnusable</c>).
/// </summary>
public sealed record NodeGroupInstanceType(string Name, int MaxPodsAlone, int AddressesPerNode, int PodIpsUnusable, bool Launches);

/// <summary>
/// Where scaling first stops as node groups grow toward maxNodes: the group and its node count, and what stopped
/// that node's next pod. <see cref="Subnet"/> is named only when a subnet really ran out (addresses, no free /28, the
/// node's own IP); a limit of the node itself (max pods, the ENI limit, ipamd refusing) names no subnet.
/// </summary>
public sealed record ExhaustionPoint(string? Subnet, string NodeGroup, int AtNodes, [property: System.Text.Json.Serialization.JsonIgnore] FailureReason Cause)
{
    /// <summary>The cause in the one set of words every verb uses ("addresses", "no free /28", "max pods"...).</summary>
    public string Reason => Cause.Words();

    /// <summary>True when a subnet ran out; false when the node's own limit stopped it (then <see cref="Subnet"/> is null).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SubnetRanOut => Cause.IsSubnetExhausted();

    /// <summary>"pod IPs 105, idle warm IPs 84, ...": the subnet's biggest users when it ran out, or the node limit ("max pods 29").</summary>
    public string Detail { get; init; } = "";

    /// <summary>The cluster of <see cref="NodeGroup"/>.</summary>
    public string Cluster { get; init; } = "";

    /// <summary>True when the VPC's Network Address Usage quota (its own, or with its peers) stopped the node: neither a subnet nor the node's own limit.</summary>
    public bool NetworkAddressUsageRanOut => Cause.IsNetworkAddressUsage();
}

/// <summary>
/// The cluster's answers (docs/answers.md): the pods planned, the <see cref="PodCapacity"/> of today's nodes and the
/// <see cref="Headroom"/> between them (negative: planned pods that do not fit), and <see cref="PodsThatFit"/>, the
/// pods that fit when every node group grows toward maxNodes until <see cref="FirstExhausted"/> (null when every
/// group reaches maxNodes). With several clusters the plan's <c>Cluster</c> is the VPC's total and <c>Clusters</c> has
/// one of these per cluster with its verdict.
/// </summary>
public sealed record ClusterPlan(string Name, int PodsPlanned, int PodCapacity, int Headroom, int PodsThatFit, ExhaustionPoint? FirstExhausted)
{
    /// <summary>The cluster's verdict, in <c>Clusters</c>; null for the plan's total.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Verdict { get; init; }

    /// <summary>The Network Address Usage units the cluster's nodes and Fargate pods hold as planned, in <c>Clusters</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? NetworkAddressUsage { get; init; }
}

/// <summary>
/// The VPC's Network Address Usage as planned (docs/rules.md, "Network Address Usage"): the units of everything the plan
/// starts, the quota, and with same-Region peers their units and the peered quota.
/// </summary>
public sealed record NetworkAddressUsagePlan(long Units, int Quota)
{
    /// <summary>Units over the quota: 0.5 is half of it.</summary>
    public double Share => Quota == 0 ? 0 : Math.Round((double)Units / Quota, 4);

    /// <summary>Units of what is not a node: NAT gateways, endpoints, NLBs, Fargate pods, what the file marks in use, and otherNetworkAddressUsage.</summary>
    public long FixedUnits { get; init; }

    /// <summary>Units the same-Region peers hold; null when the VPC is not peered.</summary>
    public int? PeeredUnits { get; init; }

    /// <summary>The quota of the VPC and its peers together; null when the VPC is not peered.</summary>
    public int? PeeredQuota { get; init; }
}

/// <summary>The VPC in the plan: its Network Address Usage and its CIDR blocks against their quota.</summary>
public sealed record VpcPlan(NetworkAddressUsagePlan NetworkAddressUsage, int CidrBlocks, int CidrBlockQuota);

/// <summary>The capacity plan of a scenario: subnets, node groups, cluster, warnings and the assumptions behind them.</summary>
public sealed record PlanReport(
    string Scenario,
    IReadOnlyList<SubnetPlan> Subnets,
    IReadOnlyList<NodeGroupPlan> NodeGroups,
    ClusterPlan Cluster,
    string Verdict,
    IReadOnlyList<Finding> Warnings,
    IReadOnlyList<string> Assumptions)
{
    /// <summary>
    /// The plan's severity in one word, the badge beside the verdict in the HTML report and on the served page:
    /// <c>error</c> when planned pods do not fit (negative headroom) or a finding is an error, <c>warning</c> when a
    /// subnet or limit stops growth toward maxNodes or a finding is a warning, else <c>ok</c>. A view of
    /// <see cref="Cluster"/> and <see cref="Warnings"/>, so not in the JSON.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Severity =>
        Cluster.Headroom < 0 || Warnings.Any(w => w.Severity == Input.Severity.Error) ? "error"
        : Cluster.FirstExhausted is not null || Warnings.Any(w => w.Severity == Input.Severity.Warning) ? "warning"
        : "ok";

    /// <summary>How the planned nodes launched: <c>sequential</c> (one at a time) or <c>burst</c> (docs/rules.md, "Launch order").</summary>
    public string Launch { get; init; } = "sequential";

    /// <summary>Karpenter NodePools: what each launched (their nodes are also in <see cref="NodeGroups"/>).</summary>
    public IReadOnlyList<NodePoolPlan> NodePools { get; init; } = [];

    /// <summary>
    /// The planned subnets' /28 blocks where nodes really run prefix delegation (<see cref="Cni.CniMode"/>), for the HTML
    /// report's block maps; empty when no node does. A view of <see cref="Subnets"/>, so not in the JSON.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<BlockMap> BlockMaps { get; init; } = [];

    /// <summary>Each cluster of the VPC, in file order, with its verdict (one for a single-cluster scenario).</summary>
    public IReadOnlyList<ClusterPlan> Clusters { get; init; } = [];

    /// <summary>The VPC's Network Address Usage and CIDR blocks.</summary>
    public VpcPlan? Vpc { get; init; }
}

/// <summary>One planned subnet's aligned /28 blocks in address order, each with its state (a /28 block map).</summary>
public sealed record BlockMap(string Subnet, string Zone, string Cidr, uint Network, IReadOnlyList<Addressing.BlockState> Blocks);

/// <summary>
/// One Karpenter NodePool in the plan: the nodes it launched for its pending pods, by instance type, the pods
/// placed and left pending, the pods bound to its nodes that their ENIs cannot address (<see cref="PodsWithoutIp"/>),
/// the addresses its nodes hold in each subnet, and what stopped it (<c>limits</c>, <c>no type fits</c>,
/// <c>matches no type</c>, <c>ips</c>), null when every pod got a node that started.
/// </summary>
public sealed record NodePoolPlan(
    string Name,
    int Nodes,
    IReadOnlyDictionary<string, int> InstanceTypes,
    int Pods,
    int PodsPending,
    int PodsWithoutIp,
    IReadOnlyDictionary<string, int> AddressesPerSubnet,
    string? StoppedBy,
    string Explanation);
