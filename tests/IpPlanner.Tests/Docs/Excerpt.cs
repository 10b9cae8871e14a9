namespace IpPlanner.Tests.Docs;

/// <summary>Compares what a doc shows after a command with what the command printed.</summary>
public static class Excerpt
{
    /// <summary>The line that stands for any run of lines (none included).</summary>
    public const string Elision = "...";

    /// <summary>
    /// Null when <paramref name="shown"/> equals <paramref name="printed"/> line by line, where each line holding only
    /// <c>...</c> matches any run of printed lines; otherwise what differs. Trailing spaces and blank lines at the end
    /// do not count (Markdown editors drop them).
    /// </summary>
    public static string? Mismatch(IReadOnlyList<string> shown, IReadOnlyList<string> printed)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(printed);
        var expected = SessionRunner.Lines(string.Join('\n', shown));

        // Split at the elisions: the first part must start the output, the last end it (unless an elision ends the
        // excerpt), and each part between must follow the previous one; taking each part at its earliest place is
        // then always right.
        var parts = new List<List<string>> { new() };
        foreach (var line in expected)
        {
            if (line.Trim() == Elision)
            {
                parts.Add([]);
            }
            else
            {
                parts[^1].Add(line);
            }
        }

        if (parts.Count == 1)
        {
            return expected.SequenceEqual(printed, StringComparer.Ordinal) ? null : FirstDifference(expected, printed, 0, 0);
        }

        var at = 0;
        if (!StartsAt(printed, at, parts[0]))
        {
            return FirstDifference(parts[0], printed, 0, 0);
        }

        at += parts[0].Count;
        for (var p = 1; p < parts.Count - 1; p++)
        {
            var found = Find(printed, at, parts[p]);
            if (found < 0)
            {
                return $"after '...', these lines were not printed (in this order, after line {at}):\n  {string.Join("\n  ", parts[p])}";
            }

            at = found + parts[p].Count;
        }

        var last = parts[^1];
        var tail = printed.Count - last.Count;
        return tail >= at && StartsAt(printed, tail, last)
            ? null
            : $"the excerpt's last lines are not the end of what was printed:\n  {string.Join("\n  ", last)}";
    }

    private static bool StartsAt(IReadOnlyList<string> printed, int at, List<string> part) =>
        at + part.Count <= printed.Count && part.Select((line, i) => printed[at + i] == line).All(same => same);

    private static int Find(IReadOnlyList<string> printed, int from, List<string> part)
    {
        for (var at = from; at + part.Count <= printed.Count; at++)
        {
            if (StartsAt(printed, at, part))
            {
                return at;
            }
        }

        return -1;
    }

    private static string FirstDifference(List<string> shown, IReadOnlyList<string> printed, int s, int p)
    {
        while (s < shown.Count && p < printed.Count && shown[s] == printed[p])
        {
            s++;
            p++;
        }

        return $"line {s + 1} of the excerpt differs\n  shown:   {(s < shown.Count ? shown[s] : "<end>")}\n  printed: {(p < printed.Count ? printed[p] : "<end>")}";
    }
}
