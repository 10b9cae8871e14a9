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
    // One bound per knob: the scenario file's warmIpTarget allows up to 100,000 (schema/scenario.schema.json), so
    // the node verb's flag does too (it said 65,536 before).
    [TestCase("--warm-ip-target", "2000000000", "--warm-ip-target: 2,000,000,000 is out of range (0 to 100,000)")]
    [TestCase("--minimum-ip-target", "100001", "--minimum-ip-target: 100,001 is out of range (0 to 100,000)")]
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

    // A number past int's range is too large for the option, said in the option's words (it read "as expected type
    // 'System.Int32'" before); 600 months is the runway's limit (50 years), 100,000 runs its Monte Carlo limit.
    [TestCase("--months", "2147483648", "--months: 2,147,483,648 is out of range (1 to 600)")]
    [TestCase("--runs", "2147483648", "--runs: 2,147,483,648 is out of range (1 to 100,000)")]
    [TestCase("--seed", "2147483648", "--seed: 2,147,483,648 is out of range (-2,147,483,648 to 2,147,483,647)")]
    [TestCase("--months", "０", "--months: '０' is not a whole number (1 to 600) (digits are 0-9; '０' is a digit of another script)")]
    public void Runway_NumberOutOfBounds_OneLineNamingTheRange(string flag, string value, string expected) =>
        AssertRefused(CliRun.Of("runway", Sample("runway.yaml"), flag, value), expected);

    [Test]
    public void Recommend_RunwayPastItsBound_OneLine() =>
        AssertRefused(
            CliRun.Of("recommend", Sample("runway.yaml"), "--runway", "601"),
            "--runway: 601 is out of range (1 to 600)");

    // --help says each bounded option's range, so a user learns the bound before hitting it.
    [TestCase("runway", "Months to look ahead (1 to 600)", "(1 to 100,000)", "(-2,147,483,648 to 2,147,483,647)")]
    [TestCase("recommend", "(1 to 600)")]
    [TestCase("serve", "TCP port (0: any free port) (0 to 65,535)")]
    public void Help_BoundedOptions_ShowTheirRange(string verb, params string[] expected)
    {
        var run = CliRun.Of(verb, "--help");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        foreach (var text in expected)
        {
            Assert.That(run.Out, Does.Contain(text));
        }
    }

    [Test]
    public void Node_PodsAtTheBound_Runs()
    {
        // The bound is a bound, not a new failure: 30 pods on an m5.large run (29 fit, max pods 29).
        var run = CliRun.Of("node", "--instance-type", "m5.large", "--pods", "30");
        Assert.That(run.Error, Does.Not.Contain("out of range"));
    }
}
