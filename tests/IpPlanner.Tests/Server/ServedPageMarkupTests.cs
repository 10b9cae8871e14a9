using IpPlanner.Cli.Output;
using IpPlanner.Cli.Output.Html;
using IpPlanner.Server;
using IpPlanner.Tests.Cli.Html;
using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Server;

/// <summary>
/// The served page is the HTML report with a host around it: the report file keeps its no-script policy, and what
/// the page swaps in after a what-if is exactly the report's own verdict and sections.
/// </summary>
public sealed class ServedPageMarkupTests
{
    private static readonly ReportRun Run = new([new ReportInput("Scenario", "near-exhaustion.yaml", "0")], "test", HtmlTestSupport.Noon);

    private static (PlanReport Report, ProvisionedScenario Scenario) NearExhaustion()
    {
        var scenario = SampleScenario("near-exhaustion.yaml");
        return (CapacityPlanner.Plan(scenario) with { Scenario = "near-exhaustion.yaml" }, scenario);
    }

    [Test]
    public void ReportFile_KeepsItsNoScriptPolicy_AndIsUnchangedByTheHostOverload()
    {
        var (report, scenario) = NearExhaustion();
        var html = ScenarioHtmlReport.Create(report);
        var file = html.Render(Run);

        Assert.That(file, Is.EqualTo(html.Render(Run, null)));
        Assert.That(file, Does.Contain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
        Assert.That(file, Does.Not.Contain("<script").And.Not.Contain("id=\"report\""));
    }

    [Test]
    public void ServedPage_IsWellFormed_LoadsItsOwnScript_AndWrapsTheSameContentThePageSwapsIn()
    {
        var (report, scenario) = NearExhaustion();
        var views = new CliPlanViews(InstanceCatalog.Embedded, new FixedClock(HtmlTestSupport.Noon));
        var path = Sample("near-exhaustion.yaml");
        var page = views.PlanPage(report, scenario, null, path, PlannerServer.PageContentSecurityPolicy);
        var content = views.PlanContent(report, scenario, null);

        // Polyglot markup, like the report: an XML parser reads it.
        var doc = HtmlTestSupport.ParseXhtml(page);
        var scripts = doc.Descendants().Where(e => e.Name.LocalName == "script").ToList();
        var meta = doc.Descendants().Single(e => e.Name.LocalName == "meta" && (string?)e.Attribute("http-equiv") == "Content-Security-Policy");
        Assert.Multiple(() =>
        {
            Assert.That(scripts.Select(s => (string?)s.Attribute("src")), Is.EqualTo(new[] { "/app.js" }));
            Assert.That(scripts.Single().Value, Is.Empty, "no inline script");
            Assert.That((string?)meta.Attribute("content"), Is.EqualTo(PlannerServer.PageContentSecurityPolicy));
            Assert.That(page, Does.Contain("<div id=\"report\">\n" + content + "</div>\n"));
            Assert.That(content, Does.Contain(report.Verdict));
        });
        Assert.That(doc.Descendants().Count(e => (string?)e.Attribute("id") == "what-if"), Is.EqualTo(1));
        Assert.That(doc.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, "ids are unique");
    }
}
