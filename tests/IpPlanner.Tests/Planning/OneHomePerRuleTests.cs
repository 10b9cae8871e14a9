using System.Text.Json;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>
/// The contradictions of issue 15, each shown gone: a rule raised by the loader, the node and the plan carries one code
/// and one message, once per subject, and `plan`, `node` and `recommend` give the same warm-pool numbers.
/// Rules and sources: docs/rules.md.
/// </summary>
public class OneHomePerRuleTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory()
    {
        _dir = Path.Combine(Path.GetTempPath(), "ipplanner-rules-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two /20s in two zones; one node group of 4 (up to 8) nodes; <paramref name="cni"/> and the type vary.</summary>
    private static string Scenario(string cni, string instanceType = "m5.large", int podsPerNode = 10) => $$"""
        cluster:
          name: c
          controlPlaneSubnets: [a, b]
        vpc:
          cidrs: [10.0.0.0/16]
        subnets:
          - { id: a, cidr: 10.0.0.0/20, zone: us-east-1a }
          - { id: b, cidr: 10.0.16.0/20, zone: us-east-1b }
        cni: {{cni}}
        nodeGroups:
          - { name: g, instanceType: {{instanceType}}, subnets: [a, b], nodes: 4, maxNodes: 8, podsPerNode: {{podsPerNode}} }
        """;

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "scenario.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>The plan's findings as printed by <c>plan -o json</c> (loader findings included): (code, subject, message).</summary>
    private List<(string Code, string Subject, string Message)> PlanFindings(string yaml)
    {
        var run = CliRun.Of("plan", Write(yaml), "-o", "json");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        using var json = JsonDocument.Parse(run.Out);
        return [.. json.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => (w.GetProperty("code").GetString()!, w.GetProperty("subject").GetString()!, w.GetProperty("message").GetString()!))];
    }

    private static NodeReport Node(string type, int pods, CniSettings settings) =>
        NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get(type), Pods = pods, Settings = settings });

    private static void AssertEachCodeOnce(List<(string Code, string Subject, string Message)> findings)
    {
        var repeated = findings.GroupBy(f => f.Code).Where(g => g.Count() > 1 && g.Select(f => f.Subject).Distinct().Count() < g.Count()).Select(g => g.Key);
        Assert.That(repeated, Is.Empty, "a code raised twice for one subject");
    }

    [Test]
    public void Plan_ExternalSnatWithoutNat_OneFindingFromTheLoader()
    {
        var findings = PlanFindings(Scenario("{ externalSnat: true }"));
        AssertEachCodeOnce(findings);
        Assert.That(findings.Count(f => f.Message.Contains("NAT gateway", StringComparison.Ordinal)), Is.EqualTo(1), "external SNAT reported once");
        Assert.That(findings.Single(f => f.Message.Contains("NAT gateway", StringComparison.Ordinal)).Code, Is.EqualTo(FindingCodes.ExternalSnatWithoutNat));
    }

    [Test]
    public void Plan_PrefixDelegationOnXenType_OneFindingWithTheCodeNodeUses()
    {
        // m4.large is Xen: prefix delegation falls back to secondary IPs (ipamd.go isConfigValid).
        var findings = PlanFindings(Scenario("{ prefixDelegation: true }", "m4.large"));
        AssertEachCodeOnce(findings);
        var aboutPrefix = findings.Where(f => f.Message.Contains("prefix delegation", StringComparison.Ordinal) && f.Message.Contains("m4.large", StringComparison.Ordinal)).ToList();
        Assert.That(aboutPrefix.Select(f => f.Code), Is.EqualTo(new[] { FindingCodes.PrefixDelegationUnsupported }));

        var node = Node("m4.large", 10, CniSettings.Default with { PrefixDelegation = true });
        var nodeFinding = node.Warnings.Single(w => w.Code == FindingCodes.PrefixDelegationUnsupported);
        Assert.That(aboutPrefix[0].Message, Does.StartWith(nodeFinding.Message), "the same words from loader and node");
    }

    [Test]
    public void Node_PrefixTargetsAllZero_SameCodeAndWordsAsTheLoader()
    {
        var settings = CniSettings.Default with { PrefixDelegation = true, WarmPrefixTarget = 0 };
        var node = Node("m5.large", 3, settings);
        var loaded = LoadText(Scenario("{ prefixDelegation: true, warmPrefixTarget: 0 }"), "s.yaml");
        var loader = loaded.Diagnostics.Single(d => d.Code == FindingCodes.PrefixTargetsZero);
        Assert.That(node.Warnings.Single(w => w.Code == FindingCodes.PrefixTargetsZero).Message, Is.EqualTo(loader.Message));
        Assert.That(node.Warnings.Single(w => w.Code == FindingCodes.PrefixTargetsZero).Severity, Is.EqualTo(loader.Severity), "one rule, one severity");
    }

    [Test]
    public void PlanAndNode_PrefixMinimumIpTarget20_BothSayThePoolStopsAt32()
    {
        // MINIMUM_IP_TARGET=20 in prefix mode: ipamd asks for DivCeil(20, 16) = 2 prefixes = 32 IPs (ipamd.go:2220@b521883).
        var plan = PlanFindings(Scenario("{ prefixDelegation: true, minimumIpTarget: 20 }"));
        var node = Node("m5.large", 10, CniSettings.Default with { PrefixDelegation = true, MinimumIpTarget = 20 });
        var planMessage = plan.Single(f => f.Code == FindingCodes.MinimumIpTargetAlone).Message;
        Assert.That(planMessage, Does.Contain("never grows past 32 IPs"));
        Assert.That(node.Warnings.Single(w => w.Code == FindingCodes.MinimumIpTargetAlone).Message, Is.EqualTo(planMessage));
        Assert.That(node.SecondaryIps + (node.Prefixes * 16), Is.EqualTo(32), "and the engine holds 32");
    }

    [Test]
    public void PlanNodeRecommend_WarmEniTargetOnM5Large10Pods_AllAdviseMinimum12Warm2()
    {
        // The CNI's guide: "around 10 pods ... MINIMUM_IP_TARGET ... like 12, and WARM_IP_TARGET=2" (docs/eni-and-ip-target.md:15@b521883).
        // m5.large, WARM_ENI_TARGET=1, 10 pods: 3 ENIs of 9 secondary IPs = 27, 17 idle, 30 addresses with the primaries;
        // advised: 12 IPs on 2 ENIs (9 + 3), 2 idle, 14 addresses: 16 freed per node, 64 on the 4 planned nodes.
        var yaml = Scenario("{ warmEniTarget: 1 }");
        var plan = PlanFindings(yaml).Single(f => f.Code == FindingCodes.WarmEniTargetIdleIps).Message;
        var node = Node("m5.large", 10, CniSettings.Default).Warnings.Single(w => w.Code == FindingCodes.WarmEniTargetIdleIps).Message;
        const string perNode = "WARM_ENI_TARGET=1 keeps 17 idle IPs on one m5.large node with 10 pods; MINIMUM_IP_TARGET=12, WARM_IP_TARGET=2 would keep 2 and free 16 addresses per node";
        Assert.That(node, Is.EqualTo(perNode));
        Assert.That(plan, Is.EqualTo(perNode + " (64 on 4 nodes of group g)"));

        var recommend = CliRun.Of("recommend", Write(yaml), "-o", "json");
        using var json = JsonDocument.Parse(recommend.Out);
        var tuning = json.RootElement.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "warm-pool tuning");
        Assert.That(tuning.GetProperty("changes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "cni.minimumIpTarget: 12", "cni.warmIpTarget: 2" }));
        Assert.That(json.RootElement.GetProperty("advice")[0].GetProperty("change").GetString(), Is.EqualTo("MINIMUM_IP_TARGET=12, WARM_IP_TARGET=2"));
    }

    [Test]
    public void PlanAndRecommend_NearExhaustionSample_SameSavingFromTheSameAdvice()
    {
        // 21 m5.large nodes x 15 pods, WARM_ENI_TARGET=1, round robin over 3 node subnets (7 each). One node: 27 secondary
        // IPs on 3 ENIs = 30 addresses; with MINIMUM_IP_TARGET=17, WARM_IP_TARGET=2: 17 IPs on 2 ENIs (9 + 8) = 19.
        // 11 freed per node: 231 on 21 nodes, 77 in each subnet.
        var sample = Sample("near-exhaustion.yaml");
        var run = CliRun.Of("plan", sample, "-o", "json");
        using var json = JsonDocument.Parse(run.Out);
        var finding = json.RootElement.GetProperty("warnings").EnumerateArray()
            .Single(w => w.GetProperty("code").GetString() == FindingCodes.WarmEniTargetIdleIps).GetProperty("message").GetString();
        Assert.That(finding, Does.Contain("MINIMUM_IP_TARGET=17, WARM_IP_TARGET=2").And.EndWith("free 11 addresses per node (231 on 21 nodes of group crm)"));

        var scenario = LoadFile(sample).Provisioned!;
        var advice = KnobAdvisor.For(scenario);
        Assert.That(advice.Select(a => (a.Change, a.AddressesFreed)), Is.All.EqualTo(("MINIMUM_IP_TARGET=17, WARM_IP_TARGET=2", 77)));
        Assert.That(advice.Sum(a => a.AddressesFreed), Is.EqualTo(231));
    }

    private static IEnumerable<TestCaseData> SharedRuleCases()
    {
        var d = CniSettings.Default;
        yield return new TestCaseData("m5.large", 10, d, "{ warmEniTarget: 1 }").SetName("Shared_M5LargeDefault");
        yield return new TestCaseData("t3.small", 5, d, "{ warmEniTarget: 1 }").SetName("Shared_T3SmallDefault");
        yield return new TestCaseData("c5.4xlarge", 40, d, "{ warmEniTarget: 1 }").SetName("Shared_C54xlargeDefault");
        yield return new TestCaseData("m5.large", 10, d with { MinimumIpTarget = 20 }, "{ minimumIpTarget: 20 }").SetName("Shared_MinimumAlone");
        yield return new TestCaseData("m5.large", 10, d with { PrefixDelegation = true, WarmIpTarget = 16 }, "{ prefixDelegation: true, warmIpTarget: 16 }").SetName("Shared_PrefixWarmIp16");
        yield return new TestCaseData("m5.large", 10, d with { WarmIpTarget = 16 }, "{ warmIpTarget: 16 }").SetName("Shared_SecondaryWarmIp16");
        yield return new TestCaseData("m4.large", 10, d with { PrefixDelegation = true, WarmIpTarget = 20 }, "{ prefixDelegation: true, warmIpTarget: 20 }").SetName("Shared_XenPrefixWarmIp20");
    }

    [TestCaseSource(nameof(SharedRuleCases))]
    public void PlanAndNode_SameSettings_RaiseTheSameSharedCodes(string type, int pods, CniSettings settings, string cni)
    {
        string[] shared = [FindingCodes.MinimumIpTargetAlone, FindingCodes.WarmIpTargetWastesPrefix, FindingCodes.WarmEniTargetIdleIps, FindingCodes.MaxPodsAboveEniSupply, FindingCodes.PrefixDelegationUnsupported];
        var node = Node(type, pods, settings).Warnings.Select(w => w.Code).Where(shared.Contains).Order(StringComparer.Ordinal);
        var plan = PlanFindings(Scenario(cni, type, pods)).Select(f => f.Code).Where(shared.Contains).Order(StringComparer.Ordinal);
        Assert.That(plan, Is.EqualTo(node));
    }

    [Test]
    public void Recommend_TargetNoVpcCanHold_RefusedBeforePlanningWithTheLimits()
    {
        var scenario = LoadFile(Sample("small-3az.yaml")).Provisioned!;
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, 10_000_000, 10));

        // Nothing was planned: no strategy carries a patched, planned scenario or a node count.
        Assert.That(report.Strategies.Where(s => s.Patched is not null || s.Nodes > 0), Is.Empty);
        Assert.That(report.Best, Is.Null);

        // 5 CIDR blocks (the quota) x (65,536 - 5 reserved) = 327,655 usable addresses at most.
        Assert.That(report.Verdict, Does.Contain("a VPC holds at most 327,655").And.Contain("5 CIDR blocks").And.Contain("/16"));
        Assert.That(report.Verdict, Does.Contain("not even IPv6"));
    }

    [Test]
    public void Recommend_TargetBeyondIpv4WithinNodes_OnlyIpv6IsPlanned()
    {
        // 100 pods per node on c5.4xlarge (234 max pods): 330,000 pods need 3,300 nodes, so 333,300 IPv4 addresses
        // at the least, above 327,655; 3,300 nodes fit IPv4 easily, so IPv6 is planned and fits.
        var yaml = Scenario("{ warmEniTarget: 1 }", "c5.4xlarge", 100);
        var scenario = LoadText(yaml, "s.yaml").Provisioned!;
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, 330_000, 0));
        Assert.That(report.Strategies.Where(s => s.Fits).Select(s => s.Name), Is.EqualTo(new[] { "IPv6" }));
        Assert.That(report.Strategies.Where(s => s.Name != "IPv6").Select(s => s.Patched), Is.All.Null);
        Assert.That(report.Verdict, Does.Contain("'IPv6' does"));
    }

    [Test]
    public void CoreRefusals_NameTheSettingNotACliFlag()
    {
        // Core knows no command line: the CLI names its own flags (recommend --target-pods, node --pods, simulate --runs).
        var scenario = LoadText(Scenario("{ warmEniTarget: 1 }"), "s.yaml").Provisioned!;
        Assert.That(() => Recommender.Target(scenario, null, 0, 10), Throws.TypeOf<Core.Input.InputException>().With.Message.StartWith("target pods: "));
        Assert.That(() => Recommender.Target(scenario, null, null, -5), Throws.TypeOf<Core.Input.InputException>().With.Message.StartWith("headroom: "));
        Assert.That(() => NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get("m5.large"), Pods = -1 }),
            Throws.TypeOf<Core.Input.InputException>().With.Message.StartWith("pods: "));
        Assert.That(() => Core.Simulation.MonteCarlo.Run(scenario, new Core.Simulation.SimulationOptions { Runs = 0, DurationSeconds = 60 }),
            Throws.TypeOf<Core.Input.InputException>().With.Message.StartWith("runs: "));
    }

    [TestCase(65_531, 16)]
    [TestCase(65_532, null)]
    [TestCase(251, 24)]
    [TestCase(252, 23)]
    [TestCase(33_000_000, null)]
    public void SmallestPrefixFor_Demand_NeverASubnetTooSmall(long addresses, int? expected)
    {
        // A /16 holds 65,536 - 5 = 65,531; a /24 251. More than a /16 holds gets no prefix, never "/16".
        Assert.That(SubnetSizing.SmallestPrefixFor(addresses), Is.EqualTo(expected));
        Assert.That(SubnetSizing.Zone("z", addresses).PrefixText, Is.EqualTo(expected is { } p ? $"/{p}" : "more than a /16"));
    }
}
