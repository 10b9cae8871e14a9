using System.Text.Json;
using NUnit.Framework;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using IpPlanner.Tests.Cli;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Engine;

/// <summary>
/// Nodes launched one at a time against nodes launched at once, on the cluster of elastic-ipfs/infrastructure#220 and
/// #221: two /24 subnets (the cluster's, one control-plane ENI each), c6i.2xlarge, CNI defaults (WARM_ENI_TARGET=1), 20
/// nodes, 4 VPC pods each. The pod count and the control-plane ENIs are this test's assumptions, not the repository's.
/// </summary>
/// <remarks>
/// By hand. c6i.2xlarge has 4 ENIs x 15 IPv4, so 14 slots per ENI (pkg/vpc/vpc_ip_resource_limit.go:1365-1367@b521883).
/// A /24 has 251 usable addresses, 250 after the control-plane ENI. One node at steady state: ipamd fills the primary
/// ENI with 14 (Available 14 is not below 14, so not low); 4 pods leave Available 10 &lt; 14, so ENI 2 comes with 14:
/// (1 + 14) + (1 + 14) = 30 addresses. Nodes alternate between the two subnets, so each holds 10 of the 20.
/// <para>One at a time, per subnet: nodes 1-8 take 8 x 30 = 240, leaving 10. Node 9 takes its node IP (9 left), asks
/// 14 for its primary ENI, fails, asks 1 at a time (ipamd's fallback) and gets 9, enough for its 4 pods; its second
/// ENI (15 addresses) never comes: 10 addresses, subnet full. Node 10 gets no primary IP: it cannot start. 9 + 9 = 18.</para>
/// <para>At once, per subnet: 10 primary IPs first (240 left). Nodes 1-8 add 14 + 15 = 29 each, 232, leaving 8. Node 9
/// gets 8 secondaries, runs its 4 pods. Node 10 gets none: it started, and its 4 pods wait. 20 started, 8 pods pending,
/// both subnets at 0 free: what #221 reported. The 19 nodes #220 saw lie between 18 and 20.</para>
/// </remarks>
public class LaunchOrderTests
{
    internal const string ElasticIpfs = """
        cluster: { name: ipfs, controlPlaneSubnets: [subnet-a, subnet-b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: subnet-a, cidr: 10.0.1.0/24, zone: us-west-2a }
          - { id: subnet-b, cidr: 10.0.2.0/24, zone: us-west-2b }
        nodeGroups:
          - { name: peer, instanceType: c6i.2xlarge, subnets: [subnet-a, subnet-b], nodes: 20, podsPerNode: 4 }
        """;

    private static List<PlacedNode> InSubnet(ClusterState state, string id) => [.. state.Nodes.Where(n => n.Subnet.Spec.Id == id)];

    [Test]
    public void Sequential_ElasticIpfs_EighteenStart()
    {
        var state = ClusterState.BuildPlanned(ScenarioOf(ElasticIpfs));
        foreach (var id in new[] { "subnet-a", "subnet-b" })
        {
            var nodes = InSubnet(state, id);
            Assert.That(nodes.Take(8).Select(n => n.Node.SubnetIpsUsed), Is.All.EqualTo(30), id);
            Assert.That((nodes[8].Node.SubnetIpsUsed, nodes[8].PodsRunning, nodes[8].Failure), Is.EqualTo((10, 4, PodFailure.None)), id);
            Assert.That(nodes[9].Failure, Is.EqualTo(PodFailure.NodeNotStarted), id);
            Assert.That(state.Subnet(id).Space.Free, Is.Zero, id);
        }

        Assert.That(state.Nodes.Count(n => n.Node.Started), Is.EqualTo(18));
        Assert.That(state.Nodes.Sum(n => n.PodsPending), Is.Zero);
    }

    [Test]
    public void Burst_ElasticIpfs_TwentyStartAndEightPodsWait()
    {
        var state = ClusterState.BuildPlanned(ScenarioOf(ElasticIpfs), launch: LaunchOrder.Burst);
        foreach (var id in new[] { "subnet-a", "subnet-b" })
        {
            var nodes = InSubnet(state, id);
            Assert.That(nodes.Take(8).Select(n => n.Node.SubnetIpsUsed), Is.All.EqualTo(30), id);
            Assert.That((nodes[8].Node.SubnetIpsUsed, nodes[8].PodsRunning, nodes[8].PodsPending), Is.EqualTo((9, 4, 0)), id);
            Assert.That((nodes[9].Node.Started, nodes[9].Node.SubnetIpsUsed, nodes[9].PodsPending), Is.EqualTo((true, 1, 4)), id);
            Assert.That(nodes[9].Reason, Is.EqualTo(FailureReason.SubnetAddresses), id);
            Assert.That(state.Subnet(id).Space.Free, Is.Zero, id);
        }

        Assert.That(state.Nodes.Count(n => n.Node.Started), Is.EqualTo(20));
        Assert.That(state.Nodes.Sum(n => n.PodsPending), Is.EqualTo(8));
    }

    [Test]
    public void ElasticIpfs_NineteenThatCameUp_LieBetweenTheOrders()
    {
        var scenario = ScenarioOf(ElasticIpfs);
        var oneAtATime = ClusterState.BuildPlanned(scenario).Nodes.Count(n => n.Node.Started);
        var atOnce = ClusterState.BuildPlanned(scenario, launch: LaunchOrder.Burst).Nodes.Count(n => n.Node.Started);
        Assert.That(oneAtATime, Is.LessThan(19));
        Assert.That(atOnce, Is.GreaterThan(19));
    }

    [Test]
    public void PlanJson_Burst_GivesPodsPendingAndTheMargin()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipfs-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ElasticIpfs);
        try
        {
            var run = CliRun.Of("plan", path, "--launch", "burst", "-o", "json");
            Assert.That(run.ExitCode, Is.Zero, run.Error);
            using var json = JsonDocument.Parse(run.Out);
            Assert.That(json.RootElement.GetProperty("launch").GetString(), Is.EqualTo("burst"));
            var group = json.RootElement.GetProperty("nodeGroups")[0];
            Assert.That(group.GetProperty("nodesStarted").GetInt32(), Is.EqualTo(20));
            Assert.That(group.GetProperty("podsPending").GetInt32(), Is.EqualTo(8));
            // The last node of each subnet (nodes 19 and 20, indexes 18 and 19) waits for addresses, so the nodes that
            // fit when all grow at once are the 18 before them, with their 4 pods each: 72 pods fit, not 80.
            Assert.That(group.GetProperty("nodesWhenAllGrow").GetInt32(), Is.EqualTo(18));
            Assert.That(json.RootElement.GetProperty("cluster").GetProperty("podsThatFit").GetInt32(), Is.EqualTo(72));
            var other = group.GetProperty("otherLaunch");
            Assert.That((other.GetProperty("launch").GetString(), other.GetProperty("nodesStarted").GetInt32(), other.GetProperty("podsPending").GetInt32()),
                Is.EqualTo(("sequential", 18, 0)));
            Assert.That(json.RootElement.GetProperty("verdict").GetString(), Does.Contain("planned nodes launched at once: all 20 start and 8 pods wait for an address (one at a time, 18 of 20 start)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Plan_Sequential_StatesTheBurstMarginOnlyWhereItDiffers()
    {
        var plan = CapacityPlanner.Plan(ScenarioOf(ElasticIpfs));
        var group = plan.NodeGroups.Single();
        Assert.That((group.NodesStarted, group.PodsPending, group.NodesThatFit), Is.EqualTo((18, 0, 18)));
        Assert.That(plan.Verdict, Does.EndWith("; launched at once instead, all 20 start and 8 pods wait for an address"));
        Assert.That(plan.Warnings.Single(w => w.Code == FindingCodes.LaunchOrderMargin).Message,
            Is.EqualTo("of the 20 planned nodes of peer, launched one at a time 18 of 20 start; launched at once (a burst) all 20 start and 8 pods wait for an address"));

        // 16 nodes fit either way (8 per subnet, 8 x 30 = 240 of 250): no margin, and the verdict is as it always was.
        var fits = CapacityPlanner.Plan(ScenarioOf(ElasticIpfs.Replace("nodes: 20", "nodes: 16", StringComparison.Ordinal)));
        Assert.That(fits.NodeGroups.Single().OtherLaunch, Is.Null);
        Assert.That(fits.Warnings.Select(w => w.Code), Does.Not.Contain(FindingCodes.LaunchOrderMargin));
        Assert.That(fits.Verdict, Does.Not.Contain("at once"));
    }

    [Test]
    public void NodesThatFit_Burst_MoreNodesAtOnceOnTopOfThePlan()
    {
        // 10 nodes planned, 5 per subnet: 5 x 30 = 150 of 250, 100 free. A burst of m more in a subnet takes m primaries
        // first (100 - m left); then each new node takes 14 + 15 = 29 while it can. m = 4: 96 - 3 x 29 = 9 left, and
        // the fourth takes those 9 secondaries (one at a time after its ask for 14 fails) and runs its 4 pods. m = 5:
        // 95 - 87 = 8, the fourth takes all 8, the fifth gets none and its pods wait. So 4 more per subnet, 8 more in
        // all (a burst of 9 puts 5 in subnet-a): 18, as one at a time (docs/rules.md, "Launch order").
        var plan = CapacityPlanner.Plan(ScenarioOf(ElasticIpfs.Replace("nodes: 20", "nodes: 10", StringComparison.Ordinal)), launch: LaunchOrder.Burst);
        Assert.That(plan.NodeGroups.Single().NodesThatFit, Is.EqualTo(18));
    }

    [Test]
    public void ScaleCurve_Burst_EachCountAtOnce()
    {
        // n = 17 at once: 9 nodes in subnet-a (9 primaries, 8 x 29, the 9th the last 9: 1 + 240 + 10 = 251) and 8 in
        // subnet-b (1 + 8 x 30 = 241). n = 19: 10 in subnet-a, whose 10th node starts and waits (the burst above):
        // subnet-a runs out at 19 and subnet-b, by the same count, at 20.
        var curve = Core.Simulation.ScaleCurve.Run(ScenarioOf(ElasticIpfs), "peer", 0, 20, LaunchOrder.Burst);
        Assert.That(curve.Launch, Is.EqualTo("burst"));
        Assert.That(curve.Points.Single(p => p.Nodes == 17).Used, Is.EqualTo(new[] { 251, 241 }));
        Assert.That(curve.Points.Single(p => p.Nodes == 20).NodesFailed, Is.EqualTo(2));
        Assert.That(curve.Subnets.Select(s => (s.ExhaustedAtNodes, s.Cause)), Is.EqualTo(new (int?, FailureReason?)[] { (19, FailureReason.SubnetAddresses), (20, FailureReason.SubnetAddresses) }));
    }

    [Test]
    public void ScaleCurve_BurstWiderThanItsLimit_IsAnInputError()
    {
        Assert.That(() => Core.Simulation.ScaleCurve.Run(ScenarioOf(ElasticIpfs), "peer", 0, Core.Simulation.ScaleCurve.BurstRangeLimit + 1, LaunchOrder.Burst),
            Throws.TypeOf<InputException>().With.Message.Contain("the most a burst curve runs"));
    }

    [Test]
    public void Runway_Burst_TheMonthsNodesStartAtOnce()
    {
        // From no nodes, 80 pods a month at 4 per node: month 1 asks for 20 nodes. One at a time node 19 cannot start
        // (node subnet full); at once all 20 start and node 19's pods wait for addresses.
        var yaml = ElasticIpfs.Replace("nodes: 20, podsPerNode: 4", "nodes: 0, maxNodes: 20, podsPerNode: 4, growth: +80/month", StringComparison.Ordinal);
        var scenario = ScenarioOf(yaml);
        var oneAtATime = Runway.Run(scenario, new RunwayOptions { Months = 2 });
        var atOnce = Runway.Run(scenario, new RunwayOptions { Months = 2, Launch = LaunchOrder.Burst });
        Assert.That((oneAtATime.FirstExhausted!.Month, oneAtATime.FirstExhausted.Reason), Is.EqualTo((1, "node subnet full")));
        Assert.That((atOnce.FirstExhausted!.Month, atOnce.FirstExhausted.Reason), Is.EqualTo((1, "addresses")));
        Assert.That(atOnce.Verdict, Does.EndWith("; each month's new nodes launched at once"));
        Assert.That(atOnce.Launch, Is.EqualTo("burst"));
    }
}
