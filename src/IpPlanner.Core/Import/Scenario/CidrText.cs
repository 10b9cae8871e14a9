using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Import.Scenarios;

/// <summary>
/// Strict IPv4 CIDR parsing for scenario files. Stricter than <see cref="IPNetwork2.TryParse(string, out IPNetwork2)"/>,
/// which guesses a classful prefix for a bare address and silently clears host bits: EC2 rejects 10.0.0.5/24,
/// so a plan built on it would be a plan for a VPC that cannot exist.
/// </summary>
internal static partial class CidrText
{
    /// <summary>
    /// Parses <paramref name="text"/> as <c>a.b.c.d/n</c> (or a bare address as a /32 when
    /// <paramref name="allowAddress"/>). On failure returns null with a diagnostic code and a message that says
    /// what would be valid.
    /// </summary>
    public static IPNetwork2? TryParse(string text, bool allowAddress, out string code, out string problem)
    {
        code = "";
        problem = "";
        var match = Dotted().Match(text.Trim());
        if (!match.Success)
        {
            code = DiagnosticCodes.CidrInvalid;
            problem = text.Contains(':', StringComparison.Ordinal)
                ? $"'{text}' is an IPv6 value; expected an IPv4 CIDR such as 10.0.0.0/24"
                : allowAddress
                    ? $"'{text}' is not an IPv4 address or CIDR (expected e.g. 10.0.1.7 or 10.0.1.32/28)"
                    : $"'{text}' is not an IPv4 CIDR (expected a.b.c.d/n, e.g. 10.0.0.0/24)";
            return null;
        }

        uint address = 0;
        for (var i = 1; i <= 4; i++)
        {
            var octet = int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                code = DiagnosticCodes.CidrInvalid;
                problem = $"'{text}': {octet} is not an address byte (expected 0 to 255)";
                return null;
            }

            address = (address << 8) | (uint)octet;
        }

        int prefix;
        if (match.Groups[5].Success)
        {
            prefix = int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture);
            if (prefix > 32)
            {
                code = DiagnosticCodes.CidrInvalid;
                problem = $"'{text}': /{prefix} is not a prefix length (expected /0 to /32)";
                return null;
            }
        }
        else if (allowAddress)
        {
            prefix = 32;
        }
        else
        {
            code = DiagnosticCodes.CidrInvalid;
            problem = $"'{text}' has no prefix length (expected a.b.c.d/n, e.g. {text.Trim()}/24)";
            return null;
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var network = address & mask;
        if (network != address)
        {
            code = DiagnosticCodes.CidrHostBits;
            problem = $"'{text}' has host bits set, which EC2 rejects (did you mean {Addressing.Ipv4.ToIPAddress(network)}/{prefix}?)";
            return null;
        }

        return new IPNetwork2(Addressing.Ipv4.ToIPAddress(network), (byte)prefix);
    }

    [GeneratedRegex(@"^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(?:/([0-9]{1,2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dotted();
}
