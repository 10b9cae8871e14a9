namespace IpPlanner.Core.Addressing;

/// <summary>
/// The five addresses AWS keeps in every subnet: the network address, the next three (router, DNS, future use) and
/// the last address (docs/rules.md, "Five reserved addresses per subnet").
/// </summary>
internal static class AwsReservedAddresses
{
    /// <summary>How many addresses AWS keeps per subnet.</summary>
    public const int Count = 5;

    /// <summary>The reserved addresses at the start of a subnet (network, router, DNS, future use).</summary>
    public const int AtStart = 4;

    /// <summary>Whether the address at <paramref name="offset"/> in a subnet of <paramref name="size"/> addresses is reserved.</summary>
    public static bool IsReserved(long offset, long size) => offset < AtStart || offset == size - 1;

    /// <summary>Whether <paramref name="address"/> is reserved in the block <paramref name="first"/>..<paramref name="last"/> (host order).</summary>
    public static bool IsReserved(uint first, uint last, uint address) => address - first < AtStart || address == last;

    /// <summary>Addresses a subnet of <paramref name="size"/> addresses can hand out (/24 -> 251).</summary>
    public static long Usable(long size) => size - Count;
}
