using System.Text.Json.Nodes;
using NUnit.Framework;
using IpPlanner.Core.AwsImport;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.AwsImport;

/// <summary>
/// What the import reads for how EKS and Karpenter really pack nodes: RESERVED_ENIS from the Karpenter controller's
/// Deployment, kubelet maxPods from the EC2NodeClass, Auto Mode from describe-cluster and a managed node group's
/// instance types from describe-nodegroup. The sample account (samples/aws) runs node group "system" on three
/// m6i.large and Karpenter NodePool "general" with EC2NodeClass "private".
/// </summary>
[TestFixture]
public sealed class AwsImportKarpenterEksTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "aws-karpenter-eks-" + TestContext.CurrentContext.Test.ID);
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

    private static string Deployment(string container) => $$"""
        { "apiVersion": "apps/v1", "kind": "Deployment", "metadata": { "name": "karpenter", "namespace": "kube-system" },
          "spec": { "template": { "spec": { "containers": [ {{container}} ] } } } }
        """;

    [Test]
    public void Import_KarpenterControllerEnv_WritesReservedEnis()
    {
        // The chart's Deployment: container "controller" with env RESERVED_ENIS from settings.reservedENIs.
        var file = Write("karpenter.json", Deployment("""{ "name": "controller", "env": [ { "name": "RESERVED_ENIS", "value": "1" } ] }"""));
        var result = Import(AwsSample.Files() with { KarpenterController = file });
        Assert.Multiple(() =>
        {
            Assert.That(result.Scenario.Karpenter.ReservedEnis, Is.EqualTo(1));
            Assert.That(result.Yaml, Does.Contain("reservedEnis: 1 # the controller's env RESERVED_ENIS"));
        });
    }

    [Test]
    public void Import_KarpenterControllerArgument_WinsOverTheEnv()
    {
        // Go's flag parsing runs after the environment default (options.go:68@1d927085d): the argument wins.
        var file = Write("karpenter.json", Deployment(
            """{ "name": "controller", "args": ["--reserved-enis=2"], "env": [ { "name": "RESERVED_ENIS", "value": "1" } ] }"""));
        Assert.That(Import(AwsSample.Files() with { KarpenterController = file }).Scenario.Karpenter.ReservedEnis, Is.EqualTo(2));
    }

    [Test]
    public void Import_KarpenterControllerWithoutTheSetting_WritesTheDefaultZeroAndSaysSo()
    {
        var file = Write("karpenter.json", Deployment("""{ "name": "controller", "env": [ { "name": "LOG_LEVEL", "value": "info" } ] }"""));
        var result = Import(AwsSample.Files() with { KarpenterController = file });
        Assert.That((result.Scenario.Karpenter.ReservedEnis, result.Yaml.Contains("Karpenter's default", StringComparison.Ordinal)), Is.EqualTo((0, true)));
    }

    [Test]
    public void Import_KarpenterControllerNotANumber_NamesTheFileAndField()
    {
        var file = Write("karpenter.json", Deployment("""{ "name": "controller", "env": [ { "name": "RESERVED_ENIS", "value": "one" } ] }"""));
        var error = Assert.Throws<InputException>(() => Import(AwsSample.Files() with { KarpenterController = file }))!;
        Assert.That(error.Message, Does.Contain("karpenter.json").And.Contain("env RESERVED_ENIS").And.Contain("'one' is not a number of ENIs"));
    }

    private string NodeClasses(string kubelet)
    {
        var json = JsonNode.Parse(File.ReadAllText(AwsSample.File("ec2nodeclasses.json")))!;
        json["items"]![0]!["spec"]!["kubelet"] = JsonNode.Parse(kubelet);
        return Write("ec2nodeclasses.json", json.ToJsonString());
    }

    [Test]
    public void Import_Ec2NodeClassKubeletMaxPods_BecomesTheNodePoolsMaxPods()
    {
        var files = AwsSample.Files() with { NodePools = AwsSample.File("nodepools.json"), Ec2NodeClasses = NodeClasses("""{ "maxPods": 20 }""") };
        var result = Import(files);
        Assert.Multiple(() =>
        {
            Assert.That(result.Scenario.NodePools.Single().MaxPods, Is.EqualTo(20));
            Assert.That(result.Yaml, Does.Contain("maxPods: 20 # EC2NodeClass private: spec.kubelet.maxPods"));
        });
    }

    [Test]
    public void Import_Ec2NodeClassMaxPodsExpression_IsLeftOutWithAWarning()
    {
        var files = AwsSample.Files() with { NodePools = AwsSample.File("nodepools.json"), Ec2NodeClasses = NodeClasses("""{ "maxPods": "max_pods - 2" }""") };
        var result = Import(files);
        Assert.Multiple(() =>
        {
            Assert.That(result.Scenario.NodePools.Single().MaxPods, Is.Null);
            Assert.That(result.Warnings, Has.Some.Contains("'max_pods - 2', not a whole number"));
        });
    }

    [Test]
    public void Import_DescribeClusterComputeConfigEnabled_WritesAutoMode()
    {
        var json = JsonNode.Parse(File.ReadAllText(AwsSample.File("cluster.json")))!;
        json["cluster"]!["computeConfig"] = JsonNode.Parse("""{ "enabled": true, "nodePools": ["general-purpose", "system"] }""");
        var result = Import(AwsSample.Files() with { Cluster = Write("cluster.json", json.ToJsonString()) });
        Assert.Multiple(() =>
        {
            Assert.That(result.Scenario.Cluster.AutoMode, Is.True);
            Assert.That(AwsSample.Result.Scenario.Cluster.AutoMode, Is.False, "the sample's cluster has no computeConfig");
        });
    }

    [Test]
    public void Import_DescribeNodegroupWithSeveralTypes_WritesThemRunningTypeFirst()
    {
        // "system" runs three m6i.large; its describe-nodegroup lists [m6i.xlarge, m6i.large]. Every node then gets the
        // smallest max pods of the list: m6i.large 3 x 9 + 2 = 29 (m6i.xlarge 4 x 14 + 2 = 58).
        var file = Write("nodegroup-system.json", """
            { "nodegroup": { "nodegroupName": "system", "clusterName": "orders-prod", "capacityType": "ON_DEMAND",
              "instanceTypes": ["m6i.xlarge", "m6i.large"], "scalingConfig": { "minSize": 3, "maxSize": 6, "desiredSize": 3 } } }
            """);
        var result = Import(AwsSample.Files() with { Nodegroups = [file] });
        var group = result.Scenario.NodeGroups.Single(g => g.Name == "system");
        Assert.Multiple(() =>
        {
            Assert.That(group.InstanceTypes.Select(t => t.Name), Is.EqualTo(new[] { "m6i.large", "m6i.xlarge" }));
            Assert.That(result.Yaml, Does.Contain("instanceTypes: [m6i.large, m6i.xlarge]"));
        });
    }

    [Test]
    public void Import_DescribeNodegroupGivenToTheClusterFlag_NamesWhatItIs()
    {
        var file = Write("nodegroup.json", """{ "nodegroup": { "nodegroupName": "system", "instanceTypes": ["m6i.large"] } }""");
        var error = Assert.Throws<InputException>(() => Import(AwsSample.Files() with { Cluster = file }))!;
        Assert.That(error.Message, Does.Contain("describe-nodegroup"));
    }
}
