using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>
/// The runway of a Karpenter NodePool whose pending pods grow (nodePools[].growth). Every scenario allows only
/// m5.large, and each pending pod asks 190m CPU and 100Mi: docs/allocatable.md gives an m5.large 2000m less
/// kube-reserved 60m (6% of the first core) + 10m (1% of the second) = 1930m allocatable CPU, and 10 x 190m = 1900m
/// fits where 11 x 190m = 2090m does not; memory (8192 - 615 overhead - 574 reserved - 100 eviction = 6903 MiB) and
/// the ENI-limited 29 max pods (10 + 2 host-network pods) hold more. So Karpenter packs 10 pods per m5.large.
/// </summary>
public class RunwayNodePoolTests
{
    private static ProvisionedScenario Load(string pool)
    {
        var yaml = $$"""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: us-east-1a }
              - { id: b, cidr: 10.0.2.0/24, zone: us-east-1b }
            cni: { version: 1.19.0 }
            nodePools:
              - { name: p, instanceTypes: [m5.large], subnets: [a, b], {{pool}} }
            """;
        return ScenarioOf(yaml, "runway-pool.yaml");
    }

    private static RunwayOptions Options(int months = 36, int runs = 1) => new() { Months = months, Runs = runs };

    [Test]
    public void Run_PoolLinearGrowth_RunsOutInTheMonthThatNeedsNodeSeventeen()
    {
        // 10 pods per m5.large (class comment), so the pool's nodes are the node group of
        // RunwayTests.Run_LinearGrowth_RunsOutInTheMonthThatNeedsNodeSeventeen: 10 pods on m5.large with default max
        // pods, round robin a, b; CapacityPlannerTests derives 16 such nodes fit in the two /24s. 20 pending pods + 20 a
        // month: month m asks 20 + 20m pods on 2 + 2m full nodes; 2 + 2m > 16 first in month 8 (node 17 fails in a).
        var scenario = Load("pods: { count: 20, cpu: 190m, memory: 100Mi }, growth: +20/month");

        var report = Runway.Run(scenario, Options());

        Assert.That(report.NodeGroups, Is.Empty, "the pool's NodeClaim groups are the pool's, not node groups of their own");
        var pool = report.NodePools.Single();
        Assert.That((pool.Name, pool.Growth, pool.PodsNow, pool.NodesNow, pool.LimitsReachedInMonth), Is.EqualTo(("p", "+20/month", 20, 2, (int?)null)));
        Assert.That(report.Points[7].PoolNodes[0], Is.EqualTo(16), "month 7: 160 pods on 16 nodes, all fit");
        Assert.That(report.Subnets.Select(s => (s.Id, s.RunsOutInMonth, s.Reason)), Is.EqualTo(new[] { ("a", (int?)8, "addresses"), ("b", 8, "addresses") }));
        Assert.That((report.FirstExhausted!.Subnet, report.FirstExhausted.Month, report.FirstExhausted.NodePool), Is.EqualTo(("a", 8, "p")));
        Assert.That(report.Verdict, Does.StartWith("subnet a runs out first, in month 8, when NodePool p places more pods"));
    }

    [Test]
    public void Run_PoolLimits_BindInTheMonthThePodsNeedASixthNode()
    {
        // limits.cpu 10 is five m5.large (2 vCPUs each, the capacity Karpenter charges a limit). 20 pods + 20 a month:
        // month 1 runs 40 pods on 4 nodes; month 2 asks 60 pods, 6 nodes, but only 10 - 8 = 2 vCPUs are left: the 5th
        // node launches with 10 pods and 10 stay pending, so the limits bind in month 2. After 6 months: 140 pods asked,
        // 5 nodes, 140 - 50 = 90 pending. The /24s hold 16 such nodes, so no subnet runs out.
        var scenario = Load("limits: { cpu: 10 }, pods: { count: 20, cpu: 190m, memory: 100Mi }, growth: +20/month");

        var report = Runway.Run(scenario, Options(months: 6));

        var pool = report.NodePools.Single();
        Assert.That((pool.LimitsReachedInMonth, pool.Stop, pool.Limits), Is.EqualTo(((int?)2, "limits", "cpu 10")));
        Assert.That((pool.PodsWantedAtHorizon, pool.NodesAtHorizon, pool.PodsPendingAtHorizon), Is.EqualTo((140, 5, 90)));
        Assert.That(report.Points.Select(p => p.PoolNodes[0]), Is.EqualTo(new[] { 2, 4, 5, 5, 5, 5, 5 }));
        Assert.That(report.FirstExhausted, Is.Null);
        Assert.That(report.Verdict, Does.Contain("NodePool p reaches its limits (cpu 10) in month 2 and leaves pods pending"));
    }

    [Test]
    public void Run_PoolGrowth_NewPodsFillTheNodeWithRoomBeforeANewNode()
    {
        // 15 pods: Karpenter launches a node with 10 and one with 5. +5 a month: month 1's 5 new pods fit the second
        // node's room (10 - 5), so no node launches; month 2's 5 need a new node (5 pods), month 3's fill it, and so on:
        // nodes 2, 2, 3, 3, 4.
        var scenario = Load("pods: { count: 15, cpu: 190m, memory: 100Mi }, growth: +5/month");

        var report = Runway.Run(scenario, Options(months: 4));

        Assert.That(report.Points.Select(p => p.PoolNodes[0]), Is.EqualTo(new[] { 2, 2, 3, 3, 4 }));
        Assert.That(report.Points.Select(p => p.PoolPodsWanted[0]), Is.EqualTo(new[] { 15, 20, 25, 30, 35 }));
    }

    [Test]
    public void Run_PoolUncertainGrowth_LimitsMonthPercentilesAndSameSeedSameReport()
    {
        // As Run_PoolLimits_BindInTheMonthThePodsNeedASixthNode with +20±1: month 1 asks 38 to 42 pods (4 nodes, or 5
        // for 41 or more, still within the 5-node limit), month 2 at least 57 (6 nodes): every run binds in month 2.
        var scenario = Load("limits: { cpu: 10 }, pods: { count: 20, cpu: 190m, memory: 100Mi }, growth: +20±1/month");

        var report = Runway.Run(scenario, Options(months: 6, runs: 40));

        Assert.That(report.NodePools.Single().Percentiles, Is.EqualTo(new MonthPercentiles(2, 2, 2, 1)));
        var again = Runway.Run(scenario, Options(months: 6, runs: 40));
        Assert.That(again.NodePools.Single().PodsWantedAtHorizon, Is.EqualTo(report.NodePools.Single().PodsWantedAtHorizon));
    }

    [Test]
    public void Run_PoolNodeStoppedByItsOwnLimit_IsThePoolsNotASubnetRunningOut()
    {
        // Prefix delegation with WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET all 0: aws-node refuses to
        // start on every node (docs/rules.md, failure reasons). No pod is pending now, so the first node comes in month 1
        // (20 pods: two m5.large of 10) and fails then; that is the pool's own limit, and no subnet runs out.
        var yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: us-east-1a }
              - { id: b, cidr: 10.0.2.0/24, zone: us-east-1b }
            cni: { version: 1.19.0, prefixDelegation: true, warmPrefixTarget: 0, warmIpTarget: 0, minimumIpTarget: 0 }
            nodePools:
              - { name: p, instanceTypes: [m5.large], subnets: [a, b], pods: { count: 0, cpu: 190m, memory: 100Mi }, growth: +20/month }
            """;
        var scenario = LoadText(yaml, "refused.yaml").Provisioned!;

        var report = Runway.Run(scenario, Options(months: 3));

        var pool = report.NodePools.Single();
        Assert.That(pool.NodeLimitInMonth, Is.EqualTo(1));
        Assert.That(pool.NodeLimit, Does.Contain("aws-node refuses to start"));
        Assert.That(report.Subnets.Select(s => s.RunsOutInMonth), Is.All.Null);
        Assert.That(report.Verdict, Does.Contain("NodePool p's nodes stop in month 1, not for want of addresses"));
    }

    [Test]
    public void GrowthOf_OverrideNamesAPool_PoolGrowsAndUnknownNamesListThePools()
    {
        var scenario = Load("pods: { count: 20, cpu: 190m, memory: 100Mi }");
        var growth = Runway.GrowthOf(scenario, new Dictionary<string, GrowthRate> { ["p"] = GrowthRate.Parse("+20/month", "test") });
        Assert.That(growth.Keys, Is.EqualTo(new[] { "p" }));

        var error = Assert.Throws<InputException>(() => Runway.GrowthOf(scenario, new Dictionary<string, GrowthRate> { ["p/m5.large"] = GrowthRate.Parse("+20/month", "test") }));
        Assert.That(error!.Message, Does.Contain("NodePools: p"));
    }

    [Test]
    public void Load_PoolGrowthNotARate_ErrorNamesTheField()
    {
        var yaml = """
            cluster: { name: t, controlPlaneSubnets: [a] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: us-east-1a }
            nodePools:
              - name: p
                instanceTypes: [m5.large]
                subnets: [a]
                pods: { count: 20 }
                growth: 20 pods
            """;
        var result = LoadText(yaml, "bad.yaml");
        var error = result.Diagnostics.Single(d => d.Code == FindingCodes.GrowthInvalid);
        Assert.That((error.Field, error.Line), Is.EqualTo(("nodePools[0].growth", 10)));
    }
}
