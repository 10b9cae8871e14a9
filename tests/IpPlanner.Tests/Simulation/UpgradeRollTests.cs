using System.Text.Json;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Simulation;
using IpPlanner.Tests.Cli;
using IpPlanner.Tests.Engine;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Simulation;

/// <summary>
/// simulate --upgrade: a managed node group's version update as the EKS User Guide describes it ("Understand each
/// phase of node updates", awsdocs/amazon-eks-user-guide latest/ug/nodes/managed-node-update-behavior.adoc:28-37:
/// the group grows by "the larger of either: up to twice the number of Availability Zones ... the maximum unavailable
/// of upgrade"), and a NodePool's drift as Karpenter runs it (kubernetes-sigs/karpenter
/// pkg/controllers/disruption/queue.go:345-356@2266468104f3: replacements are created before the candidate is marked
/// for deletion; budgets round up, pkg/apis/v1/nodepool.go:392-397).
/// </summary>
public class UpgradeRollTests
{
    private const string ThreeZones = """
        cluster: { name: roll, controlPlaneSubnets: [a, b, c] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/22, zone: us-east-1a }
          - { id: b, cidr: 10.0.4.0/22, zone: us-east-1b }
          - { id: c, cidr: 10.0.8.0/22, zone: us-east-1c }
        nodeGroups:
          - name: app
            instanceType: m5.large
            subnets: [a, b, c]
            nodes: 30
            podsPerNode: 12
            updateConfig: { maxUnavailable: 1 }
        """;

    [Test]
    public void NodeGroup_ThirtyNodesThreeZonesMaxUnavailableOne_SurgesSixAndPeaksAsAPlanOf36()
    {
        // Surge: max(2 x 3 zones, 1) = 6, two per zone: 36 nodes, 12 per subnet. One m5.large (3 ENIs x 9 slots) with
        // 12 pods: the primary ENI's 9 run out, ENI 2 comes (18, 6 spare < 9), then ENI 3 (27, 15 spare): 3 x 10 = 30
        // addresses. Before: 10 x 30 + the control-plane ENI = 301 per subnet; peak: 12 x 30 + 1 = 361; after: 301.
        var roll = UpgradeRoll.Run(ScenarioOf(ThreeZones), "app");
        Assert.That((roll.SurgeNodes, roll.PeakNodes, roll.AtOnce, roll.Batches), Is.EqualTo((6, 36, 1, 30)));
        Assert.That(roll.Subnets.Select(s => (s.Before, s.Peak, s.After)), Is.All.EqualTo((301, 361, 301)));
        Assert.That(roll.FirstExhausted, Is.Null);

        var plan36 = CapacityPlanner.Plan(ScenarioOf(ThreeZones.Replace("nodes: 30", "nodes: 36", StringComparison.Ordinal)));
        Assert.That(roll.Subnets.Select(s => s.Peak), Is.EqualTo(plan36.Subnets.Select(s => s.Used)));
    }

    [Test]
    public void NodeGroup_Minimal_NoSurgeAndNoPeakAboveToday()
    {
        var roll = UpgradeRoll.Run(ScenarioOf(ThreeZones.Replace("maxUnavailable: 1 }", "maxUnavailable: 5, updateStrategy: MINIMAL }", StringComparison.Ordinal)), "app");
        Assert.That((roll.Strategy, roll.SurgeNodes, roll.Batches), Is.EqualTo(("MINIMAL", 0, 6)));
        Assert.That(roll.Subnets.Select(s => s.Peak), Is.All.EqualTo(301));
    }

    [Test]
    public void NodeGroup_ElasticIpfsAtRest_SurgeNodeCannotStartAndTheControlPlaneUpdateWouldFail()
    {
        // One at a time both /24s are full at 18 nodes (LaunchOrderTests). Two zones, maxUnavailable 1: a surge of 4,
        // and its first node (to subnet-a, the round robin's next) gets no primary IP.
        var roll = UpgradeRoll.Run(ScenarioOf(LaunchOrderTests.ElasticIpfs), "peer");
        Assert.That(roll.SurgeNodes, Is.EqualTo(4));
        Assert.That((roll.FirstExhausted!.Phase, roll.FirstExhausted.Subnet, roll.FirstExhausted.Cause), Is.EqualTo(("surge", "subnet-a", FailureReason.NodeSubnetFull)));
        Assert.That(roll.Batches, Is.Zero, "EKS stops the update at its scale up");
        Assert.That(roll.Warnings.Select(w => (w.Code, w.Subject)), Is.EquivalentTo(new[]
        {
            (FindingCodes.ControlPlaneUpgradeBlocked, "subnet subnet-a"),
            (FindingCodes.ControlPlaneUpgradeBlocked, "subnet subnet-b"),
        }));
        Assert.That(roll.Verdict, Does.Contain("the update stops there"));
    }

    [Test]
    public void NodeGroup_PercentageOfFifty_SurgesByHalfTheGroup()
    {
        // elastic-ipfs's own updateConfig (max_unavailable_percentage = 50) on 20 nodes in 2 zones: max(4, 10) = 10.
        var yaml = LaunchOrderTests.ElasticIpfs.Replace("podsPerNode: 4 }", "podsPerNode: 4, updateConfig: { maxUnavailablePercentage: 50 } }", StringComparison.Ordinal);
        var roll = UpgradeRoll.Run(ScenarioOf(yaml), "peer");
        Assert.That((roll.AtOnce, roll.SurgeNodes), Is.EqualTo((10, 10)));
    }

    [TestCase(1, null, "DEFAULT", 3, 10, 6)]
    [TestCase(1, null, "DEFAULT", 5, 10, 10)]
    [TestCase(20, null, "DEFAULT", 5, 40, 20)]
    [TestCase(null, 50, "DEFAULT", 2, 20, 10)]
    [TestCase(null, 33, "DEFAULT", 1, 10, 4)]
    [TestCase(null, 50, "DEFAULT", 3, 1000, 100)]
    [TestCase(null, null, "DEFAULT", 3, 30, 6)]
    [TestCase(10, null, "MINIMAL", 3, 30, 0)]
    public void Surge_FollowsTheUserGuide(int? maxUnavailable, int? percentage, string strategy, int zones, int nodes, int expected)
    {
        // The guide's examples: 5 zones and maxUnavailable 1 launch 10; maxUnavailable 20 launches 20. A percentage
        // rounds up (33 % of 10 is 4; AWS does not say) and stops at 100 nodes; no updateConfig is maxUnavailable 1.
        UpdateConfigSpec? config = maxUnavailable is null && percentage is null && strategy == "DEFAULT" ? null : new UpdateConfigSpec
        {
            MaxUnavailable = maxUnavailable,
            MaxUnavailablePercentage = percentage,
            Strategy = strategy == "MINIMAL" ? UpdateStrategy.Minimal : UpdateStrategy.Default,
        };
        Assert.That(ManagedNodeGroupUpdate.Surge(config, nodes, zones), Is.EqualTo(expected));
    }

    [TestCase(new[] { "10%" }, 40, 4)]
    [TestCase(new[] { "10%" }, 45, 5)]
    [TestCase(new[] { "10%" }, 5, 1)]
    [TestCase(new[] { "20%" }, 19, 4)]
    [TestCase(new[] { "10%", "2" }, 40, 2)]
    [TestCase(new[] { "0" }, 40, 0)]
    [TestCase(new[] { "100" }, 7, 7)]
    public void DriftBudget_RoundsUpAndTheTightestWins(string[] nodes, int poolNodes, int expected)
    {
        // nodepool.go:392-397@2266468104f3 rounds up ("5% disruptions, but 10 nodes ... allow 1"); the karpenter-provider-aws
        // docs' example: 19 nodes at 20 % allow 4 (3.8 up); several budgets: the minimum (:365-377); at most the pool.
        var budgets = nodes.Select(n => new DisruptionBudgetSpec { Nodes = n }).ToList();
        Assert.That(DisruptionBudgets.Allowed(budgets, poolNodes, DisruptionBudgets.Drifted), Is.EqualTo(expected));
    }

    [Test]
    public void DriftBudget_DefaultIsTenPercentAndOtherReasonsDoNotCount()
    {
        Assert.That(DisruptionBudgets.Allowed(null, 40, DisruptionBudgets.Drifted), Is.EqualTo(4));
        var emptyOnly = new[] { new DisruptionBudgetSpec { Nodes = "0", Reasons = ["Empty"] } };
        Assert.That(DisruptionBudgets.Allowed(emptyOnly, 40, DisruptionBudgets.Drifted), Is.EqualTo(40));
    }

    private const string Pool = """
        cluster: { name: karp, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/22, zone: us-east-1a }
          - { id: b, cidr: 10.0.4.0/22, zone: us-east-1b }
        nodePools:
          - name: web
            instanceTypes: [m5.large]
            subnets: [a, b]
            pods: { count: 40, cpu: "1" }
            disruption:
              budgets:
                - nodes: "10%"
        """;

    [Test]
    public void NodePool_FortyNodesAtTenPercent_FourReplacementsAtATime()
    {
        // One 1-CPU pod fits an m5.large (about 1.93 CPUs allocatable), so 40 pending pods make 40 NodeClaims; 10 % of
        // 40 is 4: four replacements launch before their four drifted nodes go, ten batches, 44 nodes at the peak.
        var scenario = ScenarioOf(Pool);
        Assert.That(scenario.NodePools.Single().Provisioning.NodeClaims, Has.Count.EqualTo(40));
        var roll = UpgradeRoll.Run(scenario, "web");
        Assert.That((roll.Kind, roll.Nodes, roll.AtOnce, roll.SurgeNodes, roll.PeakNodes, roll.Batches), Is.EqualTo((UpgradeRoll.NodePoolKind, 40, 4, 4, 44, 10)));
        Assert.That(roll.FirstExhausted, Is.Null);
        Assert.That(roll.Subnets.Sum(s => s.After), Is.EqualTo(roll.Subnets.Sum(s => s.Before)), "the same nodes, wherever Karpenter put them");
    }

    [Test]
    public void NodePool_BudgetOfZero_NeverReplaces()
    {
        var roll = UpgradeRoll.Run(ScenarioOf(Pool.Replace("nodes: \"10%\"", "nodes: \"0\"", StringComparison.Ordinal)), "web");
        Assert.That((roll.AtOnce, roll.Batches), Is.EqualTo((0, 0)));
        Assert.That(roll.Warnings.Single().Code, Is.EqualTo(FindingCodes.DisruptionBudgetBlocksDrift));
    }

    [Test]
    public void SimulateUpgrade_Json_GivesSurgePeakAndFirstExhausted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipfs-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, LaunchOrderTests.ElasticIpfs);
        try
        {
            var run = CliRun.Of("simulate", path, "--upgrade", "peer", "-o", "json");
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            using var json = JsonDocument.Parse(run.Out);
            var root = json.RootElement;
            Assert.That(root.GetProperty("surgeNodes").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("subnets")[0].GetProperty("peak").GetInt32(), Is.EqualTo(251));
            Assert.That(root.GetProperty("firstExhausted").GetProperty("subnet").GetString(), Is.EqualTo("subnet-a"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void SimulateUpgrade_UnknownName_IsOneLineInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipfs-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, LaunchOrderTests.ElasticIpfs);
        try
        {
            var run = CliRun.Of("simulate", path, "--upgrade", "nope");
            Assert.That(run.ExitCode, Is.EqualTo(2));
            Assert.That(run.Error.Trim(), Is.EqualTo("ipplanner: error: upgrade: no node group or NodePool is named 'nope' (there are: peer)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Loader_UpdateConfigAndBudgets_ChecksWhatEksAndKarpenterRefuse()
    {
        var yaml = LaunchOrderTests.ElasticIpfs.Replace("podsPerNode: 4 }", "podsPerNode: 4, updateConfig: { maxUnavailable: 2, maxUnavailablePercentage: 30 } }", StringComparison.Ordinal);
        var loaded = LoadText(yaml);
        Assert.That(loaded.Errors.Select(e => e.Code), Is.EqualTo(new[] { FindingCodes.UpdateConfigConflict }));

        var pool = LoadText(Pool.Replace("nodes: \"10%\"", "nodes: \"150%\"\n          reasons: [Expired]", StringComparison.Ordinal));
        Assert.That(pool.Errors.Select(e => e.Code), Is.EqualTo(new[] { FindingCodes.InvalidValue, FindingCodes.InvalidValue }));
    }
}
