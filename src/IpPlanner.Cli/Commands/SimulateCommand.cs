using System.CommandLine;
using System.Globalization;
using IpPlanner.Cli.Output;
using IpPlanner.Cli.Output.Html;
using Spectre.Console;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner simulate FILE</c>: the scale curve of a node group, or a Monte Carlo time simulation of the workloads.</summary>
internal static class SimulateCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context, TimeProvider? clock = null)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A scenario file (YAML or JSON)" }.AsInput();
        var scale = new Option<string?>("--scale") { Description = "Add the group's nodes one at a time, from FROM to TO (GROUP alone: 0 to its maxNodes), and record every subnet; for a Karpenter NodePool, FROM..TO is its pending pods", HelpName = "GROUP[=FROM..TO]" };
        var duration = new Option<string?>("--duration") { Description = "Simulated time of the workloads, e.g. 30m, 2h" };
        var upgrade = new Option<string?>("--upgrade")
        {
            Description = "Roll a managed node group's nodes as an EKS version update does (surge, replace, scale down), or a NodePool's as drift does (budget-sized batches of replacements first), and report every subnet's peak",
            HelpName = "GROUP|POOL",
        };
        var runs = CommonOptions.WholeNumber("--runs", "Monte Carlo runs", 1, 1_000_000, defaultValue: 100);
        var seed = CommonOptions.WholeNumber("--seed", "Seed: same seed, same output", int.MinValue, int.MaxValue, defaultValue: 1);
        var attach = CommonOptions.Number("--eni-attach-seconds", "Seconds before a new ENI's IPs can be used", 0, 3600, 10);
        var plot = new Option<string?>("--plot") { Description = "Write a chart: FILE.png or FILE.svg", HelpName = "FILE" }.AsOutput();
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report: the plan plus this simulation's charts", HelpName = "FILE" }.AsOutput();
        var output = CommonOptions.Output("text", "json");
        var types = CommonOptions.InstanceTypes();
        var prices = CommonOptions.Prices();
        var launch = CommonOptions.Launch("the scaled (or surging) nodes");
        var cluster = CommonOptions.Cluster();
        var command = new Command("simulate", "Scale curve (--scale), node roll (--upgrade) or Monte Carlo churn simulation (--duration) of a scenario.")
        {
            file, scale, duration, upgrade, runs, seed, attach, plot, html, output, types, prices, launch, cluster,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            // Output paths first: a typo in --html or --plot should not cost a whole simulation.
            if (parse.GetValue(plot) is { } plotTarget)
            {
                SimulationPlots.CheckPath(plotTarget);
            }

            if (parse.GetValue(html) is { } htmlTarget)
            {
                HtmlReportFile.CheckPath(htmlTarget.FullName);
            }

            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types), parse.GetValue(prices));
            var input = parse.GetValue(file)!;
            var (scenario, loaderWarnings) = ScenarioInput.Load(input, catalog, parse.GetValue(cluster));
            ScenarioInput.WriteWarnings(context.Error, loaderWarnings);
            var json = parse.GetValue(output) == "json";
            var plotPath = parse.GetValue(plot);
            var launchOrder = CommonOptions.LaunchOrder(parse.GetValue(launch));
            var modes = new[] { ("--scale", parse.GetValue(scale)), ("--duration", parse.GetValue(duration)), ("--upgrade", parse.GetValue(upgrade)) }.Where(m => m.Item2 is not null).Select(m => m.Item1).ToList();
            if (modes.Count > 1)
            {
                throw new InputException($"{string.Join(" and ", modes)}: run one at a time");
            }

            if (parse.GetValue(upgrade) is { } upgradeName)
            {
                if (plotPath is not null)
                {
                    throw new InputException("--plot: --upgrade draws no chart (its table is the peak per subnet)");
                }

                var roll = UpgradeRoll.Run(scenario, upgradeName, launchOrder) with { Scenario = input.Name };
                return Emit(roll, _ => throw new InvalidOperationException("no chart"), (report, r) => report.AddUpgrade(r), SimulationText.WriteUpgrade);
            }

            if (parse.GetValue(scale) is { } scaleText)
            {
                var (group, range) = ParseScale(scaleText);
                if (scenario.NodePools.Any(p => p.Name == group) && scenario.AllNodeGroups.All(g => g.Name != group))
                {
                    var (from, to) = range ?? throw new InputException($"--scale: a NodePool's curve is over its pending pods: give {group}=FROM..TO (e.g. {group}=0..500)");
                    if (Core.Simulation.NodePoolScaleCurve.RangeProblem(group, from, to) is { } problem)
                    {
                        throw new InputException($"--scale: {problem}");
                    }

                    var poolCurve = Core.Simulation.NodePoolScaleCurve.Run(scenario, group, from, to, launchOrder);
                    return Emit(poolCurve, SimulationPlots.NodePoolScaleCurve, (report, c) => report.AddNodePoolScaleCurve(c), SimulationText.WriteNodePoolScale);
                }

                if (!scenario.AllNodeGroups.Any(g => g.Name == group))
                {
                    throw new InputException($"--scale: no node group is named '{group}' (node groups: {string.Join(", ", scenario.AllNodeGroups.Select(g => g.Name))})");
                }

                // GROUP alone is the group's own range: from none of its nodes to its maxNodes.
                var (first, last) = range ?? (0, scenario.AllNodeGroups.First(g => g.Name == group).MaxNodes);
                if (last < first || last > CapacityPlanner.NodeSearchLimit)
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--scale: {scaleText} is not a valid range (expected 0 <= FROM <= TO <= {CapacityPlanner.NodeSearchLimit:N0})"));
                }

                var curve = ScaleCurve.Run(scenario, group, first, last, launchOrder);
                return Emit(curve, SimulationPlots.ScaleCurve, (report, c) => report.AddScaleCurve(c), SimulationText.WriteScale);
            }

            var durationText = parse.GetValue(duration)
                ?? throw new InputException("simulate: give --scale GROUP[=FROM..TO] for a scale curve, --upgrade GROUP for a node roll or --duration (e.g. 1h) for a churn simulation");
            if (launchOrder == LaunchOrder.Burst)
            {
                throw new InputException("--launch burst: applies to --scale and --upgrade; --duration starts nodes as its workloads' scale events say");
            }
            if (scenario.Workloads.Count == 0)
            {
                throw new InputException($"{input.Name}: the scenario has no workloads section to simulate over time (try --scale, or add workloads: see samples/churn.yaml)");
            }

            if (parse.GetValue(runs) is < 1 or > 1_000_000)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--runs: {parse.GetValue(runs)} is not valid (expected 1 to 1,000,000)"));
            }

            var seconds = DurationText.ParseSeconds(durationText, "--duration");
            if (!(seconds > 0) || seconds > 30 * 86400)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--duration: {seconds} s is not valid (expected more than 0 and at most 30 days)"));
            }

            var options = new SimulationOptions
            {
                DurationSeconds = seconds,
                Runs = parse.GetValue(runs),
                Seed = parse.GetValue(seed),
                EniAttachSeconds = NonNegative(parse.GetValue(attach), "--eni-attach-seconds"),
            };
            var simulation = RunWithProgress(context, scenario, options, showProgress: context.IsTerminal && !json) with { Scenario = input.Name };
            return Emit(simulation, SimulationPlots.TimeView, (report, r) => report.AddTimeView(r), SimulationText.WriteTime);

            // Files first (a path that cannot be written fails the run before anything is printed), then stdout.
            int Emit<T>(T result, Func<T, ScottPlot.Plot> chart, Func<HtmlReport, T, HtmlReport> section, Action<TextWriter, T> text)
            {
                if (plotPath is not null)
                {
                    SimulationPlots.Save(chart(result), plotPath);
                }

                if (parse.GetValue(html) is { } htmlFile)
                {
                    var plan = ScenarioHtmlReport.Plan(scenario, loaderWarnings, input, launchOrder);
                    ScenarioHtmlReport.Write(htmlFile, plan, scenario, input, parse.GetValue(types), clock, report => section(report, result));
                }

                if (json)
                {
                    JsonOutput.Write(context.Out, result);
                }
                else
                {
                    text(context.Out, result);
                }

                return ExitCodes.Ok;
            }
        }));
        return command;
    }

    private static SimulationReport RunWithProgress(CliContext context, ProvisionedScenario scenario, SimulationOptions options, bool showProgress)
    {
        if (!showProgress)
        {
            if (context.ProgressLineEvery is { } every)
            {
                var line = new ProgressLine(context.Error, context.Clock, every, options.Runs, "simulate");
                return MonteCarlo.Run(scenario, options, line.Report);
            }

            return MonteCarlo.Run(scenario, options);
        }

        SimulationReport? report = null;
        context.CreateConsole().Progress().Start(ctx =>
        {
            var task = ctx.AddTask($"simulating {options.Runs.ToString("N0", CultureInfo.InvariantCulture)} runs", maxValue: options.Runs);
            report = MonteCarlo.Run(scenario, options, done => task.Value = done);
            task.Value = options.Runs;
        });
        return report!;
    }

    /// <summary>Parses GROUP=FROM..TO, or GROUP alone (no range: the caller's default).</summary>
    public static (string Group, (int From, int To)? Range) ParseScale(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0 && !text.Contains("..", StringComparison.Ordinal) && text.Length > 0)
        {
            return (text, null);
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (eq > 0 && dots > eq &&
            int.TryParse(text.AsSpan(eq + 1, dots - eq - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var from) &&
            int.TryParse(text.AsSpan(dots + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            return (text[..eq], (from, to));
        }

        throw new InputException($"--scale: '{text}' is not GROUP or GROUP=FROM..TO (e.g. general=0..200)");
    }

    private static double NonNegative(double value, string flag) =>
        value >= 0 && double.IsFinite(value) ? value : throw new InputException($"{flag}: {value} is not valid (expected 0 or more)");
}
