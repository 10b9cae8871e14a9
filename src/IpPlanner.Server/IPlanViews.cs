using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Server;

/// <summary>
/// What the server shows, written by the same code as the CLI's output (so <c>POST /api/plan</c> answers exactly
/// what <c>ipplanner plan -o json</c> prints, and the page shows what the <c>--html</c> report shows): the CLI
/// implements this and hands it to <see cref="PlannerServer"/>.
/// </summary>
public interface IPlanViews
{
    /// <summary>Loads scenario text named <paramref name="name"/>; throws <see cref="InputException"/> with the loader's first error.</summary>
    (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) Load(string text, string name);

    /// <summary>The plan as <c>plan -o json</c> prints it.</summary>
    string PlanJson(PlanReport report);

    /// <summary>The recommendation as <c>recommend -o json</c> prints it.</summary>
    string RecommendJson(RecommendReport report);

    /// <summary>
    /// The served page: the HTML report of the plan (with the runway beside the verdict when there is one) inside
    /// the page's controls, under <paramref name="contentSecurityPolicy"/>, loading the server's <c>/app.css</c> and <c>/app.js</c>.
    /// </summary>
    string PlanPage(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway, string scenarioPath, string contentSecurityPolicy);

    /// <summary>
    /// The served page when the file does not load (an editor saved it half-way): the same head and controls as
    /// <see cref="PlanPage"/>, the loader's <paramref name="message"/> where the verdict would be; the page's script
    /// reports it and shows the plan once the file loads again.
    /// </summary>
    string ErrorPage(string message, string scenarioPath, string contentSecurityPolicy);

    /// <summary>
    /// The badge the report shows beside the verdict, as a word: <c>error</c>, <c>warning</c> or <c>ok</c> (the page's
    /// summary and comparison show it; the page never works it out).
    /// </summary>
    string Severity(PlanReport report);

    /// <summary>The report's verdict and sections alone, as the page swaps them in after a what-if.</summary>
    string PlanContent(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway);

    /// <summary>The scale curve as the <c>simulate --scale --html</c> report shows it, with a line at <paramref name="marker"/> nodes.</summary>
    string ScaleContent(ScaleCurveReport curve, int? marker);

    /// <summary>Instance type names containing <paramref name="query"/> (any case), in catalog order, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<string> InstanceTypes(string query, int limit);
}
