using IpPlanner.Core.Input;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>The clusters list: each entry checked like a single-cluster file, with its own paths; names unique.</summary>
public class SeveralClustersValidationTests
{
    private const string Vpc = """
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        """;

    private static Finding OnlyError(string yaml)
    {
        var load = LoadText(yaml);
        Assert.That(load.Errors, Has.Count.EqualTo(1), string.Join("\n", load.Diagnostics));
        return load.Errors[0];
    }

    [Test]
    public void Clusters_WithTopLevelNodeGroups_IsAnError()
    {
        var error = OnlyError(Vpc + """

            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 1 }
            clusters:
              - { name: blue, controlPlaneSubnets: [a, b] }
            """);
        Assert.That((error.Code, error.Field, error.Line), Is.EqualTo((FindingCodes.ClustersWithTopLevelCluster, "nodeGroups", 5)));
    }

    [Test]
    public void Clusters_WithTopLevelKarpenter_IsAnError()
    {
        // karpenter is a cluster's (each runs its own controller), so beside clusters: it has no cluster to belong to.
        var error = OnlyError(Vpc + """

            karpenter: { reservedEnis: 1 }
            clusters:
              - { name: blue, controlPlaneSubnets: [a, b] }
            """);
        Assert.That((error.Code, error.Field, error.Line), Is.EqualTo((FindingCodes.ClustersWithTopLevelCluster, "karpenter", 5)));
    }

    [Test]
    public void Clusters_SameNameTwice_IsAnError()
    {
        var error = OnlyError(Vpc + """

            clusters:
              - { name: blue, controlPlaneSubnets: [a, b] }
              - { name: blue, controlPlaneSubnets: [a, b] }
            """);
        Assert.That((error.Code, error.Field), Is.EqualTo((FindingCodes.DuplicateName, "clusters[1].name")));
    }

    [Test]
    public void NodeGroupNames_AreUniqueAcrossClusters()
    {
        var error = OnlyError(Vpc + """

            clusters:
              - name: blue
                controlPlaneSubnets: [a, b]
                nodeGroups: [{ name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 1 }]
              - name: green
                controlPlaneSubnets: [a, b]
                nodeGroups: [{ name: g, instanceType: m5.large, subnets: [b], nodes: 1, podsPerNode: 1 }]
            """);
        Assert.That((error.Code, error.Field), Is.EqualTo((FindingCodes.DuplicateName, "clusters[1].nodeGroups[0].name")));
        Assert.That(error.Message, Does.Contain("already used by clusters[0].nodeGroups[0]"));
    }

    [Test]
    public void Workload_NamesOnlyItsOwnClustersNodeGroups()
    {
        var error = OnlyError(Vpc + """

            clusters:
              - name: blue
                controlPlaneSubnets: [a, b]
                nodeGroups: [{ name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 1 }]
              - name: green
                controlPlaneSubnets: [a, b]
                nodeGroups: [{ name: h, instanceType: m5.large, subnets: [b], nodes: 1, podsPerNode: 1 }]
                workloads: [{ kind: deployment, name: web, nodeGroup: g, replicas: 2 }]
            """);
        Assert.That((error.Code, error.Field), Is.EqualTo((FindingCodes.UnknownNodeGroup, "clusters[1].workloads[0].nodeGroup")));
        Assert.That(error.Message, Does.StartWith("no node group in cluster green is named 'g'"));
    }

    [Test]
    public void ClusterEntry_ItsOwnFieldsAreCheckedAtTheirPaths()
    {
        // The second cluster's control plane subnets name an unknown subnet, and its CNI settings an IPv6 rule.
        var load = LoadText(Vpc + """

            clusters:
              - { name: blue, controlPlaneSubnets: [a, b] }
              - name: green
                ipFamily: ipv6
                controlPlaneSubnets: [a, c]
            """);
        Assert.That(load.Errors.Select(e => (e.Code, e.Field)), Is.EquivalentTo(new[]
        {
            (FindingCodes.UnknownSubnet, "clusters[1].controlPlaneSubnets[1]"),
            (FindingCodes.Ipv6RequiresPrefixDelegation, "clusters[1].ipFamily"),
        }));
    }

    [Test]
    public void NeitherClusterNorClusters_IsAMissingField()
    {
        var error = OnlyError(Vpc);
        Assert.That((error.Code, error.Field, error.Message), Is.EqualTo((FindingCodes.MissingField, "cluster", "required field is missing (or list several under clusters)")));
    }

    [Test]
    public void ClusterTags_EniConfigSubnetExcluded_IsAnError()
    {
        // Under custom networking the ENI goes to the ENIConfig subnet unchecked (awsutils.go:1146-1153@b521883), but
        // ipamd then marks it excluded (IsSubnetExcluded on every ENI, pkg/ipamd/ipamd.go:1295-1299): no pod gets an IP.
        var error = OnlyError("""
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
              - { id: pods, cidr: 10.0.8.0/22, zone: z1, tags: { kubernetes.io/role/cni: "1", cni.networking.k8s.aws/cluster/other: "" } }
            cluster: { name: mine, controlPlaneSubnets: [a, b] }
            cni: { customNetworking: true, eniConfigs: { z1: pods } }
            nodeGroups: [{ name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 1 }]
            """);
        Assert.That((error.Code, error.Field), Is.EqualTo((FindingCodes.EniConfigSubnetExcluded, "cni.eniConfigs[z1]")));
    }
}
