using System.Text;
using System.Text.RegularExpressions;
using IpPlanner.Cli;
using NUnit.Framework;
using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>
/// Mangled versions of the samples (truncated, keys swapped, numbers turned into strings or made huge, bytes
/// flipped, YAML punctuation sprinkled in; seeded, so a failure reproduces): the loader must answer with
/// diagnostics or a scenario and never throw, and <c>ipplanner validate</c> must exit 0 or 1 without a stack trace.
/// </summary>
[Fuzz]
[TestFixture]
public sealed partial class ScenarioFuzzTests
{
    private const int Seed = 20_260_811;

    private static readonly string[] s_sprinkles =
    [
        "&", "*", "*x", "&x ", "[", "]", "{", "}", "\"", "'", "|", ">", ": ", "#", "\n---\n", "\t", "%YAML 1.2\n", "!!binary ", "? ", "- ", "<<: ", "\0", "\u00e9", "~", ",",
    ];

    private static readonly string[] s_numberReplacements =
    [
        "\"12\"", "'3'", "twelve", "99999999999999999999", "-99999999999999999999", "1e400", ".nan", ".inf", "-0", "0x1F", "3.5", "1_000", "", "[]", "{}",
    ];

    private static IEnumerable<TestCaseData> Samples() =>
        Directory.GetFiles(SamplesDirectory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"LoadText_Mangled_{Path.GetFileName(f)}_NeverThrows"));

    [TestCaseSource(nameof(Samples))]
    public void LoadText_MangledSample_ReportsOrLoadsButNeverThrows(string name)
    {
        var text = File.ReadAllText(Sample(name));
        var errorsSeen = 0;
        foreach (var (how, mangled) in Mangle(text, new Random(Seed ^ StableHash(name))))
        {
            ScenarioLoadResult result;
            try
            {
                result = LoadText(mangled, name);
            }
#pragma warning disable CA1031 // The point of the test: any exception is a failure, reported with its input.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Assert.Fail($"{how}: the loader threw {e.GetType().Name}: {e.Message}\n--- input ---\n{Excerpt(mangled)}\n{e.StackTrace}");
                return;
            }

            Assert.That(result.Scenario is null, Is.EqualTo(result.HasErrors), $"{how}: a scenario exactly when there are no errors");
            foreach (var d in result.Diagnostics)
            {
                Assert.That(d.File, Is.EqualTo(name), how);
                Assert.That(d.Line, Is.GreaterThanOrEqualTo(0), how);
                Assert.That(d.Message, Is.Not.Empty, how);
                Assert.That(d.Code, Is.Not.Empty, how);
            }

            errorsSeen += result.HasErrors ? 1 : 0;
        }

        Assert.That(errorsSeen, Is.GreaterThan(50), "the mangling should break most inputs");
    }

    [TestCaseSource(nameof(Samples))]
    public void Validate_MangledSample_ExitsZeroOrOneWithoutStackTrace(string name)
    {
        var text = File.ReadAllText(Sample(name));
        var directory = Directory.CreateDirectory(Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz", Path.GetFileNameWithoutExtension(name) + Path.GetExtension(name).TrimStart('.')));
        var path = Path.Combine(directory.FullName, name);
        try
        {
            // Every third mutation keeps the run short; the loader test above sees them all.
            foreach (var (how, mangled) in Mangle(text, new Random(Seed + name.Length)).Where((_, i) => i % 3 == 0))
            {
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(mangled));
                using var output = new StringWriter();
                using var error = new StringWriter();

                var exit = CliApp.Run(["validate", path], output, error);

                var all = output + "\n" + error;
                // A NUL byte makes the file binary, which YAML forbids: that file is refused as input (exit 2), at once.
                var binary = mangled.Contains('\0', StringComparison.Ordinal);
                Assert.That(exit, binary ? Is.EqualTo(ExitCodes.InputError) : Is.EqualTo(ExitCodes.Ok).Or.EqualTo(ExitCodes.Findings), $"{how}:\n{all}");
                Assert.That(StackFrame().IsMatch(all), Is.False, $"{how}: a stack trace was printed:\n{all}");
                Assert.That(all, Does.Not.Contain("internal error"), how);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The mutations of one text, each with a description that says how to reproduce it.</summary>
    private static IEnumerable<(string How, string Text)> Mangle(string text, Random random)
    {
        for (var i = 1; i <= 40; i++)
        {
            var at = (int)((long)text.Length * i / 41);
            yield return ($"truncated at {at}", text[..at]);
        }

        var keyLines = KeyLine().Matches(text).ToList();
        for (var i = 0; i < 20 && keyLines.Count > 1; i++)
        {
            var a = keyLines[random.Next(keyLines.Count)];
            var b = keyLines[random.Next(keyLines.Count)];
            var first = a.Index < b.Index ? a : b;
            var second = a.Index < b.Index ? b : a;
            if (first.Index == second.Index)
            {
                continue;
            }

            var key1 = first.Groups["key"];
            var key2 = second.Groups["key"];
            var swapped = text[..key1.Index] + key2.Value + text[(key1.Index + key1.Length)..key2.Index] + key1.Value + text[(key2.Index + key2.Length)..];
            yield return ($"keys '{key1.Value}' and '{key2.Value}' swapped", swapped);
        }

        var numbers = Number().Matches(text).ToList();
        for (var i = 0; i < 30 && numbers.Count > 0; i++)
        {
            var n = numbers[random.Next(numbers.Count)];
            var replacement = s_numberReplacements[random.Next(s_numberReplacements.Length)];
            yield return ($"number '{n.Value}' at {n.Index} replaced by '{replacement}'", text[..n.Index] + replacement + text[(n.Index + n.Length)..]);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < 40; i++)
        {
            var flipped = (byte[])bytes.Clone();
            var flips = 1 + random.Next(5);
            var where = new List<int>();
            for (var f = 0; f < flips; f++)
            {
                var at = random.Next(flipped.Length);
                flipped[at] ^= (byte)(1 << random.Next(8));
                where.Add(at);
            }

            yield return ($"bytes flipped at {string.Join(',', where)}", Encoding.UTF8.GetString(flipped));
        }

        var lines = text.Split('\n');
        for (var i = 0; i < 20; i++)
        {
            var at = random.Next(lines.Length);
            var copy = lines.ToList();
            switch (i % 3)
            {
                case 0:
                    copy.RemoveAt(at);
                    yield return ($"line {at + 1} deleted", string.Join('\n', copy));
                    break;
                case 1:
                    copy.Insert(at, lines[at]);
                    yield return ($"line {at + 1} duplicated", string.Join('\n', copy));
                    break;
                default:
                    copy[at] = "   " + copy[at];
                    yield return ($"line {at + 1} indented", string.Join('\n', copy));
                    break;
            }
        }

        for (var i = 0; i < 30; i++)
        {
            var at = random.Next(text.Length);
            var sprinkle = s_sprinkles[random.Next(s_sprinkles.Length)];
            yield return ($"'{Regex.Escape(sprinkle)}' inserted at {at}", text[..at] + sprinkle + text[at..]);
        }
    }

    private static string Excerpt(string text) => text.Length <= 3000 ? text : text[..3000] + "…";

    [GeneratedRegex(@"^[ \t]*(?:- )?(?<key>[A-Za-z]+):", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"(?<![\w.])\d+(?![\w.])")]
    private static partial Regex Number();

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    // string.GetHashCode differs from process to process, which made the mangling differ from run to run.
    private static int StableHash(string name) => name.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
