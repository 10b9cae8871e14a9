using NUnit.Framework;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Tests.ScenarioFile;

public class WorkloadTextTests
{
    [TestCase("30s", 30)]
    [TestCase("15m", 900)]
    [TestCase("2h", 7200)]
    [TestCase("1h30m", 5400)]
    [TestCase("90", 90)]
    [TestCase("1.5m", 90)]
    public void TryParseSeconds_CommonSpellings_Seconds(string text, double seconds)
    {
        Assert.That(DurationText.TryParseSeconds(text, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(seconds));
    }

    [TestCase("")]
    [TestCase("soon")]
    [TestCase("5x")]
    [TestCase("-3m")]
    [TestCase("m5")]
    public void TryParseSeconds_Nonsense_False(string text)
    {
        Assert.That(DurationText.TryParseSeconds(text, out _), Is.False);
    }

    private static readonly TestCaseData[] s_beyondDouble =
    [
        new TestCaseData("1" + new string('0', 400) + "s").SetName("TryParseSeconds_400DigitSeconds_False"),
        new TestCaseData(new string('9', 308) + "h").SetName("TryParseSeconds_FiniteNumberTimesUnitOverflows_False"),
        new TestCaseData("1" + new string('0', 308) + "s" + "1" + new string('0', 308) + "s").SetName("TryParseSeconds_PartsAddUpToInfinity_False"),
    ];

    [TestCaseSource(nameof(s_beyondDouble))]
    public void TryParseSeconds_BeyondDouble_False(string text)
    {
        Assert.That(DurationText.TryParseSeconds(text, out _), Is.False);
    }

    [Test]
    public void Load_RolloutEveryBeyondDouble_IsAnErrorOnThatField()
    {
        var yaml = ScenarioTestText.Append("workloads:\n  - kind: deployment\n    nodeGroup: workers\n    replicas: 10\n    rolloutEvery: 1" + new string('0', 400) + "s\n");

        var result = ScenarioTestText.Load(yaml);

        Assert.That(result.Errors.Select(d => d.Field), Is.EqualTo(new[] { "workloads[0].rolloutEvery" }), string.Join('\n', result.Diagnostics));
    }

    [Test]
    public void Load_DeploymentWithPercentSurge_RoundsUpLikeKubernetes()
    {
        var yaml = ScenarioTestText.Append("workloads:\n  - kind: deployment\n    nodeGroup: workers\n    replicas: 10\n    maxSurge: 25%\n    rolloutEvery: 20m\n");
        var scenario = ScenarioTestText.Load(yaml).Scenario!;
        var w = scenario.Workloads.Single();
        Assert.That((w.MaxSurge, w.RolloutEverySeconds), Is.EqualTo((3, 1200.0)));
    }
}
