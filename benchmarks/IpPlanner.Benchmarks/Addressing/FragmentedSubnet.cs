using IpPlanner.Core.Addressing;

namespace IpPlanner.Benchmarks.Addressing;

/// <summary>How the addresses in use are spread over a crowded benchmark subnet.</summary>
public enum Layout
{
    /// <summary>At random over the whole subnet, as EC2 scatters secondary IPs: the first free address is near the start.</summary>
    Scattered,

    /// <summary>
    /// The lower 85% wholly in use and the rest scattered, as lowest-free placement leaves a subnet after growth and
    /// churn: the first free address is far from the start.
    /// </summary>
    PackedBelow,
}

/// <summary>
/// Builds the same crowded subnet for the bitmap space and the naive baseline: 90% of the usable addresses in use,
/// placed as the <see cref="Layout"/> says (seeded), with about 2% of the /28 blocks left wholly free so that a
/// prefix take has somewhere to go and must find it.
/// </summary>
public static class FragmentedSubnet
{
    /// <summary>The share of usable addresses in use.</summary>
    public const double Fullness = 0.90;

    /// <summary>The share of /28 blocks left wholly free.</summary>
    public const double FreeBlockShare = 0.02;

    /// <summary>The share of the subnet packed full from the bottom in <see cref="Layout.PackedBelow"/>.</summary>
    public const double PackedShare = 0.85;

    /// <summary>The seed behind the scattering.</summary>
    public const int Seed = 2024;

    /// <summary>The addresses (offsets from the network) that are in use, for a subnet of <paramref name="size"/>.</summary>
    public static IReadOnlyList<int> InUseOffsets(int size, Layout layout)
    {
        var random = new Random(Seed);
        var blocks = size / 16;
        var packedBlocks = layout == Layout.PackedBelow ? (int)(blocks * PackedShare) : 0;
        var scatteredBlocks = blocks - packedBlocks;

        // Free blocks and the fill rate are chosen within the scattered region so the totals come out as promised.
        var keepFreeRate = FreeBlockShare * blocks / scatteredBlocks;
        var fillRate = ((Fullness * size) - (packedBlocks * 16)) / (scatteredBlocks * 16 * (1 - keepFreeRate));
        var offsets = new List<int>();
        for (var block = 0; block < blocks; block++)
        {
            var packed = block < packedBlocks;
            var keepFree = !packed && random.NextDouble() < keepFreeRate;
            for (var offset = block * 16; offset < (block + 1) * 16; offset++)
            {
                var usable = offset >= 4 && offset < size - 1;
                if (usable && !keepFree && (packed || random.NextDouble() < fillRate))
                {
                    offsets.Add(offset);
                }
            }
        }

        return offsets;
    }

    /// <summary>The bitmap space, crowded.</summary>
    public static SubnetAddressSpace Space(string cidr, Layout layout, AddressPolicy policy)
    {
        var space = SubnetAddressSpace.Parse(cidr, policy, Seed);
        foreach (var offset in InUseOffsets(space.Size, layout))
        {
            space.TryTake(space.Network + (uint)offset);
        }

        return space;
    }

    /// <summary>The naive baseline, crowded the same way.</summary>
    public static NaiveAddressSpace Naive(string cidr, Layout layout)
    {
        var reference = SubnetAddressSpace.Parse(cidr);
        var naive = new NaiveAddressSpace(reference.Network, reference.Size);
        foreach (var offset in InUseOffsets(reference.Size, layout))
        {
            naive.TryTake(reference.Network + (uint)offset);
        }

        return naive;
    }
}
