using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlanner.Core.Cni;
using NUnit.Framework;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// The verbs agree on a generated grid as well as on the samples (<see cref="VerbsAgreeTests"/>): a Nitro (m5.large), a
/// Xen (m4.large) and a bare-metal (c5.metal) type, x VPC CNI 1.7, 1.8, 1.9, 1.19 and the current release, x prefix
/// delegation on and off, x custom networking on and off, x security-group pods on and off. For each cell
/// <c>node</c>, <c>plan</c>, <c>simulate --scale</c>, <c>recommend</c> and <c>validate</c> run as a user runs them
/// (JSON read back), and each answer is compared with what another verb said about the same node: its CNI mode,
/// max pods, the warm-pool advice and the first failure; a finding two verbs raise is the same JSON in both; and
/// prefix delegation that a node does not run (a Xen type, a CNI before 1.9.0) raises no prefix finding but the
/// one that says why. 120 cells of five verbs take tens of seconds, so the whole grid is in the slow lane
/// (<see cref="TestCategories.Fuzz"/>: a sweep of generated inputs); the fast lane runs the cells the docs name
/// (docs/rules.md, "Prefix delegation only on Nitro").
/// </summary>
public sealed partial class VerbsAgreeGridTests
{
    private static readonly string[] Types = ["m5.large", "m4.large", "c5.metal"];

    private static readonly string[] Versions = ["1.7.0", "1.8.0", "1.9.0", "1.19.0", CniVersion.Current.ToString()];

    /// <summary>Pods per node: below an m5.large's 27 pod IPs, above an m4.large's 18 (2 ENIs x 9 + 2 = 20 max pods, less 2 host-network pods).</summary>
    private const int PodsPerNode = 20;

    private const int SecurityGroupPods = 2;

    private static IEnumerable<TestCaseData> Grid() =>
        from type in Types
        from version in Versions
        from prefix in new[] { false, true }
        from custom in new[] { false, true }
        from sgp in new[] { false, true }
        select new TestCaseData(type, version, prefix, custom, sgp)
            .SetArgDisplayNames(type, version, prefix ? "prefix" : "no-prefix", custom ? "custom" : "no-custom", sgp ? "sgp" : "no-sgp");

    /// <summary>The cells docs/rules.md works through: prefix delegation asked for on a Xen type, on CNI 1.8, and where it runs.</summary>
    private static IEnumerable<TestCaseData> NamedCells() =>
    [
        new TestCaseData("m4.large", CniVersion.Current.ToString(), true, false, false).SetArgDisplayNames("m4.large", "current", "prefix"),
        new TestCaseData("m5.large", "1.8.0", true, false, false).SetArgDisplayNames("m5.large", "1.8.0", "prefix"),
        new TestCaseData("m5.large", "1.19.0", true, true, true).SetArgDisplayNames("m5.large", "1.19.0", "prefix", "custom", "sgp"),
        new TestCaseData("c5.metal", "1.9.0", true, false, false).SetArgDisplayNames("c5.metal", "1.9.0", "prefix"),
        new TestCaseData("m4.large", "1.7.0", false, true, true).SetArgDisplayNames("m4.large", "1.7.0", "custom", "sgp"),
    ];

    [Fuzz]
    [TestCaseSource(nameof(Grid))]
    public void Grid_AllVerbs_SameModeMaxPodsAdviceFirstFailureAndFindings(string type, string version, bool prefix, bool custom, bool sgp) =>
        AllVerbsAgree(type, version, prefix, custom, sgp);

    [TestCaseSource(nameof(NamedCells))]
    public void NamedCells_AllVerbs_SameModeMaxPodsAdviceFirstFailureAndFindings(string type, string version, bool prefix, bool custom, bool sgp) =>
        AllVerbsAgree(type, version, prefix, custom, sgp);

    private static void AllVerbsAgree(string type, string version, bool prefix, bool custom, bool sgp)
    {
        var path = Write(Scenario(type, version, prefix, custom, sgp));
        try
        {
            AllVerbsAgree(path, type, version, prefix, custom, sgp);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AllVerbsAgree(string path, string type, string version, bool prefix, bool custom, bool sgp)
    {
        var validate = Run("validate", path, "-o", "json");
        var diagnostics = validate.GetProperty("diagnostics").EnumerateArray().ToList();
        var errors = diagnostics.Where(d => d.GetProperty("severity").GetString() == "error").ToList();
        var nodeArgs = new List<string> { "node", "--instance-type", type, "--pods", I(PodsPerNode), "--cni-version", version, "-o", "json" };
        nodeArgs.AddRange(prefix ? ["--prefix-delegation"] : []);
        nodeArgs.AddRange(custom ? ["--custom-networking"] : []);
        nodeArgs.AddRange(sgp ? ["--security-group-pods", I(SecurityGroupPods)] : []);
        var node = Run([.. nodeArgs]);
        var nodeWarnings = node.GetProperty("warnings").EnumerateArray().ToList();

        // A finding validate and node both raise says the same; node raises every security-group-pod blocker validate does.
        var nodeFindings = nodeWarnings.ToDictionary(w => w.GetProperty("code").GetString()!, w => (w.GetProperty("severity").GetString(), w.GetProperty("message").GetString()));
        foreach (var d in diagnostics)
        {
            var code = d.GetProperty("code").GetString()!;
            if (code.StartsWith("sgp-", StringComparison.Ordinal) && code != "sgp-exceeds-branch-enis" || nodeFindings.ContainsKey(code))
            {
                Assert.That(nodeFindings.GetValueOrDefault(code), Is.EqualTo((d.GetProperty("severity").GetString(), d.GetProperty("message").GetString())), $"{code}: node vs validate");
            }
        }

        if (errors.Count > 0)
        {
            // A scenario that does not load: plan, simulate and recommend stop with validate's first error, and node
            // (which reads no file) raises the same code for the node's own problem, if it is one.
            var first = errors[0];
            foreach (var verb in new[] { new[] { "plan", path }, ["simulate", path, "--scale", "g"], ["recommend", path] })
            {
                var run = CliRun.Of(verb);
                Assert.That((run.ExitCode, run.Error.Trim()), Is.EqualTo((2, FirstErrorLine(first))), $"{verb[0]} stops with validate's first error");
            }

            return;
        }

        var plan = Run("plan", path, "-o", "json");
        var group = plan.GetProperty("nodeGroups")[0];
        var curve = Run("simulate", path, "--scale", "g", "-o", "json");
        var recommend = Run("recommend", path, "--target-nodes", "g=2", "--headroom", "0", "-o", "json");
        var warnings = plan.GetProperty("warnings").EnumerateArray().ToList();
        var mode = CniMode.Of(Core.Catalog.InstanceCatalog.Embedded.Get(type), prefix, CniVersion.Parse(version));

        Assert.Multiple(() =>
        {
            // The mode: the node's engine, the plan's group and the scale curve name one mode.
            Assert.That(node.GetProperty("mode").GetString(), Is.EqualTo(mode.Name(custom)), "node's mode");
            Assert.That(group.GetProperty("mode").GetString(), Is.EqualTo(mode.Name(custom)), "plan's mode");
            Assert.That(curve.GetProperty("mode").GetString(), Is.EqualTo(mode.Name(custom)), "the scale curve's mode");

            // Max pods: one node and the plan's group.
            Assert.That(group.GetProperty("maxPodsPerNode").GetInt32(), Is.EqualTo(node.GetProperty("maxPods").GetInt32()), "max pods, plan vs node");

            // The first failure: a node that cannot hold its pods stops the plan's growth and the curve at node 1 with
            // node's words; otherwise the plan's growth (one group: the curve's cluster) and the curve stop alike.
            var first = plan.GetProperty("cluster").GetProperty("firstExhausted");
            if (node.GetProperty("failureReason").GetString() is { } failure)
            {
                Assert.That((first.GetProperty("atNodes").GetInt32(), first.GetProperty("detail").GetString()), Is.EqualTo((1, failure)), "plan's first failure vs node's");
                Assert.That(FirstStop(curve), Is.EqualTo((1, failure)), "the scale curve's first failure vs node's");
            }
            else
            {
                (int, string?)? expected = first.ValueKind == JsonValueKind.Null ? null : (first.GetProperty("atNodes").GetInt32(), first.GetProperty("reason").GetString());
                Assert.That(FirstStopReason(curve), Is.EqualTo(expected), "the scale curve's first stop vs the plan's firstExhausted");
            }

            var fitsNow = !plan.GetProperty("verdict").GetString()!.StartsWith("does not fit", StringComparison.Ordinal);
            var current = recommend.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "current settings");
            Assert.That(current.GetProperty("fits").GetBoolean(), Is.EqualTo(fitsNow), "current settings fit, recommend vs plan");

            // The advice: the same targets in plan, node and recommend, and never a prefix target for secondary-IP nodes.
            var planAdvice = Advice(warnings);
            Assert.That(Advice(nodeWarnings), Is.EqualTo(planAdvice), "warm-pool advice, node vs plan");
            Assert.That(recommend.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("change").GetString()).Distinct(),
                planAdvice is null ? Is.Empty : Is.EqualTo(new[] { planAdvice }), "knob advice, recommend vs plan");
            var tuning = recommend.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "warm-pool tuning");
            var tuned = tuning.GetProperty("changes").EnumerateArray().Select(c => c.GetString()!).ToList();
            var wrongKnob = mode.PrefixMode ? "cni.minimumIpTarget" : "cni.warmPrefixTarget";
            Assert.That(tuned.Where(c => c.StartsWith(wrongKnob, StringComparison.Ordinal) && !c.EndsWith("(unset)", StringComparison.Ordinal)), Is.Empty, "recommend's warm-pool tuning sets the targets of the mode the nodes run");

            // Findings: one JSON per finding in every verb (node has no file, so no place).
            foreach (var d in diagnostics)
            {
                var same = warnings.Where(w => w.GetProperty("code").GetString() == d.GetProperty("code").GetString()).Select(Canonical);
                Assert.That(same, Does.Contain(Canonical(d)), $"{d.GetProperty("code")}: validate's finding in plan");
            }

            // A finding about the settings (not about one node or group) is the same finding in node and plan.
            foreach (var w in nodeWarnings.Where(w => w.GetProperty("subject").GetString()!.StartsWith("cni", StringComparison.Ordinal)))
            {
                var inPlan = warnings.Where(p => p.GetProperty("code").GetString() == w.GetProperty("code").GetString()).Select(Unplaced);
                Assert.That(inPlan, Does.Contain(Canonical(w)), $"{w.GetProperty("code")}: node's finding in plan");
            }

            // Prefix delegation asked for and not run: the one finding that says why, in every verb, and no other.
            var expectedPrefix = mode.Reason switch
            {
                CniModeReason.CniVersion => new[] { "prefix-delegation-version" },
                CniModeReason.InstanceType => ["prefix-delegation-unsupported"],
                _ => null,
            };
            if (expectedPrefix is not null)
            {
                Assert.That(PrefixCodes(diagnostics), Is.EqualTo(expectedPrefix), "validate's prefix findings");
                Assert.That(PrefixCodes(warnings), Is.EqualTo(expectedPrefix), "plan's prefix findings");
                Assert.That(PrefixCodes(nodeWarnings), Is.EqualTo(expectedPrefix), "node's prefix findings");
            }
            else if (!mode.PrefixMode)
            {
                Assert.That(PrefixCodes(warnings).Concat(PrefixCodes(nodeWarnings)), Is.Empty, "no prefix finding without prefix delegation");
            }
        });
    }

    /// <summary>
    /// One node group of 2 nodes (maxNodes 20) over two /24 node subnets, with two /24 pod subnets on 100.64.0.0/16
    /// for custom networking: small enough that some cells run out of addresses before maxNodes.
    /// </summary>
    private static string Scenario(string type, string version, bool prefix, bool custom, bool sgp) => $$"""
        cluster: { name: grid, controlPlaneSubnets: [nodes-a, nodes-b] }
        vpc: { cidrs: [10.0.0.0/16, 100.64.0.0/16] }
        subnets:
          - { id: nodes-a, cidr: 10.0.0.0/24, zone: us-east-1a }
          - { id: nodes-b, cidr: 10.0.1.0/24, zone: us-east-1b }
          - { id: pods-a, cidr: 100.64.0.0/24, zone: us-east-1a }
          - { id: pods-b, cidr: 100.64.1.0/24, zone: us-east-1b }
        cni:
          version: {{version}}
          prefixDelegation: {{B(prefix)}}
          customNetworking: {{B(custom)}}
          securityGroupsForPods: {{B(sgp)}}
        {{(custom ? "  eniConfigs: { us-east-1a: pods-a, us-east-1b: pods-b }" : "")}}
        nodeGroups:
          - { name: g, instanceType: {{type}}, subnets: [nodes-a, nodes-b], nodes: 2, maxNodes: 20, podsPerNode: {{I(PodsPerNode)}}{{(sgp ? $", securityGroupPodsPerNode: {I(SecurityGroupPods)}" : "")}} }
        """;

    /// <summary>"MINIMUM_IP_TARGET=7, WARM_IP_TARGET=2" from the warm-pool finding, or null when there is none.</summary>
    private static string? Advice(IEnumerable<JsonElement> findings) =>
        findings.Where(f => f.GetProperty("code").GetString() == "warm-eni-target-idle-ips")
            .Select(f => AdviceWords().Match(f.GetProperty("message").GetString()!).Value).Distinct().SingleOrDefault();

    private static List<string> PrefixCodes(IEnumerable<JsonElement> findings) =>
        [.. findings.Select(f => f.GetProperty("code").GetString()!).Where(c => c.Contains("prefix", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>A finding's JSON without its place (node reads no file), compact.</summary>
    private static string Unplaced(JsonElement finding) =>
        JsonSerializer.Serialize(finding.EnumerateObject().Where(p => p.Name is not ("file" or "line" or "column")).ToDictionary(p => p.Name, p => p.Value));

    /// <summary>A finding's JSON, compact (the verbs indent it to different depths).</summary>
    private static string Canonical(JsonElement finding) => JsonSerializer.Serialize(finding);

    /// <summary>What the CLI prints for a scenario that does not load: "ipplanner: error: FILE:LINE:COLUMN: SUBJECT: MESSAGE".</summary>
    private static string FirstErrorLine(JsonElement error) => string.Create(CultureInfo.InvariantCulture,
        $"ipplanner: error: {error.GetProperty("file").GetString()}:{error.GetProperty("line").GetInt32()}:{error.GetProperty("column").GetInt32()}: {error.GetProperty("subject").GetString()}: {error.GetProperty("message").GetString()}");

    /// <summary>The curve's first stop, node count and detail: a subnet's or the node's own limit.</summary>
    private static (int, string?)? FirstStop(JsonElement curve) => Stops(curve, detail: true);

    /// <summary>The curve's first stop, node count and reason.</summary>
    private static (int, string?)? FirstStopReason(JsonElement curve) => Stops(curve, detail: false);

    private static (int, string?)? Stops(JsonElement curve, bool detail)
    {
        var key = detail ? "detail" : "reason";
        var stops = curve.GetProperty("subnets").EnumerateArray().Where(s => s.GetProperty("exhaustedAtNodes").ValueKind == JsonValueKind.Number)
            .Select(s => (At: s.GetProperty("exhaustedAtNodes").GetInt32(), Why: s.GetProperty(key).GetString())).ToList();
        if (curve.GetProperty("firstNodeLimit") is { ValueKind: JsonValueKind.Object } limit)
        {
            stops.Add((limit.GetProperty("atNodes").GetInt32(), limit.GetProperty(key).GetString()));
        }

        return stops.Count == 0 ? null : stops.MinBy(s => s.At);
    }

    private static JsonElement Run(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.AnyOf(0, 1), $"ipplanner {string.Join(' ', args)}: {run.Error}");
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static string Write(string yaml)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"grid-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string B(bool value) => value ? "true" : "false";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("MINIMUM_IP_TARGET=[0-9,]+, WARM_IP_TARGET=[0-9,]+")]
    private static partial Regex AdviceWords();
}
