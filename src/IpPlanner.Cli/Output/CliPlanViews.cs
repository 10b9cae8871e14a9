using IpPlanner.Cli.Commands;
using IpPlanner.Cli.Output.Html;
using IpPlanner.Core;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using IpPlanner.Server;

namespace IpPlanner.Cli.Output;

/// <summary>The server's views written by the CLI's own loader and writers, so the API answers what the verbs print.</summary>
/// <param name="catalog">Instance types for loading scenarios.</param>
/// <param name="clock">Stamps the page (the system clock when null).</param>
/// <param name="refreshSeconds">
/// The page reloads itself this often (0: never), re-reading and re-planning the file, so it follows edits made in an
/// editor. A meta refresh, not a script: the report's Content-Security-Policy allows no script.
/// </param>
public sealed class CliPlanViews(InstanceCatalog catalog, TimeProvider? clock = null, int refreshSeconds = CliPlanViews.DefaultRefreshSeconds) : IPlanViews
{
    /// <summary>How often the served page re-reads the file by default.</summary>
    public const int DefaultRefreshSeconds = 3;

    /// <inheritdoc />
    public (Scenario Scenario, IReadOnlyList<Finding> Warnings) Load(string text, string name) => ScenarioInput.LoadText(text, name, catalog);

    /// <inheritdoc />
    public string PlanJson(PlanReport report) => Json(report);

    /// <inheritdoc />
    public string RecommendJson(RecommendReport report) => Json(report);

    /// <inheritdoc />
    public string PlanPage(PlanReport report, Scenario scenario, string scenarioPath)
    {
        var html = ScenarioHtmlReport.Create(report, scenario)
            .Render(ReportRun.Now(clock ?? TimeProvider.System, ReportInput.Of("Scenario", new FileInfo(scenarioPath))));
        if (refreshSeconds <= 0)
        {
            return html;
        }

        const string Charset = "<meta charset=\"utf-8\" />";
        var head = html.IndexOf(Charset, StringComparison.Ordinal);
        return head < 0
            ? html
            : html.Insert(head + Charset.Length, $"\n<meta http-equiv=\"refresh\" content=\"{refreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}\" />");
    }

    private static string Json<T>(T value)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        JsonOutput.Write(writer, value);
        return writer.ToString();
    }
}
