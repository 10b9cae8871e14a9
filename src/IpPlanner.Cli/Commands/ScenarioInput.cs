using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Commands;

/// <summary>Loads a scenario for the verbs that run it: errors stop the run, warnings become findings.</summary>
internal static class ScenarioInput
{
    /// <summary>The loaded scenario and the loader's warnings as findings; throws <see cref="InputException"/> listing every error.</summary>
    public static (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) Load(FileInfo file, InstanceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = PathOf(file);
        return Loaded(ScenarioLoader.LoadFile(path, catalog), path);
    }

    /// <summary>
    /// Like <see cref="Load(FileInfo, InstanceCatalog)"/>, then cluster <paramref name="cluster"/> of the file alone on the VPC
    /// the others leave (<see cref="ClusterFocus.Isolate"/>): required when the file lists several clusters.
    /// </summary>
    public static (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) Load(FileInfo file, InstanceCatalog catalog, string? cluster)
    {
        var (whole, warnings) = Load(file, catalog);
        return (Focus(whole, cluster, file), warnings);
    }

    /// <summary>
    /// Cluster <paramref name="cluster"/> (the <c>--cluster</c> value) of <paramref name="whole"/> alone on its VPC; a
    /// one-line input error when the file lists several clusters and none or an unknown one is named.
    /// </summary>
    public static ProvisionedScenario Focus(ProvisionedScenario whole, string? cluster, FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(file);
        var names = whole.ClusterNames;
        if (cluster is null && whole.HasSeveralClusters)
        {
            throw new InputException($"{file.Name} lists {names.Count} clusters ({string.Join(", ", names)}): choose one with --cluster NAME");
        }

        if (cluster is not null && !names.Contains(cluster, StringComparer.Ordinal))
        {
            throw new InputException($"--cluster {cluster}: {file.Name} has no cluster of that name (clusters: {string.Join(", ", names)})");
        }

        return ClusterFocus.Isolate(whole, cluster);
    }

    /// <summary>Like <see cref="Load(FileInfo, InstanceCatalog)"/> for scenario text named <paramref name="name"/> (a request body).</summary>
    public static (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) LoadText(string text, string name, InstanceCatalog catalog) =>
        Loaded(ScenarioLoader.LoadText(text, name, catalog), name);

    private static (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) Loaded(ScenarioLoadResult result, string name)
    {
        if (result.HasErrors || result.Provisioned is null)
        {
            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            var first = errors.Count > 0 ? WithoutSeverity(errors[0]) : $"{name}: the scenario could not be loaded";
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more; run 'ipplanner validate' for the full list)" : "";
            throw new InputException(first + more);
        }

        // The loader's findings go on as they are, place and all: the plan and the other verbs write them exactly as
        // validate does.
        return (result.Provisioned, [.. result.Diagnostics.Where(d => !d.IsError)]);
    }

    /// <summary>
    /// The path to read, as the user gave it (<c>-</c> is standard input): messages name the file as typed, as
    /// <c>validate</c> does, never by an absolute path that differs from machine to machine.
    /// </summary>
    public static string PathOf(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.ToString();
    }

    /// <summary>
    /// <c>file:line:col: field: message</c>: the diagnostic's own line without its "error:", which
    /// <see cref="CliContext.Guard"/> already puts in front of every input error.
    /// </summary>
    private static string WithoutSeverity(Finding d)
    {
        var location = d.Line > 0 ? (d.Column > 0 ? $"{d.File}:{d.Line}:{d.Column}" : $"{d.File}:{d.Line}") : d.File ?? "";
        var field = d.Field.Length > 0 ? $"{d.Field}: " : "";
        return location.Length > 0 ? $"{location}: {field}{d.Message}" : field + d.Message;
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
            error.WriteLine($"ipplanner: {(w.Severity == Severity.Info ? "note" : "warning")}: {Output.FindingText.CodeAndMessage(w)}");
        }
    }
}
