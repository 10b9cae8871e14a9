using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Simulation;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Engine;

/// <summary>
/// Issue 15: what stopped the next pod is blamed truthfully. A node's own limit (max pods) is never called a subnet
/// running out; a plan that does not fit shows no positive headroom; a subnet already full says so at row 0.
/// </summary>
public class FailureReasonTests
{
    // m5.large: 3 ENIs x 10 IPs, max pods 3 x (10 - 1) + 2 = 29, so 27 VPC-IP pods beside the 2 host-network pods.
    // 40 pods per node cannot fit on any node. One node takes 3 ENIs x 10 addresses = 30 of a /20's 4,091, so no
    // subnet comes near running out in a few nodes: only max pods stops each node.
    private const string MaxPodsScenario = """
        cluster: { name: t, controlPlaneSubnets: [nodes-a, nodes-b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: nodes-a, cidr: 10.0.0.0/20, zone: z1 }
          - { id: nodes-b, cidr: 10.0.16.0/20, zone: z2 }
        cni: { version: 1.19.0 }
        nodeGroups:
          - { name: g, instanceType: m5.large, subnets: [nodes-a, nodes-b], nodes: 3, maxNodes: 10, podsPerNode: 40 }
        """;

    // Subnet a is a /28 (16 - 5 reserved = 11 usable) with all 11 addresses in use: the group's first node has no
    // address for its own primary IP before a single node of the group exists.
    private const string FullSubnetScenario = """
        cluster: { name: t, controlPlaneSubnets: [b, c] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/28, zone: z1, inUse: 11 }
          - { id: b, cidr: 10.0.16.0/20, zone: z2 }
          - { id: c, cidr: 10.0.32.0/20, zone: z3 }
        cni: { version: 1.19.0 }
        nodeGroups:
          - { name: g, instanceType: m5.large, subnets: [a], nodes: 0, maxNodes: 10, podsPerNode: 10 }
        """;

    [Test]
    public void Plan_PodsAboveMaxPodsInRoomySubnet_FirstExhaustedBlamesMaxPodsNotASubnet()
    {
        var plan = CapacityPlanner.Plan(ScenarioOf(MaxPodsScenario));
        var e = plan.Cluster.FirstExhausted!;
        // Node 1 already stops: 27 of its 40 pods start, the 28th meets max pods 29.
        Assert.That((e.Subnet, e.NodeGroup, e.AtNodes, e.Cause, e.SubnetRanOut), Is.EqualTo(((string?)null, "g", 1, FailureReason.MaxPods, false)));
        Assert.That(plan.Verdict, Does.Not.Contain("runs out"));
        Assert.That(plan.Verdict, Does.EndWith("first: node 1 of group g (max pods 29)"));
        Assert.That(plan.Warnings.Select(w => w.Code), Has.None.EqualTo("subnet-exhausts-before-max-nodes"));
    }

    [Test]
    public void Plan_PlannedPodsDoNotFit_HeadroomIsNeverPositive()
    {
        var plan = CapacityPlanner.Plan(ScenarioOf(MaxPodsScenario));
        // 3 nodes x (40 asked - 27 started) = 39 pods without an IP.
        Assert.That(plan.Verdict, Does.StartWith("does not fit now"));
        Assert.That(plan.Cluster.Headroom, Is.EqualTo(-39));
        var text = CliRun.Of("plan", TempFile(MaxPodsScenario)).Out;
        // Node 1 fails first, so no node fits when every group grows: pods that fit 0.
        Assert.That(text, Does.Contain("Cluster: pods planned 120, pod capacity 81, 39 planned pods do not fit, pods that fit 0."));
        Assert.That(text, Does.Not.Contain("headroom"));
    }

    [Test]
    public void ScaleCurve_PodsAboveMaxPods_NoSubnetMarkedAndNodeLimitReported()
    {
        var curve = ScaleCurve.Run(ScenarioOf(MaxPodsScenario), "g", 0, 4);
        Assert.That(curve.Subnets.Select(s => s.ExhaustedAtNodes), Is.All.Null);
        Assert.That(curve.FirstExhausted, Is.Null);
        Assert.That((curve.FirstNodeLimit!.AtNodes, curve.FirstNodeLimit.Cause), Is.EqualTo((1, FailureReason.MaxPods)));

        var text = CliRun.Of("simulate", TempFile(MaxPodsScenario), "--scale", "g=0..4").Out;
        Assert.That(text, Does.Not.Contain("runs out first"));
        Assert.That(text, Does.Contain("Verdict: node 1 of g is stopped first by its own limit (max pods 29), not by a subnet; no subnet runs out up to 4 nodes."));
    }

    [Test]
    public void ScaleCurve_SubnetFullBeforeFirstNode_SaysSoAtRowZero()
    {
        var curve = ScaleCurve.Run(ScenarioOf(FullSubnetScenario), "g", 0, 3);
        var a = curve.Subnets.Single(s => s.Id == "a");
        Assert.That((a.FullAtStart, a.ExhaustedAtNodes, a.Cause), Is.EqualTo((true, (int?)1, (FailureReason?)FailureReason.NodeSubnetFull)));
        Assert.That(curve.Subnets.Where(s => s.Id != "a").Select(s => s.FullAtStart), Is.All.False);

        var lines = CliRun.Of("simulate", TempFile(FullSubnetScenario), "--scale", "g=0..3").Out.Split('\n');
        var row0 = lines.First(l => l.TrimStart().StartsWith("0 ", StringComparison.Ordinal));
        Assert.That(row0, Does.EndWith("a already full"));
        Assert.That(lines, Has.Some.StartsWith("Verdict: subnet a is already full at 0 nodes of g"));
    }

    private readonly List<string> _files = [];

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private string TempFile(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipplanner-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        _files.Add(path);
        return path;
    }
}
