using System.Text.RegularExpressions;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Hostile;

/// <summary>
/// Every sample scenario with its numbers, CIDRs and addresses mutated (a seeded random pick of one to three of them
/// per mutant, each replaced by an edge: zero, negative, past int, past long, a fraction, an exponent, a digit of
/// another script, a prefix length past 32, an octet past 255, an IPv6 address, nothing), run through the verbs:
/// 0 crashes (no exit 70, no stack trace), 0 files changed but the mutant, every run under 10 seconds. Seeded, so a
/// failure repeats; the mutation is printed before each run.
/// </summary>
[Fuzz]
public partial class SampleFuzzTests
{
    private const int MutantsPerSample = 60;

    private static readonly string[] s_edges =
    [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "0.5", "1e309", "1e-9",
        "NaN", "\uFF15", "\u0663", "10.0.0.0/33", "10.0.0.0/0", "256.256.256.256", "10.0.0.0/8", "10.0.0", "::1",
        "fe80::/10", "", "-0", "+5", "0x10", "1_000", "00000000000000000000042", "4294967296",
    ];

    [GeneratedRegex("[0-9]+(?:\\.[0-9]+){0,3}(?:/[0-9]+)?")]
    private static partial Regex Token();

    private static IEnumerable<string> Samples() => SampleNames("*.yaml").Concat(SampleNames("*.json"));

    [TestCaseSource(nameof(Samples))]
    public void Sample_MutatedNumbersCidrsAndAddresses_NoCrashNothingChangedUnderTenSeconds(string sample)
    {
        var text = File.ReadAllText(Sample(sample));
        var tokens = Token().Matches(text).ToList();
        Assert.That(tokens, Is.Not.Empty);
        var random = new Random(Stable(sample));
        var dir = Path.Combine(Path.GetTempPath(), $"ipplanner-fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            for (var i = 0; i < MutantsPerSample; i++)
            {
                // One to three tokens, replaced from the last so earlier offsets stay right.
                var picks = Enumerable.Range(0, random.Next(1, 4)).Select(_ => tokens[random.Next(tokens.Count)])
                    .DistinctBy(t => t.Index).OrderByDescending(t => t.Index).ToList();
                var mutant = text;
                var said = new List<string>();
                foreach (var token in picks)
                {
                    var edge = random.Next(4) == 0 ? token.Value + token.Value : s_edges[random.Next(s_edges.Length)];
                    mutant = string.Concat(mutant.AsSpan(0, token.Index), edge, mutant.AsSpan(token.Index + token.Length));
                    said.Add($"line {text[..token.Index].Count(c => c == '\n') + 1}: '{token.Value}' -> '{edge}'");
                }

                var path = Path.Combine(dir, $"{i}-{sample}");
                File.WriteAllText(path, mutant);
                TestContext.Out.WriteLine($"{sample} mutant {i}: {string.Join("; ", said)}");
                GuardedRun.Of(dir, ["validate", path]);
                GuardedRun.Of(dir, ["plan", path, "-o", (i % 3) switch { 0 => "table", 1 => "json", _ => "markdown" }]);
                if (i % 3 == 0)
                {
                    GuardedRun.Of(dir, ["recommend", path]);
                }
                else if (i % 3 == 1)
                {
                    GuardedRun.Of(dir, ["runway", path, "--runs", "5", "--months", "24"]);
                }
                else if (sample == "churn.yaml")
                {
                    GuardedRun.Of(dir, ["simulate", path, "--duration", "5m", "--runs", "2"]);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A seed from the sample's name that is the same in every process (string hash codes are not).</summary>
    private static int Stable(string name) => name.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));
}
