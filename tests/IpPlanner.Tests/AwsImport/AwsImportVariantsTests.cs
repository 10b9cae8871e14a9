using NUnit.Framework;
using IpPlanner.Core.AwsImport;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Tests.AwsImport;

/// <summary>Imports with fewer inputs than the full sample: what is inferred then, and what each comment says about it.</summary>
[TestFixture]
public sealed class AwsImportVariantsTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "aws-variants-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static AwsImportResult Import(AwsImportFiles files) => AwsImporter.Import(files, InstanceCatalog.Embedded);

    [Test]
    public void Import_WithoutDescribeCluster_TakesTheClusterFromTagsAndItsSubnetsFromTheEksEnis()
    {
        var result = Import(AwsSample.Files() with { Cluster = null, VpcId = AwsSample.VpcId });

        Assert.That(result.Scenario.Cluster.Name, Is.EqualTo(AwsSample.Cluster));
        // Only 1a and 1b hold 'Amazon EKS orders-prod' ENIs today.
        Assert.That(result.Scenario.Cluster.ControlPlaneSubnets, Is.EqualTo(new[] { AwsSample.PrivateA, AwsSample.PrivateB }));
        Assert.That(result.Yaml, Does.Contain("the subnets holding 'Amazon EKS orders-prod' ENIs (no describe-cluster given)"));
    }

    [Test]
    public void Import_WithoutDescribeVpcs_UsesTheSixteenAroundEachSubnetAndSaysSo()
    {
        var result = Import(AwsSample.Files() with { Vpcs = null });

        Assert.That(result.Scenario.Vpc.Cidrs.Select(c => c.Text), Is.EqualTo(new[] { "10.60.0.0/16", "100.64.0.0/16" }));
        Assert.That(AwsSample.CommentsUnwrapped(result.Yaml), Does.Contain("no describe-vpcs given (the describe-vpcs output), so the /16 around each subnet stands in"));
    }

    [Test]
    public void Import_SubnetsAndClusterOnly_WritesNoTakenAndSaysWhy()
    {
        var result = Import(new AwsImportFiles { Subnets = AwsSample.File("subnets.json"), Cluster = AwsSample.File("cluster.json") });

        Assert.That(result.Scenario.Subnets.SelectMany(s => s.Taken), Is.Empty);
        Assert.That(result.Scenario.NodeGroups, Is.Empty);
        Assert.That(result.Warnings, Is.Empty, "without ENIs there is nothing to compare AvailableIpAddressCount with");
        Assert.That(AwsSample.CommentsUnwrapped(result.Yaml), Does.Contain("No describe-network-interfaces given (the describe-network-interfaces output)"));
        Assert.That(result.Yaml, Does.Contain("AvailableIpAddressCount 243 of 251 usable"));
    }

    [Test]
    public void Import_EnisWithoutInstances_TakesTheNodesAddressesToo()
    {
        var result = Import(AwsSample.Files() with { Instances = null });

        var taken = result.Scenario.Subnets.Sum(s => s.Taken.Count);
        var everyBlock = AwsSample.RawEnis().Where(e => result.Scenario.FindSubnet(e.SubnetId) is not null).Sum(e => e.Addresses.Count + e.Prefixes.Count);
        var controlPlaneLeftOut = 2;
        Assert.That(result.Scenario.NodeGroups, Is.Empty);
        Assert.That(taken, Is.EqualTo(everyBlock - controlPlaneLeftOut));
    }

    [Test]
    public void Import_WithoutAwsNode_InfersPrefixDelegationAndCustomNetworkingFromTheEnis()
    {
        var result = Import(AwsSample.Files() with { AwsNode = null });

        var cni = result.Scenario.Cni;
        Assert.That(cni.PrefixDelegation, Is.True);
        Assert.That(cni.CustomNetworking, Is.True);
        Assert.That(cni.Version, Is.EqualTo(CniVersion.Current));
        Assert.That(result.Yaml, Does.Contain("prefixDelegation: true # the nodes' ENIs hold /28 prefixes"));
        Assert.That(result.Yaml, Does.Contain("customNetworking: true # node ENIs sit in the ENIConfig subnets"));
    }

    [Test]
    public void Import_CustomNetworkingWithoutEniConfigs_ReadsTheZonesPodSubnetsFromTheNodeEnis()
    {
        var result = Import(AwsSample.Files() with { EniConfigs = null });

        Assert.That(result.Scenario.Cni.EniConfigs, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["eu-west-1a"] = AwsSample.PodsA,
            ["eu-west-1b"] = AwsSample.PodsB,
            ["eu-west-1c"] = AwsSample.PodsC,
        }));
        Assert.That(AwsSample.CommentsUnwrapped(result.Yaml), Does.Contain("No ENIConfigs given (the saved ENIConfigs): each zone's pod subnet is where its nodes' secondary ENIs are."));
    }

    [Test]
    public void Import_AwsNodeWithoutPrefixDelegation_WarnsThatTheNodesHoldPrefixes()
    {
        var path = Write("aws-node.json", File.ReadAllText(AwsSample.File("aws-node.json"))
            .Replace("\"name\": \"ENABLE_PREFIX_DELEGATION\",\n                                \"value\": \"true\"", "\"name\": \"ENABLE_PREFIX_DELEGATION\",\n                                \"value\": \"false\"", StringComparison.Ordinal));

        var result = Import(AwsSample.Files() with { AwsNode = path });

        Assert.That(result.Scenario.Cni.PrefixDelegation, Is.False);
        Assert.That(result.Warnings, Has.Some.Contains("the nodes' ENIs hold /28 prefixes"));
    }

    [Test]
    public void Import_InstancesWithoutAGroupTag_GroupByAutoScalingGroupOrAsSelfManaged()
    {
        var text = File.ReadAllText(AwsSample.File("instances.json"))
            .Replace("\"Key\": \"eks:nodegroup-name\"", "\"Key\": \"eks:nodegroup-name-was-here\"", StringComparison.Ordinal)
            .Replace("\"Key\": \"karpenter.sh/nodepool\"", "\"Key\": \"karpenter.sh/nodepool-was-here\"", StringComparison.Ordinal);
        var result = Import(AwsSample.Files() with { Instances = Write("instances.json", text) });

        Assert.That(result.Scenario.NodeGroups.Select(g => (g.Name, g.Nodes)), Is.EquivalentTo(new[]
        {
            ("eks-system-b2c7d1e4-5f6a-7b8c-9d0e-1f2a3b4c5d6e", 3),
            ("self-managed-m6i.xlarge", 2),
            ("self-managed-c6i.2xlarge", 1),
        }));
    }

    [Test]
    public void Import_TwoPagesPastedTogether_CountEachNodeAndEniOnce()
    {
        var instances = File.ReadAllText(AwsSample.File("instances.json"));
        var enis = File.ReadAllText(AwsSample.File("network-interfaces.json"));
        // The same listing twice, as if two saved pages were concatenated into one document.
        var doubledInstances = instances.Replace("\"Reservations\": [", "\"Reservations\": [" + Inner(instances, "\"Reservations\": [") + ",", StringComparison.Ordinal);
        var doubledEnis = enis.Replace("\"NetworkInterfaces\": [", "\"NetworkInterfaces\": [" + Inner(enis, "\"NetworkInterfaces\": [") + ",", StringComparison.Ordinal);

        var result = Import(AwsSample.Files() with { Instances = Write("instances.json", doubledInstances), NetworkInterfaces = Write("enis.json", doubledEnis) });

        Assert.That(result.Scenario.NodeGroups.Sum(g => g.Nodes), Is.EqualTo(6));
        Assert.That(result.Scenario.Subnets.Sum(s => s.Taken.Count), Is.EqualTo(AwsSample.Result.Scenario.Subnets.Sum(s => s.Taken.Count)));
        Assert.That(result.Warnings, Has.Some.Contains("is listed twice; counted once"));
    }

    [Test]
    public void Import_TwoDescribeClusterFiles_ListsBothClustersEachWithItsOwnNodes()
    {
        // The sample's Karpenter nodes (tag karpenter.sh/nodepool=general: i-...0004 and i-...0005 m6i.xlarge, i-...0006
        // c6i.2xlarge, running; i-...0007 terminated) become nodes of a second cluster, orders-green, by their cluster tags;
        // the three managed 'system' m6i.large nodes stay orders-prod's. orders-green's describe-cluster is the sample's
        // with the name changed (same VPC and subnets).
        var instances = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(AwsSample.File("instances.json")))!;
        foreach (var instance in instances["Reservations"]!.AsArray().SelectMany(r => r!["Instances"]!.AsArray()))
        {
            var tags = instance!["Tags"]!.AsArray();
            if (tags.Any(t => (string?)t!["Key"] == "karpenter.sh/nodepool"))
            {
                foreach (var tag in tags)
                {
                    if ((string?)tag!["Key"] == "eks:eks-cluster-name")
                    {
                        tag["Value"] = "orders-green";
                    }

                    if ((string?)tag["Key"] == "kubernetes.io/cluster/orders-prod")
                    {
                        tag["Key"] = "kubernetes.io/cluster/orders-green";
                    }
                }
            }
        }

        var green = File.ReadAllText(AwsSample.File("cluster.json")).Replace("\"name\": \"orders-prod\"", "\"name\": \"orders-green\"", StringComparison.Ordinal);
        var result = Import(AwsSample.Files() with
        {
            Instances = Write("instances.json", instances.ToJsonString()),
            Clusters = [AwsSample.File("cluster.json"), Write("green.json", green)],
            AwsNode = null,
            EniConfigs = null,
        });

        var scenario = result.Scenario;
        Assert.That(scenario.ClusterNames, Is.EqualTo(new[] { "orders-prod", "orders-green" }));
        Assert.That(scenario.NodeGroups.Select(g => (scenario.ClusterNameOf(g.Cluster), g.Nodes)).GroupBy(g => g.Item1).Select(g => (g.Key, g.Sum(x => x.Nodes))),
            Is.EqualTo(new[] { ("orders-prod", 3), ("orders-green", 3) }));
        Assert.That(result.Yaml, Does.Contain("clusters:"));
    }

    [Test]
    public void Import_TwoDescribeClusterFilesWithAwsNode_SaysWhoseItCannotTell()
    {
        var green = File.ReadAllText(AwsSample.File("cluster.json")).Replace("\"name\": \"orders-prod\"", "\"name\": \"orders-green\"", StringComparison.Ordinal);
        var error = Assert.Throws<InputException>(() => Import(AwsSample.Files() with { Clusters = [AwsSample.File("cluster.json"), Write("green.json", green)], EniConfigs = null }));
        Assert.That(error!.Message, Does.Contain("cannot be told whose it is"));
    }

    /// <summary>The items of the JSON list that opens with <paramref name="opening"/>, without its brackets.</summary>
    private static string Inner(string json, string opening)
    {
        var start = json.IndexOf(opening, StringComparison.Ordinal) + opening.Length;
        var end = json.LastIndexOf(']');
        return json[start..end].TrimEnd();
    }

    [Test]
    public void Import_ReservationOfAnotherVpcsSubnet_IsSkippedWithAWarning()
    {
        var path = Write("reservations.json", """
            { "SubnetIpv4CidrReservations": [ { "SubnetId": "subnet-07e0d1c2b3a495867", "Cidr": "172.31.16.0/28", "ReservationType": "explicit" } ], "SubnetIpv6CidrReservations": [] }
            """);

        var result = Import(AwsSample.Files() with { CidrReservations = [AwsSample.File("cidr-reservations-pods-eu-west-1b.json"), path] });

        Assert.That(result.Warnings, Has.Some.Contains("subnet subnet-07e0d1c2b3a495867 is in another VPC than"));
        Assert.That(result.Scenario.Subnets.SelectMany(s => s.Reservations).Count(), Is.EqualTo(1));
    }

    [Test]
    public void Import_ReservationOutsideItsSubnet_Fails()
    {
        var path = Write("reservations.json", $$"""
            { "SubnetIpv4CidrReservations": [ { "SubnetId": "{{AwsSample.PodsA}}", "Cidr": "100.64.8.0/24", "ReservationType": "prefix" } ] }
            """);

        var e = Assert.Throws<InputException>(() => Import(AwsSample.Files() with { CidrReservations = [path] }))!;

        Assert.That(e.Message, Is.EqualTo($"{path}: SubnetIpv4CidrReservations[0].Cidr: 100.64.8.0/24 is outside subnet {AwsSample.PodsA} (100.64.0.0/22); a CIDR reservation lies inside its subnet"));
    }

    [Test]
    public void Import_Ipv6Cluster_TurnsOnPrefixDelegationWithoutAwsNode()
    {
        var cluster = Write("cluster.json", File.ReadAllText(AwsSample.File("cluster.json")).Replace("\"ipFamily\": \"ipv4\"", "\"ipFamily\": \"ipv6\"", StringComparison.Ordinal));

        var result = Import(new AwsImportFiles { Subnets = AwsSample.File("subnets.json"), Cluster = cluster });

        Assert.That(result.Scenario.Cluster.IpFamily, Is.EqualTo(IpFamily.Ipv6));
        Assert.That(result.Scenario.Cni.PrefixDelegation, Is.True);
    }

    [TestCase("602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1", "v1.19.2-eksbuild.1")]
    [TestCase("localhost:5000/amazon-k8s-cni:v1.18.3", "v1.18.3")]
    [TestCase("localhost:5000/amazon-k8s-cni", null)]
    [TestCase("amazon-k8s-cni@sha256:0123abcd", null)]
    public void ImageTag_ImageReference_IsTheTagAfterTheLastColonOfTheName(string image, string? expected)
    {
        Assert.That(AwsNodeReader.ImageTag(image), Is.EqualTo(expected));
    }

    [Test]
    public void EniConfigReader_SingleManifestAndJsonList_ReadTheSame()
    {
        var manifest = Write("one.yaml", """
            apiVersion: crd.k8s.amazonaws.com/v1alpha1
            kind: ENIConfig
            metadata:
              name: eu-west-1a
            spec:
              subnet: subnet-01a7c9e1f3b5d7e07
            """);
        var json = Write("list.json", """
            {"apiVersion": "v1", "kind": "List", "items": [{"kind": "ENIConfig", "metadata": {"name": "eu-west-1a"}, "spec": {"subnet": "subnet-01a7c9e1f3b5d7e07"}}]}
            """);

        Assert.That(EniConfigReader.Read(manifest).Select(e => (e.Name, e.Subnet)), Is.EqualTo(new[] { ("eu-west-1a", "subnet-01a7c9e1f3b5d7e07") }));
        Assert.That(EniConfigReader.Read(json).Select(e => (e.Name, e.Subnet)), Is.EqualTo(new[] { ("eu-west-1a", "subnet-01a7c9e1f3b5d7e07") }));
    }

    [Test]
    public void DescribeSubnetsReader_Ipv6OnlySubnet_IsSkippedAndNamed()
    {
        var path = Write("subnets.json", """
            {"Subnets": [
              {"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "eu-west-1a", "AvailableIpAddressCount": 251},
              {"SubnetId": "subnet-v6", "VpcId": "vpc-1", "AvailabilityZone": "eu-west-1a", "Ipv6Native": true}
            ]}
            """);

        var subnets = DescribeSubnetsReader.Read(path, out var skipped);

        Assert.That(subnets.Select(s => s.Id), Is.EqualTo(new[] { "subnet-a" }));
        Assert.That(skipped, Is.EqualTo(new[] { "subnet-v6" }));
    }
}
