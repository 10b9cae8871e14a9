using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Benchmarks.Addressing;

/// <summary>Build the address space of a whole 100.64.0.0/10 CG-NAT range (4,194,304 addresses).</summary>
[MemoryDiagnoser]
[MedianColumn]
public class LargeSpaceBuildBenchmarks
{
    private const string CgNat = "100.64.0.0/10";

    /// <summary>The naive layout: one flag per address.</summary>
    [Benchmark(Baseline = true, Description = "bool per address")]
    public bool[] FlagPerAddress()
    {
        var inUse = new bool[1 << 22];
        inUse[0] = inUse[1] = inUse[2] = inUse[3] = inUse[^1] = true;
        return inUse;
    }

    [Benchmark(Description = "bitmap space /10")]
    public SubnetAddressSpace BitmapSpace() => SubnetAddressSpace.Parse(CgNat);
}
