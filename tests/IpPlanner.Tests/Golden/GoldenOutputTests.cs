using System.Text;
using System.Text.RegularExpressions;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Golden;

/// <summary>
/// Every verb over every sample prints what it printed when this file was recorded, byte for byte: exit code,
/// standard output, standard error and each file the command wrote. A change that moves code without meaning to
/// change an answer leaves every file here untouched; a change that means to change an answer regenerates them
/// (<c>IPPLANNER_GOLDEN_UPDATE=1 dotnet test --filter FullyQualifiedName~GoldenOutputTests</c>) and the diff of
/// <c>TestData/Golden</c> is the review of what users will see differently.
/// </summary>
/// <remarks>Recorded under the invariant culture, as the shipped tool runs (InvariantGlobalization); CultureTests is
/// where other cultures are checked.</remarks>
[NonParallelizable]
[SetCulture("")]
public class GoldenOutputTests
{
    private static string BuiltSamples => SamplesDirectory;

    /// <summary>
    /// The samples as the commands read them: a copy at a path exactly as long as the one they were recorded from
    /// (<c>/work/main/tests/IpPlanner.Tests/bin/Release/net10.0/samples</c>, 60 characters), because <c>import</c>
    /// wraps its header comments by the full length of the paths it names; at another length the same output wraps
    /// differently and only the path was different. Falls back to the build folder when the temp folder is too long.
    /// </summary>
    private static readonly Lazy<string> s_samples = new(CopySamples);

    private static string Samples => s_samples.Value;

    private const int RecordedSamplesPathLength = 60;

    /// <summary>The recorded outputs live in the source tree, so an update rewrites the files that are committed.</summary>
    private static string GoldenDirectory =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestData", "Golden"));

    private static readonly string[] s_yamlSamples =
    [
        "auto-mode.yaml", "blue-green.yaml", "burst-upgrade.yaml", "churn.yaml", "custom-networking.yaml", "karpenter-custom-networking.yaml", "karpenter-nodepool.yaml", "nau-limit.yaml",
        "near-exhaustion.yaml", "prefix-delegation.yaml", "private-fargate.yaml", "requests-daemonsets.yaml", "runway-karpenter.yaml", "runway.yaml", "small-3az.yaml",
    ];

    /// <summary>Each case: a file-name-safe name and the command line, with {s} for the samples folder and {out} for a
    /// fresh output folder.</summary>
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var sample in s_yamlSamples)
        {
            var stem = Path.GetFileNameWithoutExtension(sample);
            // recommend works on one cluster of a file that lists several: the blue/green sample's new one.
            string[] one = sample == "blue-green.yaml" ? ["--cluster", "eks-blueprint-green"] : [];
            yield return Case($"plan-{stem}-table", "plan", $"{{s}}/{sample}");
            yield return Case($"plan-{stem}-json", "plan", $"{{s}}/{sample}", "-o", "json");
            yield return Case($"plan-{stem}-markdown", "plan", $"{{s}}/{sample}", "-o", "markdown");
            yield return Case($"plan-{stem}-html", "plan", $"{{s}}/{sample}", "--html", "{out}/report.html");
            yield return Case($"validate-{stem}-text", "validate", $"{{s}}/{sample}");
            yield return Case($"validate-{stem}-json", "validate", $"{{s}}/{sample}", "-o", "json");
            yield return Case($"recommend-{stem}-table", ["recommend", $"{{s}}/{sample}", .. one]);
            yield return Case($"recommend-{stem}-json", ["recommend", $"{{s}}/{sample}", .. one, "-o", "json"]);
            yield return Case($"recommend-{stem}-write", ["recommend", $"{{s}}/{sample}", .. one, "--write", "{out}/fix.yaml"]);
        }

        yield return Case("plan-small-3az-json-input", "plan", "{s}/small-3az.json");
        yield return Case("recommend-near-exhaustion-target-pods", "recommend", "{s}/near-exhaustion.yaml", "--target-pods", "2000", "-o", "markdown");
        yield return Case("recommend-runway-runway", "recommend", "{s}/runway.yaml", "--runway", "12");
        yield return Case("recommend-runway-karpenter-runway", "recommend", "{s}/runway-karpenter.yaml", "--runway", "12", "-o", "json");

        foreach (var stem in new[] { "runway", "runway-karpenter" })
        {
            yield return Case($"runway-{stem}-table", "runway", $"{{s}}/{stem}.yaml");
            yield return Case($"runway-{stem}-json", "runway", $"{{s}}/{stem}.yaml", "-o", "json");
            yield return Case($"runway-{stem}-markdown", "runway", $"{{s}}/{stem}.yaml", "-o", "markdown");
            yield return Case($"runway-{stem}-html", "runway", $"{{s}}/{stem}.yaml", "--html", "{out}/runway.html");
        }

        yield return Case("runway-runway-spread", "runway", "{s}/runway.yaml", "--growth", "web=+40±10/month", "--runs", "50", "--months", "24", "-o", "json");
        yield return Case("runway-blue-green-table", "runway", "{s}/blue-green.yaml", "--cluster", "eks-blueprint-green");
        yield return Case("runway-blue-green-json", "runway", "{s}/blue-green.yaml", "--cluster", "eks-blueprint-green", "-o", "json");
        yield return Case("runway-nau-limit-growth", "runway", "{s}/nau-limit.yaml", "--growth", "workers=+200/month", "--months", "12");
        yield return Case("runway-near-exhaustion-growth", "runway", "{s}/near-exhaustion.yaml", "--growth", "crm=+5%/month");

        yield return Case("simulate-near-exhaustion-scale", "simulate", "{s}/near-exhaustion.yaml", "--scale", "crm=0..30");
        yield return Case("simulate-near-exhaustion-scale-json", "simulate", "{s}/near-exhaustion.yaml", "--scale", "crm=0..30", "-o", "json");
        yield return Case("simulate-runway-scale-web", "simulate", "{s}/runway.yaml", "--scale", "web=0..40");
        yield return Case("simulate-prefix-delegation-scale", "simulate", "{s}/prefix-delegation.yaml", "--scale", "search=0..60", "-o", "json");
        yield return Case("simulate-custom-networking-scale", "simulate", "{s}/custom-networking.yaml", "--scale", "payments=0..40");
        yield return Case("simulate-small-3az-scale-html", "simulate", "{s}/small-3az.yaml", "--scale", "apps=0..20", "--html", "{out}/scale.html");
        yield return Case("simulate-karpenter-scale-pool", "simulate", "{s}/karpenter-nodepool.yaml", "--scale", "default=0..2000");
        yield return Case("plan-burst-upgrade-burst", "plan", "{s}/burst-upgrade.yaml", "--launch", "burst");
        yield return Case("simulate-burst-upgrade-scale-burst", "simulate", "{s}/burst-upgrade.yaml", "--scale", "peer=16..20", "--launch", "burst");
        yield return Case("simulate-burst-upgrade-upgrade", "simulate", "{s}/burst-upgrade.yaml", "--upgrade", "peer");
        yield return Case("simulate-burst-upgrade-upgrade-json", "simulate", "{s}/burst-upgrade.yaml", "--upgrade", "peer", "--launch", "burst", "-o", "json");
        yield return Case("simulate-karpenter-upgrade-pool", "simulate", "{s}/karpenter-nodepool.yaml", "--upgrade", "default");
        yield return Case("runway-runway-burst", "runway", "{s}/runway.yaml", "--launch", "burst");
        yield return Case("simulate-blue-green-scale", "simulate", "{s}/blue-green.yaml", "--cluster", "eks-blueprint-green", "--scale", "green-initial=0..40");
        yield return Case("simulate-churn-text", "simulate", "{s}/churn.yaml", "--duration", "30m", "--runs", "5");
        yield return Case("simulate-churn-json", "simulate", "{s}/churn.yaml", "--duration", "30m", "--runs", "3", "--seed", "7", "-o", "json");

        yield return Case("node-m5large-15", "node", "--instance-type", "m5.large", "--pods", "15");
        yield return Case("node-m5large-prefix-json", "node", "--instance-type", "m5.large", "--pods", "40", "--prefix-delegation", "-o", "json");
        yield return Case("node-m5large-custom", "node", "--instance-type", "m5.large", "--pods", "20", "--custom-networking");
        yield return Case("node-m6i-sgp", "node", "--instance-type", "m6i.large", "--pods", "27", "--max-pods", "29", "--security-group-pods", "1");
        yield return Case("node-m6i-sgp-1.16.2", "node", "--instance-type", "m6i.large", "--pods", "27", "--max-pods", "29", "--security-group-pods", "1", "--cni-version", "1.16.2");
        yield return Case("node-cni-1.5", "node", "--instance-type", "m5.large", "--pods", "4", "--cni-version", "1.5.0");
        yield return Case("node-m4large-prefix", "node", "--instance-type", "m4.large", "--pods", "10", "--prefix-delegation");
        yield return Case("node-c5-warm-ip", "node", "--instance-type", "c5.4xlarge", "--pods", "50", "--warm-ip-target", "5", "--minimum-ip-target", "30", "-o", "json");
        yield return Case("node-m5large-custom-unmanaged", "node", "--instance-type", "m5.large", "--pods", "20", "--custom-networking", "--unmanaged-enis", "1");
        yield return Case("node-cni-1.8", "node", "--instance-type", "m5.large", "--pods", "10", "--prefix-delegation", "--cni-version", "1.8.0");
        yield return Case("node-c6in-multi-nic", "node", "--instance-type", "c6in.32xlarge", "--pods", "10", "--multi-nic");
        yield return Case("node-c6in-multi-nic-custom-json", "node", "--instance-type", "c6in.32xlarge", "--pods", "60", "--multi-nic", "--custom-networking", "--max-eni", "2", "--max-pods", "110", "-o", "json");

        yield return Case("maxpods-m5large", "maxpods", "--instance-type", "m5.large");
        yield return Case("maxpods-m5large-prefix-json", "maxpods", "--instance-type", "m5.large", "--cni-prefix-delegation-enabled", "-o", "json");
        yield return Case("maxpods-all-csv", "maxpods", "--all", "-o", "csv");
        yield return Case("catalog-csv", "catalog", "-o", "csv");
        yield return Case("schema", "schema");

        yield return Case("import-orders-prod", "import", "--cluster", "{s}/aws/cluster.json", "--vpcs", "{s}/aws/vpcs.json",
            "--subnets", "{s}/aws/subnets.json", "--network-interfaces", "{s}/aws/network-interfaces.json",
            "--instances", "{s}/aws/instances.json", "--cidr-reservations", "{s}/aws/cidr-reservations-pods-eu-west-1b.json",
            "--eniconfigs", "{s}/aws/eniconfigs.yaml", "--aws-node", "{s}/aws/aws-node.json",
            "--nodepools", "{s}/aws/nodepools.json", "--ec2nodeclasses", "{s}/aws/ec2nodeclasses.json");
        yield return Case("import-new-cluster-json", "import", "--vpcs", "{s}/aws/vpcs.json", "--subnets", "{s}/aws/subnets.json",
            "--network-interfaces", "{s}/aws/network-interfaces.json", "--vpc-id", "vpc-0b7e4c1f9a3d52e60", "-o", "json");

        // Errors are output too: one line, the right exit code.
        yield return Case("error-unknown-type", "node", "--instance-type", "m5.huge", "--pods", "3");
        yield return Case("error-missing-file", "plan", "{s}/no-such-file.yaml");
        yield return Case("error-several-clusters", "runway", "{s}/blue-green.yaml");
        yield return Case("error-unknown-cluster", "simulate", "{s}/blue-green.yaml", "--cluster", "eks-blueprint-red", "--scale", "green-initial=0..3");
        yield return Case("error-bad-scale", "simulate", "{s}/runway.yaml", "--scale", "nosuch=0..3");
    }

    private static readonly Regex s_runAt = new("<time datetime=\"[^\"]*\">[^<]*</time>", RegexOptions.CultureInvariant);

    /// <summary>The HTML report names the tool's version, which carries the commit it was built from; recorded files
    /// keep the commit they were recorded at, so both sides are compared with the version replaced.</summary>
    private static readonly Regex s_toolVersion = new(
        "(?<=content=\"ipplanner |<dt>Tool</dt><dd>ipplanner <span class=\"mono\">)[^\"<]+", RegexOptions.CultureInvariant);

    /// <summary>ScottPlot numbers an SVG's clip paths from a counter shared by the whole process, so the ids depend on
    /// how many charts were drawn before (by other tests); both sides are compared with each id renumbered in order of
    /// first appearance, which keeps which element clips which.</summary>
    private static readonly Regex s_clipPathId = new("cl_[0-9a-f]+", RegexOptions.CultureInvariant);

    private static string Comparable(string text)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var renumbered = s_clipPathId.Replace(text, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = "cl_#" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids[m.Value] = id;
            }

            return id;
        });
        return s_toolVersion.Replace(renumbered, "{version}");
    }

    private static TestCaseData Case(string name, params string[] args) =>
        new TestCaseData(name, args).SetArgDisplayNames(name);

    [TestCaseSource(nameof(Cases))]
    public void Verb_Sample_PrintsWhatWasRecorded(string name, string[] args)
    {
        var actual = Record(args);
        var file = Path.Combine(GoldenDirectory, name + ".txt");
        if (Environment.GetEnvironmentVariable("IPPLANNER_GOLDEN_UPDATE") == "1")
        {
            // Only what changed is rewritten: a file that differs in the tool's version alone stays as recorded.
            Directory.CreateDirectory(GoldenDirectory);
            if (!File.Exists(file) || Comparable(File.ReadAllText(file, Encoding.UTF8)) != Comparable(actual))
            {
                File.WriteAllText(file, actual, new UTF8Encoding(false));
            }

            Assert.Pass($"recorded {name}");
        }

        Assert.That(File.Exists(file), Is.True, $"no recorded output for {name}: run with IPPLANNER_GOLDEN_UPDATE=1 and review the new file");
        var expected = Comparable(File.ReadAllText(file, Encoding.UTF8));
        actual = Comparable(actual);
        if (expected == actual)
        {
            return;
        }

        // Name the first line that differs: a whole 300 KB report in the failure message helps nobody.
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i])
        {
            i++;
        }

        Assert.Fail($"{name}: line {i + 1} differs\n  recorded: {(i < e.Length ? e[i] : "<end>")}\n  now:      {(i < a.Length ? a[i] : "<end>")}");
    }

    [Test]
    public void Cases_EveryYamlSample_IsCovered()
    {
        // A sample added later must join the golden set, or a move could change its answers unseen.
        var onDisk = Directory.GetFiles(BuiltSamples, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.That(s_yamlSamples, Is.EquivalentTo(onDisk));
    }

    [OneTimeTearDown]
    public void RemoveSampleCopy()
    {
        if (s_samples.IsValueCreated && s_samples.Value != BuiltSamples && Directory.Exists(s_samples.Value))
        {
            Directory.Delete(s_samples.Value, recursive: true);
        }
    }

    private static string CopySamples()
    {
        var prefix = Path.Combine(Path.GetTempPath(), "ipplanner-golden-" + Guid.NewGuid().ToString("N"));
        if (prefix.Length > RecordedSamplesPathLength)
        {
            return BuiltSamples;
        }

        var copy = prefix + new string('-', RecordedSamplesPathLength - prefix.Length);
        foreach (var file in Directory.GetFiles(BuiltSamples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(BuiltSamples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    /// <summary>Runs the command in-process and writes down everything a user would see, with the machine-specific
    /// folders replaced by fixed names so the record is the same on every machine.</summary>
    private static string Record(string[] template)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "ipplanner-golden-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outDir);
        try
        {
            var args = template.Select(a => a.Replace("{s}", Samples, StringComparison.Ordinal)
                .Replace("{out}", outDir, StringComparison.Ordinal)).ToArray();
            var run = CliRun.Of(args);
            var text = new StringBuilder();
            text.Append("$ ipplanner ").AppendJoin(' ', template).Append('\n');
            text.Append("exit ").Append(run.ExitCode).Append('\n');
            text.Append("--- stdout\n").Append(run.Out);
            text.Append("--- stderr\n").Append(run.Error);
            foreach (var written in Directory.GetFiles(outDir).Order(StringComparer.Ordinal))
            {
                text.Append("--- file ").Append(Path.GetFileName(written)).Append('\n').Append(File.ReadAllText(written));
            }

            // The HTML report's "Run at" is the one part that differs between runs on the same inputs.
            var recorded = text.ToString().Replace(outDir, "{out}", StringComparison.Ordinal)
                .Replace(Samples, "{s}", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
            return s_runAt.Replace(recorded, "<time>{run at}</time>");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
