using System.Globalization;

namespace IpPlanner.Cli.Output;

/// <summary>
/// A plain progress line for logs (<c>ipplanner: simulate: 37 of 100 runs done, 1 min 12 s elapsed, about 2 min left</c>),
/// printed at most once per interval from whichever thread finishes a run. Thread-safe.
/// </summary>
internal sealed class ProgressLine(TextWriter error, TimeProvider clock, TimeSpan every, int total, string what)
{
    private readonly Lock _lock = new();
    private readonly long _started = clock.GetTimestamp();
    private TimeSpan _lastPrinted;

    /// <summary>Called with the number of finished runs; prints when the interval has passed since the last line.</summary>
    public void Report(int done)
    {
        lock (_lock)
        {
            var elapsed = clock.GetElapsedTime(_started);
            if (elapsed - _lastPrinted < every || done >= total)
            {
                return;
            }

            _lastPrinted = elapsed;
            var left = done > 0 ? elapsed * ((double)(total - done) / done) : (TimeSpan?)null;
            var estimate = left is { } l ? $", about {Duration(l)} left" : "";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ipplanner: {what}: {done:N0} of {total:N0} runs done, {Duration(elapsed)} elapsed{estimate}"));
            error.Flush();
        }
    }

    /// <summary>"45 s", "3 min 5 s", "2 h 10 min".</summary>
    public static string Duration(TimeSpan t)
    {
        var seconds = (long)Math.Round(t.TotalSeconds);
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds % 3600 / 60} min"),
        };
    }
}
