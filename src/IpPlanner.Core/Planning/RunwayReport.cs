using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>How to run the runway.</summary>
public sealed record RunwayOptions
{
    /// <summary>The longest horizon, in months (50 years).</summary>
    public const int MaxMonths = 600;

    /// <summary>The most Monte Carlo runs.</summary>
    public const int MaxRuns = 100_000;

    /// <summary>
    /// The most pods the runway counts for one node group or NodePool: 1,000,000,000, more than any group can run
    /// (100,000 nodes of 10,000 pods, the scenario's bounds). A rate that compounds past it (+1000%/month) wants more
    /// pods than can exist; they are reported as this many, which the text shows as "1,000,000,000+", never as a
    /// counter that overflowed.
    /// </summary>
    public const int MaxPodsCounted = 1_000_000_000;

    /// <summary>Months to look ahead.</summary>
    public int Months { get; init; } = 36;

    /// <summary>Monte Carlo runs; with more than one, each uncertain rate is drawn anew per run and month.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>The seed; run i uses a seed derived from it and i, so results do not depend on thread scheduling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Growth per node group or NodePool given outside the scenario; it overrides the scenario's <c>growth</c>.</summary>
    public IReadOnlyDictionary<string, GrowthRate> Growth { get; init; } = new Dictionary<string, GrowthRate>(StringComparer.Ordinal);

    /// <summary>Degree of parallelism for the runs (defaults to every core).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>How each month's new nodes start: one at a time, or all at once (docs/rules.md, "Launch order").</summary>
    public Engine.LaunchOrder Launch { get; init; } = Engine.LaunchOrder.Sequential;
}

/// <summary>P10, P50 and P90 of a month over the Monte Carlo runs; null where that share of runs goes past the horizon.</summary>
public sealed record MonthPercentiles(int? P10, int? P50, int? P90, double ShareWithinHorizon);

/// <summary>One subnet on the runway: when (and why) it first cannot serve a node the growth needs.</summary>
public sealed record RunwaySubnet(string Id, string Zone, int Usable, int UsedNow, int? RunsOutInMonth, string? Reason, string? Detail)
{
    /// <summary>The month over the runs, when there are more than one.</summary>
    public MonthPercentiles? Percentiles { get; init; }
}

/// <summary>
/// One node group on the runway: its growth, the month its pods first need more nodes than maxNodes, and at the horizon
/// the pods its growth wants beside the pods that run (got their IPs) on the nodes that started.
/// </summary>
public sealed record RunwayGroup(
    string Name,
    string? Growth,
    int PodsPerNode,
    int PodsNow,
    int NodesNow,
    int MaxNodes,
    int? MaxNodesReachedInMonth,
    int PodsWantedAtHorizon,
    int PodsAtHorizon,
    int NodesAtHorizon)
{
    /// <summary>The maxNodes month over the runs, when there are more than one.</summary>
    public MonthPercentiles? Percentiles { get; init; }

    /// <summary>The month a new node of the group first fails for a limit of its own (not a subnet), or null.</summary>
    public int? NodeLimitInMonth { get; init; }

    /// <summary>What stopped that node, in the words every verb uses ("node 3 of group g (max pods 29)").</summary>
    public string? NodeLimit { get; init; }

    /// <summary>The node-limit month over the runs, when there are more than one and the group grows.</summary>
    public MonthPercentiles? NodeLimitPercentiles { get; init; }
}

/// <summary>
/// One Karpenter NodePool on the runway: its pending pods' growth, and the month its limits (cpu, memory) first leave
/// pods pending, the NodePool's counterpart of a group's maxNodes.
/// </summary>
public sealed record RunwayNodePool(
    string Name,
    string? Growth,
    int PodsNow,
    int NodesNow,
    string? Limits,
    int? LimitsReachedInMonth,
    int PodsWantedAtHorizon,
    int PodsAtHorizon,
    int NodesAtHorizon,
    int PodsPendingAtHorizon)
{
    /// <summary>The limits month over the runs, when there are more than one and the pool grows.</summary>
    public MonthPercentiles? Percentiles { get; init; }

    /// <summary>What left pods pending in <see cref="LimitsReachedInMonth"/>: "limits", or "no type fits" (no allowed type holds one pod).</summary>
    public string? Stop { get; init; }

    /// <summary>The month a node of the pool first fails for a limit of its own (max pods, ENIs, aws-node refusing), or null.</summary>
    public int? NodeLimitInMonth { get; init; }

    /// <summary>What stopped that node, in the words every verb uses.</summary>
    public string? NodeLimit { get; init; }
}

/// <summary>
/// The first subnet to run out on the runway, or the VPC's Network Address Usage when it binds first (then
/// <see cref="Subnet"/> is <c>vpc</c> and <see cref="NetworkAddressUsage"/> is true).
/// </summary>
public sealed record RunwayExhaustion(string Subnet, int Month, string Reason, string NodeGroup, string? Detail)
{
    /// <summary>The NodePool whose node it was (then <see cref="NodeGroup"/> is its <c>pool/type</c> group), or null.</summary>
    public string? NodePool { get; init; }

    /// <summary>True when the VPC's Network Address Usage quota, not a subnet, stopped the node.</summary>
    public bool NetworkAddressUsage { get; init; }
}

/// <summary>The VPC's Network Address Usage on the runway: units now, the quota, and the month it stops a node, if any.</summary>
public sealed record RunwayNetworkAddressUsage(long UnitsNow, int Quota, int? RunsOutInMonth, string? Detail);

/// <summary>
/// The cluster at the end of one month, per group (report order): the pods its growth wants, the pods that run (got
/// their IPs) and the nodes that started; per subnet: used addresses and free /28s.
/// </summary>
public sealed record RunwayMonth(int Month, IReadOnlyList<int> PodsWanted, IReadOnlyList<int> Pods, IReadOnlyList<int> Nodes, IReadOnlyList<int> Used, IReadOnlyList<int> FreePrefixes)
{
    /// <summary>Pending pods asked of each NodePool (report order): what its growth wants.</summary>
    public IReadOnlyList<int> PoolPodsWanted { get; init; } = [];

    /// <summary>Pods of each NodePool that run (got an IP on a node that started; report order).</summary>
    public IReadOnlyList<int> PoolPods { get; init; } = [];

    /// <summary>Nodes of each NodePool that started (report order).</summary>
    public IReadOnlyList<int> PoolNodes { get; init; } = [];

    /// <summary>The VPC's Network Address Usage units at the end of the month.</summary>
    public long NetworkAddressUnits { get; init; }
}

/// <summary>Used addresses of one subnet at the end of each month, P10 and P90 over the Monte Carlo runs.</summary>
public sealed record RunwayBand(string Subnet, IReadOnlyList<int> P10, IReadOnlyList<int> P90);

/// <summary>The runway of a scenario: per subnet the month it runs out, per group the month maxNodes binds, month by month.</summary>
public sealed record RunwayReport(
    string Scenario,
    int Months,
    int Runs,
    int Seed,
    IReadOnlyList<RunwaySubnet> Subnets,
    IReadOnlyList<RunwayGroup> NodeGroups,
    RunwayExhaustion? FirstExhausted,
    MonthPercentiles? FirstExhaustedPercentiles,
    IReadOnlyList<RunwayMonth> Points,
    string Verdict)
{
    /// <summary>With uncertain growth over more than one run: the spread of used addresses per subnet and month; else null.</summary>
    public IReadOnlyList<RunwayBand>? Bands { get; init; }

    /// <summary>The scenario's Karpenter NodePools (their NodeClaims' groups are not in <see cref="NodeGroups"/>).</summary>
    public IReadOnlyList<RunwayNodePool> NodePools { get; init; } = [];

    /// <summary>How each month's new nodes started: <c>sequential</c> or <c>burst</c>.</summary>
    public string Launch { get; init; } = "sequential";

    /// <summary>The VPC's Network Address Usage: now, its quota and the month it runs out.</summary>
    public RunwayNetworkAddressUsage? NetworkAddressUsage { get; init; }
}
