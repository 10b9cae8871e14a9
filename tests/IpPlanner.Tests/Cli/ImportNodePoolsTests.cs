using IpPlanner.Cli;
using IpPlanner.Tests.AwsImport;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary><c>ipplanner import --nodepools --ec2nodeclasses</c>: Karpenter's objects become the scenario's nodePools.</summary>
public class ImportNodePoolsTests
{
    [Test]
    public void Import_NodePools_BecomeNodePoolEntriesThatLoad()
    {
        // samples/aws/nodepools.json: families m5 and m6i, sizes NotIn metal and 8xlarge and up, amd64. EC2's m5 sizes
        // are large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge, metal; m6i adds 32xlarge. So
        // large to 4xlarge of each: 8 types. The EC2NodeClass's status lists the three private /24 subnets.
        var run = CliRun.Of(AwsSample.ImportArgs().Concat(["--nodepools", AwsSample.File("nodepools.json"), "--ec2nodeclasses", AwsSample.File("ec2nodeclasses.json")]).ToArray());
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var loaded = LoadText(run.Out, "imported.yaml");
        Assert.That(loaded.Errors, Is.Empty, run.Out);
        var pool = loaded.Scenario!.NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That(pool.Name, Is.EqualTo("general"));
            Assert.That(pool.InstanceTypes.Select(t => t.Name), Is.EquivalentTo(new[]
            {
                "m5.large", "m5.xlarge", "m5.2xlarge", "m5.4xlarge", "m6i.large", "m6i.xlarge", "m6i.2xlarge", "m6i.4xlarge",
            }));
            Assert.That(pool.Subnets, Is.EqualTo(new[] { "subnet-0d44f6b8c0e2a4b04", "subnet-0e55a7c9d1f3b5c05", "subnet-0f66b8d0e2a4c6d06" }));
            Assert.That(pool.LimitCpuMillicores, Is.EqualTo(400_000));
            Assert.That(run.Error, Does.Contain("karpenter.sh/capacity-type is not modelled"));
        });
    }
}
