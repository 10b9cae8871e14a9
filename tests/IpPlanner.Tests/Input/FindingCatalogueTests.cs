using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlanner.Core.Input;
using IpPlanner.Tests.Architecture;
using IpPlanner.Tests.Cli;
using IpPlanner.Tests.Docs;
using NUnit.Framework;

namespace IpPlanner.Tests.Input;

/// <summary>
/// One findings catalogue (docs/rules.md, "Findings: one catalogue, one shape"): every code is in
/// <see cref="FindingCodes.All"/> once, with one severity and the section of docs/rules.md that states its rule; the
/// page's findings table says the same for every code and no other; whoever raises a code raises it with the
/// catalogue's severity; and a finding is one JSON object, identical whichever verb writes it.
/// </summary>
public sealed partial class FindingCatalogueTests
{
    private static readonly string Rules = File.ReadAllText(DocsFiles.Full("docs/rules.md"));

    /// <summary>The code constants of <see cref="FindingCodes"/>, read by reflection: what the code base can raise.</summary>
    private static List<string> Constants() =>
        [.. typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>docs/rules.md's findings table: code -> (severity, anchor).</summary>
    private static Dictionary<string, (string Severity, string Anchor)> Table()
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match m in TableRow().Matches(Rules))
        {
            Assert.That(rows.TryAdd(m.Groups["code"].Value, (m.Groups["severity"].Value, m.Groups["anchor"].Value)), Is.True, $"{m.Groups["code"].Value} twice in the table");
        }

        return rows;
    }

    [Test]
    public void Catalogue_EveryCodeConstant_HasOneEntry()
    {
        var constants = Constants();
        Assert.That(constants, Is.Unique);
        Assert.That(FindingCodes.All.Select(r => r.Code), Is.EquivalentTo(constants), "the catalogue lists every constant, once");
    }

    [Test]
    public void RulesPage_EveryCode_DocumentedWithItsSeverityAndRule()
    {
        var table = Table();
        Assert.Multiple(() =>
        {
            foreach (var rule in FindingCodes.All)
            {
                Assert.That(table.TryGetValue(rule.Code, out var row), Is.True, $"{rule.Code} is missing from docs/rules.md's findings table");
                Assert.That(row, Is.EqualTo((rule.Severity.ToString().ToLowerInvariant(), rule.Anchor)), $"{rule.Code}: severity and rule on the page");
            }

            Assert.That(table.Keys.Except(FindingCodes.All.Select(r => r.Code)), Is.Empty, "the table names no code the catalogue lacks");
        });
    }

    [Test]
    public void RulesPage_EveryRuleAnchor_IsAHeadingThatNamesTheCode()
    {
        // Each code's rule section names it, so the link from the table lands where the rule is stated.
        var sections = Sections();
        Assert.Multiple(() =>
        {
            foreach (var rule in FindingCodes.All)
            {
                Assert.That(sections.TryGetValue(rule.Anchor, out var text), Is.True, $"{rule.Code}: no heading #{rule.Anchor} in docs/rules.md");
                Assert.That(text, Does.Contain($"`{rule.Code}`"), $"{rule.Code}: section #{rule.Anchor} does not name it");
            }
        });
    }

    [Test]
    public void Loader_EveryErrorAndWarningCall_RaisesTheCatalogueSeverity()
    {
        // DiagnosticBag.Error and .Warning say at the call site what the rule means; the catalogue must agree.
        var calls = CoreSource.CoreFiles().SelectMany(f => BagCall().Matches(f.Text).Select(m => (f.RelativePath, Method: m.Groups["method"].Value, Code: m.Groups["code"].Value))).ToList();
        var constants = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);
        Assert.That(calls, Has.Count.GreaterThan(50), "the loader's calls are found");
        Assert.Multiple(() =>
        {
            foreach (var (file, method, code) in calls)
            {
                Assert.That(FindingCodes.SeverityOf(constants[code]).ToString(), Is.EqualTo(method), $"{file}: {method}({code})");
            }
        });
    }

    [Test]
    public void FindingJson_PrefixDelegationVersion_IdenticalInValidateNodeAndPlan()
    {
        // prefix delegation on VPC CNI 1.8.0: the loader raises prefix-delegation-version at cni.version (with its
        // place), plan carries it, and node raises it for its node about the same setting (without a place).
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"finding-shape-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            cluster: { name: shape, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/24, zone: us-east-1a }
              - { id: b, cidr: 10.0.1.0/24, zone: us-east-1b }
            cni:
              version: 1.8.0
              prefixDelegation: true
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, podsPerNode: 5 }
            """);
        static JsonElement Finding(JsonElement list) =>
            list.EnumerateArray().Single(f => f.GetProperty("code").GetString() == FindingCodes.PrefixDelegationVersion);
        var validate = Finding(Run("validate", path, "-o", "json").GetProperty("diagnostics"));
        var plan = Finding(Run("plan", path, "-o", "json").GetProperty("warnings"));
        var node = Finding(Run("node", "--instance-type", "m5.large", "--cni-version", "1.8.0", "--prefix-delegation", "--pods", "5", "-o", "json").GetProperty("warnings"));

        // "version: 1.8.0" is line 7; its value starts at column 12.
        var place = new Dictionary<string, object> { ["file"] = path, ["line"] = 7, ["column"] = 12 };
        var expected = new Dictionary<string, object>
        {
            ["code"] = "prefix-delegation-version",
            ["severity"] = "warning",
            ["subject"] = "cni.version",
            ["message"] = "prefix delegation needs VPC CNI 1.9.0 or later; 1.8.0 ignores it and uses secondary IPs",
        };
        Assert.Multiple(() =>
        {
            Assert.That(validate.GetRawText(), Is.EqualTo(plan.GetRawText()), "validate and plan write the loader's finding alike, place and all");
            Assert.That(Properties(validate), Is.EqualTo(expected.Concat(place).ToDictionary()), "validate: the one shape, its place at cni.version");
            Assert.That(Properties(node), Is.EqualTo(expected), "node: the same finding without a place (no file)");
        });
    }

    private static Dictionary<string, object> Properties(JsonElement finding) =>
        finding.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? (object)p.Value.GetInt32() : p.Value.GetString()!);

    private static JsonElement Run(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    /// <summary>docs/rules.md's sections by heading anchor (GitHub's slugs), each with its text up to the next heading.</summary>
    private static Dictionary<string, string> Sections()
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Heading().Matches(Rules))
        {
            var slug = string.Concat(m.Groups["title"].Value.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c.ToString() : c == ' ' ? "-" : ""));
            var start = m.Index + m.Length;
            var next = Heading().Match(Rules, start);
            sections.TryAdd(slug, Rules[start..(next.Success ? next.Index : Rules.Length)]);
        }

        return sections;
    }

    [GeneratedRegex(@"^\| `(?<code>[a-z0-9/-]+)` \| (?<severity>error|warning|info) \| [^|]* \| \[[^\]]*\]\(#(?<anchor>[^)]+)\) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\bBag\.(?<method>Error|Warning)\(\s*FindingCodes\.(?<code>\w+)")]
    private static partial Regex BagCall();

    [GeneratedRegex(@"^#{2,6} (?<title>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
