using System.Text.Json;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>A scenario written back out is an ordinary scenario file: it loads, and it plans exactly as the original.</summary>
public class ScenarioDocumentTests
{
    private static IEnumerable<string> Samples() =>
        Directory.GetFiles(SamplesDirectory, "*.yaml").Select(Path.GetFileName)!;

    [TestCaseSource(nameof(Samples))]
    public void From_EverySample_RoundTripsToTheSamePlan(string sample)
    {
        var path = Sample(sample);
        var original = LoadFile(path).Scenario!;
        var yaml = ScenarioYaml.Write(ScenarioDocument.From(original, ["round trip"]));
        var reloaded = LoadText(yaml, sample);
        Assert.That(reloaded.HasErrors, Is.False, string.Join("\n", reloaded.Diagnostics) + "\n" + yaml);

        var before = CapacityPlanner.Plan(ProvisionedScenario.Of(original));
        var after = CapacityPlanner.Plan(ProvisionedScenario.Of(reloaded.Scenario!));
        Assert.That(JsonSerializer.Serialize(after.Subnets), Is.EqualTo(JsonSerializer.Serialize(before.Subnets)));
        Assert.That(JsonSerializer.Serialize(after.NodeGroups), Is.EqualTo(JsonSerializer.Serialize(before.NodeGroups)));
        Assert.That(reloaded.Scenario!.NodeGroups.Select(g => g.Growth), Is.EqualTo(original.NodeGroups.Select(g => g.Growth)), "growth (samples/runway.yaml)");
        Assert.That(reloaded.Scenario!.NodePools.Select(p => p.Growth), Is.EqualTo(original.NodePools.Select(p => p.Growth)), "growth (samples/runway-karpenter.yaml)");
        Assert.That(reloaded.Scenario!.Workloads, Is.EqualTo(original.Workloads.Select(w => w with { SourceLine = 0 })).Using<Core.Model.WorkloadSpec>((a, b) => a with { SourceLine = 0 } == b with { SourceLine = 0 }));
    }

    [TestCase("yes")]
    [TestCase("1e3")]
    [TestCase("a: b")]
    [TestCase("#x")]
    [TestCase("x\n")]
    [TestCase("null")]
    [TestCase("'quoted' \"both\"")]
    public void Write_NamesThatNeedQuoting_RoundTripToTheSameNamesAndPlan(string name)
    {
        // The writer is YamlDotNet's emitter: it, not hand-written rules, decides which of these need quotes.
        var path = Sample("small-3az.yaml");
        var sample = LoadFile(path).Scenario!;
        var original = sample with
        {
            Cluster = sample.Cluster with { Name = name },
            NodeGroups = [sample.NodeGroups[0] with { Name = name }, .. sample.NodeGroups.Skip(1)],
        };
        var yaml = ScenarioYaml.Write(ScenarioDocument.From(original, ["round trip"]));
        var reloaded = LoadText(yaml, "quoted.yaml");
        Assert.That(reloaded.HasErrors, Is.False, string.Join("\n", reloaded.Diagnostics) + "\n" + yaml);

        Assert.That(reloaded.Scenario!.Cluster.Name, Is.EqualTo(name), yaml);
        Assert.That(reloaded.Scenario.NodeGroups[0].Name, Is.EqualTo(name), yaml);
        var before = CapacityPlanner.Plan(ProvisionedScenario.Of(original));
        var after = CapacityPlanner.Plan(ProvisionedScenario.Of(reloaded.Scenario));
        Assert.That(JsonSerializer.Serialize(after.Subnets), Is.EqualTo(JsonSerializer.Serialize(before.Subnets)));
        Assert.That(JsonSerializer.Serialize(after.NodeGroups), Is.EqualTo(JsonSerializer.Serialize(before.NodeGroups)));
    }

    /// <summary>
    /// Text that a YAML reader would resolve as another type when written plain, by the specs' tag resolution:
    /// YAML 1.2.2 section 10.3.2 (core schema) and the YAML 1.1 types (yaml.org/type). 1e3 is a float in 1.2 ([0-9]+ then
    /// [eE][-+]?[0-9]+) though not in 1.1 (its exponent needs a dot before it); 0o17 is a 1.2 octal; 017, 0b101, 1_000
    /// and 1:30 (base 60) are 1.1 ints; 2001-12-14 a 1.1 timestamp; y, n, on, off 1.1 booleans; ~ a null in both.
    /// </summary>
    [TestCase("1e3")]
    [TestCase("1E3")]
    [TestCase("1e+3")]
    [TestCase(".5")]
    [TestCase("0x1F")]
    [TestCase("0o17")]
    [TestCase("+1")]
    [TestCase("017")]
    [TestCase("0b101")]
    [TestCase("1_000")]
    [TestCase("1:30")]
    [TestCase(".inf")]
    [TestCase("-.inf")]
    [TestCase(".nan")]
    [TestCase("~")]
    [TestCase("null")]
    [TestCase("yes")]
    [TestCase("no")]
    [TestCase("on")]
    [TestCase("off")]
    [TestCase("y")]
    [TestCase("n")]
    [TestCase("2001-12-14")]
    public void Write_TextAReaderResolvesAsAnotherType_IsQuoted(string text)
    {
        var root = new DocMap();
        root.Set("name", text);
        Assert.That(ScenarioYaml.Write(root), Is.EqualTo($"name: \"{text}\"\n"));
    }

    /// <summary>Text that no reader resolves as anything else (by the same specs) stays plain: the rule quotes only what it must.</summary>
    [TestCase("1e")]
    [TestCase("e3")]
    [TestCase("0o")]
    [TestCase("web-1")]
    [TestCase("us-east-1a")]
    [TestCase("m5.large")]
    [TestCase("+40/month")]
    public void Write_PlainText_StaysPlain(string text)
    {
        var root = new DocMap();
        root.Set("name", text);
        Assert.That(ScenarioYaml.Write(root), Is.EqualTo($"name: {text}\n"));
    }

    [TestCaseSource(nameof(Samples))]
    public void From_EverySampleAsJson_ReadsBackWithTheSameWorkloads(string sample)
    {
        // churn.yaml has sigma: 0.7, a fraction the JSON writer once pushed through long.Parse.
        var path = Sample(sample);
        var original = LoadFile(path).Scenario!;
        var json = DocJson.Write(ScenarioDocument.From(original, ["round trip"]));
        var reloaded = LoadText(json, Path.ChangeExtension(sample, ".json"));
        Assert.That(reloaded.HasErrors, Is.False, string.Join("\n", reloaded.Diagnostics) + "\n" + json);

        var before = CapacityPlanner.Plan(ProvisionedScenario.Of(original));
        var after = CapacityPlanner.Plan(ProvisionedScenario.Of(reloaded.Scenario!));
        Assert.That(JsonSerializer.Serialize(after.Subnets), Is.EqualTo(JsonSerializer.Serialize(before.Subnets)));
        Assert.That(reloaded.Scenario!.Workloads, Is.EqualTo(original.Workloads).Using<Core.Model.WorkloadSpec>((a, b) => a with { SourceLine = 0 } == b with { SourceLine = 0 }));
    }

    [Test]
    public void RecommendWrite_PatchedScenarioValidatesAndFitsItsTarget()
    {
        var sample = Sample("near-exhaustion.yaml");
        var patched = Path.Combine(TestContext.CurrentContext.WorkDirectory, "patched.yaml");
        File.Delete(patched);
        var run = CliRun.Of("recommend", sample, "--write", patched);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(File.ReadAllText(patched), Does.StartWith("# yaml-language-server: $schema=scenario.schema.json\n# Patched by 'ipplanner recommend' from near-exhaustion.yaml: strategy 'warm-pool tuning'."));
        Assert.That(CliRun.Of("validate", patched).ExitCode, Is.Zero);
        var plan = CapacityPlanner.Plan(ProvisionedScenario.Of(LoadFile(patched).Scenario!));
        Assert.That(plan.Warnings.Where(w => w.Code == "planned-pods-do-not-fit"), Is.Empty);
        Assert.That(plan.Cluster.FirstExhausted, Is.Null);
    }

    [Test]
    public void RecommendWrite_IntoMissingFolder_OneLineErrorAndNothingWritten()
    {
        var sample = Sample("near-exhaustion.yaml");
        var missing = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-folder", "patched.yaml");
        var run = CliRun.Of("recommend", sample, "--write", missing);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("cannot write the patched scenario"));
        Assert.That(File.Exists(missing), Is.False);
    }
}
