using IpPlanner.Core;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;

namespace IpPlanner.Server;

/// <summary>
/// What the server shows, written by the same code as the CLI's output (so <c>POST /api/plan</c> answers exactly
/// what <c>ipplanner plan -o json</c> prints): the CLI implements this and hands it to <see cref="PlannerServer"/>.
/// </summary>
public interface IPlanViews
{
    /// <summary>Loads scenario text named <paramref name="name"/>; throws <see cref="InputException"/> with the loader's first error.</summary>
    (Scenario Scenario, IReadOnlyList<Finding> Warnings) Load(string text, string name);

    /// <summary>The plan as <c>plan -o json</c> prints it.</summary>
    string PlanJson(PlanReport report);

    /// <summary>The recommendation as <c>recommend -o json</c> prints it.</summary>
    string RecommendJson(RecommendReport report);

    /// <summary>The plan as the HTML report shows it, a whole page.</summary>
    string PlanPage(PlanReport report, Scenario scenario, string scenarioPath);
}
