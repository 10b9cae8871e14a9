using NUnit.Framework;

namespace IpPlanner.Tests.Architecture;

/// <summary>
/// Core's layers hold in the source text too (<see cref="CoreSource"/>): no <c>using</c> directive or qualified name
/// reaches a layer above, no two namespaces name each other, and every file's namespace is its folder. The reader is
/// shown to catch each way of naming another namespace, and to leave comments, strings and member accesses alone.
/// </summary>
public class CoreLayerSourceTests
{
    [Test]
    public void CoreSource_UsingsAndQualifiedNames_NoUpwardUseAndNoCycle()
    {
        var problems = Layers.Violations(CoreSource.Edges(CoreSource.CoreFiles()));

        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    [Test]
    public void CoreSource_EveryFile_NamespaceIsItsFolder()
    {
        var wrong = CoreSource.CoreFiles()
            .Select(f => (f.RelativePath, Declared: CoreSource.NamespaceOf(CoreSource.CodeOnly(f.Text)),
                Folder: string.Join('.', new[] { Layers.CoreNamespace }.Concat(f.RelativePath.Split('/')[..^1]))))
            .Where(f => f.Declared != f.Folder)
            .Select(f => $"{f.RelativePath}: namespace {f.Declared ?? "(none)"}, folder {f.Folder}")
            .ToList();

        Assert.That(wrong, Is.Empty, string.Join("\n", wrong));
    }

    [Test]
    public void CoreSource_Reader_SeesTheUsingsCoreHas()
    {
        var edges = CoreSource.Edges(CoreSource.CoreFiles()).Select(e => (e.From, e.To)).ToHashSet();

        Assert.That(edges, Does.Contain(("IpPlanner.Core.Engine", "IpPlanner.Core.Cni")));
        Assert.That(edges, Does.Contain(("IpPlanner.Core.Planning.Recommend", "IpPlanner.Core.Planning")));
    }

    [TestCase("using IpPlanner.Core.Engine;\n", TestName = "Edges_UsingDirective_IsAUse")]
    [TestCase("using static IpPlanner.Core.Engine.RoundRobin;\n", TestName = "Edges_UsingStatic_IsAUse")]
    [TestCase("using Run = IpPlanner.Core.Engine.RoundRobin;\n", TestName = "Edges_UsingAlias_IsAUse")]
    [TestCase("class A { int X => IpPlanner.Core.Engine.RoundRobin.Slots; }\n", TestName = "Edges_FullyQualifiedName_IsAUse")]
    [TestCase("class A { int X => Engine.RoundRobin.Slots; }\n", TestName = "Edges_NameQualifiedFromCore_IsAUse")]
    [TestCase("class A { int X => Core.Engine.RoundRobin.Slots; }\n", TestName = "Edges_NameQualifiedFromIpPlanner_IsAUse")]
    [TestCase("class A { string X => $\"{Engine.RoundRobin.Slots} nodes\"; }\n", TestName = "Edges_NameInAnInterpolationHole_IsAUse")]
    public void Edges_ModelNamingTheEngine_IsAnUpwardUse(string modelCode)
    {
        var problems = Layers.Violations(CoreSource.Edges(Files(modelCode)));

        Assert.That(problems, Has.Some.StartsWith("IpPlanner.Core.Model uses IpPlanner.Core.Engine, a layer above it"));
    }

    [TestCase("class A { bool X(Scenario scenario) => scenario.Cni.PrefixDelegation; }\n", TestName = "Edges_MemberAccess_IsNoUse")]
    [TestCase("class A { string X => \"IpPlanner.Core.Engine.RoundRobin\"; }\n", TestName = "Edges_NameInAString_IsNoUse")]
    [TestCase("class A { } // Engine.RoundRobin places nodes\n", TestName = "Edges_NameInAComment_IsNoUse")]
    [TestCase("/// <see cref=\"Engine.RoundRobin\"/>\nclass A { }\n", TestName = "Edges_NameInADocComment_IsNoUse")]
    [TestCase("class A { string X => @\"Engine.RoundRobin \"\" quoted\"; }\n", TestName = "Edges_NameInAVerbatimString_IsNoUse")]
    public void Edges_ModelMentioningTheEngine_IsNoUse(string modelCode)
    {
        Assert.That(Layers.Violations(CoreSource.Edges(Files(modelCode))), Is.Empty);
    }

    private static SourceFile[] Files(string modelCode) =>
    [
        new("Engine/RoundRobin.cs", "namespace IpPlanner.Core.Engine;\n\ninternal static class RoundRobin { public const int Slots = 1; }\n"),
        new("Model/A.cs", "namespace IpPlanner.Core.Model;\n\n" + modelCode),
    ];
}
