using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>
/// Several clusters in one VPC (docs/rules.md, "Several clusters in one VPC"): placed in file order on the shared
/// subnets, each with its own control plane ENIs and VPC CNI, and one cluster of them asked alone with the others as
/// they were planned.
/// </summary>
public class SeveralClustersTests
{
    private const string Vpc = """
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: s1, cidr: 10.0.1.0/24, zone: z1 }
          - { id: s2, cidr: 10.0.2.0/24, zone: z2 }
          - { id: cp1, cidr: 10.0.3.0/24, zone: z1 }
          - { id: cp2, cidr: 10.0.4.0/24, zone: z2 }
        """;

    // blue: 2 nodes, green: 1 node, m5.large with 10 pods, on the same two subnets.
    private const string TwoClusters = Vpc + """

        clusters:
          - name: blue
            controlPlaneSubnets: [cp1, cp2]
            nodeGroups:
              - { name: blue-nodes, instanceType: m5.large, subnets: [s1, s2], nodes: 2, maxNodes: 20, podsPerNode: 10 }
          - name: green
            controlPlaneSubnets: [cp1, cp2]
            nodeGroups:
              - { name: green-nodes, instanceType: m5.large, subnets: [s1, s2], nodes: 1, maxNodes: 20, podsPerNode: 10 }
        """;

    private const string OneClusterBothGroups = Vpc + """

        cluster: { name: one, controlPlaneSubnets: [cp1, cp2] }
        nodeGroups:
          - { name: blue-nodes, instanceType: m5.large, subnets: [s1, s2], nodes: 2, maxNodes: 20, podsPerNode: 10 }
          - { name: green-nodes, instanceType: m5.large, subnets: [s1, s2], nodes: 1, maxNodes: 20, podsPerNode: 10 }
        """;

    [Test]
    public void Plan_TwoClusters_EachClustersVerdictGivesItsPodsThatFitInThePlansWords()
    {
        // Each node holds 30 addresses (above), a /24 251: 8 nodes a subnet, a 9th cannot get its 10 pods (11 left,
        // 12 needed: 9 pods on ENI 0, then ENI 1's primary and one more). Planned: blue 0 -> s1, blue 1 -> s2, green 0 ->
        // s1; then every group grows in turn (blue k -> s(k mod 2 + 1), green likewise): after six rounds s1 holds 8
        // (blue 0, 2, 4, 6, green 0, 2, 4, 6) and s2 7; blue's 9th node goes to s1 and fails. So blue 8 nodes (80 pods),
        // green 7 (70), the VPC 150, and each cluster's verdict says its own number in the words of the plan's.
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoClusters));
        var blue = plan.Clusters.Single(c => c.Name == "blue");
        var green = plan.Clusters.Single(c => c.Name == "green");
        Assert.Multiple(() =>
        {
            Assert.That((blue.PodsThatFit, green.PodsThatFit, plan.Cluster.PodsThatFit), Is.EqualTo((80, 70, 150)));
            const string stop = "then subnet s1 runs out at node 9 of group blue-nodes of cluster blue";
            Assert.That(blue.Verdict, Does.StartWith("80 pods fit when every node group grows toward maxNodes (blue-nodes 8 nodes); " + stop));
            Assert.That(green.Verdict, Does.StartWith("70 pods fit when every node group grows toward maxNodes (green-nodes 7 nodes); " + stop));
            Assert.That(plan.Verdict, Does.StartWith("150 pods fit when every node group grows toward maxNodes (blue-nodes 8 nodes, green-nodes 7 nodes); " + stop));
        });
    }

    [Test]
    public void Plan_TwoClustersOnTheSameSubnets_UseThemAsOneClusterWithBothGroupsInFileOrder()
    {
        // Each node (WARM_ENI_TARGET=1, 10 pods) holds 30 addresses (3 ENIs, 27 secondary IPs). blue's nodes go to s1 and
        // s2, then green's first node to s1: s1 holds 60, s2 30, whether the groups are two clusters' or one's.
        var two = CapacityPlanner.Plan(ScenarioOf(TwoClusters));
        var one = CapacityPlanner.Plan(ScenarioOf(OneClusterBothGroups));
        foreach (var id in new[] { "s1", "s2" })
        {
            var a = two.Subnets.Single(s => s.Id == id);
            var b = one.Subnets.Single(s => s.Id == id);
            Assert.That((a.Used, a.Free, a.FreePrefixes, a.UsedBy), Is.EqualTo((b.Used, b.Free, b.FreePrefixes, b.UsedBy)), id);
        }

        Assert.That(two.Subnets.Single(s => s.Id == "s1").Used, Is.EqualTo(60));
        Assert.That(two.Subnets.Single(s => s.Id == "s2").Used, Is.EqualTo(30));
        Assert.That(two.NodeGroups.Select(g => (g.Name, g.NodesThatFit, g.PodCapacity)), Is.EqualTo(one.NodeGroups.Select(g => (g.Name, g.NodesThatFit, g.PodCapacity))));
        Assert.That((two.Cluster.FirstExhausted!.AtNodes, two.Cluster.FirstExhausted.NodeGroup), Is.EqualTo((one.Cluster.FirstExhausted!.AtNodes, one.Cluster.FirstExhausted.NodeGroup)));

        // Each cluster's control plane: one ENI in each of cp1 and cp2, so two clusters put 2 there where one puts 1.
        Assert.That(two.Subnets.Single(s => s.Id == "cp1").UsedBy.ControlPlane, Is.EqualTo(2));
        Assert.That(one.Subnets.Single(s => s.Id == "cp1").UsedBy.ControlPlane, Is.EqualTo(1));
    }

    [Test]
    public void Plan_TwoClusters_SaysWhichClusterHoldsWhat()
    {
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoClusters));
        Assert.That(plan.NodeGroups.Select(g => g.Cluster), Is.EqualTo(new[] { "blue", "green" }));
        Assert.That(plan.Subnets.Single(s => s.Id == "s1").UsedByCluster, Is.EqualTo(new Dictionary<string, int> { ["blue"] = 30, ["green"] = 30 }));
        Assert.That(plan.Subnets.Single(s => s.Id == "s2").UsedByCluster, Is.EqualTo(new Dictionary<string, int> { ["blue"] = 30, ["green"] = 0 }));
        Assert.That(plan.Subnets.Single(s => s.Id == "cp1").UsedByCluster, Is.EqualTo(new Dictionary<string, int> { ["blue"] = 1, ["green"] = 1 }));
        Assert.That(plan.Clusters.Select(c => (c.Name, c.PodsPlanned)), Is.EqualTo(new[] { ("blue", 20), ("green", 10) }));
        // Each node holds 32 units (30 addresses, 2 ENIs after the primary).
        Assert.That(plan.Clusters.Select(c => c.NetworkAddressUsage), Is.EqualTo(new long?[] { 64, 32 }));
        // Growing one node per group in turn from s1 = {blue 1, green 1}, s2 = {blue 2}: blue 3 -> s1, green 2 -> s2,
        // blue 4 -> s2, green 3 -> s1, blue 5 -> s1, green 4 -> s2, blue 6 -> s2, green 5 -> s1, blue 7 -> s1, green 6
        // -> s2, blue 8 -> s2, green 7 -> s1 (s1's 8th node: 240 of 251), blue 9 -> s1, the 9th there, fails.
        var e = plan.Cluster.FirstExhausted!;
        Assert.That((e.Cluster, e.NodeGroup, e.AtNodes, e.Subnet), Is.EqualTo(("blue", "blue-nodes", 9, "s1")));
        Assert.That(plan.Verdict, Does.Contain("then subnet s1 runs out at node 9 of group blue-nodes of cluster blue"));
    }

    [Test]
    public void Focus_OneCluster_KeepsTheOthersWhereThePlanPutThem()
    {
        // green alone on the VPC blue leaves: blue's 2 nodes (30 each) and control plane ENIs stay at their addresses
        // as "other clusters", and every subnet holds exactly what the whole VPC's plan gave it.
        var whole = ScenarioOf(TwoClusters);
        var green = ClusterFocus.Isolate(whole, "green");
        Assert.That(green.HasSeveralClusters, Is.False);
        Assert.That(green.Cluster.Name, Is.EqualTo("green"));
        Assert.That(green.AllNodeGroups.Select(g => g.Name), Is.EqualTo(new[] { "green-nodes" }));
        var wholePlan = CapacityPlanner.Plan(whole);
        var greenPlan = CapacityPlanner.Plan(green);
        foreach (var subnet in wholePlan.Subnets)
        {
            Assert.That(greenPlan.Subnets.Single(s => s.Id == subnet.Id).Used, Is.EqualTo(subnet.Used), subnet.Id);
        }

        Assert.That(greenPlan.Subnets.Single(s => s.Id == "s1").UsedBy.OtherClusters, Is.EqualTo(30));
        Assert.That(greenPlan.Vpc!.NetworkAddressUsage.Units, Is.EqualTo(wholePlan.Vpc!.NetworkAddressUsage.Units));
    }

    [Test]
    public void Focus_SeveralClustersWithoutAName_IsAnInputError()
    {
        var whole = ScenarioOf(TwoClusters, "bg.yaml");
        Assert.That(() => ClusterFocus.Isolate(whole, null), Throws.InstanceOf<InputException>().With.Message.EqualTo("bg.yaml holds 2 clusters (blue, green): choose one"));
        Assert.That(() => ClusterFocus.Isolate(whole, "red"), Throws.InstanceOf<InputException>().With.Message.EqualTo("bg.yaml has no cluster named 'red' (clusters: blue, green)"));
    }

    [Test]
    public void Runway_FocusedCluster_RunsOutOnWhatTheOtherLeaves()
    {
        // green grows 10 pods (1 node) a month on s1 and s2 while blue keeps 2 nodes: each /24 holds 8 nodes of 30 after
        // its control plane-free 251 addresses less blue's 30: (251 - 30) / 30 = 7 green nodes per subnet, 14 in all.
        // green's nodes go s1, s2, s1, ...; its 15th node (the 8th in s1) fails, in month 14.
        var whole = ScenarioOf(TwoClusters.Replace("nodes: 1, maxNodes: 20, podsPerNode: 10 }", "nodes: 1, maxNodes: 20, podsPerNode: 10, growth: +10/month }", StringComparison.Ordinal));
        var report = Runway.Run(ClusterFocus.Isolate(whole, "green"), new RunwayOptions { Months = 24 });
        Assert.That((report.FirstExhausted!.Subnet, report.FirstExhausted.Month), Is.EqualTo(("s1", 14)));
    }

    [Test]
    public void KarpenterReservedEnis_IsEachClustersOwn_AndWrittenBackPerCluster()
    {
        // Each cluster runs its own Karpenter: blue's RESERVED_ENIS=1 lowers only blue's NodeClaims' max pods. Karpenter's
        // max pods for an m5.large (3 ENIs of 10 IPs) is ENIs x (IPs - 1) + 2: 3 x 9 + 2 = 29, and (3 - 1) x 9 + 2 = 20
        // with one ENI reserved.
        var yaml = Vpc + """

            clusters:
              - name: blue
                controlPlaneSubnets: [cp1, cp2]
                karpenter: { reservedEnis: 1 }
                nodePools:
                  - { name: blue-pool, instanceTypes: [m5.large], subnets: [s1, s2], pods: { count: 10, cpu: 100m, memory: 128Mi } }
              - name: green
                controlPlaneSubnets: [cp1, cp2]
                nodePools:
                  - { name: green-pool, instanceTypes: [m5.large], subnets: [s1, s2], pods: { count: 10, cpu: 100m, memory: 128Mi } }
            """;
        var scenario = LoadText(yaml).Scenario!;
        var plan = CapacityPlanner.Plan(ProvisionedScenario.Of(scenario));
        var maxPods = plan.NodeGroups.ToDictionary(g => g.Cluster, g => g.MaxPodsPerNode);
        Assert.That((maxPods["blue"], maxPods["green"]), Is.EqualTo((20, 29)));

        var written = Core.ScenarioFile.ScenarioYaml.Write(Core.ScenarioFile.ScenarioDocument.From(scenario, ["round trip"]));
        var reloaded = LoadText(written).Scenario!;
        Assert.That((reloaded.KarpenterOf("blue").ReservedEnis, reloaded.KarpenterOf("green").ReservedEnis), Is.EqualTo((1, 0)), written);
    }
}
