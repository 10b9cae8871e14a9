using System.CommandLine;
using IpPlanner.Cli.Output;
using IpPlanner.Core;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner plan FILE</c>: how many pods fit, per subnet, node group and cluster, with exhaustion warnings.</summary>
public static class PlanCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A scenario file (YAML or JSON)" };
        var output = CommonOptions.Output("table", "json", "markdown");
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when a warning of this severity or worse exists: warning|error" };
        failOn.AcceptOnlyFromAmong("warning", "error");
        var types = CommonOptions.InstanceTypes();
        var command = new Command("plan", "Run the allocation engine on a scenario: subnets, node groups, cluster capacity and warnings.")
        {
            file, output, failOn, types,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types));
            var (scenario, loaderWarnings) = ScenarioInput.Load(parse.GetValue(file)!, catalog);
            var report = CapacityPlanner.Plan(scenario, loaderWarnings) with { Scenario = parse.GetValue(file)!.Name };
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
