using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output.Html;

/// <summary>
/// The <c>--html</c> report of <c>plan</c>, <c>simulate</c> and <c>recommend</c>, built one way: the plan of the
/// scenario with the loader's warnings, then the verb's own sections, stamped with every input file (the scenario
/// and, when given, the instance-types file).
/// </summary>
internal static class ScenarioHtmlReport
{
    /// <summary>The plan of <paramref name="scenario"/> with the loader's warnings among its findings, named after the file.</summary>
    public static PlanReport Plan(ProvisionedScenario scenario, IReadOnlyList<Finding> loaderWarnings, FileInfo scenarioFile, LaunchOrder launch = LaunchOrder.Sequential)
    {
        ArgumentNullException.ThrowIfNull(scenarioFile);
        return CapacityPlanner.Plan(scenario, loaderWarnings, launch) with { Scenario = scenarioFile.Name };
    }

    /// <summary>The plan as an HTML report that the verbs add their sections to: it renders the plan it is given.</summary>
    public static HtmlReport Create(PlanReport plan) => PlanHtml.Create(plan);

    /// <summary>
    /// Writes the report of <paramref name="plan"/> plus <paramref name="addSections"/> to <paramref name="target"/>,
    /// stamped with <paramref name="clock"/>'s time (the system clock when null).
    /// </summary>
    public static void Write(
        FileInfo target,
        PlanReport plan,
        ProvisionedScenario scenario,
        FileInfo scenarioFile,
        FileInfo? instanceTypes,
        TimeProvider? clock,
        Func<HtmlReport, HtmlReport>? addSections = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(scenarioFile);
        var report = Create(plan);
        if (addSections is not null)
        {
            report = addSections(report);
        }

        // A scenario that says how it grows gets its runway beside the verdict; without growth there is none.
        if ((scenario.NodeGroups.Any(g => g.Growth is not null) || scenario.NodePools.Any(p => p.Growth is not null)) && !report.Sections.Any(s => s.Id == RunwaySection.Id))
        {
            report = report.AddRunway(Runway.Run(scenario, new RunwayOptions()) with { Scenario = scenarioFile.Name });
        }

        List<ReportInput> inputs = [ReportInput.Of("Scenario", scenarioFile)];
        if (instanceTypes is not null)
        {
            inputs.Add(ReportInput.Of("Instance types", instanceTypes));
        }

        HtmlReportFile.Write(target.FullName, report.Render(ReportRun.Now(clock ?? TimeProvider.System, inputs)));
    }
}
