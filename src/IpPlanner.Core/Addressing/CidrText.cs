using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IpPlanner.Core.Addressing;

/// <summary>An IPv4 block parsed from text: the IPNetwork2 value plus its first address and prefix length as numbers.</summary>
internal sealed record ParsedCidr(IPNetwork2 Network, uint First, int PrefixLength)
{
    /// <summary>How many addresses the block spans (a long, so /0 fits).</summary>
    public long Size => 1L << (32 - PrefixLength);

    public override string ToString() => $"{Ipv4.Format(First)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Parses CIDR text strictly: IPNetwork2 does the parsing, this adds the checks a plan needs.</summary>
internal static class CidrText
{
    /// <summary>
    /// Parses <c>a.b.c.d/n</c> (or a bare address as a /32 when <paramref name="allowBareAddress"/>), refusing
    /// shorthand addresses, IPv6 and host bits set (10.0.0.5/24), which IPNetwork2 would silently round down.
    /// </summary>
    public static ParsedCidr Parse(string? text, string paramName, bool allowBareAddress = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("a CIDR block such as 10.0.0.0/24 is required", paramName);
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            if (allowBareAddress && Ipv4.TryParse(trimmed, out var single))
            {
                return new ParsedCidr(new IPNetwork2(Ipv4.ToIPAddress(single), 32), single, 32);
            }

            throw new ArgumentException($"'{text}' is not an IPv4 CIDR block (expected a.b.c.d/n, e.g. 10.0.0.0/24)", paramName);
        }

        if (!Ipv4.TryParse(trimmed[..slash], out var address)
            || !int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !IPNetwork2.TryParse(trimmed, false, out var network)
            || network.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{text}' is not an IPv4 CIDR block (expected a.b.c.d/n with n from 0 to 32, e.g. 10.0.0.0/24)", paramName);
        }

        var parsed = new ParsedCidr(network, Ipv4.FromIPAddress(network.Network), network.Cidr);
        if (parsed.First != address)
        {
            throw new ArgumentException($"'{text}' has host bits set: the block starts at {parsed}", paramName);
        }

        return parsed;
    }
}
