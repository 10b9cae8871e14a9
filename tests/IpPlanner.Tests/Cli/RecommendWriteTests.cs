using System.Text.Json;
using NUnit.Framework;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// <c>recommend --write</c> changes only what its header lists: comments, node counts and every other key stay as the
/// user wrote them. And the writer under it (YamlDotNet's parser and emitter) round-trips every sample.
/// </summary>
[TestFixture]
public sealed class RecommendWriteTests
{
    private static IEnumerable<string> SampleNames() =>
        Directory.GetFiles(SamplesDirectory).Select(Path.GetFileName).Where(n => n!.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!;

    /// <summary>
    /// The comments' words: YamlDotNet's scanner drops the spaces between '#' and the text, so an indented comment
    /// line comes back with one space (the words stay).
    /// </summary>
    private static List<string> CommentLines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('#') && !l.Contains("yaml-language-server", StringComparison.Ordinal)).Select(l => l.TrimStart('#').Trim()).Where(l => l.Length > 0)];

    /// <summary>Equal settings; the ENIConfig map compared by content (a record compares it by reference).</summary>
    private static void AssertSameCni(Core.Cni.CniSettings actual, Core.Cni.CniSettings expected)
    {
        Assert.That(actual.EniConfigs, Is.EquivalentTo(expected.EniConfigs));
        Assert.That(actual with { EniConfigs = expected.EniConfigs }, Is.EqualTo(expected));
    }

    private static string WriteNearExhaustion()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"patched-{TestContext.CurrentContext.Test.ID}.yaml");
        var run = CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "--write", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        return path;
    }

    [Test]
    public void RecommendWrite_NearExhaustion_KeepsEveryCommentOfTheOriginal()
    {
        var path = WriteNearExhaustion();

        var written = File.ReadAllText(path);
        var original = File.ReadAllText(Sample("near-exhaustion.yaml"));
        // Comment text as the user wrote it, including the trailing ones ("# 1.16.3 and later stop ...").
        var kept = CommentLines(written).ToList();
        foreach (var line in CommentLines(original))
        {
            Assert.That(kept, Does.Contain(line));
        }

        Assert.That(written, Does.Contain("inUse: 18 # RDS primary, ElastiCache, two Lambda ENIs, a bastion"));
    }

    [Test]
    public void RecommendWrite_NearExhaustion_ChangesOnlyWhatTheHeaderLists()
    {
        var path = WriteNearExhaustion();
        var before = ScenarioAt(Sample("near-exhaustion.yaml"));
        var after = ScenarioAt(path);
        var text = File.ReadAllText(path);

        // The best strategy is warm-pool tuning: WARM_IP_TARGET and MINIMUM_IP_TARGET set, nothing else in cni.
        // The target is maxNodes plus 10% headroom: 30 * 1.1 = 33 nodes of crm, so maxNodes goes 30 -> 33; the 21
        // nodes running now stay 21, and warmEniTarget: 1 stays in the file.
        Assert.That(text, Does.Contain("#   nodeGroups[crm].maxNodes: 33 (was 30)"));
        Assert.That(text, Does.Contain("#   cni.warmIpTarget: ").And.Contain("#   cni.minimumIpTarget: "));
        Assert.That(text, Does.Contain("warmEniTarget: 1"));
        Assert.That(after.NodeGroups.Single().Nodes, Is.EqualTo(21));
        Assert.That(after.NodeGroups.Single().MaxNodes, Is.EqualTo(33));
        AssertSameCni(after.Cni with { WarmIpTarget = 0, MinimumIpTarget = 0 }, before.Cni);
        var (a, b) = (after.NodeGroups.Single().Spec, before.NodeGroups.Single().Spec);
        Assert.That(a.Subnets, Is.EqualTo(b.Subnets));
        Assert.That(a with { MaxNodes = 30, SourceLine = 0, Subnets = b.Subnets }, Is.EqualTo(b with { SourceLine = 0 }));
        Assert.That(JsonSerializer.Serialize(CapacityPlanner.Plan(after with { Cni = before.Cni, NodeGroups = before.NodeGroups }).Subnets),
            Is.EqualTo(JsonSerializer.Serialize(CapacityPlanner.Plan(before).Subnets)), "subnets, load balancers and NAT gateways as they were");
    }

    [Test]
    public void RecommendWrite_NewSubnetsAndVpcBlock_AreAddedAndListed()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "patched-prefix.yaml");
        var run = CliRun.Of("recommend", Sample("prefix-delegation.yaml"), "--write", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);

        var before = ScenarioAt(Sample("prefix-delegation.yaml"));
        var after = ScenarioAt(path);
        var text = File.ReadAllText(path);
        var added = after.Subnets.Where(s => before.Subnets.All(b => b.Id != s.Id)).ToList();

        Assert.That(added, Is.Not.Empty);
        foreach (var subnet in added)
        {
            Assert.That(text, Does.Contain($"#   subnets: added {subnet.Id} ({subnet.Cidr}, {subnet.Zone})"));
        }

        Assert.That(after.Vpc.Cidrs.Count, Is.GreaterThan(before.Vpc.Cidrs.Count));
        Assert.That(text, Does.Contain("#   vpc.cidrs: "));
        Assert.That(after.NodeGroups.Select(g => g.Nodes), Is.EqualTo(before.NodeGroups.Select(g => g.Nodes)));
    }

    [TestCaseSource(nameof(SampleNames))]
    public void Apply_NoEdits_ReadWriteReadGivesTheSameScenarioAndKeepsComments(string name)
    {
        var original = File.ReadAllText(Sample(name));

        var written = ScenarioPatch.Apply(original, [], ["round trip"]);
        var first = LoadText(original, name).Provisioned!;
        var second = LoadText(written, name);

        Assert.That(second.HasErrors, Is.False, string.Join("\n", second.Diagnostics) + "\n" + written);
        Assert.That(JsonSerializer.Serialize(CapacityPlanner.Plan(second.Provisioned!)), Is.EqualTo(JsonSerializer.Serialize(CapacityPlanner.Plan(first))));
        AssertSameCni(second.Provisioned!.Cni, first.Cni);
        Assert.That(second.Scenario!.Workloads.Select(w => w with { SourceLine = 0 }), Is.EqualTo(first.Workloads.Select(w => w with { SourceLine = 0 })));
        Assert.That(CommentLines(written),
            Is.SupersetOf(CommentLines(original)));
        Assert.That(ScenarioPatch.Apply(written, [], []), Is.EqualTo(written), "a second pass without a header changes nothing");
    }

    /// <summary>
    /// A value the patch adds is quoted where a YAML 1.1 reader (the YAML language server, PyYAML) would take it for
    /// something else: a zone named "no" must stay text, not become false. Both scenario writers emit scalars one way.
    /// </summary>
    [TestCase("no")]
    [TestCase("on")]
    [TestCase("1e3")]
    [TestCase("2001-12-14")]
    public void Apply_AddedTextThatLooksLikeAnotherType_IsQuoted(string zone)
    {
        var text = "cluster:\n  name: c\nsubnets:\n  - id: a\n    zone: eu-west-1a\n";
        var edits = new[] { new ScenarioPatch.Edit("subnets[+]", new Dictionary<string, object> { ["id"] = "s", ["zone"] = zone }, "a subnet") };
        var written = ScenarioPatch.Apply(text, edits, []);
        Assert.That(written, Does.Contain($"zone: \"{zone}\"").Or.Contain($"zone: '{zone}'"), written);
    }

    /// <summary>
    /// A comment above a block list item says something about that item, so it stays at the item's column: above the
    /// first item (where YamlDotNet's emitter wrote it at the list key's column) and above a later one (where it wrote
    /// it at the previous item's keys' column). Comments elsewhere keep the emitter's place.
    /// </summary>
    [Test]
    public void Apply_CommentsAboveListItems_IndentedLikeTheItems()
    {
        var text = "subnets:\n  # node subnets\n  # one per zone\n  - id: a\n    zone: eu-west-1a\n  # public\n  - id: b\n    # the zone\n    zone: eu-west-1b\n";
        var written = ScenarioPatch.Apply(text, [], []);
        Assert.That(written, Is.EqualTo(text));
    }
}
