using System.Buffers.Binary;
using System.Net;

namespace IpPlanner.Core.Model;

/// <summary>
/// An IPv4 CIDR block as written in a scenario (<see cref="Text"/>) and parsed (<see cref="Network"/>), with the
/// plain numbers the allocator works on. A single address is a /32.
/// </summary>
public sealed record AddressBlock
{
    /// <summary>Builds a block; <paramref name="network"/> must be IPv4.</summary>
    public AddressBlock(string text, IPNetwork2 network, int sourceLine)
    {
        ArgumentNullException.ThrowIfNull(network);
        Text = text;
        Network = network;
        SourceLine = sourceLine;
        First = Addressing.Ipv4.FromIPAddress(network.Network);
        PrefixLength = network.Cidr;
    }

    /// <summary>The text from the file, e.g. <c>10.0.1.32/28</c> or <c>10.0.1.7</c>.</summary>
    public string Text { get; init; }

    /// <summary>The parsed block.</summary>
    public IPNetwork2 Network { get; init; }

    /// <summary>The line it was written on (0 when built in code).</summary>
    public int SourceLine { get; init; }

    /// <summary>The first address as a host-order number.</summary>
    public uint First { get; }

    /// <summary>The prefix length, 0..32.</summary>
    public int PrefixLength { get; }

    /// <summary>How many addresses the block spans (2^(32 - prefix)).</summary>
    public long Count => 1L << (32 - PrefixLength);

    /// <summary>The last address as a host-order number.</summary>
    public uint Last => (uint)(First + Count - 1);
}
