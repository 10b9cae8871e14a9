using NUnit.Framework;
using IpPlanner.Core.AwsImport;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.AwsImport;

/// <summary>Wrong or mismatched inputs: one line naming the file, the field and what was expected; never a crash.</summary>
[TestFixture]
public sealed class AwsImportErrorTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "aws-import-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    /// <summary>A copy of a sample file with <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    private string Edited(string sample, string from, string to)
    {
        var text = File.ReadAllText(AwsSample.File(sample));
        Assert.That(text, Does.Contain(from), "the edit must apply");
        return Write(sample, text.Replace(from, to, StringComparison.Ordinal));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static InputException Fails(AwsImportFiles files, InstanceCatalog? catalog = null) =>
        Assert.Throws<InputException>(() => AwsImporter.Import(files, catalog ?? InstanceCatalog.Embedded))!;

    [Test]
    public void Import_DescribeInstancesGivenAsSubnets_NamesBothCommands()
    {
        var e = Fails(AwsSample.Files() with { Subnets = AwsSample.File("instances.json") });

        Assert.That(e.Message, Does.StartWith(AwsSample.File("instances.json") + ":1: "));
        Assert.That(e.Message, Does.Contain("this is the output of 'aws ec2 describe-instances'").And.Contain("expected the output of 'aws ec2 describe-subnets'"));
    }

    [Test]
    public void Import_SubnetsGivenAsNetworkInterfaces_NamesBothCommands()
    {
        var e = Fails(AwsSample.Files() with { NetworkInterfaces = AwsSample.File("subnets.json") });

        Assert.That(e.Message, Does.Contain("this is the output of 'aws ec2 describe-subnets'").And.Contain("'aws ec2 describe-network-interfaces'"));
    }

    [Test]
    public void Import_TruncatedJson_NamesTheFileAndLineAndSaysTruncated()
    {
        var text = File.ReadAllText(AwsSample.File("network-interfaces.json"));
        var path = Write("network-interfaces.json", text[..(text.Length / 2)]);

        var e = Fails(AwsSample.Files() with { NetworkInterfaces = path });

        Assert.That(e.Message, Does.Match($@"^{Regex(path)}:\d+:\d+: not valid JSON: the file ends before the JSON does \(truncated\?\)"));
    }

    [Test]
    public void Import_TextOutputInsteadOfJson_SaysToUseOutputJson()
    {
        var path = Write("subnets.txt", "SUBNETS\teu-west-1a\teuw1-az3\t56\t10.60.0.0/26\tFalse\n");

        var e = Fails(AwsSample.Files() with { Subnets = path });

        Assert.That(e.Message, Does.StartWith(path + ":1:").And.Contain("not valid JSON").And.Contain("--output json"));
    }

    [Test]
    public void Import_QueriedListInsteadOfWholeOutput_SaysToDropQuery()
    {
        var path = Write("subnets.json", "[{\"SubnetId\": \"subnet-1\"}]");

        var e = Fails(AwsSample.Files() with { Subnets = path });

        Assert.That(e.Message, Does.Contain("bare JSON list").And.Contain("without --query"));
    }

    [Test]
    public void Import_WrongValueType_NamesTheField()
    {
        var path = Edited("subnets.json", "\"AvailableIpAddressCount\": 56,", "\"AvailableIpAddressCount\": \"fifty-six\",");

        var e = Fails(AwsSample.Files() with { Subnets = path });

        Assert.That(e.Message, Does.Match($@"^{Regex(path)}:\d+:\d+: Subnets\[0\]\.AvailableIpAddressCount: expected a whole number here"));
    }

    [Test]
    public void Import_SubnetOutsideTheVpcBlocks_NamesSubnetAndBlocks()
    {
        var path = Edited("subnets.json", "\"CidrBlock\": \"10.60.5.0/24\"", "\"CidrBlock\": \"10.70.5.0/24\"");

        var e = Fails(AwsSample.Files() with { Subnets = path });

        Assert.That(e.Message, Does.StartWith($"{path}: Subnets[4] ({AwsSample.PrivateB}).CidrBlock: 10.70.5.0/24 is outside {AwsSample.VpcId}'s CIDR blocks"));
        Assert.That(e.Message, Does.Contain("(10.60.0.0/20, 100.64.0.0/16)"));
    }

    [Test]
    public void Import_VpcIdNotInTheFiles_ListsTheVpcsThere()
    {
        var e = Fails(AwsSample.Files() with { Cluster = null, VpcId = "vpc-0123456789abcdef0" });

        Assert.That(e.Message, Is.EqualTo($"the VPC id vpc-0123456789abcdef0: no such VPC in {AwsSample.File("vpcs.json")} (VPCs there: {AwsSample.VpcId}, vpc-0d1e2f3a4b5c6d7e8)"));
    }

    [Test]
    public void Import_VpcIdOtherThanTheClusters_SaysWhereTheClusterIs()
    {
        var e = Fails(AwsSample.Files() with { VpcId = "vpc-0d1e2f3a4b5c6d7e8" });

        Assert.That(e.Message, Does.Contain($"cluster orders-prod ({AwsSample.File("cluster.json")}) is in {AwsSample.VpcId}"));
    }

    [Test]
    public void Import_TwoVpcsNoVpcIdNoCluster_AsksForVpcId()
    {
        var e = Fails(AwsSample.Files() with { Cluster = null });

        Assert.That(e.Message, Does.Contain("holds 2 VPCs").And.Contain("give the VPC id, or the describe-cluster output to use the cluster's VPC"));
    }

    [Test]
    public void Import_CallersLabels_NameTheInputsInItsMessages()
    {
        // Core names an input by its role; the caller (the CLI: its flags) says how its user gives it.
        var labels = new Dictionary<AwsImportInput, string> { [AwsImportInput.VpcId] = "<vpc>", [AwsImportInput.Cluster] = "<cluster>" };
        var e = Fails(AwsSample.Files() with { Cluster = null, InputLabels = labels });

        Assert.That(e.Message, Does.Contain("give <vpc>, or <cluster> to use the cluster's VPC"));
    }

    [Test]
    public void Import_ClusterVpcMissingFromVpcs_NamesBothFiles()
    {
        var path = Edited("cluster.json", $"\"vpcId\": \"{AwsSample.VpcId}\"", "\"vpcId\": \"vpc-0aaaaaaaaaaaaaaaa\"");

        var e = Fails(AwsSample.Files() with { Cluster = path });

        Assert.That(e.Message, Does.StartWith($"{path}: cluster.resourcesVpcConfig.vpcId: vpc-0aaaaaaaaaaaaaaaa is not in {AwsSample.File("vpcs.json")}"));
    }

    [Test]
    public void Import_ClusterSubnetMissing_NamesTheSubnet()
    {
        var path = Edited("cluster.json", AwsSample.PrivateC, "subnet-0999999999999999a");

        var e = Fails(AwsSample.Files() with { Cluster = path });

        Assert.That(e.Message, Does.StartWith($"{path}: cluster.resourcesVpcConfig.subnetIds: subnet-0999999999999999a is not among the subnets of {AwsSample.VpcId}"));
    }

    [Test]
    public void Import_EniAddressOutsideItsSubnet_NamesTheEni()
    {
        var path = Edited("network-interfaces.json", "\"PrivateIpAddress\": \"10.60.4.45\"", "\"PrivateIpAddress\": \"10.60.7.45\"");

        var e = Fails(AwsSample.Files() with { NetworkInterfaces = path });

        Assert.That(e.Message, Does.Contain("10.60.7.45 is outside the ENI's subnet subnet-0d44f6b8c0e2a4b04 (10.60.4.0/24)"));
        Assert.That(e.Message, Does.StartWith(path + ": NetworkInterfaces["));
    }

    [Test]
    public void Import_TwoEnisHoldOneAddress_NamesBoth()
    {
        // The RDS ENI at 10.60.4.45 now claims the first VPC endpoint's address too.
        var path = Edited("network-interfaces.json", "\"PrivateIpAddress\": \"10.60.4.160\"", "\"PrivateIpAddress\": \"10.60.4.45\"");

        var e = Fails(AwsSample.Files() with { NetworkInterfaces = path });

        Assert.That(e.Message, Does.Contain("10.60.4.45 is held by both"));
    }

    [Test]
    public void Import_AwsReservedAddressOnAnEni_IsRefused()
    {
        var path = Edited("network-interfaces.json", "\"PrivateIpAddress\": \"10.60.4.45\"", "\"PrivateIpAddress\": \"10.60.4.255\"");

        var e = Fails(AwsSample.Files() with { NetworkInterfaces = path });

        Assert.That(e.Message, Does.Contain("10.60.4.255 is one of the 5 addresses AWS reserves in 10.60.4.0/24"));
    }

    [Test]
    public void Import_EniConfigSubnetUnknown_NamesFileLineAndSubnet()
    {
        var path = Edited("eniconfigs.yaml", "    subnet: subnet-03c9e1a3b5d7f9a09", "    subnet: subnet-0123456789abcdef0");

        var e = Fails(AwsSample.Files() with { EniConfigs = path });

        Assert.That(e.Message, Does.Match($@"^{Regex(path)}:\d+: ENIConfig eu-west-1c: spec.subnet: subnet-0123456789abcdef0 is not among the subnets of"));
    }

    [Test]
    public void Import_EniConfigFileIsADaemonSet_SaysWhatItIs()
    {
        var e = Fails(AwsSample.Files() with { EniConfigs = AwsSample.File("aws-node.json") });

        Assert.That(e.Message, Does.Contain("this holds a Kubernetes DaemonSet; expected the output of 'kubectl get eniconfigs -o yaml'"));
    }

    [Test]
    public void Import_AwsNodeEnvNotANumber_NamesTheVariable()
    {
        var path = Edited("aws-node.json", "\"name\": \"WARM_PREFIX_TARGET\",\n                                \"value\": \"1\"", "\"name\": \"WARM_PREFIX_TARGET\",\n                                \"value\": \"one\"");

        var e = Fails(AwsSample.Files() with { AwsNode = path });

        Assert.That(e.Message, Is.EqualTo($"{path}: spec.template.spec.containers[aws-node].env.WARM_PREFIX_TARGET: 'one' is not valid (expected a whole number, 0 or more)"));
    }

    [Test]
    public void Import_AwsNodeFileIsAnotherDaemonSet_SaysNoAwsNodeContainer()
    {
        var path = Edited("aws-node.json", "\"name\": \"aws-node\",\n                        \"ports\"", "\"name\": \"kube-proxy\",\n                        \"ports\"");

        var e = Fails(AwsSample.Files() with { AwsNode = path });

        Assert.That(e.Message, Does.Contain("no container named aws-node (found: kube-proxy, aws-eks-nodeagent)"));
    }

    [Test]
    public void Import_InstancesWithoutNetworkInterfaces_AsksForThem()
    {
        var e = Fails(AwsSample.Files() with { NetworkInterfaces = null });

        Assert.That(e.Message, Does.Contain("describe-instances needs describe-network-interfaces too (the describe-network-interfaces output)"));
    }

    [Test]
    public void Import_MissingFile_SaysWhichOutputWasExpected()
    {
        var missing = Path.Combine(_directory, "nope.json");

        var e = Fails(AwsSample.Files() with { Cluster = missing });

        Assert.That(e.Message, Is.EqualTo($"{missing}: no such file (expected the saved output of 'aws eks describe-cluster')"));
    }

    [Test]
    public void Import_NodeTypeNotInTheCatalog_AsksForDescribeInstanceTypes()
    {
        var path = Edited("instances.json", "\"InstanceType\": \"c6i.2xlarge\"", "\"InstanceType\": \"c9z.2xlarge\"");

        var e = Fails(AwsSample.Files() with { Instances = path });

        Assert.That(e.Message, Does.Contain("unknown instance type 'c9z.2xlarge'").And.Contain("give the describe-instance-types output with the output of 'aws ec2 describe-instance-types --instance-types c9z.2xlarge'"));
    }

    [Test]
    public void Import_NodeTypeFromDescribeInstanceTypes_IsUsed()
    {
        var instances = Edited("instances.json", "\"InstanceType\": \"c6i.2xlarge\"", "\"InstanceType\": \"c9z.2xlarge\"");
        var types = DescribeInstanceTypesReaderText("c9z.2xlarge");
        var catalog = InstanceCatalog.Embedded.WithOverrides(DescribeInstanceTypesReader.Read(types, "types.json"));

        var result = AwsImporter.Import(AwsSample.Files() with { Instances = instances }, catalog);

        Assert.That(result.Scenario.NodeGroups.Select(g => g.InstanceType), Does.Contain("c9z.2xlarge"));
    }

    private static string DescribeInstanceTypesReaderText(string name) =>
        $$"""
        {
            "InstanceTypes": [
                {
                    "InstanceType": "{{name}}",
                    "Hypervisor": "nitro",
                    "BareMetal": false,
                    "VCpuInfo": { "DefaultVCpus": 8 },
                    "NetworkInfo": {
                        "MaximumNetworkInterfaces": 4,
                        "Ipv4AddressesPerInterface": 15,
                        "DefaultNetworkCardIndex": 0,
                        "NetworkCards": [ { "NetworkCardIndex": 0, "MaximumNetworkInterfaces": 4 } ]
                    }
                }
            ]
        }
        """;

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
