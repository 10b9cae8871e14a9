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

/// <summary>Why <see cref="SubnetAddressSpace.TryMarkInUse"/> refused an address or block.</summary>
public enum InUseRefusal
{
    /// <summary>Not refused: the addresses are now in use. The default value.</summary>
    None = 0,

    /// <summary>Not an IPv4 address or CIDR block.</summary>
    Malformed,

    /// <summary>Not inside the subnet.</summary>
    OutsideSubnet,

    /// <summary>A single address AWS keeps (the network address, the next three, the last): nothing can hold it.</summary>
    AwsReserved,

    /// <summary>An address of it is already in use: each address is held once.</summary>
    AlreadyInUse,
}
