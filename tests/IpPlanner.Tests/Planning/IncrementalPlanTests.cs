using NUnit.Framework;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

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

        // Custom networking: pod ENIs and the trunk in the zone's ENIConfig subnet, the node IP in the node subnet;
        // zone z2's ENIConfig is the node subnet itself. Security-group pods on one group. Many nodes per subnet, so
        // "nodes that fit" stamps nodes until a subnet nears its end (ClusterState.AddNodesUntilFailure).
        """
        cluster: { name: custom, controlPlaneSubnets: [na, nb] }
        vpc: { cidrs: [10.0.0.0/16, 100.64.0.0/16] }
        subnets:
          - { id: na, cidr: 10.0.1.0/25, zone: z1 }
          - { id: nb, cidr: 10.0.2.0/23, zone: z2 }
          - { id: pa, cidr: 100.64.0.0/21, zone: z1, inUse: 13 }
        cni: { customNetworking: true, eniConfigs: { z1: pa, z2: nb }, securityGroupsForPods: true, warmIpTarget: 3, minimumIpTarget: 6 }
        nodeGroups:
          - { name: api, instanceType: m5.xlarge, subnets: [na, nb], nodes: 6, maxNodes: 80, podsPerNode: 14, securityGroupPodsPerNode: 2 }
          - { name: jobs, instanceType: c5.large, subnets: [na], nodes: 4, maxNodes: 90, podsPerNode: 9 }
        """,

        // Mixed: MAX_ENI below the type's ENIs, WARM_ENI_TARGET=2, a prefix reservation and taken addresses in the
        // subnets (secondary IPs must skip them), a group whose pods exceed its max pods (it fails at its first node,
        // by its own limit), and groups of different types sharing subnets.
        """
        cluster: { name: mixed, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/22, zone: z1, reservations: [{ cidr: 10.0.1.0/25, type: prefix }], taken: [10.0.0.9, 10.0.2.32/28] }
          - { id: b, cidr: 10.0.4.0/23, zone: z2, inUse: 40 }
          - { id: c, cidr: 10.0.6.0/24, zone: z3 }
        cni: { maxEni: 2, warmEniTarget: 2 }
        nodeGroups:
          - { name: web, instanceType: m5.xlarge, subnets: [a, b, c], nodes: 7, maxNodes: 60, podsPerNode: 20 }
          - { name: tiny, instanceType: t3.medium, subnets: [c, a], nodes: 2, maxNodes: 50, podsPerNode: 6 }
          - { name: over, instanceType: t3.small, subnets: [b], nodes: 2, maxNodes: 5, podsPerNode: 30 }
        """,

        // A group whose planned nodes run their subnet out (the failing group), beside a group in other subnets that
        // has room for many more; and subnet discovery (ENIs go to the tagged subnet with the most free addresses,
        // so no node is stamped there).
        """
        cluster: { name: failing, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/26, zone: z1 }
          - { id: b, cidr: 10.0.4.0/22, zone: z2 }
          - { id: d, cidr: 10.0.8.0/24, zone: z2, tags: { kubernetes.io/role/cni: "1" } }
        cni: { subnetDiscovery: true }
        nodeGroups:
          - { name: squeezed, instanceType: m5.large, subnets: [a], nodes: 4, maxNodes: 4, podsPerNode: 12 }
          - { name: roomy, instanceType: m5.large, subnets: [b], nodes: 3, maxNodes: 60, podsPerNode: 10 }
        """,

        // Prefix delegation with many nodes in a large subnet: /28s depend on which blocks are free, so every node is
        // run in full; beside it a secondary-IP group (a type that falls back: not Nitro) that is stamped.
        """
        cluster: { name: prefixmix, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/22, zone: z1 }
          - { id: b, cidr: 10.0.4.0/22, zone: z2 }
        cni: { prefixDelegation: true, warmPrefixTarget: 1 }
        nodeGroups:
          - { name: nitro, instanceType: m5.large, subnets: [a, b], nodes: 5, maxNodes: 40, podsPerNode: 25 }
          - { name: old, instanceType: m4.large, subnets: [b, a], nodes: 3, maxNodes: 40, podsPerNode: 12 }
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
            ? LoadFile(Sample(name))
            : LoadText(yaml, name);
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Provisioned!;

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

    [TestCaseSource(nameof(Scenarios))]
    public void AddNodesUntilFailure_EndsLikeNodesAddedOneByOne(string name, string? yaml)
    {
        // The planner asks "how many more nodes of a group fit" with AddNodesUntilFailure, which may stamp nodes (take
        // their addresses without running them). Node by node with AddNode must give the same failing node, the same
        // count, and leave every subnet with as many addresses in use and free.
        var loaded = yaml is null
            ? LoadFile(Sample(name))
            : LoadText(yaml, name);
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Provisioned!;
        foreach (var group in scenario.NodeGroups)
        {
            var fast = ClusterState.BuildPlanned(scenario).Fork();
            var failed = fast.AddNodesUntilFailure(group, 5_000, out var started);

            var slow = ClusterState.BuildPlanned(scenario);
            PlacedNode? slowFailed = null;
            var slowStarted = 0;
            while (slowStarted < 5_000 && slowFailed is null)
            {
                var node = slow.AddNode(group);
                slowStarted++;
                slowFailed = node.Failure == PodFailure.None ? null : node;
            }

            Assert.That(started, Is.EqualTo(slowStarted), $"nodes started, group {group.Name}");
            Assert.That(fast.NodesIn(group), Is.EqualTo(slow.NodesIn(group)), $"nodes of group {group.Name}");
            Assert.That(Describe(failed), Is.EqualTo(Describe(slowFailed)), $"failing node, group {group.Name}");
            Assert.That(fast.Subnets.Select(s => (s.Spec.Id, s.Space.InUse, s.Space.Free)),
                Is.EqualTo(slow.Subnets.Select(s => (s.Spec.Id, s.Space.InUse, s.Space.Free))), $"subnets after group {group.Name}");
        }
    }

    private static string? Describe(PlacedNode? node) => node is null
        ? null
        : $"{node.IndexInGroup} {node.Failure} {node.PodsRunning} {node.BranchPodsRunning} {node.Subnet.Spec.Id} {node.FailureSubnet?.Spec.Id}";

    [Test]
    public void AddNodesUntilFailure_OnRoomySubnets_StampsNodesAndStillMatches()
    {
        // 1,000 more m5.large nodes over two /18s (16,379 usable addresses each) fit with room to spare: a node at 8
        // pods holds at most 3 ENIs x 10 addresses, so 501 nodes per subnet take at most 15,030. Most are stamped,
        // and the subnets must end exactly as 1,000 nodes run one by one leave them.
        const string yaml = """
            cluster: { name: roomy, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/18, zone: z1 }
              - { id: b, cidr: 10.0.64.0/18, zone: z2 }
            cni: { warmIpTarget: 2, minimumIpTarget: 10 }
            nodeGroups:
              - { name: web, instanceType: m5.large, subnets: [a, b], nodes: 2, maxNodes: 4000, podsPerNode: 8 }
            """;
        var scenario = LoadText(yaml, "roomy.yaml").Provisioned!;
        var group = scenario.NodeGroups[0];
        var fast = ClusterState.BuildPlanned(scenario).Fork();
        var failed = fast.AddNodesUntilFailure(group, 1_000, out var started);
        var slow = ClusterState.BuildPlanned(scenario);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.That(slow.AddNode(group).Failure, Is.EqualTo(PodFailure.None));
        }

        Assert.That((failed, started), Is.EqualTo(((PlacedNode?)null, 1_000)));
        // Stamped nodes are not in the node list: only the first node per subnet ran (2 planned + 2 run in full).
        Assert.That(fast.Nodes, Has.Count.EqualTo(4));
        Assert.That(fast.Subnets.Select(s => (s.Space.InUse, s.Space.Free)), Is.EqualTo(slow.Subnets.Select(s => (s.Space.InUse, s.Space.Free))));
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
        var loaded = LoadText(yaml, "many.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Provisioned!;
        var plan = CapacityPlanner.Plan(scenario);
        foreach (var group in scenario.NodeGroups)
        {
            var planned = plan.NodeGroups.Single(g => g.Name == group.Name);
            Assert.That((planned.NodesThatFit, planned.NodesThatFitLimit), Is.EqualTo(NodesThatFitFromScratch(scenario, group)), group.Name);
        }
    }

    // How many of the group's nodes fit with everything in place: its planned nodes up to the first that fails,
    // then more of its nodes on top of the whole planned cluster until one fails.
    private static (int, string?) NodesThatFitFromScratch(ProvisionedScenario scenario, NodeGroup group)
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

    private static int FillFromScratch(ProvisionedScenario scenario, NodeGroup? only)
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

    private static ExhaustionPoint? FirstExhaustedFromScratch(ProvisionedScenario scenario)
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
