using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>Output paths are checked before any work: one line, exit 2, nothing written, nothing printed.</summary>
public class OutputPathCheckTests
{
    private static string Missing(string file) => Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-dir", file);

    private static void AssertRefused(CliRun run, string expectedError)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Out, Is.Empty, "nothing printed");
        Assert.That(run.Error, Is.EqualTo($"ipplanner: error: {expectedError}{Environment.NewLine}"));
    }

    [Test]
    public void Simulate_HtmlInMissingDirectory_RefusedBeforeSimulating()
    {
        var html = Missing("x.html");
        var chart = Path.Combine(TestContext.CurrentContext.WorkDirectory, "refused-chart.svg");
        File.Delete(chart);
        var run = CliRun.Of("simulate", Sample("churn.yaml"), "--duration", "30m", "--runs", "200", "--plot", chart, "--html", html);
        AssertRefused(run, $"{html}: cannot write the HTML report: the directory {Path.GetDirectoryName(html)} does not exist");
        Assert.That(File.Exists(chart), Is.False, "the chart is not written when the report cannot be");
    }

    [Test]
    public void Simulate_HtmlInMissingDirectory_ComesBeforeTheScenarioIsRun()
    {
        // small-3az has no workloads, so simulating it with --duration fails; the output path is checked first.
        var html = Missing("x.html");
        AssertRefused(CliRun.Of("simulate", Sample("small-3az.yaml"), "--duration", "5m", "--html", html),
            $"{html}: cannot write the HTML report: the directory {Path.GetDirectoryName(html)} does not exist");
    }

    [TestCase("chart.pdf")]
    [TestCase("chart")]
    public void Simulate_PlotWithoutPngOrSvg_RefusedBeforeTheScenarioIsRun(string name)
    {
        var chart = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        AssertRefused(CliRun.Of("simulate", Sample("small-3az.yaml"), "--duration", "5m", "--plot", chart),
            $"--plot: '{chart}' must end in .png or .svg");
        Assert.That(File.Exists(chart), Is.False);
    }

    [Test]
    public void Simulate_PlotInMissingDirectory_RefusedBeforeTheScenarioIsRun()
    {
        var chart = Missing("chart.png");
        AssertRefused(CliRun.Of("simulate", Sample("small-3az.yaml"), "--duration", "5m", "--plot", chart),
            $"{chart}: cannot write the chart: the directory {Path.GetDirectoryName(chart)} does not exist");
    }

    [Test]
    public void Recommend_WriteInMissingDirectory_RefusedBeforePlanning()
    {
        // --target-pods with --target-nodes is refused after loading; the output path is checked before that.
        var target = Missing("patched.yaml");
        AssertRefused(CliRun.Of("recommend", Sample("small-3az.yaml"), "--target-pods", "10", "--target-nodes", "apps=3", "--write", target),
            $"{target}: cannot write the patched scenario: the directory {Path.GetDirectoryName(target)} does not exist");
    }

    [Test]
    public void Recommend_HtmlInMissingDirectory_RefusedBeforePlanning()
    {
        var html = Missing("r.html");
        AssertRefused(CliRun.Of("recommend", Sample("small-3az.yaml"), "--target-pods", "10", "--target-nodes", "apps=3", "--html", html),
            $"{html}: cannot write the HTML report: the directory {Path.GetDirectoryName(html)} does not exist");
    }

    [Test]
    public void Plan_HtmlInMissingDirectory_RefusedBeforeLoading()
    {
        var html = Missing("p.html");
        AssertRefused(CliRun.Of("plan", Sample("no-such-scenario.yaml"), "--html", html),
            $"{html}: cannot write the HTML report: the directory {Path.GetDirectoryName(html)} does not exist");
    }
}
