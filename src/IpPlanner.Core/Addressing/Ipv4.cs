using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace IpPlanner.Core.Addressing;

/// <summary>
/// Converts IPv4 addresses between text, <see cref="IPAddress"/> and the <see cref="uint"/> (host byte order, so
/// 10.0.0.1 is 0x0A000001) that the address space works in.
/// </summary>
public static class Ipv4
{
    /// <summary>
    /// Parses a canonical dotted quad such as <c>10.0.0.1</c>. Shorthand forms that <see cref="IPAddress"/> also
    /// accepts (<c>10.1</c>, octal <c>010.0.0.1</c>, hex) are refused: in a network plan they are almost always typos.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out uint address)
    {
        address = 0;
        if (text is null || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        // IPAddress formats IPv4 canonically, so a round trip that changes the text means a shorthand form.
        if (!string.Equals(ip.ToString(), text, StringComparison.Ordinal))
        {
            return false;
        }

        address = FromIPAddress(ip);
        return true;
    }

    /// <summary>Parses a canonical dotted quad or throws an <see cref="ArgumentException"/> naming the text.</summary>
    public static uint Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new ArgumentException($"'{text}' is not an IPv4 address (expected a dotted quad such as 10.0.0.1)", nameof(text));

    /// <summary>Formats an address as a dotted quad.</summary>
    public static string Format(uint address) =>
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}";

    /// <summary>The <see cref="IPAddress"/> for an address.</summary>
    public static IPAddress ToIPAddress(uint address)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, address);
        return new IPAddress(bytes);
    }

    /// <summary>The address of an IPv4 <see cref="IPAddress"/>; throws <see cref="ArgumentException"/> for IPv6.</summary>
    public static uint FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
