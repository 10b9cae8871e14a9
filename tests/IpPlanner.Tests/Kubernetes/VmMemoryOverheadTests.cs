using System.Text.Json;
using IpPlanner.Cli;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// Karpenter's VM memory overhead (aws/karpenter-provider-aws pkg/operator/options/options.go:66@1d927085d,
/// VM_MEMORY_OVERHEAD_PERCENT, default 0.075; types.go:512-521 takes ceil(MiB x overhead) off nominal memory) set
/// from the scenario and from <c>catalog</c>. m5.large: 8192 MiB nominal, kube-reserved 11 x 29 + 255 = 574 MiB,
/// eviction 100 MiB; m6g.large (arm64) also loses 64 MiB of CMA before the overhead is taken.
/// </summary>
public class VmMemoryOverheadTests
{
    [Test]
    public void Scenario_NoOverhead_OneMorePodFitsByMemory()
    {
        // 100m / 1Gi on m5.large. Default 0.075: 8192 - ceil(614.4) = 7577, less 574 and 100 = 6903 MiB: 6 pods of
        // 1024. With 0: 8192 - 574 - 100 = 7518 MiB: 7 pods (floor(7.34)); CPU allows floor(1930 / 100) = 19.
        var text = With("    podsPerNode: 10", "    podRequests: {cpu: 100m, memory: 1Gi}");
        var byDefault = Load(text).Provisioned!.NodeGroups.Single();
        var none = Load("vmMemoryOverheadPercent: 0\n" + text).Provisioned!;
        Assert.Multiple(() =>
        {
            Assert.That(byDefault.PodsPerNodeFit!.ByMemory, Is.EqualTo(6));
            Assert.That(none.NodeGroups.Single().PodsPerNodeFit!.ByMemory, Is.EqualTo(7));
            Assert.That(none.VmMemoryOverheadPercent, Is.EqualTo(0));
        });
    }

    [Test]
    public void Scenario_OverheadAlsoDecidesNodePoolFit()
    {
        // A NodePool of m5.large with 14 pods of 100m / 1Gi: 6 per node at 0.075 (above) = 3 claims (6, 6, 2);
        // at 0, 7 per node = 2 claims.
        const string Pool = """
            nodePools:
              - name: p
                instanceTypes: [m5.large]
                subnets: [subnet-a]
                pods: {count: 14, cpu: 100m, memory: 1Gi}

            """;
        Assert.That(Load(Base + Pool).Provisioned!.NodePools.Single().Provisioning!.NodeClaims, Has.Count.EqualTo(3));
        Assert.That(Load("vmMemoryOverheadPercent: 0\n" + Base + Pool).Provisioned!.NodePools.Single().Provisioning!.NodeClaims, Has.Count.EqualTo(2));
    }

    [TestCase("7.5")]
    [TestCase("-0.1")]
    [TestCase("0.6")]
    public void Scenario_OutOfRange_IsAnErrorAtTheField(string value)
    {
        // A percentage where the fraction belongs (7.5 for 0.075), a negative one, or more than half the memory.
        var error = Load(Base + "vmMemoryOverheadPercent: " + value + "\n").Errors.Single();
        Assert.That((error.Code, error.Field, error.Line), Is.EqualTo((FindingCodes.OutOfRange, "vmMemoryOverheadPercent", AppendedLine)));
    }

    [Test]
    public void Catalog_Option_RecomputesAllocatableMemory()
    {
        // 0.1: m5.large 8192 - ceil(819.2) = 7372, less 674 = 6698 MiB. m6g.large: 8192 - 64 = 8128,
        // - ceil(812.8) = 7315, less 674 = 6641 MiB. CPU and pods do not depend on it.
        var run = CliRun.Of("catalog", "-o", "json", "--vm-memory-overhead-percent", "0.1");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok));
        using var doc = JsonDocument.Parse(run.Out);
        long Memory(string name) => doc.RootElement.EnumerateArray().First(e => e.GetProperty("name").GetString() == name)
            .GetProperty("allocatable").GetProperty("memoryMiB").GetInt64();
        Assert.That((Memory("m5.large"), Memory("m6g.large")), Is.EqualTo((6698L, 6641L)));
    }

    [TestCase("7.5", "7.5 is out of range (0 to 0.5)")]
    [TestCase("x", "'x' is not a number")]
    public void Catalog_BadOption_OneErrorAndExit2(string value, string expected)
    {
        var run = CliRun.Of("catalog", "--vm-memory-overhead-percent", value);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("--vm-memory-overhead-percent: " + expected));
        Assert.That(run.Out, Is.Empty);
    }
}
