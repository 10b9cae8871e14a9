using IpPlanner.Cli.Output.Html;
using NUnit.Framework;
using static IpPlanner.Tests.Cli.Html.HtmlTestSupport;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli.Html;

public class HtmlReportTests
{
    private static ReportRun Run() => new([new ReportInput("Scenario", "s.yaml", new string('b', 64))], "1.2.3", Noon);

    [TestCase("<p>unclosed", TestName = "AddSection_UnclosedElement_Throws")]
    [TestCase("<p>a<br>b</p>", TestName = "AddSection_HtmlOnlyVoidElement_Throws")]
    [TestCase("<p>&nbsp;</p>", TestName = "AddSection_NamedEntity_Throws")]
    [TestCase("<script>alert(1)</script>", TestName = "AddSection_Script_Throws")]
    [TestCase("<link rel=\"stylesheet\" href=\"x.css\" />", TestName = "AddSection_Stylesheet_Throws")]
    [TestCase("<a href=\"https://example.com/\">x</a>", TestName = "AddSection_ExternalLink_Throws")]
    [TestCase("<img src=\"//example.com/x.png\" />", TestName = "AddSection_ExternalImage_Throws")]
    [TestCase("<svg><image href=\"chart.png\" /></svg>", TestName = "AddSection_SvgImageFile_Throws")]
    [TestCase("<div style=\"background: url(http://example.com/x.png)\"></div>", TestName = "AddSection_CssUrlInStyleAttribute_Throws")]
    [TestCase("<style>@import 'x.css';</style>", TestName = "AddSection_CssImport_Throws")]
    public void AddSection_BadFragment_Throws(string fragment)
    {
        var report = new HtmlReport("t");

        Assert.That(() => report.AddSection("s", fragment), Throws.ArgumentException.With.Property("ParamName").EqualTo("htmlFragment"));
        Assert.That(report.Sections, Is.Empty);
    }

    [TestCase("<p>a<br />b&#160;&amp;&lt;</p>")]
    [TestCase("<a href=\"#zones\">zones</a>")]
    [TestCase("<img alt=\"dot\" src=\"data:image/png;base64,iVBORw0KGgo=\" />")]
    [TestCase("<svg width=\"10\" height=\"10\"><defs><pattern id=\"p\" width=\"2\" height=\"2\" /></defs><rect width=\"10\" height=\"10\" style=\"fill: url(#p)\" /></svg>")]
    [TestCase("<p>a subnet named url(http) or @import is only text</p>")]
    public void AddSection_SelfContainedFragment_IsKept(string fragment)
    {
        var report = new HtmlReport("t").AddSection("s", fragment);

        Assert.That(report.Sections.Single().Fragment, Is.EqualTo(fragment));
        Assert.That(report.Render(Run()), Does.Contain(fragment));
    }

    [Test]
    public void AddSection_SameTitleTwice_GetsDistinctAnchors()
    {
        var report = new HtmlReport("t").AddSection("Pods over time", "<p>1</p>").AddSection("Pods over time", "<p>2</p>").AddSection("123", "<p>3</p>");

        Assert.That(report.Sections.Select(s => s.Id), Is.EqualTo(new[] { "pods-over-time", "pods-over-time-2", "s-123" }));
    }

    [Test]
    public void Render_SectionsAppended_PrintedInOrderAfterTheHeadlineAndBeforeTheRun()
    {
        var html = new HtmlReport("Simulation: x", "sub").SetHeadline("it fits", HeadlineTone.Ok)
            .AddSection("First", "<p>one</p>").AddSection("Second", "<p>two</p>").Render(Run());

        var doc = ParseXhtml(html);
        var order = doc.Descendants("h2").Select(h => h.Value);

        Assert.That(order, Is.EqualTo(new[] { "First", "Second", "Run" }));
        Assert.That(html.IndexOf("it fits", StringComparison.Ordinal), Is.LessThan(html.IndexOf("<p>one</p>", StringComparison.Ordinal)));
    }

    [Test]
    public void InlineSvg_ChartLibraryDocument_EmbedsWithoutXmlPrologOrNamespaceUrls()
    {
        const string Svg = """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="400" height="300" viewBox="0 0 400 300">
              <defs><path id="m" d="M0 0h4v4z" /></defs>
              <use xlink:href="#m" x="10" y="10" /><text x="5" y="20">pods &amp; IPs</text>
            </svg>
            """;

        var fragment = HtmlReport.InlineSvg(Svg);
        var html = new HtmlReport("t").AddSection("Chart", fragment).Render(Run());

        Assert.That(fragment, Does.StartWith("<svg ").And.Contain("<use href=\"#m\""));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("<?xml"));
        Assert.That(ParseXhtml(html).Descendants("svg").Single().Element("text")!.Value, Is.EqualTo("pods & IPs"));
    }

    [Test]
    public void Render_Foot_NamesEveryInputWithItsHashTheVersionAndTheTime()
    {
        var run = new ReportRun([new ReportInput("Scenario", "a.yaml", "00ff"), new ReportInput("Instance types", "types.json", "11ee")], "9.9.9+abc", Noon);

        var foot = ParseXhtml(new HtmlReport("t").Render(run)).Descendants("footer").Single().Value;

        Assert.That(foot, Does.Contain("a.yaml").And.Contain("00ff").And.Contain("types.json").And.Contain("11ee")
            .And.Contain("9.9.9+abc").And.Contain("2026-11-01 12:00:00 UTC"));
    }
}
