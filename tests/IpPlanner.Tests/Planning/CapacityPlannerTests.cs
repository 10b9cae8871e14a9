using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning;

/// <summary>Hand-checkable scenarios: the numbers beside each test were derived by hand from the rules in docs/rules.md.</summary>
public class CapacityPlannerTests
{
    private static string TwoSubnets(string cni, string nodeGroups, string extra = "") => $$"""
        cluster: { name: t, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        cni: {{cni}}
        nodeGroups:
        {{nodeGroups}}
        {{extra}}
        """;

    [Test]
    public void Plan_SlashTwentyFourWithM5LargeDefaults_MatchesHandCount()
    {
        // m5.large, WARM_ENI_TARGET=1, 10 pods: primary ENI 9 IPs; pod 1 leaves 8 < 9 -> ENI 2 (+9, 18);
        // pod 10 leaves 8 < 9 -> ENI 3 (+9, 27). One node = 3 ENI primaries + 27 secondaries = 30 addresses.
        // Subnet a: 1 control plane ENI + 30 = 31 used, 251 - 31 = 220 free.
        var scenario = ScenarioOf(TwoSubnets("{ version: 1.19.0 }", """
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, maxNodes: 20, podsPerNode: 10 }
            """));
        var plan = CapacityPlanner.Plan(scenario);
        var a = plan.Subnets.Single(s => s.Id == "a");
        Assert.That((a.Usable, a.Used, a.Free), Is.EqualTo((251, 31, 220)));
        Assert.That(a.UsedBy, Is.EqualTo(new UsedBy(1, 2, 10, 17, 0, 0, 0, 0, 0, 0, 1, 0)));

        var g = plan.NodeGroups.Single();
        // Max pods 29 = 27 VPC-IP pods + 2 host-network pods; each current node fills its 3 ENIs: 2 x 27 = 54.
        Assert.That((g.MaxPodsPerNode, g.PodIpsPerNode, g.PodCapacity), Is.EqualTo((29, 27, 54)));
        // 1 + 30k <= 251 -> 8 nodes per subnet; the 9th in a gets its primary ENI (10 left) but no second ENI.
        // Round robin a, b, a, b...: nodes 1-16 fit, node 17 (9th in a) fails.
        Assert.That(g.NodesThatFit, Is.EqualTo(16));
        var e = plan.Cluster.FirstExhausted!;
        Assert.That((e.Subnet, e.NodeGroup, e.AtNodes, e.Reason), Is.EqualTo(("a", "g", 17, "addresses")));
        // When node 17 fails, subnet a holds 8 full nodes (10 pods, 17 idle, 2 ENI primaries each) and the 9th node,
        // whose primary ENI's 9 IPs serve pods 1-9 before pod 10 finds no room for a second ENI:
        // idle 8 x 17 = 136, pod IPs 80 + 9 = 89, ENI primaries 16, node IPs 9, control plane 1 = 251, the whole /24.
        Assert.That(e.Detail, Is.EqualTo("idle warm IPs 136, pod IPs 89, ENI primaries 16, node IPs 9"));
        Assert.That((plan.Cluster.PodsPlanned, plan.Cluster.Headroom), Is.EqualTo((20, 34)));
    }

    [Test]
    public void Plan_PrefixDelegation_FailsOnNoFreeSlash28BeforeAddressesRunOut()
    {
        // WARM_PREFIX_TARGET=1, 10 pods: fewest p with 16p - 10 >= 16 -> 2 prefixes per node.
        // A /24 has 16 aligned /28s: block 0 holds the reserved .0-.3 and every primary IP (control plane .4, nodes .5...),
        // block 15 holds the reserved .255: 14 fully free /28s -> 7 nodes per subnet. Node 15 (8th in a) gets no /28.
        var scenario = ScenarioOf(TwoSubnets("{ prefixDelegation: true }", """
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, maxNodes: 30, podsPerNode: 10 }
            """));
        var plan = CapacityPlanner.Plan(scenario);
        var a = plan.Subnets.Single(s => s.Id == "a");
        Assert.That((a.Used, a.UsedBy.Prefixes, a.FreePrefixes), Is.EqualTo((1 + 1 + 32, 32, 12)));
        Assert.That(plan.NodeGroups.Single().NodesThatFit, Is.EqualTo(14));
        var e = plan.Cluster.FirstExhausted!;
        Assert.That((e.Subnet, e.NodeGroup, e.AtNodes, e.Reason), Is.EqualTo(("a", "g", 15, "no free /28")));
    }

    [Test]
    public void Plan_FargateLoadBalancersAndEndpoints_CountedPerSubnet()
    {
        // Per subnet: control plane 1 + ALB 8 + NLB 1 + 2 interface endpoints + 5 of the 10 Fargate pods = 17 used.
        var scenario = ScenarioOf(TwoSubnets("{}", "  []", """
            fargateProfiles:
              - { name: web, subnets: [a, b], pods: 10 }
            loadBalancers:
              - { name: web, type: alb, subnets: [a, b], internal: true }
              - { name: grpc, type: nlb, subnets: [a, b], internal: true }
            endpoints:
              - { service: ecr.api, subnets: [a, b] }
              - { service: ecr.dkr, subnets: [a, b] }
              - { service: s3, type: gateway, subnets: [a, b] }
            """));
        var plan = CapacityPlanner.Plan(scenario);
        foreach (var s in plan.Subnets)
        {
            Assert.That((s.Used, s.Free), Is.EqualTo((17, 234)), s.Id);
            Assert.That(s.UsedBy, Is.EqualTo(new UsedBy(0, 0, 0, 0, 0, 0, 5, 9, 2, 0, 1, 0)), s.Id);
        }
    }

    [Test]
    public void Plan_CustomNetworking_PodsGoToTheEniConfigSubnet()
    {
        // m5.large with custom networking: the primary ENI carries no pods; 10 pods need 2 pod ENIs of 9 (18 IPs):
        // pod ENI 1 (+9) at start; pod 1 leaves 8 < 9 -> pod ENI 2. Pod subnet: 2 ENI primaries + 18 = 20 per node.
        var scenario = ScenarioOf("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16, 100.64.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
              - { id: pa, cidr: 100.64.0.0/20, zone: z1 }
              - { id: pb, cidr: 100.64.16.0/20, zone: z2 }
            cni: { customNetworking: true, eniConfigs: { z1: pa, z2: pb } }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, maxNodes: 4, podsPerNode: 10 }
            """);
        var plan = CapacityPlanner.Plan(scenario);
        var a = plan.Subnets.Single(s => s.Id == "a");
        var pa = plan.Subnets.Single(s => s.Id == "pa");
        Assert.That((a.Used, a.UsedBy.NodePrimaries), Is.EqualTo((2, 1)));
        Assert.That((pa.Used, pa.UsedBy.EniPrimaries, pa.UsedBy.PodIps), Is.EqualTo((20, 2, 10)));
        // Max pods 20 -> 18 VPC-IP pods per node.
        Assert.That(plan.NodeGroups.Single().PodIpsPerNode, Is.EqualTo(18));
    }

    [Test]
    public void Plan_CustomNetworking_TheDefaultEniConfigServesAZoneWithoutItsOwn()
    {
        // As above, one node in z1, whose zone has no ENIConfig: ipamd falls back to the ENIConfig named default
        // (docs/rules.md, "The default ENIConfig"), so the node's 20 pod-side addresses go to pa, not to its node subnet a.
        var scenario = ScenarioOf("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16, 100.64.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
              - { id: pa, cidr: 100.64.0.0/20, zone: z1 }
            cni: { customNetworking: true, eniConfigs: { default: pa } }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a], nodes: 1, maxNodes: 4, podsPerNode: 10 }
            """);
        var plan = CapacityPlanner.Plan(scenario);
        var a = plan.Subnets.Single(s => s.Id == "a");
        var pa = plan.Subnets.Single(s => s.Id == "pa");
        Assert.That((a.Used, a.UsedBy.NodePrimaries, a.UsedBy.PodIps), Is.EqualTo((2, 1, 0)));
        Assert.That((pa.Used, pa.UsedBy.EniPrimaries, pa.UsedBy.PodIps), Is.EqualTo((20, 2, 10)));
    }

    [Test]
    public void Plan_PrefixDelegationOnOldCni_WarnsAboutTheVersionOnly()
    {
        // m5.large is Nitro: with CNI 1.8.0 the version, not the type, is why secondary IPs are used.
        var result = LoadText(TwoSubnets("{ version: 1.8.0, prefixDelegation: true }", """
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, maxNodes: 4, podsPerNode: 10 }
            """), "test.yaml");
        Assert.That(result.Warnings.Select(w => w.Code), Does.Contain(FindingCodes.PrefixDelegationVersion));
        Assert.That(CapacityPlanner.Plan(result.Provisioned!).Warnings.Select(w => w.Code),
            Does.Not.Contain(FindingCodes.PrefixDelegationUnsupported).And.Not.Contain(FindingCodes.PrefixDelegationVersion), "the loader's finding, not raised again by the plan");
    }

    [Test]
    public void Plan_SecurityGroupsForPods_TrunkAndBranchesUseNodeSubnet()
    {
        // Trunk ENI: 1 address; 3 security-group pods: 3 branch ENIs; 1 VPC pod: primary 9 IPs, then 8 < 9 -> a third
        // ENI (trunk is the second) with 9. Node subnet a: control plane 1 + 3 ENI primaries + 18 + 3 branches = 25.
        var scenario = ScenarioOf(TwoSubnets("{ securityGroupsForPods: true }", """
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 1, maxNodes: 1, podsPerNode: 1, securityGroupPodsPerNode: 3 }
            """));
        var a = CapacityPlanner.Plan(scenario).Subnets.Single(s => s.Id == "a");
        Assert.That((a.Used, a.UsedBy.BranchEnis, a.UsedBy.EniPrimaries), Is.EqualTo((25, 3, 2)));
    }

    [Test]
    public void Plan_ControlPlaneSubnetNearlyFull_WarnsWithTheNumbers()
    {
        var scenario = ScenarioOf("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/28, zone: z1, inUse: 7 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
            """);
        var plan = CapacityPlanner.Plan(scenario);
        // /28: 11 usable - 7 in use - 1 control plane ENI = 3 free: fewer than the 5 an upgrade needs.
        Assert.That(plan.Warnings.Select(w => (w.Code, w.Message)), Does.Contain(("control-plane-upgrade-blocked", "cluster subnet a has 3 free IPs; a version upgrade needs 5")));
    }

    [TestCase(7, 3)]
    [TestCase(2, 3)]
    [TestCase(9, 3)]
    [TestCase(5, 1)]
    public void NodesPlacedIn_AgreesWithWhereNodesAreStarted(int nodes, int subnetCount)
    {
        // The recommender sizes subnets with NodesPlacedIn; it must match the placement the engine really does.
        var ids = Enumerable.Range(0, subnetCount).Select(i => $"s{i}").ToList();
        var scenario = ScenarioOf($$"""
            cluster: { name: t, controlPlaneSubnets: [cpa, cpb] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: cpa, cidr: 10.0.100.0/24, zone: za }
              - { id: cpb, cidr: 10.0.101.0/24, zone: zb }
            {{string.Join("\n", ids.Select((id, i) => $"  - {{ id: {id}, cidr: 10.0.{i}.0/24, zone: z{i} }}"))}}
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [{{string.Join(", ", ids)}}], nodes: {{nodes}}, podsPerNode: 1 }
            """);
        var state = ClusterState.BuildPlanned(scenario);
        for (var j = 0; j < subnetCount; j++)
        {
            Assert.That(state.Nodes.Count(n => n.Subnet.Spec.Id == ids[j]), Is.EqualTo(ClusterState.NodesPlacedIn(nodes, subnetCount, j)), ids[j]);
        }
    }

    [Test]
    public void Plan_SameScenarioTwice_SameReport()
    {
        var path = Sample("near-exhaustion.yaml");
        var one = CapacityPlanner.Plan(LoadFile(path).Provisioned!);
        var two = CapacityPlanner.Plan(LoadFile(path).Provisioned!);
        Assert.That(System.Text.Json.JsonSerializer.Serialize(one.Subnets), Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(two.Subnets)));
        Assert.That(one.Verdict, Is.EqualTo(two.Verdict));
    }
}
