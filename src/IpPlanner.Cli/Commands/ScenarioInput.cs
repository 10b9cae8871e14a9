using IpPlanner.Core;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Import.Scenarios;
using IpPlanner.Core.Model;

namespace IpPlanner.Cli.Commands;

/// <summary>Loads a scenario for the verbs that run it: errors stop the run, warnings become findings.</summary>
public static class ScenarioInput
{
    /// <summary>The loaded scenario and the loader's warnings as findings; throws <see cref="InputException"/> listing every error.</summary>
    public static (Scenario Scenario, IReadOnlyList<Finding> Warnings) Load(FileInfo file, InstanceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Exists)
        {
            throw new InputException($"{file.FullName}: no such file");
        }

        var result = ScenarioLoader.LoadFile(file.FullName, catalog);
        if (result.HasErrors || result.Scenario is null)
        {
            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            var first = errors.Count > 0 ? errors[0].ToString() : $"{file.FullName}: the scenario could not be loaded";
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more; run 'ipplanner validate' for the full list)" : "";
            throw new InputException(first + more);
        }

        var warnings = result.Diagnostics
            .Where(d => !d.IsError)
            .Select(d => new Finding(d.Code, d.Severity == DiagnosticSeverity.Warning ? Severity.Warning : Severity.Info,
                string.IsNullOrEmpty(d.Field) ? "scenario" : d.Field, $"{d.Message} ({Path.GetFileName(d.File)}:{d.Line})"))
            .ToList();
        return (result.Scenario, warnings);
    }

    /// <summary>
    /// Prints the loader's warnings to <paramref name="error"/>, one line each
    /// (<c>ipplanner: warning: CODE: message (file:line)</c>), for the verbs whose output has no warnings section.
    /// </summary>
    public static void WriteWarnings(TextWriter error, IReadOnlyList<Finding> warnings)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(warnings);
        foreach (var w in warnings)
        {
            error.WriteLine($"ipplanner: {(w.Severity == Severity.Info ? "note" : "warning")}: {w.Code}: {w.Message}");
        }
    }
}
