using IpPlanner.Cli;
using IpPlanner.Tests.AwsImport;
using NUnit.Framework;

namespace IpPlanner.Tests.Cli;

/// <summary><c>ipplanner import</c>, run in-process: stdout, --write, -o json, warnings and one-line errors.</summary>
[TestFixture]
public sealed class ImportCommandTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "import-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private static string[] With(string[] args, params string[] more) => [.. args, .. more];

    private static void AssertOneLineError(CliRun run, string contains)
    {
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError), run.Error);
        Assert.That(run.Out, Is.Empty);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), run.Error);
        Assert.That(lines[0], Does.StartWith("ipplanner: error: ").And.Contain(contains));
        Assert.That(run.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void Import_Sample_PrintsTheScenarioAndWarnsOnStderr()
    {
        var run = CliRun.Of(AwsSample.ImportArgs());

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Is.EqualTo(AwsSample.Result.Yaml));
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"ipplanner: warning: {AwsSample.Result.Warnings.Single()}",
        }));
        Assert.That(run.Error, Does.Contain(AwsSample.PrivateC));
    }

    [Test]
    public void Import_Write_WritesAFileThatValidatesAndPlans()
    {
        var path = Path.Combine(_directory, "orders.yaml");

        var run = CliRun.Of(With(AwsSample.ImportArgs(), "--write", path));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.StartWith($"Wrote {path}: 9 subnets of {AwsSample.VpcId}, cluster orders-prod, 3 node groups (6 nodes), "));
        Assert.That(File.ReadAllText(path), Is.EqualTo(AwsSample.Result.Yaml));

        var validate = CliRun.Of("validate", path);
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Ok), validate.Out);
        Assert.That(validate.Out, Does.Contain("valid: 9 subnets in 3 zones, 3 node groups"));

        var plan = CliRun.Of("plan", path);
        Assert.That(plan.ExitCode, Is.EqualTo(ExitCodes.Ok), plan.Error);
        Assert.That(plan.Out, Does.Contain("Capacity plan: orders-prod (orders.yaml)"));
    }

    [Test]
    public void Import_JsonOutput_ValidatesLikeTheYaml()
    {
        var path = Path.Combine(_directory, "orders.json");

        var run = CliRun.Of(With(AwsSample.ImportArgs(), "-o", "json", "--write", path));
        var validate = CliRun.Of("validate", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(File.ReadAllText(path), Does.StartWith("{\n  \"cluster\": {"));
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Ok), validate.Out);
    }

    [Test]
    public void Import_WriteIntoMissingDirectory_FailsCleanlyAndLeavesNothing()
    {
        var missing = Path.Combine(_directory, "no-such-dir");
        var path = Path.Combine(missing, "orders.yaml");

        var run = CliRun.Of(With(AwsSample.ImportArgs(), "--write", path));

        AssertOneLineError(run, $"{path}: cannot write: the directory {missing} does not exist");
        Assert.That(Directory.Exists(missing), Is.False);
        Assert.That(Directory.GetFileSystemEntries(_directory), Is.Empty);
    }

    [Test]
    public void Import_BadInputWithWrite_LeavesTheExistingFileAsItWas()
    {
        var path = Path.Combine(_directory, "orders.yaml");
        File.WriteAllText(path, "# yesterday's import\n");
        var args = AwsSample.ImportArgs();
        args[Array.IndexOf(args, "--subnets") + 1] = AwsSample.File("instances.json");

        var run = CliRun.Of(With(args, "--write", path));

        AssertOneLineError(run, "this is the output of 'aws ec2 describe-instances'");
        Assert.That(File.ReadAllText(path), Is.EqualTo("# yesterday's import\n"));
        Assert.That(Directory.GetFiles(_directory), Is.EqualTo(new[] { path }));
    }

    private static IEnumerable<TestCaseData> WrongInputs()
    {
        yield return new TestCaseData("--subnets", "instances.json", "expected the output of 'aws ec2 describe-subnets'").SetName("Import_InstancesAsSubnets_OneLineError");
        yield return new TestCaseData("--vpcs", "subnets.json", "expected the output of 'aws ec2 describe-vpcs'").SetName("Import_SubnetsAsVpcs_OneLineError");
        yield return new TestCaseData("--instances", "network-interfaces.json", "expected the output of 'aws ec2 describe-instances'").SetName("Import_EnisAsInstances_OneLineError");
        yield return new TestCaseData("--cluster", "vpcs.json", "expected the output of 'aws eks describe-cluster'").SetName("Import_VpcsAsCluster_OneLineError");
        yield return new TestCaseData("--aws-node", "cluster.json", "the aws-node DaemonSet as JSON").SetName("Import_ClusterAsAwsNode_OneLineError");
        yield return new TestCaseData("--eniconfigs", "aws-node.json", "expected the output of 'kubectl get eniconfigs -o yaml'").SetName("Import_AwsNodeAsEniConfigs_OneLineError");
        yield return new TestCaseData("--cidr-reservations", "subnets.json", "expected the output of 'aws ec2 get-subnet-cidr-reservations'").SetName("Import_SubnetsAsReservations_OneLineError");
    }

    [TestCaseSource(nameof(WrongInputs))]
    public void Import_FileGivenToTheWrongFlag_FailsWithOneLineNamingTheFile(string flag, string file, string expected)
    {
        var args = AwsSample.ImportArgs();
        args[Array.IndexOf(args, flag) + 1] = AwsSample.File(file);

        var run = CliRun.Of(args);

        AssertOneLineError(run, expected);
        Assert.That(run.Error, Does.Contain(AwsSample.File(file)));
    }

    [Test]
    public void Import_TruncatedFile_FailsWithOneLineNamingFileAndLine()
    {
        var text = File.ReadAllText(AwsSample.File("subnets.json"));
        var path = Path.Combine(_directory, "subnets.json");
        File.WriteAllText(path, text[..(text.Length / 3)]);
        var args = AwsSample.ImportArgs();
        args[Array.IndexOf(args, "--subnets") + 1] = path;

        var run = CliRun.Of(args);

        AssertOneLineError(run, "truncated?");
        Assert.That(run.Error, Does.Match($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: "));
    }

    [Test]
    public void Import_UnknownVpcId_FailsWithOneLine()
    {
        var run = CliRun.Of(With(AwsSample.ImportArgs(), "--vpc-id", "vpc-0000000000000000a"));

        AssertOneLineError(run, "--vpc-id vpc-0000000000000000a: no such VPC in");
    }

    [Test]
    public void Import_TwoVpcsNoVpcIdNoCluster_NamesTheFlagsToGive()
    {
        // Core names the inputs by role; the CLI labels them with its flags, so the user still reads which to give.
        var args = AwsSample.ImportArgs().ToList();
        args.RemoveRange(args.IndexOf("--cluster"), 2);

        var run = CliRun.Of([.. args]);

        AssertOneLineError(run, "give --vpc-id, or --cluster to use the cluster's VPC");
    }

    [Test]
    public void Import_WithoutSubnets_IsAUsageError()
    {
        var run = CliRun.Of("import", "--vpcs", AwsSample.File("vpcs.json"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("--subnets"));
    }

    [Test]
    public void Import_SeveralReservationFilesAfterOneFlag_AreAllRead()
    {
        var second = Path.Combine(_directory, "cidr-reservations-pods-eu-west-1a.json");
        File.WriteAllText(second, $$"""
            { "SubnetIpv4CidrReservations": [ { "SubnetId": "{{AwsSample.PodsA}}", "Cidr": "100.64.2.240/28", "ReservationType": "explicit" } ], "SubnetIpv6CidrReservations": [] }
            """);
        var args = AwsSample.ImportArgs();
        var at = Array.IndexOf(args, "--cidr-reservations") + 2;

        // What a shell glob (cidr-reservations-*.json) expands to.
        var run = CliRun.Of([.. args[..at], second, .. args[at..]]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Contain("- cidr: 100.64.2.240/28\n        type: explicit"));
        Assert.That(run.Out, Does.Contain("- cidr: 100.64.6.0/23\n        type: prefix"));
    }

    [Test]
    public void Import_InstanceTypesFile_IsNamedInTheNextStep()
    {
        var types = Path.Combine(_directory, "types.json");
        File.WriteAllText(types, """{"InstanceTypes": [{"InstanceType": "m6i.large", "Hypervisor": "nitro", "VCpuInfo": {"DefaultVCpus": 2}, "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10}}]}""");
        var path = Path.Combine(_directory, "orders.yaml");

        var run = CliRun.Of(With(AwsSample.ImportArgs(), "--instance-types", types, "--write", path));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Contain($"ipplanner plan {path} --instance-types {types}"));
        Assert.That(File.ReadAllText(path), Does.Contain($"describe-instance-types: {types}"));
    }
}
