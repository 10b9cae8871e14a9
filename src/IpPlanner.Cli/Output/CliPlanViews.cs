using IpPlanner.Cli.Commands;
using IpPlanner.Cli.Output.Html;
using IpPlanner.Server;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Cli.Output;

/// <summary>The server's views written by the CLI's own loader and writers, so the API answers what the verbs print.</summary>
/// <param name="catalog">Instance types for loading scenarios.</param>
/// <param name="clock">Stamps the page (the system clock when null).</param>
internal sealed class CliPlanViews(InstanceCatalog catalog, TimeProvider? clock = null) : IPlanViews
{
    /// <summary>The markup the served page's script fills: status, errors, controls, the pinned comparison and the scale curve.</summary>
    public const string Controls = """
        <section id="what-if" class="what-if" aria-label="What if">
        <h2>What if</h2>
        <p id="what-if-status" class="muted" aria-live="polite">Starting the controls&#8230;</p>
        <p id="file-status" class="file-status" aria-live="polite" hidden="hidden"></p>
        <p id="what-if-error" class="what-if-error" role="alert" hidden="hidden"></p>
        <div id="what-if-controls"></div>
        </section>
        <div id="panels"><div id="compare" hidden="hidden"></div><div id="scale" hidden="hidden"></div></div>
        """;

    /// <inheritdoc />
    public (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) Load(string text, string name) => ScenarioInput.LoadText(text, name, catalog);

    /// <inheritdoc />
    public string PlanJson(PlanReport report) => Json(report);

    /// <inheritdoc />
    public string RecommendJson(RecommendReport report) => Json(report);

    /// <inheritdoc />
    public string PlanPage(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway, string scenarioPath, string contentSecurityPolicy)
    {
        var host = new HtmlPageHost(contentSecurityPolicy, ["/app.css"], ["/app.js"], Controls);
        return Report(report, scenario, runway)
            .Render(ReportRun.Now(clock ?? TimeProvider.System, ReportInput.Of("Scenario", new FileInfo(scenarioPath))), host);
    }

    /// <inheritdoc />
    public string ErrorPage(string message, string scenarioPath, string contentSecurityPolicy)
    {
        var host = new HtmlPageHost(contentSecurityPolicy, ["/app.css"], ["/app.js"], Controls);
        // No input hash in the foot: the file may be unreadable, and it is not what any plan here was made from.
        return new HtmlReport(Path.GetFileName(scenarioPath) + " does not load")
            .SetHeadline(message, HeadlineTone.Error)
            .Render(ReportRun.Now(clock ?? TimeProvider.System), host);
    }

    /// <inheritdoc />
    public string Severity(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Severity;
    }

    /// <inheritdoc />
    public string PlanContent(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway) => Report(report, scenario, runway).RenderContent();

    /// <inheritdoc />
    public string ScaleContent(ScaleCurveReport curve, int? marker)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var section = new HtmlReport("scale").AddScaleCurve(curve, marker).Sections.Single();
        return $"<h3>{Html.Html.Text(section.Title)}</h3>\n{section.Fragment}";
    }

    /// <inheritdoc />
    public IReadOnlyList<string> InstanceTypes(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = query.Trim();
        return [.. catalog.Types.Select(t => t.Name).Where(n => n.Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).Take(limit)];
    }

    // The report the --html report of `plan` shows, with the runway beside the verdict as ScenarioHtmlReport.Write adds it.
    private static HtmlReport Report(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway)
    {
        var html = ScenarioHtmlReport.Create(report);
        return runway is null ? html : html.AddRunway(runway);
    }

    private static string Json<T>(T value)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        JsonOutput.Write(writer, value);
        return writer.ToString();
    }
}
