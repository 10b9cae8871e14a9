using System.Security.Cryptography;
using IpPlanner.Cli;
using IpPlanner.Cli.Output.Html;
using NUnit.Framework;
using static IpPlanner.Tests.Cli.Html.HtmlTestSupport;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli.Html;

public class PlanHtmlCommandTests
{
    [Test]
    public void Plan_Html_WritesTheReportAndStillPrintsTheTable()
    {
        var path = Path.Combine(FreshDirectory(), "report.html");

        var run = CliRun.Of("plan", Sample("prefix-delegation.yaml"), "--html", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Contain("Verdict: "));
        Assert.That(File.ReadAllText(path), Does.StartWith("<!DOCTYPE html>").And.Contain("subnet-private-1c"));
    }

    [Test]
    public void Plan_Html_FootNamesTheInputItsHashTheToolVersionAndTheTime()
    {
        var path = Path.Combine(FreshDirectory(), "report.html");
        var sample = Sample("near-exhaustion.yaml");

        var run = RunPlan(new FixedClock(Noon), sample, "--html", path, "-o", "json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var foot = ParseXhtml(File.ReadAllText(path)).Descendants("footer").Single().Value;
        Assert.That(foot, Does.Contain("near-exhaustion.yaml").And.Not.Contain(SamplesDirectory), "the name, not the path");
        Assert.That(foot, Does.Contain(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(sample)))));
        Assert.That(foot, Does.Contain(ReportRun.CurrentToolVersion).And.Contain("2026-11-01 12:00:00 UTC"));
    }

    [Test]
    public void Plan_HtmlTwiceSameClock_IdenticalFiles()
    {
        var dir = FreshDirectory();
        var one = Path.Combine(dir, "one.html");
        var two = Path.Combine(dir, "two.html");

        RunPlan(new FixedClock(Noon), Sample("custom-networking.yaml"), "--html", one);
        RunPlan(new FixedClock(Noon), Sample("custom-networking.yaml"), "--html", two);

        Assert.That(File.ReadAllBytes(two), Is.EqualTo(File.ReadAllBytes(one)));
    }

    [Test]
    public void Plan_HtmlTwiceRealClock_DifferOnlyInTheTimeStamp()
    {
        var dir = FreshDirectory();
        var one = Path.Combine(dir, "one.html");
        var two = Path.Combine(dir, "two.html");

        CliRun.Of("plan", Sample("prefix-delegation.yaml"), "--html", one);
        CliRun.Of("plan", Sample("prefix-delegation.yaml"), "--html", two);

        Assert.That(PlanHtmlTests.WithoutTime(File.ReadAllText(two)), Is.EqualTo(PlanHtmlTests.WithoutTime(File.ReadAllText(one))));
    }

    [Test]
    public void Plan_HtmlInMissingDirectory_OneLineErrorExit2AndNothingPrinted()
    {
        var path = Path.Combine(FreshDirectory(), "missing", "report.html");

        var run = CliRun.Of("plan", Sample("small-3az.yaml"), "--html", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: " + path));
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Plan_HtmlPathIsADirectory_Exit2()
    {
        var dir = FreshDirectory();
        var target = Directory.CreateDirectory(Path.Combine(dir, "report.html")).FullName;

        var run = CliRun.Of("plan", Sample("small-3az.yaml"), "--html", target);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError), run.Error);
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(Directory.GetFileSystemEntries(dir), Is.EqualTo(new[] { target }), "no temporary file left behind");
    }
}
