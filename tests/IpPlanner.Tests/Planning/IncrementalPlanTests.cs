using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Import.Scenarios;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using NUnit.Framework;

namespace IpPlanner.Tests.Planning;

/// <summary>
/// The planner answers from forks of one run of the cluster (copied subnets, copied nodes, one answer shared by
/// alike groups). These tests check every such answer against a run from scratch: a new cluster built for each
/// question, with nothing copied or shared, the way the planner worked before it forked.
/// </summary>
public class IncrementalPlanTests
{
    private static readonly string[] SampleFiles =
        ["small-3az.yaml", "near-exhaustion.yaml", "prefix-delegation.yaml", "custom-networking.yaml", "private-fargate.yaml", "churn.yaml"];

    // Shapes the samples lack: groups sharing subnets and alike groups (the shared answer), a planned node that
    // cannot get its pods, prefix delegation near the end of a subnet, and security-group pods.
    private static readonly string[] Inline =
    [
        """
        cluster: { name: alike, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/25, zone: z2 }
        nodeGroups:
          - { name: g1, instanceType: m5.large, subnets: [a], nodes: 1, maxNodes: 1, podsPerNode: 5 }
          - { name: g2, instanceType: m5.large, subnets: [a], nodes: 1, maxNodes: 1, podsPerNode: 5 }
          - { name: g3, instanceType: m5.xlarge, subnets: [a, b], nodes: 2, maxNodes: 9, podsPerNode: 12 }
          - { name: g4, instanceType: m5.large, subnets: [a], nodes: 1, maxNodes: 3, podsPerNode: 5 }
          - { name: g5, instanceType: m5.large, subnets: [b, a], nodes: 3, maxNodes: 4, podsPerNode: 20 }
        """,
        """
        cluster: { name: overfull, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/26, zone: z1 }
          - { id: b, cidr: 10.0.2.0/26, zone: z2 }
        nodeGroups:
          - { name: big, instanceType: m5.xlarge, subnets: [a, b], nodes: 3, maxNodes: 6, podsPerNode: 25 }
          - { name: small, instanceType: m5.large, subnets: [b], nodes: 2, maxNodes: 2, podsPerNode: 8 }
        """,
        """
        cluster: { name: prefixes, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/25, zone: z1, inUse: 7 }
          - { id: b, cidr: 10.0.2.0/25, zone: z2 }
        cni: { prefixDelegation: true, warmPrefixTarget: 1 }
        nodeGroups:
          - { name: p, instanceType: m5.large, subnets: [a, b], nodes: 2, maxNodes: 8, podsPerNode: 20 }
          - { name: q, instanceType: c5.xlarge, subnets: [a], nodes: 1, maxNodes: 4, podsPerNode: 30 }
        """,
        """
        cluster: { name: sg, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.4.0/23, zone: z1 }
          - { id: b, cidr: 10.0.6.0/23, zone: z2 }
        cni: { securityGroupsForPods: true, warmIpTarget: 2, minimumIpTarget: 8 }
        nodeGroups:
          - { name: s, instanceType: m5.xlarge, subnets: [a, b], nodes: 4, maxNodes: 40, podsPerNode: 10, securityGroupPodsPerNode: 3 }
          - { name: t, instanceType: m5.large, subnets: [a, b], nodes: 3, maxNodes: 30, podsPerNode: 6 }
        """,
    ];

    private static IEnumerable<TestCaseData> Scenarios()
    {
        foreach (var file in SampleFiles)
        {
            yield return new TestCaseData(file, null).SetArgDisplayNames(file);
        }

        for (var i = 0; i < Inline.Length; i++)
        {
            yield return new TestCaseData($"inline-{i}.yaml", Inline[i]).SetArgDisplayNames($"inline-{i}");
        }
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Plan_AnswersFromForks_EqualRunsFromScratch(string name, string? yaml)
    {
        var loaded = yaml is null
            ? ScenarioLoader.LoadFile(Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", name), InstanceCatalog.Embedded)
            : ScenarioLoader.LoadText(yaml, name, InstanceCatalog.Embedded);
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Scenario!;

        var plan = CapacityPlanner.Plan(scenario);

        foreach (var group in scenario.NodeGroups)
        {
            var planned = plan.NodeGroups.Single(g => g.Name == group.Name);
            var (fit, limit) = NodesThatFitFromScratch(scenario, group);
            Assert.That((planned.NodesThatFit, planned.NodesThatFitLimit), Is.EqualTo((fit, limit)), $"nodes that fit, group {group.Name}");
            Assert.That(planned.PodCapacity, Is.EqualTo(FillFromScratch(scenario, group)), $"pod capacity, group {group.Name}");
        }

        Assert.That(plan.Cluster.PodCapacity, Is.EqualTo(FillFromScratch(scenario, null)), "cluster pod capacity");
        var exhausted = FirstExhaustedFromScratch(scenario);
        Assert.That(plan.Cluster.FirstExhausted, Is.EqualTo(exhausted), "first exhausted");
        Assert.That(plan.Cluster.FirstExhausted?.Detail, Is.EqualTo(exhausted?.Detail), "first exhausted detail");

        // The fork questions must leave the planned run as it was: the subnets reported are those of a fresh run.
        var fresh = ClusterState.BuildPlanned(scenario);
        Assert.That(plan.Subnets.Select(s => (s.Id, s.Used, s.Free, s.FreePrefixes)),
            Is.EqualTo(fresh.Subnets.Select(s => (s.Spec.Id, s.Space.InUse, s.Space.Free, s.Space.FreePrefixes))));
    }

    [Test]
    public void Plan_ManyAlikeGroups_EachGetsTheAnswerOfItsOwnRun()
    {
        // 40 one-node groups of one shape share one answer; a run per group from scratch must agree with it.
        var groups = string.Join("\n", Enumerable.Range(0, 40).Select(i =>
            $"  - {{ name: g{i}, instanceType: m5.large, subnets: [{(i % 3 == 0 ? "b" : "a")}], nodes: 1, maxNodes: 1, podsPerNode: 5 }}"));
        var yaml = $"""
            cluster: {"{"} name: many, controlPlaneSubnets: [a, b] {"}"}
            vpc: {"{"} cidrs: [10.0.0.0/16] {"}"}
            subnets:
              - {"{"} id: a, cidr: 10.0.0.0/22, zone: z1 {"}"}
              - {"{"} id: b, cidr: 10.0.4.0/22, zone: z2 {"}"}
            nodeGroups:
            {groups}
            """;
        var loaded = ScenarioLoader.LoadText(yaml, "many.yaml", InstanceCatalog.Embedded);
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Scenario!;
        var plan = CapacityPlanner.Plan(scenario);
        foreach (var group in scenario.NodeGroups)
        {
            var planned = plan.NodeGroups.Single(g => g.Name == group.Name);
            Assert.That((planned.NodesThatFit, planned.NodesThatFitLimit), Is.EqualTo(NodesThatFitFromScratch(scenario, group)), group.Name);
        }
    }

    // How many of the group's nodes fit with everything in place: its planned nodes up to the first that fails,
    // then more of its nodes on top of the whole planned cluster until one fails.
    private static (int, string?) NodesThatFitFromScratch(Scenario scenario, NodeGroupSpec group)
    {
        var state = ClusterState.BuildPlanned(scenario);
        var failed = state.Nodes.FirstOrDefault(n => ReferenceEquals(n.Group, group) && n.Failure != PodFailure.None);
        if (failed is not null)
        {
            return (failed.IndexInGroup, FailureReasons.DescribeFailure(failed));
        }

        var fit = group.Nodes;
        for (var i = group.Nodes; i < CapacityPlanner.NodeSearchLimit; i++)
        {
            var node = state.AddNode(group);
            if (node.Failure != PodFailure.None)
            {
                return (fit, FailureReasons.DescribeFailure(node));
            }

            fit++;
        }

        return (fit, null);
    }

    private static int FillFromScratch(Scenario scenario, NodeGroupSpec? only)
    {
        var state = ClusterState.BuildPlanned(scenario);
        var total = 0;
        foreach (var placed in state.Nodes)
        {
            if (only is not null && !ReferenceEquals(placed.Group, only))
            {
                continue;
            }

            if (placed.Failure == PodFailure.None)
            {
                state.AddPods(placed, CapacityPlanner.NodeSearchLimit);
            }

            total += placed.PodsRunning;
        }

        return total;
    }

    private static ExhaustionPoint? FirstExhaustedFromScratch(Scenario scenario)
    {
        var state = ClusterState.Build(scenario);
        foreach (var group in scenario.NodeGroups)
        {
            for (var i = 0; i < group.Nodes; i++)
            {
                var node = state.AddNode(group);
                if (node.Failure != PodFailure.None)
                {
                    return CapacityPlanner.DescribeExhaustion(node, state);
                }
            }
        }

        for (var growing = true; growing;)
        {
            growing = false;
            foreach (var group in scenario.NodeGroups.Where(g => state.NodesIn(g) < g.MaxNodes))
            {
                growing = true;
                var node = state.AddNode(group);
                if (node.Failure != PodFailure.None)
                {
                    return CapacityPlanner.DescribeExhaustion(node, state);
                }
            }
        }

        return null;
    }
}
