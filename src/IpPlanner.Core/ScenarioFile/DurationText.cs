using System.Globalization;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>Durations as people write them in scenario files and on the command line: 30s, 15m, 2h, 1h30m, or seconds.</summary>
public static class DurationText
{
    /// <summary>Parses a duration into seconds; false for anything else (negative, empty, unknown unit, beyond a double).</summary>
    public static bool TryParseSeconds(string? text, out double seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            seconds = plain;
            return plain >= 0 && double.IsFinite(plain);
        }

        var i = 0;
        var any = false;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || i == s.Length ||
                !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unit = s[i++] switch
            {
                'h' => 3600.0,
                'm' => 60.0,
                's' => 1.0,
                'd' => 86400.0,
                _ => double.NaN,
            };
            if (double.IsNaN(unit))
            {
                return false;
            }

            seconds += value * unit;
            any = true;
        }

        // 1 followed by 400 zeros parses as Infinity, and large finite parts can overflow when scaled or added:
        // no simulation can wait that long, so it is not a duration.
        return any && double.IsFinite(seconds);
    }

    /// <summary>Parses a duration or throws an <see cref="InputException"/> naming the flag.</summary>
    public static double ParseSeconds(string? text, string field) =>
        TryParseSeconds(text, out var seconds)
            ? seconds
            : throw new InputException($"{field}: '{text}' is not a duration (expected e.g. 30s, 15m, 2h or 1h30m)");
}

/// <summary>Workload fields written as text.</summary>
internal static class WorkloadText
{
    /// <summary>maxSurge as Kubernetes reads it: a count, or a percentage of replicas rounded up; at least 1. Null when malformed.</summary>
    public static int? ResolveSurge(string? text, int replicas)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Math.Max(1, (int)Math.Ceiling(replicas * 0.25));
        }

        var s = text.Trim();
        if (s.EndsWith('%') && double.TryParse(s[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct > 0 && pct <= 1000)
        {
            return Math.Max(1, (int)Math.Ceiling(replicas * pct / 100));
        }

        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 ? count : null;
    }
}
