using System.CommandLine;
using System.Globalization;
using IpPlanner.Cli.Output;
using IpPlanner.Cli.Output.Html;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner recommend FILE</c>: subnet sizes and CNI settings that fit the target, each proven by planning it.</summary>
internal static class RecommendCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context, TimeProvider? clock = null)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A scenario file (YAML or JSON)" }.AsInput();
        var targetPods = CommonOptions.OptionalWholeNumber("--target-pods", "Pods to run, spread over the node groups in proportion to what they run now", 1, 10_000_000);
        var targetNodes = new Option<string[]>("--target-nodes") { Description = "Node counts per group (repeatable); default: every group at maxNodes", HelpName = "GROUP=N", AllowMultipleArgumentsPerToken = true };
        var headroom = CommonOptions.Number("--headroom", "Extra nodes on top of the target, in percent", 0, 1000, 10);
        var write = new Option<string?>("--write") { Description = "Write the best fitting strategy's patched scenario to this file", HelpName = "FILE" }.AsOutput();
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report: the plan plus the strategies compared", HelpName = "FILE" }.AsOutput();
        var runway = CommonOptions.OptionalWholeNumber("--runway", "Size for this many months of growth (from --growth or the scenario's growth) and say the runway each strategy buys", 1, RunwayOptions.MaxMonths);
        runway.HelpName = "MONTHS";
        var growth = RunwayCommand.GrowthOption();
        var output = CommonOptions.Output("table", "json", "markdown");
        var types = CommonOptions.InstanceTypes();
        var prices = CommonOptions.Prices();
        var cluster = CommonOptions.Cluster();
        var command = new Command("recommend", "Compare ways to reach a target (warm pool, prefix delegation, custom networking, more subnets, IPv6), each planned by the engine.")
        {
            file, targetPods, targetNodes, headroom, write, html, output, types, prices, runway, growth, cluster,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            // Output paths first: a typo in --write or --html should not cost planning every strategy.
            if (parse.GetValue(write) is { } writeTarget)
            {
                PatchedScenario.CheckPath(writeTarget);
            }

            if (parse.GetValue(html) is { } htmlTarget)
            {
                HtmlReportFile.CheckPath(htmlTarget.FullName);
            }

            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types), parse.GetValue(prices));
            var input = parse.GetValue(file)!;
            var (whole, loaderWarnings) = ScenarioInput.Load(input, catalog);
            var scenario = ScenarioInput.Focus(whole, parse.GetValue(cluster), input);
            ScenarioInput.WriteWarnings(context.Error, loaderWarnings);
            var nodes = ParseTargetNodes(parse.GetValue(targetNodes) ?? []);

            var months = parse.GetValue(runway);
            if (months is not null && (nodes.Count > 0 || parse.GetValue(targetPods) is not null))
            {
                throw new InputException("--runway and --target-pods/--target-nodes: give one target");
            }

            var growthOverrides = RunwayCommand.ParseGrowth(parse.GetValue(growth) ?? []);
            if (months is null && growthOverrides.Count > 0)
            {
                throw new InputException("--growth: recommend uses growth only with --runway MONTHS (the target is what the growth needs after MONTHS months)");
            }

            var growthRates = months is null ? Runway.GrowthOf(scenario, null) : RunwayCommand.CheckedGrowth(scenario, growthOverrides, "--runway");

            // Core checks the target, naming each input by its flag.
            var target = months is { } m
                ? RunwayRecommend.Target(scenario, growthRates, m, parse.GetValue(headroom), Labels)
                : Recommender.Target(scenario, nodes, parse.GetValue(targetPods), parse.GetValue(headroom), labels: Labels);
            var report = Recommender.Recommend(scenario, target) with { Scenario = input.Name };
            if (months is { } runwayMonths)
            {
                report = report with { Runway = RunwayRecommend.Runways(scenario, report, growthRates, runwayMonths) };
            }

            if (parse.GetValue(write) is { } path)
            {
                var best = report.Strategies.FirstOrDefault(s => s.Name == report.Best)
                    ?? throw new InputException($"--write: nothing fits {target.Description}, so there is no patched scenario to write");
                PatchedScenario.Write(best, scenario, target.Description, path, catalog, whole.HasSeveralClusters ? whole.ClusterIndexOf(parse.GetValue(cluster)) : null);
            }

            if (parse.GetValue(html) is { } htmlFile)
            {
                var plan = ScenarioHtmlReport.Plan(scenario, loaderWarnings, input);
                ScenarioHtmlReport.Write(htmlFile, plan, scenario, input, parse.GetValue(types), clock, sections => sections.AddRecommendations(report).AddStrategyRunways(report));
            }

            switch (parse.GetValue(output))
            {
                case "json":
                    JsonOutput.Write(context.Out, report);
                    break;
                case "markdown":
                    RecommendText.WriteMarkdown(context.Out, report);
                    RunwayText.WriteStrategies(context.Out, report, markdown: true);
                    break;
                default:
                    RecommendText.WriteTable(context.Out, report);
                    RunwayText.WriteStrategies(context.Out, report, markdown: false);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The target's inputs as this verb's flags name them.</summary>
    private static readonly TargetLabels Labels = new("--target-nodes", "--target-pods", "--headroom", "--runway");

    private static Dictionary<string, int> ParseTargetNodes(string[] values)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !int.TryParse(value.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw new InputException($"--target-nodes: '{value}' is not GROUP=N (e.g. general=120)");
            }

            result[value[..eq]] = n;
        }

        return result;
    }
}
