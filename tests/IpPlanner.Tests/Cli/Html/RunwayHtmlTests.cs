using System.Text.Json;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>The runway in the HTML report and in <c>recommend --runway</c>.</summary>
public class RunwayHtmlTests
{
    private static string Target(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        File.Delete(path);
        return path;
    }

    [Test]
    public void PlanHtml_ScenarioWithGrowth_RunwayBesideTheVerdict()
    {
        var path = Target("runway-plan.html");
        var run = CliRun.Of("plan", Sample("runway.yaml"), "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var html = File.ReadAllText(path);
        HtmlTestSupport.ParseXhtml(html);
        var verdict = html.IndexOf("Verdict: ", StringComparison.Ordinal);
        var runway = html.IndexOf("Runway at web +25&#177;10/month, batch +5%/month: subnet subnet-app-a runs out first", StringComparison.Ordinal);
        var firstSection = html.IndexOf("Subnets by zone", StringComparison.Ordinal);
        Assert.That(verdict, Is.GreaterThan(0));
        Assert.That(runway, Is.GreaterThan(verdict).And.LessThan(firstSection), "the runway is in the verdict line, before the sections");
        Assert.That(html, Does.Contain("id=\"runway\""));
    }

    [Test]
    public void PlanHtml_NodePoolWithGrowth_RunwayWithTheNodePoolTable()
    {
        // samples/runway-karpenter.yaml has no node group of its own, only a NodePool with growth: the report still gets
        // the runway, with the NodePool's table and no empty node-group table.
        var path = Target("runway-pool-plan.html");
        var run = CliRun.Of("plan", Sample("runway-karpenter.yaml"), "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var html = File.ReadAllText(path);
        HtmlTestSupport.ParseXhtml(html);
        Assert.That(html, Does.Contain("Runway at NodePool general +30&#177;10/month: subnet subnet-private-").And.Contain("runs out first, in month 11"));
        Assert.That(html, Does.Contain("<th>NodePool</th>").And.Not.Contain("<th>node group</th><th>growth</th>"));
    }

    [Test]
    public void PlanHtml_ScenarioWithoutGrowth_NoRunway()
    {
        var path = Target("no-runway-plan.html");
        Assert.That(CliRun.Of("plan", Sample("near-exhaustion.yaml"), "--html", path).ExitCode, Is.Zero);
        Assert.That(File.ReadAllText(path), Does.Not.Contain("Runway"));
    }

    [Test]
    public void RunwayHtml_FlagGrowth_ChartAndTablesSelfContained()
    {
        var path = Target("runway-report.html");
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15/month", "--months", "12", "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var html = File.ReadAllText(path);
        var doc = HtmlTestSupport.ParseXhtml(html);
        Assert.That(doc.Descendants().Count(e => e.Name.LocalName == "svg"), Is.GreaterThanOrEqualTo(1));
        Assert.That(html, Does.Contain("Runway at crm +15/month: subnet subnet-nodes-1c runs out first, in month 3"));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"));
    }

    [Test]
    public void RecommendRunway_EveryFittingStrategyLastsAtLeastTheMonthsAsked()
    {
        // The target is the nodes 24 months of +15 pods need: 315 + 360 = 675 pods, 45 nodes of 15, but maxNodes 30
        // stops the group (as on the runway), plus 10% headroom: 33. A strategy that fits 33 nodes serves every month up
        // to 24 at least. The current settings run out when node 24 is needed (simulate --scale crm=0..30 in the
        // README), in month 3 (360 pods), as `runway` says.
        var run = CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "--runway", "24", "--growth", "crm=+15/month", "-o", "json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(root.GetProperty("target").GetProperty("nodes").GetProperty("crm").GetInt32(), Is.EqualTo(33));
        var runways = root.GetProperty("runway").EnumerateArray().ToDictionary(r => r.GetProperty("strategy").GetString()!);
        Assert.That(runways["current settings"].GetProperty("runsOutInMonth").GetInt32(), Is.EqualTo(3));
        foreach (var strategy in root.GetProperty("strategies").EnumerateArray().Where(s => s.GetProperty("fits").GetBoolean()))
        {
            var month = runways[strategy.GetProperty("name").GetString()!].GetProperty("runsOutInMonth");
            Assert.That(month.ValueKind == JsonValueKind.Null || month.GetInt32() > 24, strategy.GetProperty("name").GetString());
        }
    }

    [Test]
    public void RecommendRunway_CurrentSettings_SameMonthAsTheRunwayVerb()
    {
        // samples/runway.yaml: batch's maxNodes 8 binds in month 6; the runway of the current settings must be the one
        // `runway` prints for the same scenario and growth, maxNodes included.
        string[] growth = ["--growth", "web=+25/month"];
        using var runway = JsonDocument.Parse(CliRun.Of(["runway", Sample("runway.yaml"), .. growth, "-o", "json"]).Out);
        using var recommend = JsonDocument.Parse(CliRun.Of(["recommend", Sample("runway.yaml"), "--runway", "12", .. growth, "-o", "json"]).Out);
        var current = recommend.RootElement.GetProperty("runway").EnumerateArray().Single(r => r.GetProperty("strategy").GetString() == "current settings");
        Assert.That(current.GetProperty("runsOutInMonth").GetInt32(), Is.EqualTo(runway.RootElement.GetProperty("firstExhausted").GetProperty("month").GetInt32()));
    }

    [Test]
    public void RecommendRunway_GrowingNodePool_CurrentSettingsSameMonthAsTheRunwayVerbAndTargetSaysSo()
    {
        // samples/runway-karpenter.yaml grows only its NodePool (+30/month here, no spread): the current settings'
        // runway grows the pool as `runway` does, so both say the same month; the target names the pool's growth.
        string[] growth = ["--growth", "general=+30/month"];
        using var runway = JsonDocument.Parse(CliRun.Of(["runway", Sample("runway-karpenter.yaml"), .. growth, "-o", "json"]).Out);
        var run = CliRun.Of(["recommend", Sample("runway-karpenter.yaml"), "--runway", "12", .. growth, "-o", "json"]);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var recommend = JsonDocument.Parse(run.Out);
        var current = recommend.RootElement.GetProperty("runway").EnumerateArray().Single(r => r.GetProperty("strategy").GetString() == "current settings");
        Assert.That(current.GetProperty("runsOutInMonth").GetInt32(), Is.EqualTo(runway.RootElement.GetProperty("firstExhausted").GetProperty("month").GetInt32()));
        Assert.That(recommend.RootElement.GetProperty("target").GetProperty("description").GetString(), Does.Contain("NodePool general +30/month"));
    }

    [Test]
    public void Recommend_WithoutRunway_NoRunwayInJson()
    {
        var run = CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "-o", "json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.TryGetProperty("runway", out _), Is.False);
    }

    [Test]
    public void RecommendRunway_WithoutGrowth_OneLineExitTwo()
    {
        var run = CliRun.Of("recommend", Sample("near-exhaustion.yaml"), "--runway", "24");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error.TrimEnd(), Does.StartWith("ipplanner: error: --runway").And.Not.Contain("\n"));
    }
}
