using System.Net;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Model;

/// <summary>
/// An IPv4 CIDR block as written in a scenario: the text and line it came from, and the block itself
/// (<see cref="Cidr"/>, Core's one CIDR shape). A single address is a /32.
/// </summary>
public sealed record AddressBlock
{
    /// <summary>Builds a block from its text, the parsed block and the line it was written on.</summary>
    public AddressBlock(string text, Ipv4Cidr cidr, int sourceLine)
    {
        Text = text;
        Cidr = cidr;
        SourceLine = sourceLine;
    }

    /// <summary>Builds a block from an IPNetwork2 value (IPv4 only), e.g. one the library carved.</summary>
    public AddressBlock(string text, IPNetwork2 network, int sourceLine)
        : this(text, Ipv4Cidr.From(network), sourceLine)
    {
    }

    /// <summary>The text from the file, e.g. <c>10.0.1.32/28</c> or <c>10.0.1.7</c>.</summary>
    public string Text { get; init; }

    /// <summary>The parsed block.</summary>
    public Ipv4Cidr Cidr { get; init; }

    /// <summary>The line it was written on (0 when built in code).</summary>
    public int SourceLine { get; init; }

    /// <summary>The block as IPNetwork2, for what the library does (carving, overlaps).</summary>
    public IPNetwork2 Network => Cidr.Network;

    /// <summary>The first address as a host-order number.</summary>
    public uint First => Cidr.First;

    /// <summary>The prefix length, 0..32.</summary>
    public int PrefixLength => Cidr.PrefixLength;

    /// <summary>How many addresses the block spans (2^(32 - prefix)).</summary>
    public long Count => Cidr.Size;

    /// <summary>The last address as a host-order number.</summary>
    public uint Last => Cidr.Last;
}
