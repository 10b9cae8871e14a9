namespace IpPlanner.Core.Addressing;

/// <summary>How a <see cref="SubnetAddressSpace"/> chooses the address or /28 prefix an automatic take hands out.</summary>
public enum AddressPolicy
{
    /// <summary>The lowest free address (or prefix): deterministic and easy to read in reports. The default.</summary>
    LowestFree = 0,

    /// <summary>
    /// A pseudo-random free address (or prefix) drawn from the space's own seeded generator, the way EC2 scatters
    /// secondary IPs over a subnet; the same seed and the same operations give the same addresses.
    /// </summary>
    /// <remarks>
    /// It draws a random position and takes the first free address at or after it (wrapping round), which costs
    /// O(1) instead of a scan. The choice is uniform only "ish": an address right after a long run of used ones is
    /// picked more often than one inside a free run. That is fine for modelling EC2's scattering.
    /// </remarks>
    Random = 1,
}
