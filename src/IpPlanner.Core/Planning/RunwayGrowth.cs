using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>The growth rate of each own node group and of each NodePool (scenario order; null: does not grow).</summary>
internal sealed record GrowthRates(GrowthRate?[] Groups, GrowthRate?[] Pools)
{
    /// <summary>True when any rate has a spread, so runs differ.</summary>
    public bool Uncertain => Groups.Any(r => r is { Uncertain: true }) || Pools.Any(r => r is { Uncertain: true });

    /// <summary>
    /// The rates of <paramref name="scenario"/> under <paramref name="overrides"/> (<see cref="Runway.GrowthOf"/>); throws
    /// when nothing grows, or a growing group has no pods per node to turn pods into nodes.
    /// </summary>
    public static GrowthRates Of(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate>? overrides)
    {
        var growth = Runway.GrowthOf(scenario, overrides);
        if (growth.Count == 0)
        {
            throw new InputException("runway: no node group or NodePool has a growth rate (give one per group or NodePool, e.g. web=+40/month, or growth: on it in the scenario)");
        }

        var own = scenario.NodeGroups;
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
}

/// <summary>
/// The runway's arithmetic of growth: pods grow by a rate (+N, or +P% compounding), are carried with fractions so
/// percentages compound, and turn into whole pods and whole nodes.
/// </summary>
internal static class RunwayGrowth
{
    /// <summary><paramref name="pods"/> after one month at <paramref name="rate"/> with this month's <paramref name="step"/> (never below 0).</summary>
    internal static double Grow(double pods, GrowthRate rate, double step) =>
        Math.Max(0, rate.Unit == GrowthUnit.Percent ? pods * (1 + (step / 100)) : pods + step);

    /// <summary>Grown (fractional) pods as whole pods: the growth carries fractions so percentages compound, a pod is whole.</summary>
    /// <remarks>Past <see cref="RunwayOptions.MaxPodsCounted"/> (more than any group can run) they are counted as that many.</remarks>
    internal static int WholePods(double pods) => (int)Math.Min(Math.Round(pods, MidpointRounding.AwayFromZero), RunwayOptions.MaxPodsCounted);

    /// <summary>The nodes <paramref name="pods"/> need at <paramref name="podsPerNode"/>, past the search limit as one more than it.</summary>
    internal static int NodesFor(double pods, int podsPerNode)
    {
        // Pods are whole: the growth is carried with fractions (so percentages compound), the nodes serve whole pods.
        // That also keeps 100 x 1.1 (110.00000000000001 in binary) at 11 nodes of 10, not 12.
        var nodes = Math.Ceiling(Math.Round(pods, MidpointRounding.AwayFromZero) / podsPerNode);
        return nodes > CapacityPlanner.NodeSearchLimit ? CapacityPlanner.NodeSearchLimit + 1 : (int)nodes;
    }
}
