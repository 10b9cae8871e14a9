using System.Globalization;
using System.Text.Json;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>simulate --html and recommend --html: the plan report plus their own sections, still self-contained.</summary>
public class SimulateRecommendHtmlTests
{
    private static string Target(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        File.Delete(path);
        return path;
    }

    [Test]
    public void SimulateHtml_TimeView_WellFormedWithChartAndNoUrls()
    {
        var path = Target("churn-report.html");
        var run = CliRun.Of("simulate", Sample("churn.yaml"), "--duration", "5m", "--runs", "3", "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var html = File.ReadAllText(path);
        var doc = HtmlTestSupport.ParseXhtml(html);
        Assert.That(doc.Descendants().Count(e => e.Name.LocalName == "svg"), Is.GreaterThanOrEqualTo(1));
        Assert.That(html, Does.Contain("Churn simulation").And.Contain("simulated time (minutes)"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"));
    }

    [Test]
    public void SimulateHtml_ScaleCurve_HasTheExhaustionTable()
    {
        var path = Target("scale-report.html");
        Assert.That(CliRun.Of("simulate", Sample("near-exhaustion.yaml"), "--scale", "crm=0..30", "--html", path).ExitCode, Is.Zero);
        var html = File.ReadAllText(path);
        HtmlTestSupport.ParseXhtml(html);
        Assert.That(html, Does.Contain("Scale curve: crm").And.Contain("subnet-nodes-1c"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"));
    }

    [Test]
    public void SimulateHtml_Upgrade_HasThePeakPerSubnetAndTheVerdict()
    {
        // samples/burst-upgrade.yaml: both /24s hold 241 before the update and are full (251 of 251) at its peak
        // (docs/upgrades-and-bursts.md walks through it), so the control plane's update would fail there.
        var path = Target("upgrade-report.html");
        var run = CliRun.Of("simulate", Sample("burst-upgrade.yaml"), "--upgrade", "peer", "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var html = File.ReadAllText(path);
        HtmlTestSupport.ParseXhtml(html);
        Assert.That(html, Does.Contain("Managed node group update: peer").And.Contain("free at peak")
            .And.Contain("<td class=\"n\">241</td><td class=\"n\">251</td><td class=\"n\">0</td>")
            .And.Contain("the update stops there").And.Contain("control-plane-upgrade-blocked"));
    }

    [Test]
    public void RecommendHtml_ListsEveryStrategy()
    {
        var path = Target("recommend-report.html");
        Assert.That(CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "--html", path).ExitCode, Is.Zero);
        var html = File.ReadAllText(path);
        HtmlTestSupport.ParseXhtml(html);
        Assert.That(html, Does.Contain("warm-pool tuning").And.Contain("custom networking on 100.64.0.0/10").And.Contain("IPv6"));
    }

    [Test]
    public void SimulateHtml_TimeView_RoundsPercentilesLikeTheTextOutput()
    {
        // Two runs: a median of two peaks can end in .5 (p50 698.5), which the text output rounds up.
        string[] args = ["simulate", Sample("churn.yaml"), "--duration", "5m", "--runs", "2", "--seed", "1"];
        using var json = JsonDocument.Parse(CliRun.Of([.. args, "-o", "json"]).Out);
        var p50 = json.RootElement.GetProperty("subnets").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("peakUsed").GetProperty("p50").GetDouble());
        Assume.That(p50.Values.Any(v => v - Math.Floor(v) >= 0.5), "a p50 with a fraction of .5 or more, else rounding and truncation agree");

        var path = Target("churn-rounding.html");
        var run = CliRun.Of([.. args, "--html", path]);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var doc = HtmlTestSupport.ParseXhtml(File.ReadAllText(path));
        var churn = doc.Descendants().Single(e => e.Name.LocalName == "section" && (string?)e.Attribute("id") == "churn");
        var rows = churn.Descendants().Where(e => e.Name.LocalName == "tr").Skip(1)
            .Select(tr => tr.Elements().Where(e => e.Name.LocalName == "td").ToList()).ToList();
        Assert.That(rows, Has.Count.EqualTo(p50.Count));
        var textLines = run.Out.Split('\n');
        foreach (var cells in rows)
        {
            var id = cells[0].Value;
            var textCells = textLines.Single(l => l.StartsWith(id + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(cells[2].Value, Is.EqualTo(textCells[2]), $"{id}: peak p50 {p50[id].ToString(CultureInfo.InvariantCulture)} as the text output prints it");
            Assert.That(cells.Skip(1).Take(5).Select(c => (string?)c.Attribute("class")), Is.All.EqualTo("n"), $"{id}: numbers use the stylesheet's right-aligned class");
        }
    }
}
