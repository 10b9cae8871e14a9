using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using System.Globalization;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>The runway a recommended strategy buys: the month its first subnet runs out under the growth, if within the horizon.</summary>
public sealed record StrategyRunway(string Strategy, int? RunsOutInMonth, string? Subnet, string? Reason, int Horizon, string Summary);

/// <summary>
/// <c>recommend --runway MONTHS</c>: the target is what the growth needs after MONTHS months, and each strategy's
/// patched scenario is grown from today's nodes on the runway to say how long it lasts (docs/rules.md, "Runway").
/// </summary>
public static class RunwayRecommend
{
    /// <summary>
    /// The target: the nodes each growing group runs after <paramref name="months"/> months (at most its maxNodes; the
    /// others stay as they are) and the pending pods each growing NodePool is asked for then, plus headroom.
    /// </summary>
    public static RecommendTarget Target(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months, double headroomPercent, TargetLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        CheckMonths(months);
        var needed = RunwayTargets.NodesNeeded(scenario, growth, months);
        var poolPods = RunwayTargets.PoolPodsNeeded(scenario, growth, months);
        var growing = scenario.NodeGroups.Where(g => growth.ContainsKey(g.Name)).ToList();
        var target = Recommender.Target(scenario, needed, pods: null, headroomPercent, poolPods, labels);
        var what = string.Join(", ", growing.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Name} {growth[g.Name]} to {needed[g.Name]:N0} nodes{(needed[g.Name] == g.MaxNodes ? " (maxNodes)" : "")}"))
            .Concat(scenario.NodePools.Where(p => poolPods.ContainsKey(p.Name)).Select(p => string.Create(CultureInfo.InvariantCulture, $"NodePool {p.Name} {growth[p.Name]} to {poolPods[p.Name]:N0} pending pods"))));
        return target with { Description = string.Create(CultureInfo.InvariantCulture, $"{months} months of growth ({what}), plus {headroomPercent:0.#}% headroom") };
    }

    /// <summary>
    /// The runway of each strategy that has a patched scenario: today's nodes (and maxNodes) on the strategy's subnets
    /// and settings, grown month by month exactly as <c>runway</c> grows the scenario, so "current settings" agrees with it.
    /// </summary>
    public static IReadOnlyList<StrategyRunway> Runways(ProvisionedScenario original, RecommendReport report, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(report);
        CheckMonths(months);
        var horizon = Math.Min(RunwayOptions.MaxMonths, Math.Max(36, 2 * months));
        var result = new List<StrategyRunway>();
        foreach (var strategy in report.Strategies)
        {
            if (strategy.Patched is not { } patched)
            {
                var why = strategy.Fits ? "pods take no IPv4 addresses: the runway is the nodes' own addresses" : "not possible";
                result.Add(new StrategyRunway(strategy.Name, null, null, null, horizon, why));
                continue;
            }

            // Today's nodes: each own group's count, and each NodePool provisioned for today's pending pods under the
            // strategy's settings (its limits, types and subnets), not for the target's.
            var today = patched with
            {
                NodeGroups = [.. patched.NodeGroups.Select(g => original.NodeGroups.FirstOrDefault(o => o.Name == g.Name) is { } o
                    ? g with { Spec = g.Spec with { Nodes = o.Nodes, MaxNodes = o.MaxNodes } }
                    : g)],
            };
            today = NodePoolPlacement.Reprovision(today, original.NodePools.ToDictionary(p => p.Name, p => p.PodCount, StringComparer.Ordinal));
            var first = Runway.FirstExhausted(today, growth, horizon);
            var summary = first switch
            {
                null => $"more than {horizon} months",
                { NetworkAddressUsage: true, Month: 0 } => $"none: the VPC's {first.Reason} binds now",
                { NetworkAddressUsage: true } => $"{first.Month} months: the VPC's {first.Reason} binds in month {first.Month}",
                { Month: 0 } => $"none: subnet {first.Subnet} runs out now ({first.Reason})",
                _ => $"{first.Month} months: subnet {first.Subnet} runs out in month {first.Month} ({first.Reason})",
            };
            result.Add(new StrategyRunway(strategy.Name, first?.Month, first?.Subnet, first?.Reason, horizon, summary));
        }

        return result;
    }

    private static void CheckMonths(int months)
    {
        if (months is < 1 or > RunwayOptions.MaxMonths)
        {
            throw new InputException($"runway: {months} months is not valid (expected 1 to {RunwayOptions.MaxMonths})");
        }
    }
}
