using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// What loading a scenario file gave: the scenario as written and as the engine runs it when it has no errors, and
/// every diagnostic found (errors, warnings, notes) in file order.
/// </summary>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<Finding> Diagnostics)
{
    /// <summary>The scenario as the engine runs it (<see cref="ProvisionedScenario.Of"/>); null with <see cref="Scenario"/>.</summary>
    public ProvisionedScenario? Provisioned { get; init; }

    /// <summary>True when any diagnostic is an error (and <see cref="Scenario"/> is then null).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The errors only.</summary>
    public IReadOnlyList<Finding> Errors => [.. Diagnostics.Where(d => d.Severity == Severity.Error)];

    /// <summary>The warnings only.</summary>
    public IReadOnlyList<Finding> Warnings => [.. Diagnostics.Where(d => d.Severity == Severity.Warning)];
}

/// <summary>
/// Loads scenario files (YAML, or the same structure as JSON) into a validated <see cref="Scenario"/>.
/// Bad content never throws: every problem found becomes a <see cref="Finding"/> with file, line, column,
/// field and what would be valid.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Files larger than this are not scenarios (the biggest sample is a few KiB).</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads and loads <paramref name="path"/>. Throws <see cref="InputException"/> only when the file cannot be
    /// read at all (missing, a directory, unreadable, too large); problems with its content are diagnostics.
    /// </summary>
    public static ScenarioLoadResult LoadFile(string path, InstanceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(catalog);
        var text = BoundedInput.ReadText(path, MaxFileBytes, "a scenario file (YAML or JSON)");
        var name = BoundedInput.Name(path);
        return LoadText(text, name, catalog);
    }

    /// <summary>Loads scenario text; <paramref name="sourceName"/> names it in diagnostics.</summary>
    public static ScenarioLoadResult LoadText(string text, string sourceName, InstanceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(catalog);
        var bag = new DiagnosticBag(sourceName);
        var root = YamlTree.Parse(text, (at, code, message) => bag.Error(code, at, "", message));
        if (bag.HasErrors)
        {
            // Not well-formed: any structure read from a half-parsed document would only add noise.
            return new ScenarioLoadResult(null, bag.Sorted());
        }

        var draft = new ScenarioReader(bag, catalog).Read(root);
        new ScenarioValidator(bag).Validate(draft);
        var scenario = bag.HasErrors ? null : ScenarioBuilder.Build(draft, sourceName, new SourceMap(sourceName, bag.Positions));
        return new ScenarioLoadResult(scenario, bag.Sorted()) { Provisioned = scenario is null ? null : ProvisionedScenario.Of(scenario) };
    }
}
