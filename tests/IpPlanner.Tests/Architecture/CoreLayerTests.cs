using IpPlanner.Core.Planning;
using NUnit.Framework;

namespace IpPlanner.Tests.Architecture;

/// <summary>
/// Core's layers hold in what is compiled: no type of a layer uses a type of a layer above it (<see cref="Layers.Order"/>),
/// and no two namespaces use each other, read from the type, member and signature references of IpPlanner.Core.dll's
/// metadata (<see cref="CoreMetadata"/>). The checker is shown to fail on made-up upward uses and cycles, and the reader
/// to see real uses, so a pass means something.
/// </summary>
public class CoreLayerTests
{
    private static readonly Lazy<IReadOnlyList<NamespaceEdge>> s_edges = new(() => CoreMetadata.Edges(typeof(CapacityPlanner).Assembly.Location));

    [Test]
    public void CoreAssembly_TypeReferences_NoUpwardUseAndNoCycle()
    {
        var problems = Layers.Violations(s_edges.Value);

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void CoreAssembly_EveryNamespace_IsALayerInOrder()
    {
        var namespaces = typeof(CapacityPlanner).Assembly.GetTypes().Select(t => t.Namespace ?? "")
            .Where(ns => Layers.LayerOf(ns) is not null).Distinct(StringComparer.Ordinal).ToList();

        Assert.That(namespaces.Where(ns => !Layers.Order.Contains(Layers.LayerOf(ns)!)), Is.Empty, "namespaces of Core outside every layer (the root namespace included)");
        Assert.That(namespaces.Select(Layers.LayerOf).Distinct(), Is.EquivalentTo(Layers.Order), "a layer in the order with no code, or code in no layer");
    }

    [Test]
    public void CoreAssembly_Reader_SeesUsesTheLayersAreBuiltOn()
    {
        // The reader only proves something if it sees real uses: the engine runs ipamd's model, the planner runs the
        // engine, the recommender asks the planner, and the scenario file format writes the model.
        var seen = s_edges.Value.Select(e => (e.From, e.To)).ToHashSet();

        Assert.That(seen, Does.Contain(("IpPlanner.Core.Engine", "IpPlanner.Core.Cni")));
        Assert.That(seen, Does.Contain(("IpPlanner.Core.Planning", "IpPlanner.Core.Engine")));
        Assert.That(seen, Does.Contain(("IpPlanner.Core.Planning.Recommend", "IpPlanner.Core.Planning")));
        Assert.That(seen, Does.Contain(("IpPlanner.Core.ScenarioFile", "IpPlanner.Core.Model")));
        Assert.That(seen, Does.Contain(("IpPlanner.Core.AwsImport", "IpPlanner.Core.ScenarioFile")));
    }

    [Test]
    public void ArchitectureDoc_LayerDiagram_IsTheOrderTheTestsHold()
    {
        // docs/architecture.md draws the layers top-down, one "Name/" per line of its first code block.
        var doc = File.ReadAllText(Path.Combine(CoreSource.RepositoryRoot, "docs", "architecture.md"));
        var start = doc.IndexOf("```", StringComparison.Ordinal);
        var block = doc[(start + 3)..doc.IndexOf("```", start + 3, StringComparison.Ordinal)];
        var drawn = block.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^(\w+)/\s")).Where(m => m.Success)
            .Select(m => m.Groups[1].Value).Reverse();

        Assert.That(drawn, Is.EqualTo(Layers.Order));
    }

    [Test]
    public void Violations_UpwardUse_IsNamed()
    {
        var problems = Layers.Violations([new("IpPlanner.Core.Cni", "IpPlanner.Core.Engine", "NodeRun uses ClusterState")]);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("IpPlanner.Core.Cni uses IpPlanner.Core.Engine, a layer above it (NodeRun uses ClusterState)"));
    }

    [Test]
    public void Violations_DownwardUse_IsFine()
    {
        Assert.That(Layers.Violations([new("IpPlanner.Core.Engine", "IpPlanner.Core.Cni", "ClusterState uses VpcCniNode")]), Is.Empty);
    }

    [Test]
    public void Violations_CycleInsideALayer_IsNamed()
    {
        // Same layer, so no use is upward, but the two namespaces use each other.
        var problems = Layers.Violations(
        [
            new("IpPlanner.Core.Planning", "IpPlanner.Core.Planning.Recommend", "Runway uses Recommender"),
            new("IpPlanner.Core.Planning.Recommend", "IpPlanner.Core.Planning", "Recommender uses CapacityPlanner"),
        ]);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("cycle between IpPlanner.Core.Planning, IpPlanner.Core.Planning.Recommend"));
    }

    [Test]
    public void Violations_NamespaceOutsideTheLayers_IsNamed()
    {
        var problems = Layers.Violations([new("IpPlanner.Core", "IpPlanner.Core.Input", "Finding uses Severity")]);

        Assert.That(problems, Has.Some.StartsWith("IpPlanner.Core is in no layer"));
    }
}
