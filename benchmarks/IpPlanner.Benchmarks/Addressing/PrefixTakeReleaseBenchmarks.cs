using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Benchmarks.Addressing;

/// <summary>Delegate one /28 prefix and give it back, on a 90%-full, fragmented subnet (see <see cref="FragmentedSubnet"/>) with 2% of blocks wholly free.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class PrefixTakeReleaseBenchmarks
{
    private NaiveAddressSpace _naive = null!;
    private SubnetAddressSpace _lowestFree = null!;
    private SubnetAddressSpace _random = null!;

    /// <summary>The subnet.</summary>
    [Params("10.0.0.0/16", "10.0.0.0/20")]
    public string Cidr { get; set; } = "";

    /// <summary>How the addresses in use are spread.</summary>
    [Params(Layout.Scattered, Layout.PackedBelow)]
    public Layout Layout { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _naive = FragmentedSubnet.Naive(Cidr, Layout);
        _lowestFree = FragmentedSubnet.Space(Cidr, Layout, AddressPolicy.LowestFree);
        _random = FragmentedSubnet.Space(Cidr, Layout, AddressPolicy.Random);
        if (_lowestFree.FreePrefixes == 0)
        {
            throw new InvalidOperationException($"the fixture left no free /28 in {Cidr}");
        }
    }

    [Benchmark(Baseline = true, Description = "HashSet + linear scan")]
    public uint Naive()
    {
        _naive.TryTakePrefix(out var start);
        _naive.ReleasePrefix(start);
        return start;
    }

    [Benchmark(Description = "bitmap, lowest free")]
    public uint BitmapLowestFree()
    {
        _lowestFree.TryTakePrefix(out var start);
        _lowestFree.ReleasePrefix(start);
        return start;
    }

    [Benchmark(Description = "bitmap, random (EC2-like)")]
    public uint BitmapRandom()
    {
        _random.TryTakePrefix(out var start);
        _random.ReleasePrefix(start);
        return start;
    }
}
