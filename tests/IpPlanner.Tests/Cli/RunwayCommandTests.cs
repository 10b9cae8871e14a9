using System.Text.Json;
using NUnit.Framework;

namespace IpPlanner.Tests.Cli;

/// <summary><c>ipplanner runway</c> in-process: flags, JSON shape, determinism and errors.</summary>
public class RunwayCommandTests
{
    private static string Sample(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", name);

    [Test]
    public void Runway_UncertainGrowthSameSeed_SameJsonByteForByte()
    {
        var args = new[] { "runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15±10/month", "--months", "12", "--runs", "30", "--seed", "5", "-o", "json" };
        var first = CliRun.Of(args);
        var second = CliRun.Of(args);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(second.Out, Is.EqualTo(first.Out));
        using var json = JsonDocument.Parse(first.Out);
        Assert.That(json.RootElement.GetProperty("firstExhaustedPercentiles").GetProperty("p50").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public void Runway_Json_NamesTheMonthsAndNullBeyondTheHorizon()
    {
        // simulate --scale crm=0..30 on this sample runs subnet-nodes-1c out at node 24 (README): 315 pods + 15 a month
        // need 24 nodes of 15 pods at 360 pods, month 3. The public subnets hold no nodes and never run out.
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15/month", "--months", "12", "-o", "json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var first = root.GetProperty("firstExhausted");
        Assert.That((first.GetProperty("subnet").GetString(), first.GetProperty("month").GetInt32(), first.GetProperty("reason").GetString()),
            Is.EqualTo(("subnet-nodes-1c", 3, "addresses")));
        var publicSubnet = root.GetProperty("subnets").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "subnet-public-1a");
        Assert.That(publicSubnet.GetProperty("runsOutInMonth").ValueKind, Is.EqualTo(JsonValueKind.Null));

        // maxNodes 30: 315 + 15m > 450 pods first at m = 10.
        Assert.That(root.GetProperty("nodeGroups")[0].GetProperty("maxNodesReachedInMonth").GetInt32(), Is.EqualTo(10));
    }

    [TestCase("crm=+15/week")]
    [TestCase("crm")]
    [TestCase("crm=fast")]
    [TestCase("nosuch=+1/month")]
    public void Runway_BadGrowth_OneLineExitTwo(string growth)
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", growth);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: --growth").And.Not.Contains("   at "));
    }

    [Test]
    public void Runway_NoGrowth_ExitTwoSaysHow()
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"));
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--growth GROUP=+N/month"));
    }

    [Test]
    public void Runway_Table_VerdictNamesTheMonth()
    {
        var run = CliRun.Of("runway", Sample("near-exhaustion.yaml"), "--growth", "crm=+15/month", "--months", "12");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("Verdict: subnet subnet-nodes-1c runs out first, in month 3,"));
        Assert.That(run.Out, Does.Contain("not within 12 months"));
    }
}
