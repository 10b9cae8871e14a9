using IpPlanner.Core.Addressing;
using IpPlanner.Core.Engine;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>
/// The runway's Monte Carlo runs (docs/rules.md, "Runway"): many paths, each drawing every uncertain rate's monthly step
/// from its normal distribution with its own seed, summarised as percentiles of a month and bands of used addresses.
/// </summary>
internal static class RunwayRuns
{
    /// <summary>The Monte Carlo runs: each a path with its own seeded draws of every uncertain rate (all the mean path when none is).</summary>
    public static RunwayPath.Result[] Run(ProvisionedScenario scenario, GrowthRates rates, RunwayOptions options)
    {
        var results = new RunwayPath.Result[options.Runs];
        if (!rates.Uncertain)
        {
            // Without uncertainty every run is the mean path.
            var only = new RunwayPath(scenario, rates, random: null, record: false) { Launch = options.Launch }.Run(options.Months);
            Array.Fill(results, only);
            return results;
        }

        Parallel.For(0, options.Runs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) }, i =>
        {
            var random = new Xoshiro256StarStar(SplitMix64.RunSeed(options.Seed, i), threadSafe: false);
            results[i] = new RunwayPath(scenario, rates, random, record: false) { Launch = options.Launch }.Run(options.Months);
        });
        return results;
    }

    /// <summary>Each subnet's used addresses month by month, P10 and P90 over the runs.</summary>
    public static List<RunwayBand> Bands(RunwayPath.Result[] runs, List<SubnetState> subnets, int months)
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

    /// <summary>P10, P50 and P90 over the runs of the month <paramref name="month"/> picks, and the share of runs within the horizon.</summary>
    public static MonthPercentiles Percentiles(RunwayPath.Result[] runs, Func<RunwayPath.Result, int?> month, int horizon)
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
}
