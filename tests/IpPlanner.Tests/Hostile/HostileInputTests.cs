using IpPlanner.Cli;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Hostile;

/// <summary>
/// Every verb over every hostile input kind (<see cref="HostileFiles"/>), in process: no crash (never exit 70, never a
/// stack trace), nothing sent raw to a terminal (ESC, BEL, bidi overrides, BOM), every run under 10 seconds, and no
/// file changed but the output the run was asked to write (the repository's samples and schema, the copies the tests
/// read and the test's own folder are fingerprinted before and after each run).
/// </summary>
public class HostileInputTests
{
    private static string s_dir = null!;

    [OneTimeSetUp]
    public static void WriteFiles()
    {
        s_dir = Path.Combine(Path.GetTempPath(), $"ipplanner-hostile-{Guid.NewGuid():N}");
        Directory.CreateDirectory(s_dir);
        HostileFiles.WriteAll(s_dir);
    }

    [OneTimeTearDown]
    public static void RemoveFiles() => Directory.Delete(s_dir, recursive: true);

    /// <summary>The verbs, each with where the hostile file goes ({0}) and the output it may write ({1}).</summary>
    private static readonly string[][] s_verbs =
    [
        ["validate", "{0}"],
        ["plan", "{0}"],
        ["plan", "{0}", "-o", "json"],
        ["plan", "{0}", "-o", "markdown", "--html", "{1}"],
        ["recommend", "{0}", "--write", "{1}"],
        ["recommend", "{0}", "--runway", "3"],
        ["runway", "{0}", "--runs", "5"],
        ["simulate", "{0}", "--duration", "1m", "--runs", "2"],
        ["plan", "{0}", "--instance-types", "{0}"],
        ["plan", "{S}karpenter-nodepool.yaml", "--prices", "{0}"],
        ["catalog", "--instance-types", "{0}"],
        ["import", "--subnets", "{0}"],
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from file in HostileFiles.Names
        from verb in s_verbs
        select new TestCaseData(file, verb).SetArgDisplayNames($"{string.Join(' ', verb)} < {file}");

    [TestCaseSource(nameof(Cases))]
    public void AnyVerb_HostileFile_NoCrashNothingRawNothingChanged(string file, string[] verb)
    {
        var input = Path.Combine(s_dir, file);
        var output = Path.Combine(s_dir, $"out-{Guid.NewGuid():N}.html");
        var args = verb.Select(a => a.Replace("{0}", input, StringComparison.Ordinal).Replace("{1}", output, StringComparison.Ordinal)
            .Replace("{S}", SamplesDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
        var run = RunGuarded(args, output);
        Assert.That(run.ExitCode, Is.AnyOf(ExitCodes.Ok, ExitCodes.Findings, ExitCodes.InputError), run.Error);
        File.Delete(output);
    }

    private static CliRun RunGuarded(string[] args, params string[] meant) => GuardedRun.Of(s_dir, args, meant);

    [Test]
    public void ControlCharactersInNames_ShownAsEscapes_InEveryFormat()
    {
        // The cluster's name holds ESC[31m (red), ESC]0;pwned BEL (a window title), U+202E and U+FEFF: each is
        // written \uXXXX, so the name is visible and cannot act on the terminal.
        var input = Path.Combine(s_dir, "control-names.yaml");
        var shown = @"shop\u001B[31mRED\u001B]0;pwned\u0007\u202Eevil\uFEFF";
        foreach (var format in new[] { "table", "markdown", "json" })
        {
            var run = RunGuarded(["plan", input, "-o", format]);
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            Assert.That(run.Out, Does.Contain(shown), format);
        }

        var html = Path.Combine(s_dir, "control.html");
        var report = RunGuarded(["plan", input, "--html", html], html);
        Assert.That(report.ExitCode, Is.Zero, report.Error);
        var page = File.ReadAllText(html);
        File.Delete(html);
        // Ordinal: NUnit's culture-aware Contains finds the zero-width U+FEFF in any text.
        Assert.That(page.AsSpan().IndexOfAny('\u001b', '\u202E', '\uFEFF'), Is.EqualTo(-1));
        Assert.That(page, Does.Contain(@"shop\u001B[31mRED"));
    }

    [Test]
    public void ControlCharactersInAnErrorMessage_ShownAsEscapes()
    {
        // A node group naming a subnet id with an escape sequence: the loader quotes the id, escaped.
        var path = Path.Combine(s_dir, "bad-ref.yaml");
        File.WriteAllText(path, File.ReadAllText(Sample("small-3az.yaml"))
            .Replace("subnets: [subnet-private-1a, subnet-private-1b, subnet-private-1c]\n    nodes: 3",
                "subnets: [\"subnet-\\e]0;pwned\\a\", subnet-private-1b, subnet-private-1c]\n    nodes: 3", StringComparison.Ordinal));
        var run = RunGuarded(["plan", path]);
        File.Delete(path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain(@"subnet-\u001B]0;pwned\u0007"));
    }
}
