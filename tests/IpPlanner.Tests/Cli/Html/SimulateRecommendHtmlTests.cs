using NUnit.Framework;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>simulate --html and recommend --html: the plan report plus their own sections, still self-contained.</summary>
public class SimulateRecommendHtmlTests
{
    private static string Sample(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", name);

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
    public void RecommendHtml_ListsEveryStrategy()
    {
        var path = Target("recommend-report.html");
        Assert.That(CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "--html", path).ExitCode, Is.Zero);
        var html = File.ReadAllText(path);
        HtmlTestSupport.ParseXhtml(html);
        Assert.That(html, Does.Contain("warm-pool tuning").And.Contain("custom networking on 100.64.0.0/10").And.Contain("IPv6"));
    }
}
