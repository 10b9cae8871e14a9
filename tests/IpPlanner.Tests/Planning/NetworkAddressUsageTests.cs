using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>
/// Network Address Usage summed by hand from the table of the Amazon VPC User Guide, "Network Address Usage for your
/// VPC": each address on an instance's ENI 1, each ENI after the primary 1, each prefix 1, a NAT gateway 6, an NLB
/// and an interface endpoint 6 per zone, an EKS pod whose address no instance ENI holds 1; default quota 64,000,
/// and EC2 refuses a call that would pass it (docs/rules.md, "Network Address Usage").
/// </summary>
public class NetworkAddressUsageTests
{
    // The VPC: m5.large nodes with 10 pods each, round robin over two /17s (32,763 usable addresses each).
    private static string TwoSlash17(int nodes, int maxNodes, string vpcExtra = "", string cni = "{}", string growth = "") => $$"""
        cluster: { name: big, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16]{{vpcExtra}} }
        subnets:
          - { id: a, cidr: 10.0.0.0/17, zone: z1 }
          - { id: b, cidr: 10.0.128.0/17, zone: z2 }
        cni: {{cni}}
        nodeGroups:
          - { name: workers, instanceType: m5.large, subnets: [a, b], nodes: {{nodes}}, maxNodes: {{maxNodes}}, podsPerNode: 10{{growth}} }
        """;

    [Test]
    public void Plan_SecondaryIps_2100Nodes_StopsAtTheQuota()
    {
        // Per node (WARM_ENI_TARGET=1, 10 pods): 3 ENIs holding 3 primaries + 27 secondary IPs = 30 addresses, 30 units,
        // plus 2 ENIs after the primary, 2 units: 32. The control plane's cross-account ENIs are not in the table: 0.
        // 2,000 nodes hold 64,000 units, the quota exactly (allowed: only passing it fails); node 2,001's launch needs
        // 1 more: 64,001 > 64,000, so it cannot start. The subnets would hold all 2,100 (1,050 x 30 = 31,500 of 32,763).
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoSlash17(2100, 2100)));
        Assert.That(plan.Vpc!.NetworkAddressUsage.Units, Is.EqualTo(64_000));
        Assert.That(plan.Vpc.NetworkAddressUsage.Quota, Is.EqualTo(64_000));
        Assert.That(plan.NodeGroups.Single().NodesThatFit, Is.EqualTo(2_000));
        Assert.That(plan.Verdict, Does.StartWith("does not fit now: 100 planned nodes cannot get their pods; first: node 2,001 of group workers (Network Address Usage quota 64,000)"));
        var finding = plan.Warnings.Single(w => w.Code == FindingCodes.NetworkAddressUsageQuota);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.Message, Does.StartWith("node 2,001 of group workers cannot start").And.Contain("NetworkAddressUsageLimitExceeded"));
        Assert.That(plan.Subnets.All(s => s.Free > 0), Is.True, "no subnet ran out");
    }

    [Test]
    public void Plan_SecondaryIps_2100NodesUnderARaisedQuota_Hold67200Units()
    {
        // The same plan under a quota raised to 256,000: every node starts, 2,100 x 32 = 67,200 units.
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoSlash17(2100, 2100, ", networkAddressUsageQuota: 256000")));
        Assert.That(plan.Vpc!.NetworkAddressUsage.Units, Is.EqualTo(67_200));
        Assert.That(plan.Verdict, Does.Not.StartWith("does not fit"));
        Assert.That(plan.Warnings.Select(w => w.Code), Does.Not.Contain(FindingCodes.NetworkAddressUsageQuota));
    }

    [Test]
    public void Plan_PrefixDelegation_2100Nodes_Hold6300Units()
    {
        // WARM_PREFIX_TARGET=1, 10 pods: fewest p with 16p - 10 >= 16 is 2 prefixes on the primary ENI; a node holds its
        // address (1) and two /28s (1 each): 3 units, 2,100 x 3 = 6,300, a tenth of the quota. Each node needs 33
        // addresses, more than two /17s give 2,100 nodes, so the nodes go to two /16s (one per VPC CIDR block).
        var yaml = """
            cluster: { name: big, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16, 10.1.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/16, zone: z1 }
              - { id: b, cidr: 10.1.0.0/16, zone: z2 }
            cni: { prefixDelegation: true, warmPrefixTarget: 1 }
            nodeGroups:
              - { name: workers, instanceType: m5.large, subnets: [a, b], nodes: 2100, podsPerNode: 10 }
            """;
        var plan = CapacityPlanner.Plan(ScenarioOf(yaml));
        Assert.That(plan.Vpc!.NetworkAddressUsage.Units, Is.EqualTo(6_300));
        Assert.That(plan.Verdict, Does.Not.StartWith("does not fit"));
    }

    [Test]
    public void Plan_EveryRowOfTheTable_SummedByHand()
    {
        // NAT gateway 6; interface endpoint in 2 zones 2 x 6 = 12; NLB in 2 zones 2 x 6 = 12; ALB 0 and gateway endpoint
        // 0 (not in the table); 5 Fargate pods 5 ("Amazon EKS pod"); inUse 3 addresses 3; taken: a /28 prefix 1 and an
        // address 1; otherNetworkAddressUsage 100; control plane ENIs 0; one m5.large with no pods: its address and the
        // 9 secondary IPs WARM_ENI_TARGET=1 puts on its primary ENI, 10.
        // 6 + 12 + 12 + 5 + 3 + 2 + 100 = 140 before any node, 150 with it.
        var yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16], otherNetworkAddressUsage: 100 }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1, inUse: 3, taken: [10.0.1.64/28, 10.0.1.200] }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
              - { id: pub, cidr: 10.0.3.0/24, zone: z1, public: true }
            natGateways:
              - { subnet: pub }
            endpoints:
              - { service: ecr.api, subnets: [a, b] }
              - { service: s3, type: gateway }
            loadBalancers:
              - { name: web, type: alb, subnets: [a, b], internal: true }
              - { name: grpc, type: nlb, subnets: [a, b], internal: true }
            fargateProfiles:
              - { name: jobs, subnets: [a, b], pods: 5 }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 0 }
            """;
        var plan = CapacityPlanner.Plan(ScenarioOf(yaml));
        Assert.That(plan.Vpc!.NetworkAddressUsage.FixedUnits, Is.EqualTo(140));
        Assert.That(plan.Vpc.NetworkAddressUsage.Units, Is.EqualTo(150));
    }

    [Test]
    public void Plan_NodeInAPublicSubnet_CountsItsPublicAddress()
    {
        // "Each private or public IPv4 ... address": a node in a public subnet (auto-assigned public IPv4) holds its
        // private address, its public one and the 9 warm secondary IPs: 11.
        var yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1, public: true }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 0 }
            """;
        Assert.That(CapacityPlanner.Plan(ScenarioOf(yaml)).Vpc!.NetworkAddressUsage.Units, Is.EqualTo(11));
    }

    [Test]
    public void Plan_PeeredQuota_StopsTheNodeThatWouldPassIt()
    {
        // Peers hold 100,000 of the peered quota's 128,000: this VPC may hold 28,000 units = 875 nodes of 32.
        // Node 876 would make 100,000 + 28,001 > 128,000: NetworkAddressUsagePeeredLimitExceeded.
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoSlash17(900, 900, ", peeredNetworkAddressUsage: 100000")));
        Assert.That(plan.NodeGroups.Single().NodesThatFit, Is.EqualTo(875));
        Assert.That(plan.Vpc!.NetworkAddressUsage.PeeredUnits, Is.EqualTo(100_000));
        Assert.That(plan.Vpc.NetworkAddressUsage.PeeredQuota, Is.EqualTo(128_000));
        var finding = plan.Warnings.Single(w => w.Code == FindingCodes.PeeredNetworkAddressUsageQuota);
        Assert.That(finding.Message, Does.StartWith("node 876 of group workers cannot start").And.Contain("NetworkAddressUsagePeeredLimitExceeded"));
    }

    [Test]
    public void Plan_ScalingTowardMaxNodes_FirstExhaustedIsTheQuotaNotASubnet()
    {
        // 1,000 nodes hold 32,000 units; growing toward 2,100, node 2,001 is the first the quota stops (as above).
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoSlash17(1000, 2100)));
        var e = plan.Cluster.FirstExhausted!;
        Assert.That((e.Subnet, e.AtNodes, e.Cause, e.SubnetRanOut), Is.EqualTo(((string?)null, 2_001, FailureReason.NetworkAddressUsage, false)));
        Assert.That(e.Detail, Is.EqualTo("64,000 of 64,000 units held"));
        Assert.That(plan.Verdict, Does.Contain("then the VPC's Network Address Usage quota stops node 2,001 of group workers ("));
        Assert.That(plan.Warnings.Single(w => w.Code == FindingCodes.NetworkAddressUsageBeforeMaxNodes).Message,
            Does.StartWith("the VPC's Network Address Usage quota stops node 2,001 of group workers"));
    }

    [TestCase(Core.Engine.LaunchOrder.Sequential)]
    [TestCase(Core.Engine.LaunchOrder.Burst)]
    public void ScaleCurve_TheQuotaStopsNode2001_NotASubnetNorTheNodesOwnLimit(Core.Engine.LaunchOrder launch)
    {
        // As the plan above: node 2,001 is the first the quota stops, one at a time or launched at once from 1,990;
        // the quota is the VPC's, so the curve blames neither a subnet nor the node, and names the mode it ran.
        var curve = Core.Simulation.ScaleCurve.Run(ScenarioOf(TwoSlash17(0, 2100)), "workers", 1990, 2010, launch);
        Assert.Multiple(() =>
        {
            Assert.That(curve.FirstExhausted, Is.Null, "no subnet runs out");
            Assert.That((curve.FirstNodeLimit?.AtNodes, curve.FirstNodeLimit?.Cause), Is.EqualTo(((int?)2_001, (FailureReason?)FailureReason.NetworkAddressUsage)));
            Assert.That(curve.Verdict, Does.StartWith("node 2,001 of workers is stopped first by the VPC's Network Address Usage quota ("));
            Assert.That(curve.Mode, Is.EqualTo("secondary-ip"));
        });
    }

    [Test]
    public void Runway_TheMonthTheQuotaBinds_IsReportedLikeASubnet()
    {
        // 1,990 nodes (63,680 units) growing 100 pods a month = 10 nodes: month 1 reaches 2,000 nodes and 64,000 units,
        // exactly the quota; month 2's first new node (2,001) cannot start.
        var scenario = ScenarioOf(TwoSlash17(1990, 3000, growth: ", growth: +100/month"));
        var report = Runway.Run(scenario, new RunwayOptions { Months = 6 });
        Assert.That(report.NetworkAddressUsage!.UnitsNow, Is.EqualTo(63_680));
        Assert.That(report.NetworkAddressUsage.RunsOutInMonth, Is.EqualTo(2));
        Assert.That(report.FirstExhausted!.NetworkAddressUsage, Is.True);
        Assert.That(report.FirstExhausted.Month, Is.EqualTo(2));
        Assert.That(report.Points[1].NetworkAddressUnits, Is.EqualTo(64_000));
        Assert.That(report.Subnets.All(s => s.RunsOutInMonth is null), Is.True, "no subnet runs out");
        Assert.That(report.Verdict, Does.StartWith("no subnet runs out first: the VPC's Network Address Usage quota stops growth in month 2"));
    }

    [Test]
    public void Recommend_NeverProposesAStrategyPastTheQuota()
    {
        // At 2,100 nodes (no headroom) the current settings pass the quota; whatever recommend calls a fit holds no more
        // units than the quota, and prefix delegation says what it saves.
        var scenario = ScenarioOf(TwoSlash17(2100, 2100));
        var report = Core.Planning.Recommend.Recommender.Recommend(scenario, Core.Planning.Recommend.Recommender.Target(scenario, null, null, 0));
        var current = report.Strategies.Single(s => s.Name == "current settings");
        Assert.That(current.Fits, Is.False);
        Assert.That(current.WhyNot, Does.Contain("Network Address Usage quota"));
        Assert.That(report.Strategies.Where(s => s.Fits).Select(s => s.NetworkAddressUnits), Has.All.LessThanOrEqualTo(VpcSpec.DefaultNetworkAddressUsageQuota));
        // Without a quota the 2,100 nodes would hold 2,100 x 32 = 67,200 units in secondary-IP mode.
        Assert.That(report.Strategies.Single(s => s.Name == "prefix delegation").Summary, Does.Contain("Network Address Usage units instead of 67,200"));
    }
}
