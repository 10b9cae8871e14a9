using NUnit.Framework;
using System.Text.Json;
using IpPlanner.Cli;

namespace IpPlanner.Tests.Cli;

public class MaxPodsCommandTests
{
    [Test]
    public void MaxPods_Default_PrintsJustTheInteger()
    {
        var run = CliRun.Of("maxpods", "--instance-type", "m5.large");
        Assert.That((run.ExitCode, run.Out), Is.EqualTo((ExitCodes.Ok, "29\n")));
    }

    [Test]
    public void MaxPods_ScriptFlags_AreAccepted()
    {
        var run = CliRun.Of("maxpods", "--instance-type", "m5.large", "--cni-version", "1.9.0", "--cni-prefix-delegation-enabled", "--show-max-allowed");
        Assert.That(run.Out.Trim(), Is.EqualTo("434"));
    }

    [Test]
    public void MaxPods_Json_ShowsInputsAndEveryStep()
    {
        var run = CliRun.Of("maxpods", "--instance-type", "m5.large", "--cni-custom-networking-enabled", "-o", "json");
        using var doc = JsonDocument.Parse(run.Out);
        var result = doc.RootElement.GetProperty("result");
        Assert.That(doc.RootElement.GetProperty("inputs").GetProperty("customNetworking").GetBoolean(), Is.True);
        Assert.That(result.GetProperty("maxPods").GetInt32(), Is.EqualTo(20));
        var steps = result.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.That(steps, Is.EquivalentTo(new[] { "enis", "customNetworking", "slotsPerEni", "formula", "maxPods" }));
    }

    [TestCase("m5.large", "32", "29")]
    [TestCase("m5.large", "Auto", "110")]
    [TestCase("m5.24xlarge", "32", "110")]
    public void MaxPods_AutoMode_PrintsAutoModesMaxPods(string type, string prefixSize, string expected)
    {
        // EKS Auto Mode: the max-pods calculation for the NodeClass's mode, capped at 110 whatever the vCPUs
        // (EKS User Guide, create-node-class). m5.large "32": 3 x 9 + 2 = 29; Auto: 3 x 9 x 16 + 2 = 434 -> 110;
        // m5.24xlarge "32": 15 x 49 + 2 = 737 -> 110 (the VPC CNI's own cap there would be 250).
        var run = CliRun.Of("maxpods", "--instance-type", type, "--auto-mode", "--ipv4-prefix-size", prefixSize);
        Assert.That((run.ExitCode, run.Out), Is.EqualTo((ExitCodes.Ok, expected + "\n")));
    }

    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--ipv4-prefix-size", "32" }, "--ipv4-prefix-size: only with --auto-mode")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--auto-mode", "--ipv4-prefix-size", "28" }, "--ipv4-prefix-size: '28' is not valid (expected Auto or 32)")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--auto-mode", "--max-pods", "50" }, "--auto-mode: EKS Auto Mode has no setting for --max-pods")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.lrage" }, "did you mean m5.large")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--cni-max-eni", "0" }, "--cni-max-eni: 0 is out of range (1 to 1,000)")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--cni-max-eni", "-2" }, "--cni-max-eni: -2 is out of range (1 to 1,000)")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--cni-version", "1.x" }, "is not a VPC CNI version")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--instance-types", "/nonexistent/types.json" }, "/nonexistent/types.json")]
    [TestCase(new[] { "maxpods" }, "--instance-type: required")]
    [TestCase(new[] { "maxpods", "--instance-type", "m5.large", "--cni-max-eni", "three" }, "three")]
    public void MaxPods_BadInput_OneLineErrorAndExit2(string[] args, string expected)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain(expected));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(run.Out, Is.Empty, "no number, certainly not a negative one");
    }

    [Test]
    public void MaxPods_MalformedDescribeInstanceTypes_NamesTheFile()
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "truncated-types.json");
        File.WriteAllText(file, "{ \"InstanceTypes\": [ { \"InstanceType\": ");
        var run = CliRun.Of("maxpods", "--instance-type", "m5.large", "--instance-types", file);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("truncated-types.json:1:").And.Contains("not valid describe-instance-types JSON"));
        Assert.That(run.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void MaxPodsAll_Csv_HasARowPerCatalogTypeWithEveryMode()
    {
        var run = CliRun.Of("maxpods", "--all", "-o", "csv");
        var lines = run.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(1392));
        Assert.That(lines[0], Is.EqualTo("type,vcpus,enis,ipv4_per_eni,secondary,secondary_uncapped,custom,custom_uncapped,prefix,prefix_uncapped,custom_prefix,custom_prefix_uncapped"));
        Assert.That(lines, Has.Some.EqualTo("m5.large,2,3,10,29,29,20,20,110,434,110,290"));
    }

    [Test]
    public void MaxPodsAll_Table_ListsEveryType()
    {
        var run = CliRun.Of("maxpods", "--all");
        var m5Types = IpPlanner.Core.Catalog.InstanceCatalog.Embedded.Types.Count(t => t.Name.StartsWith("m5.", StringComparison.Ordinal));
        Assert.That(run.Out.Split('\n').Count(l => l.StartsWith("m5.", StringComparison.Ordinal)), Is.EqualTo(m5Types));
        Assert.That(run.Out, Does.Contain("custom+prefix"));
    }

    [Test]
    public void Catalog_Json_ListsLimits()
    {
        var run = CliRun.Of("catalog", "-o", "json");
        using var doc = JsonDocument.Parse(run.Out);
        var m5 = doc.RootElement.EnumerateArray().First(e => e.GetProperty("name").GetString() == "m5.large");
        Assert.That(m5.GetProperty("maxEnis").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public void Catalog_Json_GivesMemoryAndAllocatable()
    {
        // m5.large: 8192 MiB; allocatable 1930m, 6903 MiB, 29 pods (derived in AllocatableRuleTests).
        var run = CliRun.Of("catalog", "-o", "json");
        using var doc = JsonDocument.Parse(run.Out);
        var m5 = doc.RootElement.EnumerateArray().First(e => e.GetProperty("name").GetString() == "m5.large");
        var allocatable = m5.GetProperty("allocatable");
        Assert.That(m5.GetProperty("memoryMiB").GetInt32(), Is.EqualTo(8192));
        Assert.That((allocatable.GetProperty("cpuMillicores").GetInt32(), allocatable.GetProperty("memoryMiB").GetInt64(), allocatable.GetProperty("pods").GetInt32()),
            Is.EqualTo((1930, 6903L, 29)));
    }

    [Test]
    public void Catalog_CsvAndTable_ShowAllocatable()
    {
        var csv = CliRun.Of("catalog", "-o", "csv").Out.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.That(csv[0], Does.EndWith("memory_mib,on_demand_usd_per_hour_us_east_1,architecture,allocatable_cpu_millicores,allocatable_memory_mib,allocatable_pods"));
        Assert.That(csv.Single(l => l.StartsWith("m5.large,", StringComparison.Ordinal)), Does.EndWith(",8192,0.096,amd64,1930,6903,29"));
        var table = CliRun.Of("catalog").Out.Split('\n');
        Assert.That(table[0], Does.Contain("alloc CPU m").And.Contain("alloc MiB").And.Contain("alloc pods"));
    }
}
