using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>
/// What the growth needs after some months, as the runway grows it: the target of <c>recommend --runway</c>
/// (Planning/Recommend/RunwayRecommend.cs).
/// </summary>
internal static class RunwayTargets
{
    /// <summary>
    /// The nodes each node group runs after <paramref name="months"/> months of growth at its mean rate, at most its
    /// maxNodes, as on the runway (NodePools, whose nodes Karpenter picks month by month, are not in it).
    /// </summary>
    public static IReadOnlyDictionary<string, int> NodesNeeded(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rates = GrowthRates.Of(scenario, growth).Groups;
        var own = scenario.NodeGroups;
        var needed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < own.Count; g++)
        {
            var group = own[g];
            var pods = (double)group.Nodes * group.PodsPerNode;
            var nodes = group.Nodes;
            for (var m = 1; m <= months && rates[g] is { } rate; m++)
            {
                pods = RunwayGrowth.Grow(pods, rate, rate.PerMonth);
                nodes = Math.Max(nodes, RunwayGrowth.NodesFor(pods, group.PodsPerNode));
            }

            needed[group.Name] = Math.Min(nodes, Math.Max(group.Nodes, group.MaxNodes));
        }

        return needed;
    }

    /// <summary>
    /// The pending pods each growing NodePool is asked for after <paramref name="months"/> months of growth at its mean
    /// rate, as on the runway (<c>NodePoolGrowth</c>): grown by the same arithmetic, rounded to whole pods, and never fewer
    /// than at any month before (pods never leave a NodePool's nodes; docs/rules.md, "Runway of a NodePool").
    /// </summary>
    public static IReadOnlyDictionary<string, int> PoolPodsNeeded(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> growth, int months)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var rates = GrowthRates.Of(scenario, growth).Pools;
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
                pods = RunwayGrowth.Grow(pods, rate, rate.PerMonth);
                most = Math.Max(most, RunwayGrowth.WholePods(pods));
            }

            needed[pool.Name] = most;
        }

        return needed;
    }
}
