using System.Text.Json;
using NUnit.Framework;

namespace IpPlanner.Tests.Docs;

/// <summary>docs/scenario-format.md names every section of the scenario format the schema knows.</summary>
public class ScenarioFormatPageTests
{
    [Test]
    public void ScenarioFormatPage_EverySchemaSection_IsNamed()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(DocsFiles.Full(Path.Combine("schema", "scenario.schema.json"))));
        var page = File.ReadAllText(DocsFiles.Full(Path.Combine("docs", "scenario-format.md")));
        var sections = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(sections, Is.Not.Empty);
        Assert.That(sections.Where(s => !page.Contains($"| `{s}`", StringComparison.Ordinal)), Is.Empty,
            "a scenario section the schema has and the page's table of sections does not");
    }
}
