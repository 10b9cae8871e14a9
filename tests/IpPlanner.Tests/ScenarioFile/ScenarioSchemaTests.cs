using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IpPlanner.Tests.Cli;
using IpPlanner.Tests.AwsImport;
using Json.Schema;
using NUnit.Framework;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using IpPlanner.Core.AwsImport;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>
/// The scenario JSON Schema, checked with an independent validator (JsonSchema.Net): it accepts every sample and every
/// file the tool writes, refuses what the loader refuses, and the shipped copy is the command's output.
/// </summary>
[TestFixture]
public sealed partial class ScenarioSchemaTests
{
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromText(ScenarioSchema.Json()));

    private static string Root => TestContext.CurrentContext.TestDirectory;

    private static IEnumerable<TestCaseData> Samples() =>
        Directory.GetFiles(SamplesDirectory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetArgDisplayNames(Path.GetFileName(f)));

    [Test]
    public void ShippedSchema_IsTheCommandsOutput()
    {
        // The repository's schema/scenario.schema.json, found from the test output folder up to the repository root.
        var dir = new DirectoryInfo(Root);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IpPlanner.sln")))
        {
            dir = dir.Parent;
        }

        Assert.That(dir, Is.Not.Null, "repository root not found");
        var shipped = File.ReadAllText(Path.Combine(dir!.FullName, ScenarioSchema.RepositoryPath));
        var run = CliRun.Of("schema");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(shipped, Is.EqualTo(run.Out), "regenerate it: ipplanner schema > schema/scenario.schema.json");
    }

    [Test]
    public void Schema_IsDraft202012()
    {
        using var json = JsonDocument.Parse(ScenarioSchema.Json());

        Assert.That(json.RootElement.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
    }

    [TestCaseSource(nameof(Samples))]
    public void Schema_EverySample_IsAccepted(string path)
    {
        var text = File.ReadAllText(path);
        if (path.EndsWith(".yaml", StringComparison.Ordinal))
        {
            Assert.That(text, Does.StartWith("# yaml-language-server: $schema=../schema/scenario.schema.json\n"));
        }

        AssertValid(text);
    }

    [Test]
    public void Schema_ImportedScenarios_AreAccepted()
    {
        var full = AwsSample.Result.Yaml;
        var vpcOnly = AwsImporter.Import(new AwsImportFiles
        {
            Vpcs = AwsSample.File("vpcs.json"),
            Subnets = AwsSample.File("subnets.json"),
            NetworkInterfaces = AwsSample.File("network-interfaces.json"),
            VpcId = AwsSample.VpcId,
        }, InstanceCatalog.Embedded).Yaml;

        foreach (var yaml in new[] { full, vpcOnly })
        {
            Assert.That(yaml, Does.StartWith("# yaml-language-server: $schema=scenario.schema.json\n"));
            AssertValid(yaml);
        }
    }

    [Test]
    public void Schema_RecommendWriteOutput_IsAccepted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipplanner-schema-{Guid.NewGuid():N}.yaml");
        try
        {
            var run = CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "--write", path);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            var text = File.ReadAllText(path);

            Assert.That(text, Does.StartWith("# yaml-language-server: $schema=scenario.schema.json\n"));
            AssertValid(text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const string Minimal = """
        cluster: { name: c, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        cni: { warmIpTarget: 2 }
        nodeGroups:
          - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 3 }
        """;

    [Test]
    public void Schema_MinimalScenario_IsAcceptedAndLoads()
    {
        AssertValid(Minimal);
        Assert.That(LoadText(Minimal, "m.yaml").HasErrors, Is.False);
    }

    [TestCase("warmIpTarget: 2", "warmIpTraget: 2", TestName = "Schema_MisspeltCniKey_IsRejected")]
    [TestCase("nodes: 3", "nodez: 3", TestName = "Schema_MisspeltNodeGroupKey_IsRejected")]
    [TestCase("cluster: { name: c,", "clustr: { name: c,", TestName = "Schema_MisspeltTopLevelKey_IsRejected")]
    [TestCase("nodes: 3", "nodes: three", TestName = "Schema_WordForANumber_IsRejected")]
    [TestCase("nodes: 3", "nodes: \"3\"", TestName = "Schema_QuotedNumber_IsRejected")]
    [TestCase("nodes: 3", "nodes: -1", TestName = "Schema_NegativeNodes_IsRejected")]
    [TestCase("warmIpTarget: 2", "warmIpTarget: 2.5", TestName = "Schema_FractionalTarget_IsRejected")]
    [TestCase("warmIpTarget: 2", "prefixDelegation: yes", TestName = "Schema_YesForABoolean_IsRejected")]
    [TestCase("cidrs: [10.0.0.0/16]", "cidrs: 10.0.0.0/16", TestName = "Schema_ScalarForAList_IsRejected")]
    [TestCase("cidr: 10.0.1.0/24, zone: z1", "cidr: 10.0.1.0, zone: z1", TestName = "Schema_SubnetWithoutPrefixLength_IsRejected")]
    [TestCase("{ id: a, cidr: 10.0.1.0/24, zone: z1 }", "{ id: a, cidr: 10.0.1.0/24 }", TestName = "Schema_SubnetWithoutZone_IsRejected")]
    public void Schema_WhatTheLoaderRefuses_IsRejected(string from, string to)
    {
        var text = Minimal.Replace(from, to, StringComparison.Ordinal);
        Assert.That(text, Is.Not.EqualTo(Minimal), "the edit must apply");

        // The loader refuses it too: the schema states the reader's rules, not others.
        Assert.That(LoadText(text, "m.yaml").HasErrors, Is.True);
        var result = Evaluate(text);
        Assert.That(result.IsValid, Is.False);
    }

    private static void AssertValid(string text)
    {
        var result = Evaluate(text);
        Assert.That(result.IsValid, Is.True, () => string.Join("\n", Errors(result)));
    }

    private static EvaluationResults Evaluate(string text)
    {
        var json = ToJson(text);
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        return s_schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).SelectMany(d => (d.Errors ?? new Dictionary<string, string>()).Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));

    /// <summary>
    /// YAML to JSON the way the YAML language server sees it (YAML 1.2 core schema): quoted scalars are strings, plain
    /// ones are null, booleans, integers or floats when they look like one, otherwise strings. JSON is YAML, so the
    /// .json sample goes through the same path.
    /// </summary>
    internal static JsonNode? ToJson(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return Node(stream.Documents[0].RootNode);
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)c.Key).Value!, Node(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Node)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s => Plain(s.Value ?? ""),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        _ => throw new ArgumentException($"unexpected node {node.NodeType}"),
    };

    private static JsonValue? Plain(string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return JsonValue.Create(value.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (IntegerText().IsMatch(value))
        {
            return JsonValue.Create(long.Parse(value, CultureInfo.InvariantCulture));
        }

        if (FloatText().IsMatch(value))
        {
            return JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture));
        }

        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+\z")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z")]
    private static partial Regex FloatText();
}
