using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>The runway on hand-checkable scenarios; each month below is derived by hand in the test's comment.</summary>
public class RunwayTests
{
    private const int A = 0;

    private static ProvisionedScenario Load(string cni, string group, string growth = "")
    {
        var yaml = $$"""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
            cni: {{cni}}
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a, b], {{group}}{{growth}} }
            """;
        return ScenarioOf(yaml, "runway.yaml");
    }

    private static RunwayOptions Growth(string rate, int months = 36, int runs = 1, int seed = 1) => new()
    {
        Months = months,
        Runs = runs,
        Seed = seed,
        Growth = new Dictionary<string, GrowthRate>(StringComparer.Ordinal) { ["g"] = GrowthRate.Parse(rate, "test") },
    };

    [Test]
    public void Run_LinearGrowth_RunsOutInTheMonthThatNeedsNodeSeventeen()
    {
        // CapacityPlannerTests.Plan_SlashTwentyFourWithM5LargeDefaults_MatchesHandCount derives nodesThatFit = 16 for this
        // group (30 addresses per node, 8 per /24, round robin a, b): node 17, the 9th in a, fails on addresses.
        // 2 nodes x 10 pods = 20 pods, +20 pods a month: month m runs 20 + 20m pods on 2 + 2m nodes.
        // 2 + 2m > 16 first at m = 8 (18 nodes): node 17 fails in a, node 18 (the 9th in b) in b, both in month 8.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10");
        Assert.That(CapacityPlanner.Plan(scenario).NodeGroups.Single().NodesThatFit, Is.EqualTo(16));

        var report = Runway.Run(scenario, Growth("+20/month"));

        Assert.That(report.Subnets.Select(s => (s.Id, s.RunsOutInMonth, s.Reason)), Is.EqualTo(new[] { ("a", (int?)8, "addresses"), ("b", 8, "addresses") }));
        Assert.That(report.FirstExhausted, Is.EqualTo(new RunwayExhaustion("a", 8, "addresses", "g", report.FirstExhausted!.Detail)));
        Assert.That(report.Points[7].Nodes[0], Is.EqualTo(16), "month 7: 160 pods on 16 nodes, all fit");
        Assert.That(report.NodeGroups.Single().MaxNodesReachedInMonth, Is.Null, "100 nodes: 2 + 2m > 100 only after month 49");
    }

    [Test]
    public void Run_NodeStoppedByMaxPods_IsTheGroupsLimitNotASubnetRunningOut()
    {
        // kubelet maxPods 11 with 10 pods and the 2 host-network pods: 12 > 11, so every node of g fails on max pods,
        // from the one running now (month 0). Over 6 months at +10 pods a month g runs at most 7 nodes, about 20
        // addresses each, far below the 2 x 251 the /24s hold: no subnet runs out, and none may be blamed.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 1, maxNodes: 100, podsPerNode: 10, maxPods: 11");

        var report = Runway.Run(scenario, Growth("+10/month", months: 6));

        Assert.That(report.Subnets.Select(s => s.RunsOutInMonth), Is.All.Null, "no subnet ran out");
        Assert.That(report.FirstExhausted, Is.Null);
        var group = report.NodeGroups.Single();
        Assert.That(group.NodeLimitInMonth, Is.EqualTo(0));
        Assert.That(group.NodeLimit, Does.Contain("max pods 11"));
        Assert.That(report.Verdict, Does.Contain("group g stops growing in month 0, not for want of addresses"));
    }

    [Test]
    public void Run_NodeLimitWithUncertainGrowth_PercentilesOfTheNodeLimitMonth()
    {
        // No node runs now; kubelet maxPods 11 < 10 pods + 2 host-network pods, so the group's first node fails on max
        // pods. +100±1 pods a month: month 1 draws 100 ± a few pods in every run (never below 0.5), so every run starts
        // its first node, and hits the limit, in month 1: P10 = P50 = P90 = 1, all runs within the horizon.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 0, maxNodes: 100, podsPerNode: 10, maxPods: 11");

        var report = Runway.Run(scenario, Growth("+100±1/month", months: 6, runs: 50));

        var group = report.NodeGroups.Single();
        Assert.That(group.NodeLimitInMonth, Is.EqualTo(1));
        Assert.That(group.NodeLimitPercentiles, Is.EqualTo(new MonthPercentiles(1, 1, 1, 1)));
    }

    [Test]
    public void Run_NodeLimitOnlyInSomeRuns_MeanPathHasNoneButPercentilesDo()
    {
        // +0±1 pods a month from 0 pods (never below 0): the mean path never has a pod, so never a node and no node
        // limit. In a run, the first node comes in the first month the pods reach 0.5 (rounded to 1 pod); in month 1
        // that is a draw >= 0.5, P = 1 - Phi(0.5) = 0.31 of the runs, more than the 10% P10 needs and less than the 90%
        // P90 needs: over 400 runs (+-2.3% standard error) P10 is month 1 and P90 a later month (or past the horizon).
        var scenario = Load("{ version: 1.19.0 }", "nodes: 0, maxNodes: 100, podsPerNode: 10, maxPods: 11");

        var report = Runway.Run(scenario, Growth("+0±1/month", months: 12, runs: 400));

        var group = report.NodeGroups.Single();
        Assert.That(group.NodeLimitInMonth, Is.Null);
        Assert.That(group.NodeLimitPercentiles!.P10, Is.EqualTo(1));
        Assert.That(group.NodeLimitPercentiles.P90 ?? int.MaxValue, Is.GreaterThan(1));
        Assert.That(group.NodeLimitPercentiles.ShareWithinHorizon, Is.GreaterThan(0.31).And.LessThanOrEqualTo(1));
    }

    [Test]
    public void Run_PercentGrowth_CompoundsMonthByMonth()
    {
        // 20 pods, +50% a month (compounded on the fractions; nodes serve the pods rounded to whole pods), 10 pods per
        // node: 30 (3 nodes), 45 (5), 67.5 -> 68 (7), 101.25 -> 101 (11), 151.875 -> 152 (16), 227.8125 -> 228 (23 nodes) in month 6: the first month past the 16 nodes that fit. A linear +10 pods a month (50% of
        // month 0) would need 20 + 10m > 160, month 15.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10");

        var report = Runway.Run(scenario, Growth("+50%/month"));

        Assert.That(report.Points.Take(7).Select(p => p.PodsWanted[0]), Is.EqualTo(new[] { 20, 30, 45, 68, 101, 152, 228 }), "151.875 pods, rounded for display");
        Assert.That(report.Points.Take(6).Select(p => p.Nodes[0]), Is.EqualTo(new[] { 2, 3, 5, 7, 11, 16 }), "nodes that started, while every node fits");
        // 16 nodes have room for 160 pods; what runs is never more than the 152 the growth wants.
        Assert.That(report.Points[5].Pods[0], Is.EqualTo(152));
        Assert.That(report.FirstExhausted!.Month, Is.EqualTo(6));
        Assert.That(Runway.Run(scenario, Growth("+10/month")).FirstExhausted!.Month, Is.EqualTo(15));
    }

    [Test]
    public void Run_GroupReachesMaxNodesFirst_NoSubnetRunsOut()
    {
        // +20 pods a month from 2 nodes: month 4 needs 10 nodes (= maxNodes), month 5 needs 12 > 10, so maxNodes binds
        // in month 5 and the group stays at 10 nodes, well under the 16 that fit: no subnet runs out in 36 months.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 10, podsPerNode: 10");

        var report = Runway.Run(scenario, Growth("+20/month"));

        var g = report.NodeGroups.Single();
        // At month 36 the growth wants 20 + 36 x 20 = 740 pods; the 10 nodes at maxNodes run 10 x 10 = 100 of them.
        Assert.That((g.MaxNodesReachedInMonth, g.NodesAtHorizon, g.PodsWantedAtHorizon, g.PodsAtHorizon), Is.EqualTo(((int?)5, 10, 20 + (36 * 20), 100)));
        Assert.That(report.Subnets.Select(s => s.RunsOutInMonth), Is.All.Null);
        Assert.That(report.FirstExhausted, Is.Null);
        Assert.That(report.Verdict, Does.Contain("reaches maxNodes 10 in month 5"));
    }

    [Test]
    public void Run_PrefixDelegation_RunsOutOfFreeSlash28sWhileAddressesRemain()
    {
        // CapacityPlannerTests.Plan_PrefixDelegation_FailsOnNoFreeSlash28BeforeAddressesRunOut: each node takes 2 /28s,
        // a /24 has 14 fully free ones, so 7 nodes per subnet (14 in all) fit and node 15 (8th in a) gets no /28.
        // +20 pods a month from 2 nodes: 2 + 2m > 14 first in month 7.
        // End of month 6, a holds the control plane ENI, 7 node IPs and 14 x 16 prefix addresses = 232 of 251 used:
        // 19 addresses are free but no /28 is.
        var scenario = Load("{ prefixDelegation: true }", "nodes: 2, maxNodes: 30, podsPerNode: 10");

        var report = Runway.Run(scenario, Growth("+20/month"));

        var a = report.Subnets[A];
        Assert.That((a.RunsOutInMonth, a.Reason), Is.EqualTo(((int?)7, "no free /28")));
        Assert.That((report.Points[6].Used[A], report.Points[6].FreePrefixes[A]), Is.EqualTo((232, 0)));
        Assert.That(report.Points[7].Used[A], Is.LessThan(a.Usable), "addresses remain in the month the /28s ran out");
    }

    [Test]
    public void Run_UncertainGrowth_NarrowSpreadGivesTheMeanMonthAtEveryPercentile()
    {
        // +20±0.001 pods a month: after m months the pods are 20 + 20m within a few thousandths, which round to the same
        // whole pods as the mean path (month 7: 160 pods, 16 nodes; month 8: 180 pods, 18 nodes), so every run runs out
        // in month 8 like the linear test, and P10 = P50 = P90 = 8.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10");

        var report = Runway.Run(scenario, Growth("+20±0.001/month", runs: 40, seed: 9));

        Assert.That(report.FirstExhaustedPercentiles, Is.EqualTo(new MonthPercentiles(8, 8, 8, 1)));
        Assert.That(report.Subnets[A].Percentiles, Is.EqualTo(new MonthPercentiles(8, 8, 8, 1)));

        // Every run is the mean path, so the band of used addresses has no width.
        var mean = report.Points.Select(p => p.Used[A]).ToList();
        Assert.That((report.Bands![A].P10, report.Bands[A].P90), Is.EqualTo((mean, mean)));
    }

    [Test]
    public void Run_CertainGrowthManyRuns_NoBand()
    {
        // Without ±SD every run is the same path: percentiles equal the month, and no band is drawn.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10");
        var report = Runway.Run(scenario, Growth("+20/month", runs: 10));
        Assert.That(report.FirstExhaustedPercentiles, Is.EqualTo(new MonthPercentiles(8, 8, 8, 1)));
        Assert.That(report.Bands, Is.Null);
    }

    [Test]
    public void Run_UncertainGrowth_WideSpreadOrdersThePercentiles()
    {
        // +20±15 pods a month: some runs grow faster than the mean, some slower, so P10 <= P50 <= P90 and the runs do not
        // all agree; no draw can make a run out before month 1 or after its horizon be counted within it.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10");

        var p = Runway.Run(scenario, Growth("+20±15/month", months: 24, runs: 200, seed: 4)).FirstExhaustedPercentiles!;

        Assert.That(new[] { p.P10, p.P50, p.P90 }, Is.All.Not.Null);
        Assert.That(new[] { p.P10!.Value, p.P50!.Value, p.P90!.Value }, Is.Ordered);
        Assert.That(p.P10, Is.LessThan(p.P90));
        Assert.That(p.P10, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Run_GrowthInTheScenario_SameAsTheFlagAndTheFlagWins()
    {
        var fromFile = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10", ", growth: +20/month");

        Assert.That(Runway.Run(fromFile, new RunwayOptions()).FirstExhausted!.Month, Is.EqualTo(8));
        Assert.That(Runway.Run(fromFile, Growth("+50%/month")).FirstExhausted!.Month, Is.EqualTo(6));
    }

    [Test]
    public void Run_NoGrowthAnywhere_SaysHowToGiveIt()
    {
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 100, podsPerNode: 10");
        var error = Assert.Throws<InputException>(() => Runway.Run(scenario, new RunwayOptions()));
        Assert.That(error!.Message, Does.Contain("no node group or NodePool has a growth rate").And.Not.Contain("--"), "Core names settings, not CLI flags");
    }

    [Test]
    public void NodesNeeded_AfterMonths_IsCeilOfPodsOverPodsPerNodeUpToMaxNodes()
    {
        // 20 pods + 6 x 15 = 110 pods: 11 nodes of 10; after 12 months 200 pods would need 20, maxNodes 15 stops it.
        var scenario = Load("{ version: 1.19.0 }", "nodes: 2, maxNodes: 15, podsPerNode: 10");
        var growth = new Dictionary<string, GrowthRate>(StringComparer.Ordinal) { ["g"] = GrowthRate.Parse("+15/month", "test") };
        Assert.That(RunwayTargets.NodesNeeded(scenario, growth, 6)["g"], Is.EqualTo(11));
        Assert.That(RunwayTargets.NodesNeeded(scenario, growth, 12)["g"], Is.EqualTo(15));
    }

    [TestCase("+40/month", GrowthUnit.Pods, 40, 0)]
    [TestCase("40/month", GrowthUnit.Pods, 40, 0)]
    [TestCase("-5/month", GrowthUnit.Pods, -5, 0)]
    [TestCase("+5%/month", GrowthUnit.Percent, 5, 0)]
    [TestCase("+2.5%/month", GrowthUnit.Percent, 2.5, 0)]
    [TestCase("+40±10/month", GrowthUnit.Pods, 40, 10)]
    [TestCase("+40+-10/month", GrowthUnit.Pods, 40, 10)]
    [TestCase("+5±2%/month", GrowthUnit.Percent, 5, 2)]
    public void GrowthRate_ValidForms_Parse(string text, GrowthUnit unit, double mean, double sd) =>
        Assert.That(GrowthRate.Parse(text, "test"), Is.EqualTo(new GrowthRate(unit, mean, sd)));

    [TestCase("+40")]
    [TestCase("+40/week")]
    [TestCase("forty/month")]
    [TestCase("+40±/month")]
    [TestCase("+1e3/month")]
    [TestCase("+2000%/month")]
    [TestCase("-150%/month")]
    [TestCase("")]
    public void GrowthRate_InvalidForms_RefusedWithTheValidForms(string text)
    {
        Assert.That(GrowthRate.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain($"'{text}'"));
    }

    // Full-width (U+FF10..) and Arabic-Indic (U+0660..) digits: \d matched them and double.Parse then threw (exit 70).
    [TestCase("+\uFF12\uFF15/month", '\uFF12')]
    [TestCase("+\uFF15%/month", '\uFF15')]
    [TestCase("+40\u00B1\u0661\u0660/month", '\u0661')]
    public void GrowthRate_ForeignDigits_RefusedNamingTheDigit(string text, char digit)
    {
        Assert.That(GrowthRate.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain($"'{text}' is not a growth rate").And.Contain($"digits are 0-9; '{digit}' is a digit of another script"));
    }

    // A rate of the right form but past the limits (1,000,000 pods, 1,000 %) is too large, not "not a growth rate".
    [TestCase("+2147483647/month", "too large (pods a month from -1,000,000 to +1,000,000")]
    [TestCase("+99999999999999999999999999/month", "too large (pods a month")]
    [TestCase("+1000.5%/month", "too large (a monthly percentage from -100 to +1000")]
    [TestCase("-2000000/month", "too small (pods a month")]
    public void GrowthRate_PastTheLimits_NamedTooLargeOrSmall(string text, string expected)
    {
        Assert.That(GrowthRate.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain($"'{text}' is {expected}"));
    }

    [Test]
    public void GrowthRate_ToString_RoundTrips() =>
        Assert.That(new[] { "+40/month", "+5%/month", "+40±10/month", "-3/month" }.Select(t => GrowthRate.Parse(t, "test").ToString()),
            Is.EqualTo(new[] { "+40/month", "+5%/month", "+40±10/month", "-3/month" }));
}
