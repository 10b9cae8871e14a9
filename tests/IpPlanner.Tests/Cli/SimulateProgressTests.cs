using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

public class SimulateProgressTests
{
    /// <summary>A clock on which every reading is 11 s after the one before.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.FromSeconds(11).Ticks);
    }

    private static (int Exit, string Out, string Error) Run(TimeSpan? every, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, isTerminal: false) { ProgressLineEvery = every, Clock = new SteppingClock() };
        var exit = CliApp.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void Simulate_LogNotATerminal_PrintsRunsDoneElapsedAndEstimate()
    {
        // Every clock reading is 11 s later, so each finished run but the last (the result follows at once) is more
        // than 10 s after the previous line: three of the four runs get a line (in whatever order the threads end).
        var (exit, output, error) = Run(TimeSpan.FromSeconds(10), "simulate", Sample("churn.yaml"), "--duration", "2m", "--runs", "4", "-o", "json");
        Assert.That(exit, Is.Zero, error);
        var lines = error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(3), error);
        Assert.That(lines, Has.All.Match(@"^ipplanner: simulate: [1-3] of 4 runs done, [0-9]+ s elapsed, about [0-9]+ s left$"), error);
        Assert.That(output.TrimStart(), Does.StartWith("{"), "stdout keeps only the JSON");
    }

    [Test]
    public void ProgressLine_OneRunOfFourAfter11Seconds_EstimatesThreeTimesAsLong()
    {
        // The start reading is 11 s, the first report's reading 22 s: 11 s elapsed for 1 run, so 3 runs left take 33 s.
        using var error = new StringWriter();
        var line = new IpPlanner.Cli.Output.ProgressLine(error, new SteppingClock(), TimeSpan.FromSeconds(10), 4, "simulate");
        line.Report(1);
        Assert.That(error.ToString().TrimEnd(), Is.EqualTo("ipplanner: simulate: 1 of 4 runs done, 11 s elapsed, about 33 s left"));
    }

    [TestCase(45, "45 s")]
    [TestCase(185, "3 min 5 s")]
    [TestCase(7800, "2 h 10 min")]
    public void Duration_Seconds_ReadsAsAPersonWouldSayIt(int seconds, string expected) =>
        Assert.That(IpPlanner.Cli.Output.ProgressLine.Duration(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [Test]
    public void Simulate_ProgressLinesOff_StderrStaysEmpty()
    {
        var (exit, _, error) = Run(null, "simulate", Sample("churn.yaml"), "--duration", "2m", "--runs", "4", "-o", "json");
        Assert.That(exit, Is.Zero, error);
        Assert.That(error, Is.Empty);
    }
}
