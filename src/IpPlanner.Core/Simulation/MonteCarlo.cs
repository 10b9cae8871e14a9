using IpPlanner.Core.Addressing;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using System.Globalization;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Simulation;

/// <summary>How to run the time simulation.</summary>
public sealed record SimulationOptions
{
    /// <summary>Simulated time in seconds.</summary>
    public double DurationSeconds { get; init; } = 3600;

    /// <summary>Independent runs.</summary>
    public int Runs { get; init; } = 100;

    /// <summary>The seed; run i uses a seed derived from it and i, so results do not depend on thread scheduling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Seconds between samples of the time view.</summary>
    public double SampleEverySeconds { get; init; } = 60;

    /// <summary>Seconds from attaching an ENI to its IPs being usable.</summary>
    public double EniAttachSeconds { get; init; } = 10;

    /// <summary>Degree of parallelism (defaults to every core).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Percentiles of a quantity over the runs.</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Max);

/// <summary>One subnet over all runs.</summary>
public sealed record SubnetOutlook(
    string Id,
    string Zone,
    int Usable,
    Percentiles PeakUsed,
    double ExhaustionProbability,
    Percentiles? TimeToFirstFailureSeconds,
    double MeanPodsFailedToStart,
    int MaxPodsFailedToStart,
    double ProbabilityUnder80Percent);

/// <summary>The time view of one subnet: median and p5–p95 band of used addresses at each sample time.</summary>
public sealed record SubnetSeries(string Id, int Usable, IReadOnlyList<double> P5, IReadOnlyList<double> P50, IReadOnlyList<double> P95);

/// <summary>The Monte Carlo result of a time simulation.</summary>
public sealed record SimulationReport(
    string Scenario,
    double DurationSeconds,
    int Runs,
    int Seed,
    double EniAttachSeconds,
    IReadOnlyList<SubnetOutlook> Subnets,
    double MeanPodsCreated,
    double MeanPodsPendingAtEnd,
    IReadOnlyList<double> SampleSeconds,
    IReadOnlyList<SubnetSeries> Series,
    IReadOnlyList<string> Verdicts)
{
    /// <summary>Pods per run (mean) that no node could take when created: pending, never running (max pods or no node of their group).</summary>
    public double MeanPodsUnschedulable { get; init; }
}

/// <summary>Runs the time simulation many times, seeded and in parallel, and summarises the runs with MathNet.Numerics.</summary>
public static class MonteCarlo
{
    /// <summary>Runs and summarises. <paramref name="progress"/> is called with the number of finished runs.</summary>
    public static SimulationReport Run(ProvisionedScenario scenario, SimulationOptions options, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Runs < 1 || options.Runs > 1_000_000)
        {
            throw new InputException($"runs: {options.Runs} is not valid (expected 1 to 1,000,000)");
        }

        if (!(options.DurationSeconds > 0) || options.DurationSeconds > 30 * 86400)
        {
            throw new InputException($"duration: {options.DurationSeconds} s is not valid (expected more than 0 and at most 30 days)");
        }

        // Runs go to every core; each worker keeps one workspace (event queue, pod table, deployments) from run to run.
        // Run i is seeded by the seed and i alone and empties its workspace first, so which worker runs it, and after
        // which runs, changes nothing: the report is the same on any number of cores.
        var results = new RunResult[options.Runs];
        var done = 0;
        Parallel.For(
            0,
            options.Runs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism) },
            () => new ChurnWorkspace(),
            (i, _, workspace) =>
            {
                var seed = SplitMix64.RunSeed(options.Seed, i);
                results[i] = new ChurnRun(scenario, options.DurationSeconds, options.SampleEverySeconds, options.EniAttachSeconds, seed, workspace: workspace).Run();
                var finished = Interlocked.Increment(ref done);
                progress?.Invoke(finished);
                return workspace;
            },
            _ => { });

        return Summarise(scenario, options, results);
    }

    private static SimulationReport Summarise(ProvisionedScenario scenario, SimulationOptions options, RunResult[] results)
    {
        var subnets = scenario.Subnets;
        var outlooks = new List<SubnetOutlook>(subnets.Count);
        var series = new List<SubnetSeries>(subnets.Count);
        var samples = results[0].Samples.GetLength(0);
        var verdicts = new List<string>();
        for (var s = 0; s < subnets.Count; s++)
        {
            var usable = subnets[s].UsableAddressCount;
            var peaks = results.Select(r => (double)r.PeakUsed[s]).ToArray();
            var failures = results.Select(r => r.FirstFailureSeconds[s]).Where(t => !double.IsNaN(t)).ToArray();
            var failedPods = results.Select(r => (double)r.PodsFailedToStart[s]).ToArray();
            var exhaustion = (double)failures.Length / results.Length;
            var under80 = peaks.Count(p => p < 0.8 * usable) / (double)results.Length;
            var outlook = new SubnetOutlook(
                subnets[s].Id, subnets[s].Zone, usable, Of(peaks), Math.Round(exhaustion, 4),
                failures.Length > 0 ? Of(failures) : null,
                Math.Round(failedPods.Mean(), 3), (int)failedPods.Maximum(), Math.Round(under80, 4));
            outlooks.Add(outlook);

            var p5 = new double[samples];
            var p50 = new double[samples];
            var p95 = new double[samples];
            var column = new double[results.Length];
            for (var t = 0; t < samples; t++)
            {
                for (var r = 0; r < results.Length; r++)
                {
                    column[r] = results[r].Samples[t, s];
                }

                Array.Sort(column);
                p5[t] = SortedArrayStatistics.Quantile(column, 0.05);
                p50[t] = SortedArrayStatistics.Quantile(column, 0.50);
                p95[t] = SortedArrayStatistics.Quantile(column, 0.95);
            }

            series.Add(new SubnetSeries(subnets[s].Id, usable, p5, p50, p95));
            if (exhaustion > 0)
            {
                verdicts.Add($"subnet {subnets[s].Id} exhausts in {exhaustion.ToString("P0", CultureInfo.InvariantCulture)} of runs, first after {Minutes(outlook.TimeToFirstFailureSeconds!.P50)} (median)");
            }
            else if (p95.Max() > p5.Min())
            {
                // Subnets the workloads never touch (load balancer subnets, say) need no verdict.
                verdicts.Add($"with 95% confidence subnet {subnets[s].Id} peaks at or below {(outlook.PeakUsed.P95 / usable).ToString("P0", CultureInfo.InvariantCulture)} ({outlook.PeakUsed.P95.ToString("N0", CultureInfo.InvariantCulture)} of {usable.ToString("N0", CultureInfo.InvariantCulture)} addresses)");
            }
        }

        var unschedulable = Math.Round(results.Average(r => r.PodsUnschedulable), 3);
        if (unschedulable > 0)
        {
            verdicts.Add($"{unschedulable.ToString("0.#", CultureInfo.InvariantCulture)} pods per run (mean) found no node with room (max pods, or no node of their group) and waited as pending");
        }

        return new SimulationReport(
            scenario.SourceFile, options.DurationSeconds, options.Runs, options.Seed, options.EniAttachSeconds, outlooks,
            Math.Round(results.Average(r => r.PodsCreated), 3), Math.Round(results.Average(r => r.PodsPendingAtEnd), 3),
            [.. Enumerable.Range(0, samples).Select(i => i * options.SampleEverySeconds)], series, verdicts)
        {
            MeanPodsUnschedulable = unschedulable,
        };
    }

    private static Percentiles Of(double[] values)
    {
        var sorted = values.Order().ToArray();
        return new Percentiles(
            Math.Round(SortedArrayStatistics.Quantile(sorted, 0.50), 3),
            Math.Round(SortedArrayStatistics.Quantile(sorted, 0.95), 3),
            Math.Round(SortedArrayStatistics.Quantile(sorted, 0.99), 3),
            sorted[^1]);
    }

    private static string Minutes(double seconds) => seconds < 120 ? $"{seconds.ToString("0", CultureInfo.InvariantCulture)} s" : $"{(seconds / 60).ToString("0", CultureInfo.InvariantCulture)} min";
}
