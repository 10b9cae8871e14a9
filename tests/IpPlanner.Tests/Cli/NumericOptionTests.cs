using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>Every numeric option has bounds and says them in the user's words, never in .NET's.</summary>
public class NumericOptionTests
{
    private static void AssertRefused(CliRun run, string expected)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Out, Is.Empty);
        Assert.That(run.Error, Does.StartWith($"ipplanner: error: {expected}{Environment.NewLine}"));
        Assert.That(run.Error, Does.Not.Contain("System.").And.Not.Contain("Parameter"));
    }

    [TestCase("--pods", "2147483647", "--pods: 2,147,483,647 is out of range (0 to 10,000)")]
    [TestCase("--security-group-pods", "99999999", "--security-group-pods: 99,999,999 is out of range (0 to 10,000)")]
    [TestCase("--warm-ip-target", "2000000000", "--warm-ip-target: 2,000,000,000 is out of range (0 to 65,536)")]
    [TestCase("--warm-eni-target", "-1", "--warm-eni-target: -1 is out of range (0 to 1,000)")]
    [TestCase("--pods", "ten", "--pods: 'ten' is not a whole number (0 to 10,000)")]
    [TestCase("--pods", "99999999999999999999", "--pods: '99999999999999999999' is out of range (0 to 10,000)")]
    public void Node_NumberOutOfBounds_OneLineNamingTheRange(string flag, string value, string expected)
    {
        var args = flag == "--pods"
            ? new[] { "node", "--instance-type", "m5.large", "--pods", value }
            : ["node", "--instance-type", "m5.large", "--pods", "10", flag, value];
        AssertRefused(CliRun.Of(args), expected);
    }

    [TestCase("--eni-attach-seconds", "1e9", "--eni-attach-seconds: 1000000000 is out of range (0 to 3,600)")]
    [TestCase("--eni-attach-seconds", "NaN", "--eni-attach-seconds: 'NaN' is not a number (0 to 3,600)")]
    [TestCase("--runs", "0", "--runs: 0 is out of range (1 to 1,000,000)")]
    public void Simulate_NumberOutOfBounds_RefusedBeforeLoading(string flag, string value, string expected) =>
        AssertRefused(CliRun.Of("simulate", Sample("churn.yaml"), "--duration", "1m", flag, value), expected);

    [Test]
    public void Node_PodsAtTheBound_Runs()
    {
        // The bound is a bound, not a new failure: 30 pods on an m5.large run (29 fit, max pods 29).
        var run = CliRun.Of("node", "--instance-type", "m5.large", "--pods", "30");
        Assert.That(run.Error, Does.Not.Contain("out of range"));
    }
}
