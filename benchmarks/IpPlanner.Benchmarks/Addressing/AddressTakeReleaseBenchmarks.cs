using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Benchmarks.Addressing;

/// <summary>Take one address and give it back, on a 90%-full, fragmented subnet (see <see cref="FragmentedSubnet"/>).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class AddressTakeReleaseBenchmarks
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
    }

    [Benchmark(Baseline = true, Description = "HashSet + linear scan")]
    public uint Naive()
    {
        _naive.TryTakeLowest(out var address);
        _naive.Release(address);
        return address;
    }

    [Benchmark(Description = "bitmap, lowest free")]
    public uint BitmapLowestFree()
    {
        _lowestFree.TryTakeAddress(out var address);
        _lowestFree.Release(address);
        return address;
    }

    [Benchmark(Description = "bitmap, random (EC2-like)")]
    public uint BitmapRandom()
    {
        _random.TryTakeAddress(out var address);
        _random.Release(address);
        return address;
    }
}
