using System.CommandLine;
using IpPlanner.Cli.Output;
using IpPlanner.Cli.Output.Html;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner plan FILE</c>: how many pods fit, per subnet, node group and cluster, with exhaustion warnings.</summary>
internal static class PlanCommand
{
    /// <summary>Builds the verb; <paramref name="clock"/> stamps the HTML report (the system clock when null).</summary>
    public static Command Create(CliContext context, TimeProvider? clock = null)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A scenario file (YAML or JSON)" }.AsInput();
        var output = CommonOptions.Output("table", "json", "markdown");
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a warning of this severity or worse exists: warning|error" };
        failOn.AcceptOnlyFromAmong("warning", "error");
        var types = CommonOptions.InstanceTypes();
        var prices = CommonOptions.Prices();
        var html = new Option<FileInfo?>("--html")
        {
            Description = "Also write a self-contained HTML report (zones, block maps, node groups, warnings) to this file",
            HelpName = "FILE",
        }.AsOutput();
        var launch = CommonOptions.Launch("the planned nodes (and the nodes added to find how many fit)");
        var command = new Command("plan", "Run the allocation engine on a scenario: subnets, node groups, cluster capacity and warnings.")
        {
            file, output, failOn, types, prices, html, launch,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            if (parse.GetValue(html) is { } htmlTarget)
            {
                HtmlReportFile.CheckPath(htmlTarget.FullName);
            }


            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types), parse.GetValue(prices));
            var input = parse.GetValue(file)!;
            var (scenario, loaderWarnings) = ScenarioInput.Load(input, catalog);
            var report = ScenarioHtmlReport.Plan(scenario, loaderWarnings, input, CommonOptions.LaunchOrder(parse.GetValue(launch)));
            if (parse.GetValue(html) is { } htmlFile)
            {
                // Before stdout, so a path that cannot be written fails the run with nothing printed (exit 2).
                ScenarioHtmlReport.Write(htmlFile, report, scenario, input, parse.GetValue(types), clock);
            }

            switch (parse.GetValue(output))
            {
                case "json":
                    JsonOutput.Write(context.Out, report);
                    break;
                case "markdown":
                    PlanText.WriteMarkdown(context.Out, report);
                    break;
                default:
                    PlanText.WriteTable(context.Out, report);
                    break;
            }

            var threshold = parse.GetValue(failOn) switch
            {
                "warning" => Severity.Warning,
                "error" => Severity.Error,
                _ => (Severity?)null,
            };
            return threshold is { } t && report.Warnings.Any(w => w.Severity >= t) ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }
}
