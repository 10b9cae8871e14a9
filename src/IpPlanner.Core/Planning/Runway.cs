using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>
/// The runway (docs/rules.md, "Runway"): each growing group's pods grow by its rate every month, its nodes follow
/// as ceil(pods / podsPerNode) (never above maxNodes, never fewer than before), and the engine starts the new nodes
/// one per group in turn, exactly as <see cref="CapacityPlanner.FirstExhausted"/> and the scale curve do. A subnet
/// runs out in the month the first node it serves cannot start or get its pods; everything else (warm pool, /28s,
/// other consumers) is <see cref="ClusterState"/>'s.
/// </summary>
public static class Runway
{
    /// <summary>The assumptions every runway states.</summary>
    public static readonly IReadOnlyList<string> Assumptions =
    [
        "Month 0 is the scenario as planned; each month every growing group's pods grow by its rate (+N pods, or +P% of last month's pods, compounding).",
        "A group runs ceil(pods / podsPerNode) nodes (pods rounded to whole pods), each with podsPerNode pods; it never scales in and never goes above maxNodes.",
        "New nodes start one per group in turn, round robin over each group's subnets, as firstExhausted does.",
        "A rate written ±SD draws each month's step from a normal distribution with that mean and standard deviation; the table shows the mean rate, the percentiles the runs.",
    ];

    /// <summary>
    /// The growth per node group and per NodePool (their names are unique together): the scenario's <c>growth</c>,
    /// overridden by <paramref name="overrides"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, GrowthRate> GrowthOf(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate>? overrides)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var growth = new Dictionary<string, GrowthRate>(StringComparer.Ordinal);
        foreach (var group in OwnGroups(scenario))
        {
            if (group.Growth is { } rate)
            {
                growth[group.Name] = rate;
            }
        }

        foreach (var pool in scenario.NodePools)
        {
            if (pool.Growth is { } rate)
            {
                growth[pool.Name] = rate;
            }
        }

        foreach (var (name, rate) in overrides ?? new Dictionary<string, GrowthRate>())
        {
            if (UnknownName(scenario, name) is { } problem)
            {
                throw new InputException($"growth: {problem}");
            }

            growth[name] = rate;
        }

        return growth;
    }

    /// <summary>Why <paramref name="name"/> can have no growth (no node group or NodePool has it), or null when it can.</summary>
    public static string? UnknownName(ProvisionedScenario scenario, string name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (OwnGroups(scenario).Any(g => g.Name == name) || scenario.NodePools.Any(p => p.Name == name))
        {
            return null;
        }

        List<string> known = [];
        if (OwnGroups(scenario).Count > 0 || scenario.NodePools.Count == 0)
        {
            known.Add($"node groups: {string.Join(", ", OwnGroups(scenario).Select(g => g.Name))}");
        }

        if (scenario.NodePools.Count > 0)
        {
            known.Add($"NodePools: {string.Join(", ", scenario.NodePools.Select(p => p.Name))}");
        }

        return $"no node group{(scenario.NodePools.Count > 0 ? " or NodePool" : "")} is named '{name}' ({string.Join("; ", known)})";
    }

    /// <summary>The node groups of the scenario itself, not the ones that stand for a NodePool's NodeClaims (they grow with their NodePool).</summary>
    private static IReadOnlyList<NodeGroup> OwnGroups(ProvisionedScenario scenario) => scenario.NodeGroups;

    /// <summary>Runs the runway: the mean path month by month, then, with more than one run, the Monte Carlo runs.</summary>
    public static RunwayReport Run(ProvisionedScenario scenario, RunwayOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Months is < 1 or > RunwayOptions.MaxMonths)
        {
            throw new InputException($"months: {options.Months} is not valid (expected 1 to {RunwayOptions.MaxMonths})");
        }

        if (options.Runs is < 1 or > RunwayOptions.MaxRuns)
        {
            throw new InputException($"runs: {options.Runs} is not valid (expected 1 to {RunwayOptions.MaxRuns:N0})");
        }

        var rates = Rates(scenario, options.Growth);
        var mean = new RunwayPath(scenario, rates, random: null, record: true).Run(options.Months);
        var runs = options.Runs > 1 ? MonteCarlo(scenario, rates, options) : null;
        var own = OwnGroups(scenario);

        var subnets = mean.Subnets.Select((s, i) => new RunwaySubnet(
            s.Spec.Id, s.Spec.Zone, s.Space.Usable, mean.Points[0].Used[i], mean.SubnetMonth[i], mean.Reason[i], mean.Detail[i])
        {
            Percentiles = runs is null ? null : Percentiles(runs, r => r.SubnetMonth[i], options.Months),
        }).ToList();
        var groups = own.Select((g, i) => new RunwayGroup(
            g.Name, rates.Groups[i]?.ToString(), g.PodsPerNode, g.Nodes * g.PodsPerNode, g.Nodes, g.MaxNodes, mean.GroupMonth[i],
            mean.Points[^1].Pods[i], mean.Points[^1].Nodes[i])
        {
            Percentiles = runs is null || rates.Groups[i] is null ? null : Percentiles(runs, r => r.GroupMonth[i], options.Months),
            NodeLimitInMonth = mean.GroupLimit[i]?.Month,
            NodeLimit = mean.GroupLimit[i]?.Words,
            NodeLimitPercentiles = runs is null || rates.Groups[i] is null ? null : Percentiles(runs, r => r.GroupLimit[i]?.Month, options.Months),
        }).ToList();
        var pools = scenario.NodePools.Select((p, i) => new RunwayNodePool(
            p.Name, rates.Pools[i]?.ToString(), p.PodCount, p.Provisioning?.NodeClaims.Count ?? 0, Limits(p.Spec), mean.PoolLimitMonth[i],
            mean.Points[^1].PoolPods[i], mean.Points[^1].PoolNodes[i], mean.PoolPending[i])
        {
            Percentiles = runs is null || rates.Pools[i] is null ? null : Percentiles(runs, r => r.PoolLimitMonth[i], options.Months),
            Stop = mean.PoolStop[i],
            NodeLimitInMonth = mean.PoolNodeLimit[i]?.Month,
            NodeLimit = mean.PoolNodeLimit[i]?.Words,
        }).ToList();
        var firstPercentiles = runs is null ? null : Percentiles(runs, r => r.First?.Month, options.Months);
        return new RunwayReport(
            scenario.SourceFile, options.Months, options.Runs, options.Seed, subnets, groups, mean.First, firstPercentiles, mean.Points,
            Verdict(mean.First, groups, pools, options.Months, firstPercentiles))
        {
            Bands = runs is null || !rates.Uncertain ? null : Bands(runs, mean.Subnets, options.Months),
            NodePools = pools,
        };
    }

    /// <summary>The month the first subnet runs out under <paramref name="growth"/>, or null when none does within <paramref name="months"/>.</summary>
    public static RunwayExhaustion? FirstExhausted(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rates = Rates(scenario, growth);
        return new RunwayPath(scenario, rates, random: null, record: false) { StopAtFirst = true }.Run(months).First;
    }

    /// <summary>
    /// The nodes each node group runs after <paramref name="months"/> months of growth at its mean rate, at most its
    /// maxNodes, as on the runway (NodePools, whose nodes Karpenter picks month by month, are not in it).
    /// </summary>
    public static IReadOnlyDictionary<string, int> NodesNeeded(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rates = Rates(scenario, growth).Groups;
        var own = OwnGroups(scenario);
        var needed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < own.Count; g++)
        {
            var group = own[g];
            var pods = (double)group.Nodes * group.PodsPerNode;
            var nodes = group.Nodes;
            for (var m = 1; m <= months && rates[g] is { } rate; m++)
            {
                pods = Grow(pods, rate, rate.PerMonth);
                nodes = Math.Max(nodes, NodesFor(pods, group.PodsPerNode));
            }

            needed[group.Name] = Math.Min(nodes, Math.Max(group.Nodes, group.MaxNodes));
        }

        return needed;
    }

    /// <summary>
    /// The pending pods each growing NodePool is asked for after <paramref name="months"/> months of growth at its mean
    /// rate, as on the runway (<c>PoolGrowth</c>): grown by the same arithmetic, rounded to whole pods, and never fewer
    /// than at any month before (pods never leave a NodePool's nodes; docs/rules.md, "Runway of a NodePool").
    /// </summary>
    public static IReadOnlyDictionary<string, int> PoolPodsNeeded(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rates = Rates(scenario, growth).Pools;
        var needed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < scenario.NodePools.Count; p++)
        {
            if (rates[p] is not { } rate)
            {
                continue;
            }

            var pool = scenario.NodePools[p];
            double pods = pool.PodCount;
            var most = pool.PodCount;
            for (var m = 1; m <= months; m++)
            {
                pods = Grow(pods, rate, rate.PerMonth);
                most = Math.Max(most, WholePods(pods));
            }

            needed[pool.Name] = most;
        }

        return needed;
    }

    private static GrowthRates Rates(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate>? overrides)
    {
        var growth = GrowthOf(scenario, overrides);
        if (growth.Count == 0)
        {
            throw new InputException("runway: no node group or NodePool has a growth rate (give one per group or NodePool, e.g. web=+40/month, or growth: on it in the scenario)");
        }

        var own = OwnGroups(scenario);
        var rates = new GrowthRate?[own.Count];
        for (var g = 0; g < rates.Length; g++)
        {
            var group = own[g];
            if (!growth.TryGetValue(group.Name, out var rate))
            {
                continue;
            }

            if (group.PodsPerNode == 0)
            {
                throw new InputException($"growth of node group '{group.Name}': the group has no podsPerNode, so its pods cannot be turned into nodes (set podsPerNode)");
            }

            rates[g] = rate;
        }

        var pools = scenario.NodePools.Select(p => growth.TryGetValue(p.Name, out var rate) ? rate : (GrowthRate?)null).ToArray();
        return new GrowthRates(rates, pools);
    }

    private static RunwayPath.Result[] MonteCarlo(ProvisionedScenario scenario, GrowthRates rates, RunwayOptions options)
    {
        var results = new RunwayPath.Result[options.Runs];
        if (!rates.Uncertain)
        {
            // Without uncertainty every run is the mean path.
            var only = new RunwayPath(scenario, rates, random: null, record: false).Run(options.Months);
            Array.Fill(results, only);
            return results;
        }

        Parallel.For(0, options.Runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) }, i =>
        {
            var random = new Xoshiro256StarStar(SplitMix64.RunSeed(options.Seed, i), threadSafe: false);
            results[i] = new RunwayPath(scenario, rates, random, record: false).Run(options.Months);
        });
        return results;
    }

    private static List<RunwayBand> Bands(RunwayPath.Result[] runs, List<SubnetState> subnets, int months)
    {
        var bands = new List<RunwayBand>(subnets.Count);
        var column = new double[runs.Length];
        for (var s = 0; s < subnets.Count; s++)
        {
            var p10 = new int[months + 1];
            var p90 = new int[months + 1];
            for (var m = 0; m <= months; m++)
            {
                for (var r = 0; r < runs.Length; r++)
                {
                    column[r] = runs[r].Used[m][s];
                }

                Array.Sort(column);
                p10[m] = (int)SortedArrayStatistics.QuantileCustom(column, 0.10, QuantileDefinition.EmpiricalInvCDF);
                p90[m] = (int)SortedArrayStatistics.QuantileCustom(column, 0.90, QuantileDefinition.EmpiricalInvCDF);
            }

            bands.Add(new RunwayBand(subnets[s].Spec.Id, p10, p90));
        }

        return bands;
    }

    private static MonthPercentiles Percentiles(RunwayPath.Result[] runs, Func<RunwayPath.Result, int?> month, int horizon)
    {
        // Runs that do not run out within the horizon count as "later than the horizon", so P90 can be past it.
        var values = runs.Select(r => month(r) is { } m ? m : double.PositiveInfinity).Order().ToArray();
        var within = values.Count(double.IsFinite);
        return new MonthPercentiles(At(0.10), At(0.50), At(0.90), Math.Round((double)within / values.Length, 4));

        int? At(double tau)
        {
            var value = SortedArrayStatistics.QuantileCustom(values, tau, QuantileDefinition.EmpiricalInvCDF);
            return double.IsFinite(value) && value <= horizon ? (int)value : null;
        }
    }

    internal static double Grow(double pods, GrowthRate rate, double step) =>
        Math.Max(0, rate.Unit == GrowthUnit.Percent ? pods * (1 + (step / 100)) : pods + step);

    /// <summary>Grown (fractional) pods as whole pods: the growth carries fractions so percentages compound, a pod is whole.</summary>
    internal static int WholePods(double pods) => (int)Math.Min(Math.Round(pods, MidpointRounding.AwayFromZero), int.MaxValue);

    internal static int NodesFor(double pods, int podsPerNode)
    {
        // Pods are whole: the growth is carried with fractions (so percentages compound), the nodes serve whole pods.
        // That also keeps 100 x 1.1 (110.00000000000001 in binary) at 11 nodes of 10, not 12.
        var nodes = Math.Ceiling(Math.Round(pods, MidpointRounding.AwayFromZero) / podsPerNode);
        return nodes > CapacityPlanner.NodeSearchLimit ? CapacityPlanner.NodeSearchLimit + 1 : (int)nodes;
    }

    private static string? Limits(NodePoolSpec pool)
    {
        List<string> limits = [];
        if (pool.LimitCpuMillicores is { } cpu)
        {
            limits.Add($"cpu {Kubernetes.ResourceQuantity.FormatCpu(cpu)}");
        }

        if (pool.LimitMemoryBytes is { } memory)
        {
            limits.Add($"memory {Kubernetes.ResourceQuantity.FormatMemory(memory)}");
        }

        return limits.Count == 0 ? null : string.Join(", ", limits);
    }

    private static string Verdict(RunwayExhaustion? first, List<RunwayGroup> groups, List<RunwayNodePool> pools, int months, MonthPercentiles? percentiles)
    {
        var spread = percentiles is null ? "" : $"; over the runs P10 {Month(percentiles.P10, months)}, P50 {Month(percentiles.P50, months)}, P90 {Month(percentiles.P90, months)}";
        var binding = groups.Where(g => g.MaxNodesReachedInMonth is { } m && (first is null || m < first.Month)).ToList();
        var capped = binding.Count == 0
            ? ""
            : "; first " + string.Join(", ", binding.Select(g => $"group {g.Name} reaches maxNodes {N(g.MaxNodes)} in month {g.MaxNodesReachedInMonth} and grows no further"));
        var limited = groups.Where(g => g.NodeLimitInMonth is { } m && (first is null || m < first.Month)).ToList();
        capped += limited.Count == 0
            ? ""
            : "; " + string.Join(", ", limited.Select(g => $"group {g.Name} stops growing in month {g.NodeLimitInMonth}, not for want of addresses: {g.NodeLimit}"));
        var stopped = pools.Where(p => p.LimitsReachedInMonth is { } m && (first is null || m < first.Month)).ToList();
        capped += stopped.Count == 0
            ? ""
            : "; " + string.Join(", ", stopped.Select(p => p.Stop == "limits"
                ? $"NodePool {p.Name} reaches its limits ({p.Limits}) in month {p.LimitsReachedInMonth} and leaves pods pending"
                : $"NodePool {p.Name} leaves pods pending from month {p.LimitsReachedInMonth}: no allowed instance type fits one pod"));
        var poolLimited = pools.Where(p => p.NodeLimitInMonth is { } m && (first is null || m < first.Month)).ToList();
        capped += poolLimited.Count == 0
            ? ""
            : "; " + string.Join(", ", poolLimited.Select(p => $"NodePool {p.Name}'s nodes stop in month {p.NodeLimitInMonth}, not for want of addresses: {p.NodeLimit}"));
        if (first is null)
        {
            return $"no subnet runs out within {months} months{capped}{spread}";
        }

        var when = first.Month == 0 ? "already now (month 0)" : $"in month {first.Month}";
        var detail = first.Detail is null ? first.Reason : $"{first.Reason}: {first.Detail}";
        var who = first.NodePool is { } pool ? $"NodePool {pool} places more pods" : $"group {first.NodeGroup} needs another node";
        return $"subnet {first.Subnet} runs out first, {when}, when {who} ({detail}){capped}{spread}";
    }

    /// <summary>A month for people: "month 7", or "not within 36 months" for null.</summary>
    public static string Month(int? month, int horizon) => month is { } m ? $"month {m}" : $"not within {horizon} months";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The growth rate of each own node group and of each NodePool (scenario order; null: does not grow).</summary>
    private sealed record GrowthRates(GrowthRate?[] Groups, GrowthRate?[] Pools)
    {
        public bool Uncertain => Groups.Any(r => r is { Uncertain: true }) || Pools.Any(r => r is { Uncertain: true });
    }

    /// <summary>One path through the months: the engine's cluster state, grown month by month.</summary>
    private sealed class RunwayPath
    {
        private readonly ProvisionedScenario _scenario;
        private readonly GrowthRates _rates;
        private readonly Random? _random;
        private readonly bool _record;

        public RunwayPath(ProvisionedScenario scenario, GrowthRates rates, Random? random, bool record)
        {
            _scenario = scenario;
            _rates = rates;
            _random = random;
            _record = record;
        }

        /// <summary>Stop at the first subnet that runs out (when only that is asked).</summary>
        public bool StopAtFirst { get; init; }

        public Result Run(int months)
        {
            var groups = OwnGroups(_scenario);
            var state = ClusterState.BuildPlanned(_scenario);
            var subnets = state.Subnets.ToList();
            var index = subnets.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var pools = _scenario.NodePools.Select(p => new PoolGrowth(p, _scenario, state)).ToArray();
            var result = new Result(subnets, groups.Count, pools.Length, _record ? months + 1 : 0);
            foreach (var node in state.Nodes)
            {
                Record(node, 0);
            }

            for (var p = 0; p < pools.Length; p++)
            {
                if (pools[p].Stop is { } stop)
                {
                    (result.PoolLimitMonth[p], result.PoolStop[p]) = (0, stop);
                }
            }

            var pods = groups.Select(g => (double)g.Nodes * g.PodsPerNode).ToArray();
            var target = groups.Select(g => g.Nodes).ToArray();
            Snapshot(0);
            for (var month = 1; month <= months && !(StopAtFirst && result.First is not null); month++)
            {
                for (var g = 0; g < groups.Count; g++)
                {
                    if (_rates.Groups[g] is not { } rate)
                    {
                        continue;
                    }

                    var step = _random is not null && rate.Uncertain ? Normal.Sample(_random, rate.PerMonth, rate.StandardDeviation) : rate.PerMonth;
                    pods[g] = Grow(pods[g], rate, step);
                    var needed = NodesFor(pods[g], groups[g].PodsPerNode);
                    if (needed > groups[g].MaxNodes && result.GroupMonth[g] is null)
                    {
                        result.GroupMonth[g] = month;
                    }

                    target[g] = Math.Max(target[g], Math.Min(needed, groups[g].MaxNodes));
                }

                // One node per group in turn, as firstExhausted scales the groups.
                var growing = true;
                while (growing)
                {
                    growing = false;
                    for (var g = 0; g < groups.Count; g++)
                    {
                        if (state.NodesIn(groups[g]) < target[g])
                        {
                            growing = true;
                            Record(state.AddNode(groups[g]), month);
                        }
                    }
                }

                // Then each NodePool places its new pending pods, as Karpenter would (docs/rules.md, "Runway of a NodePool").
                for (var p = 0; p < pools.Length; p++)
                {
                    if (_rates.Pools[p] is not { } rate)
                    {
                        continue;
                    }

                    var step = _random is not null && rate.Uncertain ? Normal.Sample(_random, rate.PerMonth, rate.StandardDeviation) : rate.PerMonth;
                    if (pools[p].Grow(rate, step, state, node => Record(node, month)) is { } stop && result.PoolLimitMonth[p] is null)
                    {
                        (result.PoolLimitMonth[p], result.PoolStop[p]) = (month, stop);
                    }
                }

                Snapshot(month);
            }

            for (var p = 0; p < pools.Length; p++)
            {
                result.PoolPending[p] = pools[p].Pending;
            }

            return result;

            void Record(PlacedNode node, int month)
            {
                if (node.Failure == PodFailure.None)
                {
                    return;
                }

                // Only a subnet that ran out is blamed on one (docs/rules.md, failure reasons); a node's own limit
                // (max pods, the ENI limit, aws-node refusing) is the group's.
                if (node.Reason is { } reason && !reason.IsSubnetExhausted())
                {
                    var gi = 0;
                    while (gi < groups.Count && !ReferenceEquals(groups[gi], node.Group))
                    {
                        gi++;
                    }

                    if (gi < groups.Count && result.GroupLimit[gi] is null)
                    {
                        result.GroupLimit[gi] = (month, FailureReasons.DescribeFailure(node));
                    }

                    // A NodePool's node: the limit is the pool's.
                    var pi = gi < groups.Count ? -1 : Array.FindIndex(pools, p => p.Name == node.Group.NodePool);
                    if (pi >= 0 && result.PoolNodeLimit[pi] is null)
                    {
                        result.PoolNodeLimit[pi] = (month, FailureReasons.DescribeFailure(node));
                    }

                    return;
                }

                var s = index[(node.FailureSubnet ?? node.Subnet).Spec.Id];
                if (result.SubnetMonth[s] is not null)
                {
                    return;
                }

                result.SubnetMonth[s] = month;
                result.Reason[s] = CapacityPlanner.Reason(node.Failure);

                // Describing walks every node; the Monte Carlo runs only need the month.
                result.Detail[s] = _record ? CapacityPlanner.DescribeExhaustion(node, state).Detail : null;
                result.First ??= new RunwayExhaustion(subnets[s].Spec.Id, month, result.Reason[s]!, node.Group.Name, result.Detail[s]) { NodePool = node.Group.NodePool };
            }

            void Snapshot(int month)
            {
                if (!_record)
                {
                    // The Monte Carlo runs keep only used addresses (for the band), not the whole month.
                    if (!StopAtFirst)
                    {
                        result.Used.Add([.. subnets.Select(s => s.Space.InUse)]);
                    }

                    return;
                }

                result.Points.Add(new RunwayMonth(
                    month,
                    [.. pods.Select(p => (int)Math.Min(Math.Round(p), int.MaxValue))],
                    [.. groups.Select(state.NodesIn)],
                    [.. subnets.Select(s => s.Space.InUse)],
                    [.. subnets.Select(s => s.Space.FreePrefixes)])
                {
                    PoolPods = [.. pools.Select(p => p.PodsWanted)],
                    PoolNodes = [.. pools.Select(p => p.Nodes)],
                });
            }
        }

        /// <summary>What one path found.</summary>
        public sealed class Result(List<SubnetState> subnets, int groups, int pools, int points)
        {
            public List<SubnetState> Subnets { get; } = subnets;

            public int?[] SubnetMonth { get; } = new int?[subnets.Count];

            public string?[] Reason { get; } = new string?[subnets.Count];

            public string?[] Detail { get; } = new string?[subnets.Count];

            public int?[] GroupMonth { get; } = new int?[groups];

            public (int Month, string Words)?[] GroupLimit { get; } = new (int, string)?[groups];

            public int?[] PoolLimitMonth { get; } = new int?[pools];

            public string?[] PoolStop { get; } = new string?[pools];

            public int[] PoolPending { get; } = new int[pools];

            public (int Month, string Words)?[] PoolNodeLimit { get; } = new (int, string)?[pools];

            public RunwayExhaustion? First { get; set; }

            public List<RunwayMonth> Points { get; } = new(points);

            public List<int[]> Used { get; } = [];
        }
    }

    /// <summary>
    /// One NodePool on the runway (docs/rules.md, "Runway of a NodePool"): its pending pods grow by the rate; each month the new ones go first
    /// to the pool's nodes that still have room for a pod (Karpenter's scheduler tries existing nodes before new
    /// NodeClaims), then the rest to new NodeClaims provisioned within what the limits leave after the nodes launched so
    /// far, exactly as <see cref="KarpenterProvisioner"/> provisions the plan's pending pods.
    /// </summary>
    private sealed class PoolGrowth
    {
        private readonly ProvisionedNodePool _pool;
        private readonly ProvisionedScenario _scenario;
        private readonly int _hostNetwork;
        private readonly Dictionary<string, int> _fit = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Type, int Pods, string Subnet), NodeGroup> _shapes = [];
        private readonly List<(PlacedNode Node, int Pods)> _nodes = [];
        private double _pods;
        private int _scheduled;
        private long _launchedCpu;
        private long _launchedMemory;

        public PoolGrowth(ProvisionedNodePool pool, ProvisionedScenario scenario, ClusterState state)
        {
            _pool = pool;
            Name = pool.Name;
            _scenario = scenario;
            _hostNetwork = PodsPerNodeRule.HostNetworkPods(scenario.DaemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);
            _pods = pool.PodCount;
            var provisioning = pool.Provisioning;
            _scheduled = provisioning.PodsScheduled;
            foreach (var node in state.Nodes)
            {
                if (node.Group.NodePool == pool.Name)
                {
                    var workload = node.Group.PodsPerNode - node.Group.DaemonSetIpPodsPerNode;
                    _shapes.TryAdd((node.Group.Type.Name, workload, node.Group.Subnets[0]), node.Group);
                    Launched(node, workload);
                }
            }

            Stop = StopWords(provisioning.Stop);
        }

        /// <summary>The NodePool's name.</summary>
        public string Name { get; }

        /// <summary>What left the plan's pods pending ("limits", "no type fits"), or null.</summary>
        public string? Stop { get; }

        /// <summary>The pending pods the pool is asked for, rounded to whole pods.</summary>
        public int PodsWanted => WholePods(_pods);

        /// <summary>Pods still pending (no node for them).</summary>
        public int Pending => Math.Max(0, PodsWanted - _scheduled);

        /// <summary>The pool's nodes.</summary>
        public int Nodes => _nodes.Count;

        /// <summary>Grows the pods a month and places the new ones; returns what left pods pending this month, or null.</summary>
        public string? Grow(GrowthRate rate, double step, ClusterState state, Action<PlacedNode> record)
        {
            _pods = Runway.Grow(_pods, rate, step);
            var pending = PodsWanted - _scheduled;
            if (pending <= 0)
            {
                return null;
            }

            // Existing nodes with room first, oldest first (a node that failed takes no more pods).
            for (var i = 0; i < _nodes.Count && pending > 0; i++)
            {
                var (node, pods) = _nodes[i];
                var room = Fit(node.Group.Type) - pods;
                if (room <= 0 || node.Failure != PodFailure.None)
                {
                    continue;
                }

                var take = Math.Min(room, pending);
                state.AddPods(node, take);
                _nodes[i] = (node, pods + take);
                pending -= take;
                _scheduled += take;
                record(node);
            }

            if (pending == 0)
            {
                return null;
            }

            var remaining = _pool.Spec with
            {
                PodCount = pending,
                LimitCpuMillicores = _pool.LimitCpuMillicores - _launchedCpu,
                LimitMemoryBytes = _pool.LimitMemoryBytes - _launchedMemory,
            };
            var provisioning = KarpenterProvisioner.Provision(remaining, _scenario.Cni, _scenario.DaemonSets, _scenario.VmMemoryOverheadPercent);
            if (provisioning.NodeClaims.Count > 0)
            {
                // Each claim's subnet as Karpenter picks it from the addresses available before the batch, as the plan's.
                var subnets = NodePoolPlacement.ChooseSubnets(provisioning.NodeClaims, _pool.Spec, _scenario, state);
                for (var c = 0; c < provisioning.NodeClaims.Count; c++)
                {
                    var claim = provisioning.NodeClaims[c];
                    var node = state.AddNode(Shape(claim, subnets[c]));
                    Launched(node, claim.Pods);
                    record(node);
                }
            }

            _scheduled += provisioning.PodsScheduled;
            return StopWords(provisioning.Stop);
        }

        private static string? StopWords(NodePoolStop stop) => stop switch
        {
            NodePoolStop.Limits => "limits",
            NodePoolStop.NoTypeFits => "no type fits",
            _ => null,
        };

        private void Launched(PlacedNode node, int pods)
        {
            _nodes.Add((node, pods));
            _launchedCpu += KarpenterProvisioner.CapacityCpu(node.Group.Type);
            _launchedMemory += KarpenterProvisioner.CapacityMemory(node.Group.Type, _scenario.VmMemoryOverheadPercent);
        }

        private int Fit(InstanceType type)
        {
            if (!_fit.TryGetValue(type.Name, out var fit))
            {
                fit = KarpenterProvisioner.PodsPerNode(type, _scenario.Cni, _pool.PodRequests, _scenario.DaemonSets, _hostNetwork, _scenario.VmMemoryOverheadPercent);
                _fit[type.Name] = fit;
            }

            return fit;
        }

        // The node group a NodeClaim's node belongs to: the plan's group of that type, pods and subnet
        // (NodePoolNodes.Groups), or a new one named as the plan names a type that carries a second pod count.
        private NodeGroup Shape(NodeClaimPlan claim, string subnet)
        {
            if (_shapes.TryGetValue((claim.Type.Name, claim.Pods, subnet), out var group))
            {
                return group;
            }

            var one = _pool with
            {
                Provisioning = new NodePoolProvisioning([claim], claim.Pods, 0, NodePoolStop.None),
                ClaimSubnets = [subnet],
            };
            group = NodePoolNodes.Groups(one, _scenario.Cni, _scenario.DaemonSets, _scenario.VmMemoryOverheadPercent).Single();
            if (_shapes.Values.Any(g => g.Name == group.Name))
            {
                var at = group.Name.IndexOf('@', StringComparison.Ordinal);
                group = group with { Spec = group.Spec with { Name = at < 0 ? $"{group.Name}/{claim.Pods}" : $"{group.Name[..at]}/{claim.Pods}{group.Name[at..]}" } };
            }

            _shapes[(claim.Type.Name, claim.Pods, subnet)] = group;
            return group;
        }
    }
}
