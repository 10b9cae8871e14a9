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
    Random = 1,
}
