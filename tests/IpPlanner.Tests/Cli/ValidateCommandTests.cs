using System.Text.Json;
using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary><c>ipplanner validate</c>, run in-process.</summary>
[TestFixture]
public sealed class ValidateCommandTests
{
    private const string Broken =
        """
        cluster:
          name: broken
          controlPlaneSubnets: [subnet-a, subnet-b]
        vpc:
          cidrs: [10.0.0.0/16]
        subnets:
          - id: subnet-a
            cidr: 10.0.0.5/24
            zone: us-east-1a
          - id: subnet-b
            cidr: 10.0.1.0/24
            zone: us-east-1b
        nodeGroups:
          - name: workers
            instanceType: m5.lrage
            subnets: [subnet-a, subnet-b]
            nodes: -1

        """;

    private string _directory = "";

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "validate-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CliApp.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Validate_ValidSample_ExitsZeroAndSaysWhatItHolds()
    {
        var path = Path.Combine("samples", "small-3az.yaml");

        var (exit, output, error) = Run("validate", Path.Combine(AppContext.BaseDirectory, path));

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), error);
        Assert.That(output, Does.Contain("small-3az.yaml: valid: 6 subnets in 3 zones, 2 node groups (system: 3-6 x m5.large, apps: 6-12 x m5.xlarge)"));
        Assert.That(output, Does.Contain("VPC CNI 1.19.2, secondary IPs (WARM_ENI_TARGET=1)"));
        Assert.That(error, Is.Empty);
    }

    [Test]
    public void Validate_BrokenFile_ListsEveryProblemOnePerLineAndExitsOne()
    {
        var path = Write("broken.yaml", Broken);

        var (exit, output, _) = Run("validate", path);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
        Assert.That(lines, Has.Length.EqualTo(4), output);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith($"{path}:8:11: error: subnets[0].cidr: '10.0.0.5/24' has host bits set"));
            Assert.That(lines[1], Does.StartWith($"{path}:15:19: error: nodeGroups[0].instanceType: unknown instance type 'm5.lrage'"));
            Assert.That(lines[2], Does.StartWith($"{path}:17:12: error: nodeGroups[0].nodes: -1 cannot be negative"));
            Assert.That(lines[3], Is.EqualTo($"{path}: invalid: 3 errors, 0 warnings"));
        });
    }

    [TestCase("10.0.032.0/19", TestName = "Validate_ZeroPaddedAddressByte_IsAnErrorAndPlanSaysTheSame")]
    [TestCase("10.0.32.0/019", TestName = "Validate_ZeroPaddedPrefixLength_IsAnErrorAndPlanSaysTheSame")]
    public void Validate_ZeroPaddedCidr_IsAnErrorAndPlanSaysTheSame(string cidr)
    {
        // Tools disagree on 032 (octal 26 or decimal 32); validate used to pass it and plan to crash on it.
        var sample = File.ReadAllText(Sample("small-3az.yaml"));
        var path = Write("padded.yaml", sample.Replace("cidr: 10.0.32.0/19", $"cidr: {cidr}", StringComparison.Ordinal));

        var validate = Run("validate", path);
        var plan = Run("plan", path);
        // The line the edited CIDR stands on in the sample, found here rather than typed in (the sample's header grows).
        var line = sample[..sample.IndexOf("cidr: 10.0.32.0/19", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        Assert.Multiple(() =>
        {
            Assert.That(validate.Exit, Is.EqualTo(ExitCodes.Findings), validate.Out);
            Assert.That(validate.Out, Does.StartWith($"{path}:{line}:11: error: subnets[3].cidr: '{cidr}'"));
            Assert.That(plan.Exit, Is.EqualTo(ExitCodes.InputError), plan.Err);
            Assert.That(plan.Err, Does.Contain($"{path}:{line}:11").And.Contain(cidr));
            Assert.That(plan.Err.TrimEnd().Split('\n'), Has.Length.EqualTo(1), plan.Err);
        });
    }

    [Test]
    public void Validate_WarningsOnly_ExitsZeroAndPrintsThem()
    {
        var path = Write("warn.yaml", Broken
            .Replace("10.0.0.5/24", "10.0.0.0/24", StringComparison.Ordinal)
            .Replace("m5.lrage", "m4.large", StringComparison.Ordinal)
            .Replace("nodes: -1", "nodes: 2", StringComparison.Ordinal) + "cni:\n  prefixDelegation: true\n");

        var (exit, output, _) = Run("validate", path);

        Assert.That(exit, Is.EqualTo(ExitCodes.Ok), output);
        Assert.That(output, Does.Contain($"{path}: valid: "));
        Assert.That(output, Does.Contain($"{path}:15:19: warning: nodeGroups[0].instanceType: m4.large is not Nitro-based"));
        Assert.That(output, Does.Contain($"{path}: 1 warning"));
    }

    [Test]
    public void Validate_JsonOutput_CarriesEveryDiagnosticWithItsCode()
    {
        var path = Write("broken.yaml", Broken);

        var (exit, output, _) = Run("validate", path, "-o", "json");

        Assert.That(exit, Is.EqualTo(ExitCodes.Findings));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(root.GetProperty("errors").GetInt32(), Is.EqualTo(3));
        var first = root.GetProperty("diagnostics")[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("severity").GetString(), Is.EqualTo("error"));
            Assert.That(first.GetProperty("code").GetString(), Is.EqualTo("cidr-host-bits"));
            Assert.That(first.GetProperty("line").GetInt32(), Is.EqualTo(8));
            Assert.That(first.GetProperty("column").GetInt32(), Is.EqualTo(11));
            Assert.That(first.GetProperty("subject").GetString(), Is.EqualTo("subnets[0].cidr"));
        });
    }

    [Test]
    public void Validate_JsonOutputForValidFile_HasTheSummary()
    {
        var (exit, output, _) = Run("validate", Sample("private-fargate.yaml"), "-o", "json");

        using var json = JsonDocument.Parse(output);
        Assert.That(exit, Is.EqualTo(ExitCodes.Ok));
        Assert.That(json.RootElement.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(json.RootElement.GetProperty("summary").GetString(), Does.Contain("2 Fargate profiles (422 pods)"));
    }

    [Test]
    public void Validate_MissingFile_ExitsTwoWithOneLine()
    {
        var path = Path.Combine(_directory, "absent.yaml");

        var (exit, output, error) = Run("validate", path);

        Assert.That(exit, Is.EqualTo(ExitCodes.InputError));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith($"ipplanner: error: {path}: no such file"));
    }

    [Test]
    public void Validate_Directory_ExitsTwo()
    {
        var (exit, _, error) = Run("validate", _directory);

        Assert.That(exit, Is.EqualTo(ExitCodes.InputError));
        Assert.That(error, Does.Contain("is a directory"));
    }

    [Test]
    public void Validate_NoFileArgument_IsAUsageError()
    {
        var (exit, _, error) = Run("validate");

        Assert.That(exit, Is.EqualTo(ExitCodes.InputError));
        Assert.That(error, Does.Contain("ipplanner: error:"));
    }

    [Test]
    public void Validate_InstanceTypesFile_TeachesTheCatalogANewType()
    {
        var scenario = Write("new-type.yaml", Broken
            .Replace("10.0.0.5/24", "10.0.0.0/24", StringComparison.Ordinal)
            .Replace("m5.lrage", "m9z.large", StringComparison.Ordinal)
            .Replace("nodes: -1", "nodes: 2", StringComparison.Ordinal));
        var types = Write("types.json", """
            {"InstanceTypes": [{"InstanceType": "m9z.large", "Hypervisor": "nitro", "BareMetal": false,
              "VCpuInfo": {"DefaultVCpus": 2},
              "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10, "DefaultNetworkCardIndex": 0,
                "NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 3}]}}]}
            """);

        var without = Run("validate", scenario);
        var with = Run("validate", scenario, "--instance-types", types);

        Assert.That(without.Exit, Is.EqualTo(ExitCodes.Findings));
        Assert.That(without.Out, Does.Contain("unknown instance type 'm9z.large'"));
        Assert.That(with.Exit, Is.EqualTo(ExitCodes.Ok), with.Out + with.Err);
    }

    [Test]
    public void Validate_PrefixDelegationOnCni180_DescribesTheSecondaryIpModeItRunsIn()
    {
        var sample = Sample("prefix-delegation.yaml");
        var scenario = Write("pd-cni-1.8.0.yaml", File.ReadAllText(sample).Replace("version: 1.19.2", "version: 1.8.0", StringComparison.Ordinal));
        var run = Run("validate", scenario);
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Out + run.Err);
        Assert.That(run.Out, Does.Contain("1.8.0 ignores it and uses secondary IPs"), "the loader's warning");
        Assert.That(run.Out, Does.Contain("VPC CNI 1.8.0, secondary IPs (WARM_ENI_TARGET=1, prefix delegation ignored: VPC CNI 1.8.0 is older than 1.9.0)"));
        Assert.That(run.Out, Does.Not.Contain("WARM_PREFIX_TARGET"));
    }
}
