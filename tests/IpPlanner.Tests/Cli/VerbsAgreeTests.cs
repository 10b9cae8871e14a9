using System.Globalization;
using System.Net;
using System.Text.Json;
using IpPlanner.Tests.Cli.Html;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// Issue 15: the same scenario gives the same numbers and findings through <c>plan</c>, <c>node</c>,
/// <c>simulate --scale</c>, <c>recommend</c> and the HTML report. Each verb runs as a user runs it (JSON output
/// read back); no expected value comes from one verb alone, each is what another verb said about the same thing.
/// </summary>
public class VerbsAgreeTests
{

    private static IEnumerable<TestCaseData> Samples() =>
        Directory.GetFiles(SamplesDirectory, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => new TestCaseData(Path.GetFileName(p)).SetArgDisplayNames(Path.GetFileName(p)));

    [TestCaseSource(nameof(Samples))]
    public void AllVerbs_SameSample_SameNumbersAndFindings(string sample)
    {
        var path = Path.Combine(SamplesDirectory, sample);
        var scenario = LoadFile(path).Provisioned!;
        using var plan = Json("plan", path, "-o", "json");
        var root = plan.RootElement;
        var planSubnets = root.GetProperty("subnets").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, StringComparer.Ordinal);
        var planGroups = root.GetProperty("nodeGroups").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!, StringComparer.Ordinal);
        var verdict = root.GetProperty("verdict").GetString()!;
        var fitsNow = !verdict.StartsWith("does not fit", StringComparison.Ordinal);
        var firstExhausted = root.GetProperty("cluster").GetProperty("firstExhausted");

        Assert.Multiple(() =>
        {
            // node: one node of each group with the scenario's CNI settings has the plan's max pods and, where the
            // group has its subnets to itself and every node fits, takes as many addresses as the plan's nodes do on average.
            foreach (var group in scenario.NodeGroups)
            {
                using var node = Json(NodeArgs(scenario, group));
                var n = node.RootElement;
                var g = planGroups[group.Name];
                Assert.That(n.GetProperty("maxPods").GetInt32(), Is.EqualTo(g.GetProperty("maxPodsPerNode").GetInt32()), $"{group.Name}: max pods, node vs plan");
                Assert.That(n.GetProperty("podsRunning").GetInt32(), Is.EqualTo(Math.Min(group.PodsPerNode, g.GetProperty("podIpsPerNode").GetInt32())),
                    $"{group.Name}: pods one node runs, node vs the plan's pod IPs per node");
                if (OwnSubnets(scenario, group) is { } own && fitsNow && group.Nodes > 0)
                {
                    var nodeAddresses = own.Sum(id => NodeAddresses(planSubnets[id]));
                    Assert.That(nodeAddresses, Is.EqualTo(group.Nodes * n.GetProperty("subnetIpsUsed").GetInt32()),
                        $"{group.Name}: addresses its {group.Nodes} nodes hold, plan vs {group.Nodes} x node");
                }
            }

            // simulate --scale: with one node group the curve grows the same cluster as firstExhausted, so it stops at
            // the same node for the same reason, and at the planned node count every subnet holds what the plan says.
            if (scenario.NodeGroups.Count == 1)
            {
                var group = scenario.NodeGroups[0];
                using var curve = Json("simulate", path, "--scale", $"{group.Name}=0..{group.MaxNodes}", "-o", "json");
                var c = curve.RootElement;
                var stop = FirstStop(c);
                if (firstExhausted.ValueKind == JsonValueKind.Null)
                {
                    Assert.That(stop, Is.Null, "scale curve stops although the plan's firstExhausted is null");
                }
                else
                {
                    var expected = (Subnet: firstExhausted.GetProperty("subnet").GetString(), At: firstExhausted.GetProperty("atNodes").GetInt32(),
                        Reason: firstExhausted.GetProperty("reason").GetString());
                    Assert.That(stop, Is.EqualTo(expected), "scale curve's first stop vs the plan's firstExhausted");
                }

                var point = c.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("nodes").GetInt32() == group.Nodes);
                var ids = c.GetProperty("subnets").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
                var used = point.GetProperty("used").EnumerateArray().Select(u => u.GetInt32()).ToList();
                Assert.That(ids.Zip(used), Is.EqualTo(ids.Select(id => (id, planSubnets[id].GetProperty("used").GetInt32()))),
                    $"used addresses at {group.Nodes} nodes, scale curve vs plan");
            }

            // recommend at today's node counts and no headroom: "current settings" is the plan itself. A NodePool's nodes
            // are targeted by its pending pods (with no headroom, today's), not by count. In a VPC of several clusters
            // recommend works on one cluster (--cluster) on what the others hold, so each cluster's current settings
            // leave every subnet as the whole plan does.
            var clusters = scenario.HasSeveralClusters ? scenario.ClusterNames.Select(c => (string?)c) : [null];
            foreach (var cluster in clusters)
            {
                var targets = scenario.NodeGroups.Where(g => cluster is null || scenario.ClusterNameOf(g) == cluster)
                    .SelectMany(g => new[] { "--target-nodes", $"{g.Name}={g.Nodes.ToString(CultureInfo.InvariantCulture)}" });
                string[] focus = cluster is null ? [] : ["--cluster", cluster];
                using var recommend = Json(["recommend", path, .. targets, .. focus, "--headroom", "0", "-o", "json"]);
                var current = recommend.RootElement.GetProperty("strategies").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "current settings");
                Assert.That(current.GetProperty("fits").GetBoolean(), Is.EqualTo(fitsNow), $"current settings fit, recommend {cluster} vs plan verdict");
                foreach (var s in current.GetProperty("subnets").EnumerateArray())
                {
                    var id = s.GetProperty("id").GetString()!;
                    Assert.That((s.GetProperty("used").GetInt32(), s.GetProperty("freePrefixes").GetInt32()),
                        Is.EqualTo((planSubnets[id].GetProperty("used").GetInt32(), planSubnets[id].GetProperty("freePrefixes").GetInt32())),
                        $"{id}: used and free /28s, recommend {cluster}'s current settings vs plan");
                }
            }

            // The HTML report shows the plan's verdict, every warning code and every subnet's used count.
            var directory = HtmlTestSupport.FreshDirectory();
            var htmlPath = Path.Combine(directory, "report.html");
            var run = HtmlTestSupport.RunPlan(new FixedClock(HtmlTestSupport.Noon), path, "--html", htmlPath);
            Assert.That(run.ExitCode, Is.Not.EqualTo(70), run.Error);
            var html = WebUtility.HtmlDecode(File.ReadAllText(htmlPath));
            Assert.That(html, Does.Contain($"Verdict: {verdict}."), "HTML headline vs plan verdict");
            foreach (var w in root.GetProperty("warnings").EnumerateArray())
            {
                Assert.That(html, Does.Contain(w.GetProperty("code").GetString()!), "HTML warnings vs plan warnings");
            }
        });
    }

    /// <summary>The node verb's arguments for one node of the group with the scenario's CNI settings.</summary>
    private static string[] NodeArgs(ProvisionedScenario scenario, NodeGroup group)
    {
        var cni = scenario.Scenario.CniOf(group.Spec.Cluster);
        var args = new List<string>
        {
            "node", "--instance-type", group.InstanceType, "--pods", I(group.PodsPerNode), "-o", "json",
            "--cni-version", cni.Version.ToString(), "--warm-eni-target", I(cni.WarmEniTarget), "--warm-ip-target", I(cni.WarmIpTarget),
            "--minimum-ip-target", I(cni.MinimumIpTarget), "--warm-prefix-target", I(cni.WarmPrefixTarget), "--ip-cooldown", I(cni.IpCooldownSeconds),
        };
        if (cni.PrefixDelegation)
        {
            args.Add("--prefix-delegation");
        }

        if (cni.CustomNetworking)
        {
            args.Add("--custom-networking");
        }

        if (cni.MaxEni is { } maxEni)
        {
            args.AddRange(["--max-eni", I(maxEni)]);
        }

        if (group.MaxPods is { } maxPods)
        {
            args.AddRange(["--max-pods", I(maxPods)]);
        }

        if (group.SecurityGroupPodsPerNode > 0)
        {
            args.AddRange(["--security-group-pods", I(group.SecurityGroupPodsPerNode)]);
        }

        if (group.UnmanagedEnis > 0)
        {
            args.AddRange(["--unmanaged-enis", I(group.UnmanagedEnis)]);
        }

        return [.. args];
    }

    /// <summary>The node and pod subnets of the group when no other group uses them (else null).</summary>
    private static List<string>? OwnSubnets(ProvisionedScenario scenario, NodeGroup group)
    {
        List<string> SubnetsOf(NodeGroup g) =>
            [.. g.Subnets.SelectMany(id => new[] { id, scenario.Scenario.CniOf(g.Spec.Cluster).PodSubnetFor(id, scenario.GetSubnet(id).Zone) }).Distinct(StringComparer.Ordinal)];
        var own = SubnetsOf(group);
        return scenario.NodeGroups.Where(g => !ReferenceEquals(g, group)).Any(g => SubnetsOf(g).Intersect(own, StringComparer.Ordinal).Any()) ? null : own;
    }

    /// <summary>What a subnet's nodes hold in it: node IPs, ENI primaries, pod and idle warm IPs, prefixes, branch ENIs.</summary>
    private static int NodeAddresses(JsonElement subnet)
    {
        var u = subnet.GetProperty("usedBy");
        return u.GetProperty("nodePrimaries").GetInt32() + u.GetProperty("eniPrimaries").GetInt32() + u.GetProperty("podIps").GetInt32()
            + u.GetProperty("idleWarmIps").GetInt32() + u.GetProperty("prefixes").GetInt32() + u.GetProperty("branchEnis").GetInt32();
    }

    /// <summary>The scale curve's first stop: a subnet that runs out or a node's own limit, whichever comes first.</summary>
    private static (string? Subnet, int At, string? Reason)? FirstStop(JsonElement curve)
    {
        (string? Subnet, int At, string? Reason)? stop = null;
        foreach (var s in curve.GetProperty("subnets").EnumerateArray())
        {
            if (s.GetProperty("exhaustedAtNodes") is { ValueKind: JsonValueKind.Number } at && (stop is null || at.GetInt32() < stop.Value.At))
            {
                stop = (s.GetProperty("id").GetString(), at.GetInt32(), s.GetProperty("reason").GetString());
            }
        }

        if (curve.GetProperty("firstNodeLimit") is { ValueKind: JsonValueKind.Object } limit && (stop is null || limit.GetProperty("atNodes").GetInt32() < stop.Value.At))
        {
            stop = (null, limit.GetProperty("atNodes").GetInt32(), limit.GetProperty("reason").GetString());
        }

        return stop;
    }

    private static JsonDocument Json(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.Zero, $"ipplanner {string.Join(' ', args)}: {run.Error}");
        return JsonDocument.Parse(run.Out);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
