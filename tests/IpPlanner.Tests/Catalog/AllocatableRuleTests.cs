using System.Globalization;
using NUnit.Framework;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Tests.Catalog;

/// <summary>
/// Allocatable CPU, memory and pods against Karpenter's own published table
/// (TestData/karpenter-allocatable.csv, parsed from aws/karpenter-provider-aws
/// website/content/en/docs/reference/instance-types.md@1d927085d), and hand-worked examples of each rule.
/// </summary>
public class AllocatableRuleTests
{
    private sealed record KarpenterRow(string Type, string Arch, int CpuMillicores, long MemoryMiB, int Pods)
    {
        public override string ToString() => Type;
    }

    private static IEnumerable<KarpenterRow> KarpenterTable()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "karpenter-allocatable.csv");
        foreach (var line in File.ReadLines(path).Where(l => !l.StartsWith('#')).Skip(1))
        {
            var f = line.Split(',');
            yield return new KarpenterRow(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void KarpenterTable_CoversEveryTypeItPublishes()
    {
        // 1,363 types in the generated reference; every one is in the embedded catalog.
        var rows = KarpenterTable().ToList();
        Assert.That(rows, Has.Count.EqualTo(1363));
        Assert.That(rows.Where(r => !InstanceCatalog.Embedded.TryGet(r.Type, out _)).Select(r => r.Type), Is.Empty);
    }

    [Test]
    public void Karpenter_EveryPublishedType_MatchesCpuMemoryAndPodsExactly()
    {
        var wrong = new List<string>();
        foreach (var row in KarpenterTable())
        {
            var type = InstanceCatalog.Embedded.Get(row.Type);
            var got = type.Allocatable;
            if (got != new Allocatable(row.CpuMillicores, row.MemoryMiB, row.Pods))
            {
                wrong.Add($"{row.Type}: expected {row.CpuMillicores}m {row.MemoryMiB}Mi {row.Pods} pods, got {got}");
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void FromName_EveryPublishedType_MatchesKarpentersArchitectureLabel()
    {
        var wrong = KarpenterTable().Where(r => ArchitectureRule.FromName(r.Type) != r.Arch).Select(r => r.Type);
        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Karpenter_M5Large_WorkedByHand()
    {
        // m5.large: 2 vCPU, 8192 MiB, 3 ENIs x 10 IPv4.
        // pods = 3 x (10 - 1) + 2 = 29.
        // CPU: 2000m - (6% of 1000 = 60 + 1% of 1000 = 10) = 1930m.
        // memory: 8192 - ceil(8192 x 0.075 = 614.4) = 8192 - 615 = 7577; less kube-reserved 11 x 29 + 255 = 574
        // and eviction 100: 7577 - 574 - 100 = 6903 MiB.
        Assert.That(InstanceCatalog.Embedded.Get("m5.large").Allocatable, Is.EqualTo(new Allocatable(1930, 6903, 29)));
    }

    [Test]
    public void Karpenter_GravitonM6gLarge_LosesTheCmaReserve()
    {
        // m6g.large: same shape as m5.large (2 vCPU, 8192 MiB, 3 x 10) but arm64: 8192 - 64 = 8128 first.
        // 8128 - ceil(609.6) = 8128 - 610 = 7518; 7518 - 574 - 100 = 6844 MiB (59 MiB below the x86 twin).
        Assert.That(InstanceCatalog.Embedded.Get("m6g.large").Allocatable, Is.EqualTo(new Allocatable(1930, 6844, 29)));
    }

    [Test]
    public void Karpenter_VmOverheadSettable_ChangesOnlyMemory()
    {
        // m5.large with a 10% overhead: 8192 - ceil(819.2) = 7372; 7372 - 574 - 100 = 6698 MiB.
        var got = AllocatableRule.Karpenter(InstanceCatalog.Embedded.Get("m5.large"), vmMemoryOverheadPercent: 0.10);
        Assert.That(got, Is.EqualTo(new Allocatable(1930, 6698, 29)));
    }

    [Test]
    public void Karpenter_MaxPodsGiven_ReplacesPodsButNotTheMemoryReserve()
    {
        // AL2023 reserves memory by the ENI-limited count (29 on m5.large) even when kubelet maxPods is 110.
        var got = AllocatableRule.Karpenter(InstanceCatalog.Embedded.Get("m5.large"), maxPods: 110);
        Assert.That(got, Is.EqualTo(new Allocatable(1930, 6903, 110)));
    }

    [TestCase(1000, 60)]
    [TestCase(2000, 70)]
    [TestCase(4000, 80)]
    [TestCase(96000, 310)] // 80 + 0.25% x 92,000 = 80 + 230
    public void KubeReservedCpuMillicores_Tiers(long cpu, int reserved)
    {
        Assert.That(AllocatableRule.KubeReservedCpuMillicores(cpu), Is.EqualTo(reserved));
    }

    [Test]
    public void Karpenter_UnknownMemory_LeavesMemoryNull()
    {
        var type = new InstanceType("x9.future", 4, "nitro", false, 4, 15, [new NetworkCard(0, 4)], null);
        Assert.That(type.Allocatable, Is.EqualTo(new Allocatable(3920, null, 58)));
    }

    [Test]
    public void DescribeInstanceTypes_MemoryAndArchitecture_AreRead()
    {
        // A made-up type so the name rule cannot decide the architecture: EC2 says arm64.
        const string json = """
            { "InstanceTypes": [ { "InstanceType": "z9.large", "Hypervisor": "nitro", "BareMetal": false,
                "VCpuInfo": { "DefaultVCpus": 2 }, "MemoryInfo": { "SizeInMiB": 8192 },
                "ProcessorInfo": { "SupportedArchitectures": [ "arm64" ] },
                "NetworkInfo": { "MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10 } } ] }
            """;
        var type = DescribeInstanceTypesReader.Read(json, "types.json").Single();
        Assert.That((type.MemoryMiB, type.Architecture), Is.EqualTo(((int?)8192, "arm64")));
        // Same arithmetic as m6g.large above.
        Assert.That(type.Allocatable, Is.EqualTo(new Allocatable(1930, 6844, 29)));
    }
}
