using System.Diagnostics;
using IpPlanner.Cli;
using IpPlanner.Tests.Cli;
using NUnit.Framework;

namespace IpPlanner.Tests.Hostile;

/// <summary>One in-process run of the CLI with what must hold for any input, hostile or not.</summary>
internal static class GuardedRun
{
    /// <summary>The longest a run may take, hostile input or not.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    /// <summary>What must never reach a terminal raw: ESC, BEL, NUL, CR, the right-to-left override, the BOM.</summary>
    private static readonly System.Buffers.SearchValues<char> s_raw = System.Buffers.SearchValues.Create("\u001b\u0007\u202E\uFEFF\0\r");

    /// <summary>
    /// Runs the CLI in process and asserts what holds for every run, hostile or not: no crash, no stack trace,
    /// nothing raw, under the time budget, and nothing under the protected folders or <paramref name="folder"/> written but <paramref name="meant"/>.
    /// </summary>
    public static CliRun Of(string folder, string[] args, params string[] meant)
    {
        var folders = Fingerprint.ProtectedFolders.Append(folder).ToList();
        var before = Fingerprint.Of(folders);
        var clock = Stopwatch.StartNew();
        var run = CliRun.Of(args);
        clock.Stop();
        var said = $"{string.Join(' ', args)} -> {run.ExitCode}: {Shown(run.Error)}";
        Assert.That(run.ExitCode, Is.Not.EqualTo(ExitCodes.InternalError), said);
        Assert.That(run.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception"), said);
        Assert.That(clock.Elapsed, Is.LessThan(Budget), said);
        foreach (var (name, text) in new[] { ("stdout", run.Out), ("stderr", run.Error) })
        {
            var at = text.AsSpan().IndexOfAny(s_raw);
            Assert.That(at, Is.EqualTo(-1), $"{name} holds U+{(at < 0 ? 0 : text[at]):X4} raw: {said}");
        }

        var changed = Fingerprint.Of(folders).ChangedSince(before, meant);
        Assert.That(changed, Is.Empty, $"files changed: {said}");
        return run;
    }

    private static string Shown(string text) => IpPlanner.Core.Input.ShownText.Escape(text);
}
