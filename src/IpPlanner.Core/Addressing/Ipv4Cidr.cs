using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace IpPlanner.Core.Addressing;

/// <summary>
/// An IPv4 CIDR block as plain numbers: the first address (host order) and the prefix length. The one CIDR shape of
/// Core: the address space, the scenario reader and validator, the AWS importer and the recommender all use it;
/// <see cref="CidrText"/> is its only parser. Always canonical (no host bits set). <c>default</c> is 0.0.0.0/0.
/// </summary>
public readonly record struct Ipv4Cidr
{
    /// <summary>Builds a block from its first address and prefix length (0..32, host bits clear).</summary>
    public Ipv4Cidr(uint first, int prefixLength)
    {
        if (prefixLength is < 0 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "a prefix length is 0 to 32");
        }

        if ((first & ~MaskOf(prefixLength)) != 0)
        {
            throw new ArgumentException($"{Ipv4.Format(first)}/{prefixLength.ToString(CultureInfo.InvariantCulture)} has host bits set", nameof(first));
        }

        First = first;
        PrefixLength = prefixLength;
    }

    // Trusted: the parser has already checked both values.
    private Ipv4Cidr(uint first, int prefixLength, bool trusted)
    {
        Debug.Assert(trusted && prefixLength is >= 0 and <= 32 && (first & ~MaskOf(prefixLength)) == 0);
        First = first;
        PrefixLength = prefixLength;
    }

    /// <summary>The first address as a host-order number.</summary>
    public uint First { get; }

    /// <summary>The prefix length, 0..32.</summary>
    public int PrefixLength { get; }

    /// <summary>How many addresses the block spans (a long, so /0 fits).</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>The last address as a host-order number.</summary>
    public uint Last => (uint)(First + Size - 1);

    /// <summary>The canonical text, e.g. <c>10.0.1.32/28</c> (what the strict parser accepts, so it round-trips).</summary>
    public string Text => ToString();

    /// <summary>The same block as IPNetwork2, for what the library does (carving subnets, overlaps with its ranges).</summary>
    public IPNetwork2 Network => new(Ipv4.ToIPAddress(First), (byte)PrefixLength);

    /// <summary>Parses strict canonical IPv4 CIDR text (see <see cref="CidrText.Parse"/>); throws an <see cref="ArgumentException"/> naming the problem.</summary>
    public static Ipv4Cidr Parse(string text) => CidrText.Parse(text, nameof(text));

    /// <summary>
    /// Parses strict canonical IPv4 CIDR text as <see cref="Parse"/> does (the one parser, <see cref="CidrText"/>), or
    /// returns false without throwing: for text whose validity is the question.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv4Cidr cidr) =>
        CidrText.TryParse(text, allowBareAddress: false, out cidr, out _);

    /// <summary>As <see cref="TryParse(string?, out Ipv4Cidr)"/>, with what is wrong with the text when it fails (the words <see cref="Parse"/> throws).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv4Cidr cidr, [NotNullWhen(false)] out string? problem)
    {
        if (CidrText.TryParse(text, allowBareAddress: false, out cidr, out var failure))
        {
            problem = null;
            return true;
        }

        problem = CidrText.Describe(text, failure, allowBareAddress: false);
        return false;
    }

    /// <summary>The block of an IPNetwork2 value (IPv4 only).</summary>
    public static Ipv4Cidr From(IPNetwork2 network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new Ipv4Cidr(Ipv4.FromIPAddress(network.Network), network.Cidr);
    }

    /// <summary>True when <paramref name="address"/> lies inside this block.</summary>
    public bool Contains(uint address) => address >= First && address <= Last;

    /// <summary>True when <paramref name="other"/> lies wholly inside this block.</summary>
    public bool Contains(Ipv4Cidr other) => other.First >= First && other.Last <= Last;

    /// <summary>True when the two blocks share at least one address.</summary>
    public bool Overlaps(Ipv4Cidr other) => other.First <= Last && First <= other.Last;

    /// <inheritdoc />
    public override string ToString() => $"{Ipv4.Format(First)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    internal static Ipv4Cidr Trusted(uint first, int prefixLength) => new(first, prefixLength, trusted: true);

    private static uint MaskOf(int prefixLength) => prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
}
