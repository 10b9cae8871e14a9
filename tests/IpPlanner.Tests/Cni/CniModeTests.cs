using System.Text.Json;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Tests.Cli;
using NUnit.Framework;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// One effective CNI mode per node group (docs/rules.md, "Prefix delegation only on Nitro"): ipamd falls back to
/// secondary IPs on a type that is neither Nitro nor bare metal (aws/amazon-vpc-cni-k8s pkg/ipamd/ipamd.go:2777@b521883,
/// isConfigValid), and a VPC CNI before 1.9.0 has no prefix delegation at all (EKS User Guide, "Assign more IP addresses
/// to Amazon EKS nodes with prefixes"). Every verb asks the same <see cref="CniMode"/>, so such a node is planned,
/// checked and advised as the secondary-IP node it is, with one finding that says the setting is ignored and why.
/// </summary>
public sealed class CniModeTests
{
    private static readonly CniVersion V18 = new(1, 8, 0);
    private static readonly CniVersion V19 = new(1, 9, 0);

    // m5.large: Nitro; m4.large and t2.medium: Xen; c5.metal: bare metal (no hypervisor), which the CNI allows.
    [TestCase("m5.large", false, "1.19.0", false, CniModeReason.Setting)]
    [TestCase("m5.large", true, "1.19.0", true, CniModeReason.Setting)]
    [TestCase("m5.large", true, "1.9.0", true, CniModeReason.Setting)]
    [TestCase("m5.large", true, "1.8.0", false, CniModeReason.CniVersion)]
    [TestCase("m4.large", true, "1.19.0", false, CniModeReason.InstanceType)]
    [TestCase("t2.medium", true, "1.23.0", false, CniModeReason.InstanceType)]
    [TestCase("m4.large", true, "1.8.0", false, CniModeReason.CniVersion)]
    [TestCase("m4.large", false, "1.8.0", false, CniModeReason.Setting)]
    [TestCase("c5.metal", true, "1.19.0", true, CniModeReason.Setting)]
    public void Of_TypeSettingAndRelease_ModeAndReason(string type, bool prefixDelegation, string version, bool prefixMode, CniModeReason reason)
    {
        var mode = CniMode.Of(InstanceCatalog.Embedded.Get(type), prefixDelegation, CniVersion.Parse(version));
        Assert.That((mode.PrefixMode, mode.Reason), Is.EqualTo((prefixMode, reason)));
        Assert.That(mode.PrefixIgnored, Is.EqualTo(prefixDelegation && !prefixMode));
    }

    [Test]
    public void Of_Settings_IsTheMaxPodsFormulasMode()
    {
        // Max pods, the node engine and the findings read one mode: m5.large at 1.8.0 gets the secondary-IP formula,
        // 3 ENIs x 9 slots + 2 = 29, not the prefix one.
        var type = InstanceCatalog.Embedded.Get("m5.large");
        var settings = CniSettings.Default with { PrefixDelegation = true, Version = V18 };
        var maxPods = MaxPodsCalculator.Calculate(type, MaxPodsOptions.For(settings, null) with { ShowMaxAllowed = true });
        Assert.That((maxPods.PrefixDelegation, maxPods.MaxPods), Is.EqualTo((false, 29)));
        Assert.That(CniMode.Of(type, settings with { Version = V19 }).PrefixMode, Is.True);
    }

    /// <summary>A /24 whose every /28 holds a taken address (blocks .0 and .240 hold AWS's): single IPs free, no free /28.</summary>
    private static string Scenario(string type, string version) => $$"""
        cluster: { name: modes, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - id: a
            cidr: 10.0.0.0/24
            zone: us-east-1a
            taken: [{{string.Join(", ", Enumerable.Range(1, 14).Select(i => $"10.0.0.{(i * 16) + 3}"))}}]
          - { id: b, cidr: 10.0.1.0/24, zone: us-east-1b }
        cni: { version: {{version}}, prefixDelegation: true }
        nodeGroups:
          - { name: old, instanceType: {{type}}, subnets: [a, b], nodes: 2, maxNodes: 4, podsPerNode: 5 }
        """;

    private static string Write(string yaml)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"cni-mode-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static JsonElement Json(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.Not.EqualTo(70).And.Not.EqualTo(2), run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static List<string> Codes(JsonElement findings) => [.. findings.EnumerateArray().Select(f => f.GetProperty("code").GetString()!).Order(StringComparer.Ordinal)];

    private static List<string> PrefixCodes(JsonElement findings) =>
        [.. Codes(findings).Where(c => c.Contains("prefix", StringComparison.Ordinal) || c.Contains("/28", StringComparison.Ordinal))];

    [TestCase("m4.large", "1.19.0", "prefix-delegation-unsupported")]
    [TestCase("m5.large", "1.8.0", "prefix-delegation-version")]
    [TestCase("m4.large", "1.8.0", "prefix-delegation-version")]
    public void Verbs_PrefixDelegationIgnored_OnlyTheFindingThatSaysWhy(string type, string version, string code)
    {
        var path = Write(Scenario(type, version));
        var plan = Json("plan", path, "-o", "json");
        var validate = Json("validate", path, "-o", "json");
        var node = Json("node", "--instance-type", type, "--cni-version", version, "--prefix-delegation", "--pods", "5", "-o", "json");
        var curve = Json("simulate", path, "--scale", "old", "-o", "json");
        Assert.Multiple(() =>
        {
            // Subnet a has no free /28, but these nodes take single addresses: no no-free-prefix, no fragmentation warning.
            Assert.That(PrefixCodes(plan.GetProperty("warnings")), Is.EqualTo(new[] { code }), "plan");
            Assert.That(PrefixCodes(validate.GetProperty("diagnostics")), Is.EqualTo(new[] { code }), "validate");
            Assert.That(PrefixCodes(node.GetProperty("warnings")), Is.EqualTo(new[] { code }), "node");
            Assert.That(node.GetProperty("mode").GetString(), Is.EqualTo("secondary-ip"), "node's mode");
            Assert.That(curve.GetProperty("subnets").EnumerateArray().Select(s => s.GetProperty("fullAtStart").GetBoolean()), Is.All.False,
                "the scale curve: a subnet without a free /28 is not full for secondary IPs");
        });
    }

    [Test]
    public void Verbs_NitroPrefixMode_TheSameSubnetHasNoFreePrefix()
    {
        // The control: on Nitro with 1.19 the nodes do ask for /28s, and subnet a has none.
        var path = Write(Scenario("m5.large", "1.19.0"));
        var plan = Json("plan", path, "-o", "json");
        var curve = Json("simulate", path, "--scale", "old", "-o", "json");
        Assert.That(Codes(plan.GetProperty("warnings")), Does.Contain("no-free-prefix"));
        Assert.That(curve.GetProperty("subnets").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "a").GetProperty("fullAtStart").GetBoolean(), Is.True);
    }

    [TestCase("m4.large", "1.19.0")]
    [TestCase("m5.large", "1.8.0")]
    public void Advice_PrefixDelegationIgnored_SecondaryIpTargetsInPlanNodeAndRecommend(string type, string version)
    {
        // The nodes run secondary IPs with WARM_ENI_TARGET=1, so the advice is the IP targets for 5 pods per node:
        // MINIMUM_IP_TARGET = 5 + 2 = 7, WARM_IP_TARGET = 2 (docs/rules.md, "Knob advice"); never WARM_PREFIX_TARGET.
        const string advice = "MINIMUM_IP_TARGET=7, WARM_IP_TARGET=2";
        var path = Write(Scenario(type, version));
        var plan = Json("plan", path, "-o", "json");
        var node = Json("node", "--instance-type", type, "--cni-version", version, "--prefix-delegation", "--pods", "5", "-o", "json");
        var recommend = Json("recommend", path, "--target-pods", "20", "-o", "json");
        string Message(JsonElement findings) => findings.EnumerateArray().Single(f => f.GetProperty("code").GetString() == "warm-eni-target-idle-ips").GetProperty("message").GetString()!;
        var tuning = recommend.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "warm-pool tuning");
        Assert.Multiple(() =>
        {
            Assert.That(Message(plan.GetProperty("warnings")), Does.Contain(advice), "plan");
            Assert.That(Message(node.GetProperty("warnings")), Does.Contain(advice), "node");
            Assert.That(tuning.GetProperty("changes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { "cni.minimumIpTarget: 7", "cni.warmIpTarget: 2" }), "recommend's warm-pool tuning");
            Assert.That(recommend.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("change").GetString()), Is.All.EqualTo(advice).And.Not.Empty, "recommend's knob advice");
            Assert.That(recommend.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("name").GetString()),
                Has.None.EqualTo("prefix delegation + prefix reservations"), "no /28 reservations for nodes that take single addresses");
        });
    }
}
