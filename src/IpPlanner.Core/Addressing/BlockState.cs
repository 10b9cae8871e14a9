namespace IpPlanner.Core.Addressing;

/// <summary>
/// What one aligned /28 block of a subnet looks like, for block maps and charts. "Free" below means not in use
/// and open to automatic assignment (AWS-reserved and explicit-reserved addresses are never free).
/// </summary>
public enum BlockState : byte
{
    /// <summary>All 16 addresses free: a /28 prefix can be delegated here. Map character <c>.</c>.</summary>
    Free = 0,

    /// <summary>All 16 addresses free inside a <c>prefix</c> reservation: kept for prefix delegation. Map character <c>:</c>.</summary>
    PrefixReserved = 1,

    /// <summary>Some addresses in use and some still free: single IPs fit, a prefix does not. Map character <c>+</c>.</summary>
    PartlyUsed = 2,

    /// <summary>Addresses in use and none left free. Map character <c>#</c>.</summary>
    Full = 3,

    /// <summary>
    /// Nothing in use, but AWS-reserved or explicit-reserved addresses keep it from being a free /28 (the first and
    /// last block of every subnet start this way). Map character <c>x</c>.
    /// </summary>
    Reserved = 4,

    /// <summary>The whole block is held as a delegated /28 prefix. Map character <c>P</c>.</summary>
    PrefixHeld = 5,
}
