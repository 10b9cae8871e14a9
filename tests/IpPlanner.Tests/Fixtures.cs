using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.ScenarioFile;
using NUnit.Framework;

namespace IpPlanner.Tests;

/// <summary>
/// The files and scenarios the tests share: the samples copied next to the test assembly (samples/ of the repository),
/// and scenarios loaded from a file or from text with the embedded instance catalog, as written or as the engine runs
/// them. A scenario that does not load fails the test with the loader's findings.
/// </summary>
internal static class Fixtures
{
    /// <summary>The samples folder next to the test assembly.</summary>
    public static string SamplesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>The path of sample <paramref name="name"/> (a file name, or a path under samples/ such as <c>aws/subnets.json</c>).</summary>
    public static string Sample(string name) => Path.Combine(SamplesDirectory, name);

    /// <summary>The names of the samples matching <paramref name="pattern"/>, in ordinal order.</summary>
    public static IEnumerable<string> SampleNames(string pattern) =>
        Directory.GetFiles(SamplesDirectory, pattern).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

    /// <summary>The names of the YAML samples, in ordinal order (a test case source: every sample scenario).</summary>
    public static IEnumerable<string> YamlSamples() => SampleNames("*.yaml");

    /// <summary>Loads the scenario file at <paramref name="path"/>: findings and all, errors included.</summary>
    public static ScenarioLoadResult LoadFile(string path) => ScenarioLoader.LoadFile(path, InstanceCatalog.Embedded);

    /// <summary>Loads scenario text, named <paramref name="name"/> in findings: findings and all, errors included.</summary>
    public static ScenarioLoadResult LoadText(string text, string name = "test.yaml") => ScenarioLoader.LoadText(text, name, InstanceCatalog.Embedded);

    /// <summary>Sample <paramref name="name"/> as the engine runs it.</summary>
    public static ProvisionedScenario SampleScenario(string name) => Loaded(LoadFile(Sample(name)));

    /// <summary>The scenario file at <paramref name="path"/> as the engine runs it.</summary>
    public static ProvisionedScenario ScenarioAt(string path) => Loaded(LoadFile(path));

    /// <summary>Scenario text as the engine runs it.</summary>
    public static ProvisionedScenario ScenarioOf(string yaml, string name = "test.yaml") => Loaded(LoadText(yaml, name));

    /// <summary>The loaded scenario as the engine runs it; fails the test with the findings when it has errors.</summary>
    public static ProvisionedScenario Loaded(ScenarioLoadResult result)
    {
        Assert.That(result.HasErrors, Is.False, string.Join("\n", result.Diagnostics));
        return result.Provisioned!;
    }
}
