using System.CommandLine;
using System.Globalization;
using IpPlanner.Cli.Output;
using IpPlanner.Cli.Output.Html;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner runway FILE</c>: the month each subnet runs out as the node groups' pods grow.</summary>
internal static class RunwayCommand
{
    /// <summary>Monte Carlo runs when a rate is uncertain and <c>--runs</c> is not given.</summary>
    public const int DefaultUncertainRuns = 200;

    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context, TimeProvider? clock = null)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A scenario file (YAML or JSON)" }.AsInput();
        var growth = GrowthOption(nodePools: true);
        var months = CommonOptions.WholeNumber("--months", "Months to look ahead", 1, RunwayOptions.MaxMonths, defaultValue: 36);
        var runs = CommonOptions.OptionalWholeNumber("--runs", $"Monte Carlo runs for P10/P50/P90 (default: {DefaultUncertainRuns} when a rate has ±SD, else 1)", 1, RunwayOptions.MaxRuns);
        var seed = CommonOptions.WholeNumber("--seed", "Seed: same seed, same output", int.MinValue, int.MaxValue, defaultValue: 1);
        var plot = new Option<string?>("--plot") { Description = "Write a chart of used addresses per subnet over the months: FILE.png or FILE.svg", HelpName = "FILE" }.AsOutput();
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report: the plan with the runway next to its verdict", HelpName = "FILE" }.AsOutput();
        var output = CommonOptions.Output("table", "json", "markdown");
        var types = CommonOptions.InstanceTypes();
        var prices = CommonOptions.Prices();
        var launch = CommonOptions.Launch("each month's new nodes");
        var cluster = CommonOptions.Cluster();
        var command = new Command("runway", "When each subnet runs out as the pods grow month by month (growth from --growth or the scenario's nodeGroups[].growth and nodePools[].growth).")
        {
            file, growth, months, runs, seed, plot, html, output, types, prices, launch, cluster,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            // Output paths and flags first: a typo should not cost a whole run.
            if (parse.GetValue(plot) is { } plotTarget)
            {
                SimulationPlots.CheckPath(plotTarget);
            }

            if (parse.GetValue(html) is { } htmlTarget)
            {
                HtmlReportFile.CheckPath(htmlTarget.FullName);
            }

            var overrides = ParseGrowth(parse.GetValue(growth) ?? []);
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types), parse.GetValue(prices));
            var input = parse.GetValue(file)!;
            var (scenario, loaderWarnings) = ScenarioInput.Load(input, catalog, parse.GetValue(cluster));
            ScenarioInput.WriteWarnings(context.Error, loaderWarnings);
            var growthRates = CheckedGrowth(scenario, overrides, "runway");
            var monthCount = parse.GetValue(months);
            var runCount = parse.GetValue(runs) ?? (growthRates.Values.Any(r => r.Uncertain) ? DefaultUncertainRuns : 1);

            var options = new RunwayOptions
            {
                Months = monthCount,
                Runs = runCount,
                Seed = parse.GetValue(seed),
                Growth = overrides,
                Launch = CommonOptions.LaunchOrder(parse.GetValue(launch)),
            };
            var report = Runway.Run(scenario, options) with { Scenario = input.Name };

            // Files first (a path that cannot be written fails the run before anything is printed), then stdout.
            if (parse.GetValue(plot) is { } plotPath)
            {
                SimulationPlots.Save(RunwayPlot.Chart(report), plotPath);
            }

            if (parse.GetValue(html) is { } htmlFile)
            {
                var plan = ScenarioHtmlReport.Plan(scenario, loaderWarnings, input, options.Launch);
                ScenarioHtmlReport.Write(htmlFile, plan, scenario, input, parse.GetValue(types), clock, sections => sections.AddRunway(report));
            }

            switch (parse.GetValue(output))
            {
                case "json":
                    JsonOutput.Write(context.Out, report);
                    break;
                case "markdown":
                    RunwayText.WriteMarkdown(context.Out, report);
                    break;
                default:
                    RunwayText.WriteTable(context.Out, report);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The growth per group (the scenario's, overridden by <c>--growth</c>), checked here so the errors name the flag:
    /// a group that does not exist, or no growth at all.
    /// </summary>
    public static IReadOnlyDictionary<string, GrowthRate> CheckedGrowth(ProvisionedScenario scenario, IReadOnlyDictionary<string, GrowthRate> overrides, string verb)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(overrides);
        foreach (var name in overrides.Keys)
        {
            if (Runway.UnknownName(scenario, name) is { } problem)
            {
                throw new InputException($"--growth: {problem}");
            }
        }

        var growth = Runway.GrowthOf(scenario, overrides);
        return growth.Count > 0
            ? growth
            : throw new InputException($"{verb}: no node group or NodePool has a growth rate (give --growth GROUP=+N/month or POOL=+N/month, or growth: on a node group or NodePool in the scenario)");
    }

    /// <summary><c>--growth GROUP=RATE</c>, repeatable (also used by <c>recommend --runway</c>, which grows node groups only).</summary>
    public static Option<string[]> GrowthOption(bool nodePools = false) => new("--growth")
    {
        Description = nodePools
            ? $"Pod growth of a node group, or pending-pod growth of a NodePool ({GrowthRate.Forms}); overrides the scenario's growth"
            : $"Pod growth of a node group ({GrowthRate.Forms}); overrides the scenario's growth",
        HelpName = nodePools ? "GROUP|POOL=RATE" : "GROUP=RATE",
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>Parses the <c>--growth</c> values; one clear line for each kind of mistake.</summary>
    public static Dictionary<string, GrowthRate> ParseGrowth(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, GrowthRate>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new InputException($"--growth: '{value}' is not GROUP=RATE (e.g. general=+40/month, general=+5%/month, general=+40±10/month)");
            }

            var group = value[..eq];
            if (result.ContainsKey(group))
            {
                throw new InputException($"--growth: node group '{group}' is given twice");
            }

            result[group] = GrowthRate.Parse(value[(eq + 1)..], $"--growth {group}");
        }

        return result;
    }
}
