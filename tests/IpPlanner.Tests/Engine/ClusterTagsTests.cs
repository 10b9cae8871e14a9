using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Engine;

/// <summary>
/// The VPC CNI's cluster tags in the engine: subnet discovery puts a cluster's new ENIs only in subnets the tags
/// allow it (Model/SubnetTags.cs; pkg/awsutils/awsutils.go:1125-1213,1260-1309@b521883).
/// </summary>
public class ClusterTagsTests
{
    // Zone z1 holds both clusters' node subnets (/24s) and two discovery subnets: pods-a, a /20 reserved for cluster A,
    // and pods-shared, a /22 for whoever. Each cluster runs 2 m5.large nodes with 10 pods in its own node subnet.
    private static string TwoClusters(string clusterBCni = "{}") => $$"""
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: nodes-a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: nodes-b, cidr: 10.0.2.0/24, zone: z1 }
          - { id: cp, cidr: 10.0.3.0/24, zone: z2 }
          - { id: pods-shared, cidr: 10.0.8.0/22, zone: z1, tags: { kubernetes.io/role/cni: "1" } }
          - id: pods-a
            cidr: 10.0.16.0/20
            zone: z1
            tags: { kubernetes.io/role/cni: "1", cni.networking.k8s.aws/cluster/A: owned }
        clusters:
          - name: A
            controlPlaneSubnets: [cp, nodes-a]
            nodeGroups:
              - { name: a, instanceType: m5.large, subnets: [nodes-a], nodes: 2, podsPerNode: 10 }
          - name: B
            controlPlaneSubnets: [cp, nodes-b]
            cni: {{clusterBCni}}
            nodeGroups:
              - { name: b, instanceType: m5.large, subnets: [nodes-b], nodes: 2, podsPerNode: 10 }
        """;

    [Test]
    public void Plan_SubnetTaggedForClusterA_TakesNoneOfClusterBsEnis()
    {
        // m5.large, WARM_ENI_TARGET=1, 10 pods: the primary ENI's 9 IPs, then two more ENIs of 1 + 9 addresses each
        // (docs/rules.md, the warm pool). A new ENI goes to the eligible same-zone subnet with the most free addresses.
        // For A: pods-a (4,091 free) beats pods-shared (1,019) and nodes-a: 2 nodes x 2 ENIs x 10 = 40 addresses there.
        // For B: pods-a is tagged for A alone, so B's ENIs go to pods-shared (1,019 free beats nodes-b's 240): 40 there.
        var plan = CapacityPlanner.Plan(ScenarioOf(TwoClusters()));
        var podsA = plan.Subnets.Single(s => s.Id == "pods-a");
        var shared = plan.Subnets.Single(s => s.Id == "pods-shared");
        Assert.That(podsA.UsedByCluster, Is.EqualTo(new Dictionary<string, int> { ["A"] = 40, ["B"] = 0 }));
        Assert.That(shared.UsedByCluster, Is.EqualTo(new Dictionary<string, int> { ["A"] = 0, ["B"] = 40 }));
        Assert.That(plan.Verdict, Does.Not.StartWith("does not fit"));
    }

    [TestCase("{ clusterName: \"\" }", TestName = "Plan_ClusterNameUnset_ClusterTagsHaveNoEffect")]
    [TestCase("{ version: 1.21.1 }", TestName = "Plan_CniBeforeOneTwentyTwoOne_ClusterTagsHaveNoEffect")]
    public void Plan_ClusterFilterOff_ClusterBUsesTheBiggestTaggedSubnet(string clusterBCni)
    {
        // Without CLUSTER_NAME (awsutils.go:1298-1301) or before 1.22.1 (validTag, awsutils.go:1072@v1.21.1) the tag
        // of A keeps nobody out: B's ENIs go to the subnet with the most free addresses, pods-a, after A's took 40 of
        // it (4,051 free still beats pods-shared's 1,019).
        var load = LoadText(TwoClusters(clusterBCni));
        var plan = CapacityPlanner.Plan(Loaded(load));
        var podsA = plan.Subnets.Single(s => s.Id == "pods-a");
        Assert.That(podsA.UsedByCluster, Is.EqualTo(new Dictionary<string, int> { ["A"] = 40, ["B"] = 40 }));
        // The loader says so once, for B's cni (A's reads the tags): the tag the user wrote has no effect on B.
        var ignored = load.Diagnostics.Where(d => d.Code == FindingCodes.ClusterTagIgnored).ToList();
        Assert.That(ignored.Select(d => (d.Severity, d.Field)), Is.EqualTo(new[] { (Severity.Info, "clusters[1].cni") }));
    }

    [Test]
    public void Plan_NodeSubnetReservedForAnotherCluster_PodsGetNoAddress()
    {
        // B's only subnet is kubernetes.io/role/cni=1 with A's cluster tag: isSubnetValidForENICreation refuses it even as
        // the node's own subnet (rule 3), and IsSubnetExcluded marks the primary ENI excluded from pod IPs
        // (awsutils.go:2597-2599; pkg/ipamd/ipamd.go:1295-1299). The node starts (its own address is EC2's), its first pod
        // finds no address: "no valid subnets available for ENI creation" (awsutils.go:1198-1201).
        var yaml = """
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: cp, cidr: 10.0.3.0/24, zone: z2 }
              - { id: nodes-b, cidr: 10.0.2.0/24, zone: z1, tags: { kubernetes.io/role/cni: "1", cni.networking.k8s.aws/cluster/A: "" } }
            clusters:
              - { name: A, controlPlaneSubnets: [cp, nodes-b] }
              - name: B
                controlPlaneSubnets: [cp, nodes-b]
                nodeGroups:
                  - { name: b, instanceType: m5.large, subnets: [nodes-b], nodes: 1, podsPerNode: 10 }
            """;
        var load = LoadText(yaml);
        Assert.That(load.Diagnostics.Select(d => d.Code), Does.Contain(FindingCodes.SubnetReservedForOtherCluster));
        var plan = CapacityPlanner.Plan(Loaded(load));
        Assert.That(plan.NodeGroups.Single().NodesThatFit, Is.Zero);
        Assert.That(plan.Verdict, Does.StartWith("does not fit now").And.Contain("no subnet the VPC CNI may use"));
        // B holds its control plane ENI there and its node's own address: the primary ENI took no secondary IP.
        Assert.That(plan.Subnets.Single(s => s.Id == "nodes-b").UsedByCluster["B"], Is.EqualTo(2));
    }
}
