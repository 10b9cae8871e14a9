namespace IpPlanner.Core.Addressing;

/// <summary>The outcome of asking a subnet for a /28 prefix, named after the EC2 errors ipamd sees.</summary>
public enum PrefixResult
{
    /// <summary>A fully free aligned /28 was found and is now held. The default value.</summary>
    Success = 0,

    /// <summary>Addresses are still free, but no aligned /28 is entirely free: the subnet is fragmented.</summary>
    InsufficientCidrBlocks = 1,

    /// <summary>No address is free for automatic assignment at all.</summary>
    InsufficientFreeAddressesInSubnet = 2,
}
