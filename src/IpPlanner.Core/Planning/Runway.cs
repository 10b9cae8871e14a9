using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
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
        foreach (var group in scenario.NodeGroups)
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
        if (scenario.NodeGroups.Any(g => g.Name == name) || scenario.NodePools.Any(p => p.Name == name))
        {
            return null;
        }

        List<string> known = [];
        if (scenario.NodeGroups.Count > 0 || scenario.NodePools.Count == 0)
        {
            known.Add($"node groups: {string.Join(", ", scenario.NodeGroups.Select(g => g.Name))}");
        }

        if (scenario.NodePools.Count > 0)
        {
            known.Add($"NodePools: {string.Join(", ", scenario.NodePools.Select(p => p.Name))}");
        }

        return $"no node group{(scenario.NodePools.Count > 0 ? " or NodePool" : "")} is named '{name}' ({string.Join("; ", known)})";
    }

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
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"runs: {options.Runs} is not valid (expected 1 to {RunwayOptions.MaxRuns:N0})"));
        }

        var rates = GrowthRates.Of(scenario, options.Growth);
        var mean = new RunwayPath(scenario, rates, random: null, record: true) { Launch = options.Launch }.Run(options.Months);
        var runs = options.Runs > 1 ? RunwayRuns.Run(scenario, rates, options) : null;
        var own = scenario.NodeGroups;

        var subnets = mean.Subnets.Select((s, i) => new RunwaySubnet(
            s.Spec.Id, s.Spec.Zone, s.Space.Usable, mean.Points[0].Used[i], mean.SubnetMonth[i], mean.Reason[i], mean.Detail[i])
        {
            Percentiles = runs is null ? null : RunwayRuns.Percentiles(runs, r => r.SubnetMonth[i], options.Months),
        }).ToList();
        var groups = own.Select((g, i) => new RunwayGroup(
            g.Name, rates.Groups[i]?.ToString(), g.PodsPerNode, g.Nodes * g.PodsPerNode, g.Nodes, g.MaxNodes, mean.GroupMonth[i],
            mean.Points[^1].PodsWanted[i], mean.Points[^1].Pods[i], mean.Points[^1].Nodes[i])
        {
            Percentiles = runs is null || rates.Groups[i] is null ? null : RunwayRuns.Percentiles(runs, r => r.GroupMonth[i], options.Months),
            NodeLimitInMonth = mean.GroupLimit[i]?.Month,
            NodeLimit = mean.GroupLimit[i]?.Words,
            NodeLimitPercentiles = runs is null || rates.Groups[i] is null ? null : RunwayRuns.Percentiles(runs, r => r.GroupLimit[i]?.Month, options.Months),
        }).ToList();
        var pools = scenario.NodePools.Select((p, i) => new RunwayNodePool(
            p.Name, rates.Pools[i]?.ToString(), p.PodCount, p.Provisioning?.NodeClaims.Count ?? 0, Limits(p.Spec), mean.PoolLimitMonth[i],
            mean.Points[^1].PoolPodsWanted[i], mean.Points[^1].PoolPods[i], mean.Points[^1].PoolNodes[i], mean.PoolPending[i])
        {
            Percentiles = runs is null || rates.Pools[i] is null ? null : RunwayRuns.Percentiles(runs, r => r.PoolLimitMonth[i], options.Months),
            Stop = mean.PoolStop[i],
            NodeLimitInMonth = mean.PoolNodeLimit[i]?.Month,
            NodeLimit = mean.PoolNodeLimit[i]?.Words,
        }).ToList();
        var firstPercentiles = runs is null ? null : RunwayRuns.Percentiles(runs, r => r.First?.Month, options.Months);
        return new RunwayReport(
            scenario.SourceFile, options.Months, options.Runs, options.Seed, subnets, groups, mean.First, firstPercentiles, mean.Points,
            RunwayVerdict.Of(mean.First, groups, pools, options.Months, firstPercentiles) + (options.Launch == LaunchOrder.Burst ? "; each month's new nodes launched at once" : ""))
        {
            Bands = runs is null || !rates.Uncertain ? null : RunwayRuns.Bands(runs, mean.Subnets, options.Months),
            NodePools = pools,
            Launch = options.Launch.Name(),
            NetworkAddressUsage = new RunwayNetworkAddressUsage(mean.NetworkAddressUnitsNow, mean.NetworkAddressUsageQuota, mean.NetworkAddressUsageMonth, mean.NetworkAddressUsageDetail),
        };
    }

    /// <summary>The month the first subnet runs out under <paramref name="growth"/>, or null when none does within <paramref name="months"/>.</summary>
    public static RunwayExhaustion? FirstExhausted(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rates = GrowthRates.Of(scenario, growth);
        return new RunwayPath(scenario, rates, random: null, record: false) { StopAtFirst = true }.Run(months).First;
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

    /// <summary>A month for people: "month 7", or "not within 36 months" for null.</summary>
    public static string Month(int? month, int horizon) => month is { } m ? $"month {m}" : $"not within {horizon} months";
}
