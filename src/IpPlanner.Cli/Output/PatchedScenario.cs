using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Output;

/// <summary>Writes a strategy's patched scenario as an ordinary scenario file that validates and plans.</summary>
internal static class PatchedScenario
{
    private const string What = "the patched scenario";

    /// <summary>
    /// The YAML of the patched scenario: the original file with only the strategy's changes applied (comments and
    /// every other key kept), and a header listing each change.
    /// </summary>
    /// <remarks>
    /// <paramref name="clusterIndex"/> is the position, under <c>clusters:</c>, of the cluster the strategy was planned for
    /// when the file lists several: the cluster's own keys are changed there (<c>clusters[1].cni.prefixDelegation</c>).
    /// </remarks>
    public static string Yaml(StrategyResult strategy, ProvisionedScenario original, string target, int? clusterIndex = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(original);
        var patched = strategy.Patched ?? throw new InputException($"--write: '{strategy.Name}' has no scenario to write");
        var edits = ScenarioPatch.Diff(original.Scenario, patched.Scenario, clusterIndex);
        var header = new List<string>
        {
            ScenarioSchema.ModelineFor(ScenarioSchema.FileName),
            $"Patched by 'ipplanner recommend' from {Path.GetFileName(original.SourceFile)}: strategy '{strategy.Name}'.",
            $"Target: {target}. Planned by the engine: every node gets its pods.",
            strategy.Summary,
            "Node counts (nodes) are kept as they are; maxNodes is raised where the target needs more.",
            "Changes (everything else is as it was):",
        };
        return ScenarioPatch.Apply(File.ReadAllText(original.SourceFile), edits, header);
    }

    /// <summary>Writes the patched scenario atomically, after checking that it loads without errors.</summary>
    public static void Write(StrategyResult strategy, ProvisionedScenario original, string target, string path, InstanceCatalog catalog, int? clusterIndex = null)
    {
        var yaml = Yaml(strategy, original, target, clusterIndex);
        var check = ScenarioLoader.LoadText(yaml, path, catalog);
        if (check.HasErrors)
        {
            throw new InvalidOperationException($"the patched scenario does not validate: {check.Errors[0]}");
        }

        AtomicFile.WriteAllText(path, yaml, What);
    }

    /// <summary>Throws the error <see cref="Write"/> would throw for a path it cannot write, before anything is planned.</summary>
    public static void CheckPath(string path) => AtomicFile.CheckTarget(path, What);
}
