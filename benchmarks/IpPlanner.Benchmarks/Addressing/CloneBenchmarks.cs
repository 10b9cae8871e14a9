using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Benchmarks.Addressing;

/// <summary>Copy a 90%-full /16 for a what-if, as the planner does before trying a change.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class CloneBenchmarks
{
    private NaiveAddressSpace _naive = null!;
    private SubnetAddressSpace _space = null!;

    [GlobalSetup]
    public void Setup()
    {
        _naive = FragmentedSubnet.Naive("10.0.0.0/16", Layout.Scattered);
        _space = FragmentedSubnet.Space("10.0.0.0/16", Layout.Scattered, AddressPolicy.LowestFree);
    }

    [Benchmark(Baseline = true, Description = "HashSet copy")]
    public NaiveAddressSpace Naive() => _naive.Clone();

    [Benchmark(Description = "bitmap Clone")]
    public SubnetAddressSpace Bitmap() => _space.Clone();
}
