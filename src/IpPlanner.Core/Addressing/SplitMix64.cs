using System.Runtime.CompilerServices;

namespace IpPlanner.Core.Addressing;

/// <summary>
/// A tiny seeded generator (SplitMix64) that lives inside the address space as a value, so a clone continues the
/// same sequence independently and drawing a number never allocates.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(int seed) => _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;

    /// <summary>
    /// The seed of run <paramref name="run"/> of a seeded batch (the simulation's and the runway's Monte Carlo runs):
    /// the user's seed and the run index mixed by the SplitMix64 finaliser, so neighbouring runs draw unrelated numbers.
    /// </summary>
    public static int RunSeed(int seed, int run)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) + (ulong)run + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }

    /// <summary>A value uniformly distributed in [0, <paramref name="bound"/>), for bound &gt; 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int bound) => unchecked((int)(((Next() >> 32) * (uint)bound) >> 32));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
