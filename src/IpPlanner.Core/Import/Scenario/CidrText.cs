using IpPlanner.Core.Addressing;
using IpPlanner.Core.Model;
using Parser = IpPlanner.Core.Addressing.CidrText;

namespace IpPlanner.Core.Import.Scenarios;

/// <summary>
/// CIDR diagnostics for scenario and AWS files. Validity is decided by <see cref="Parser.TryParse"/>, the same parser
/// the address space uses, so a file that validates is one the planner can build; this class only turns its failure
/// kinds into diagnostic codes and messages that say what would be valid.
/// </summary>
internal static class CidrText
{
    /// <summary>
    /// Parses <paramref name="text"/> as <c>a.b.c.d/n</c> (or a bare address as a /32 when
    /// <paramref name="allowAddress"/>). On failure returns null with a diagnostic code and a message that says
    /// what would be valid.
    /// </summary>
    public static ParsedCidr? TryParse(string text, bool allowAddress, out string code, out string problem)
    {
        code = "";
        problem = "";
        if (Parser.TryParse(text, allowAddress, out var cidr, out var failure))
        {
            return cidr;
        }

        code = failure.Kind == CidrFailureKind.HostBitsSet ? DiagnosticCodes.CidrHostBits : DiagnosticCodes.CidrInvalid;
        problem = failure.Kind switch
        {
            CidrFailureKind.Ipv6 => $"'{text}' is an IPv6 value; expected an IPv4 CIDR such as 10.0.0.0/24",
            CidrFailureKind.MissingPrefix => $"'{text}' has no prefix length (expected a.b.c.d/n, e.g. {text.Trim()}/24)",
            CidrFailureKind.PrefixLength => $"'{text}': /{PrefixText(text)} is not a prefix length (expected /0 to /32, without leading zeros)",
            CidrFailureKind.HostBitsSet => $"'{text}' has host bits set, which EC2 rejects (did you mean {failure.BlockStart}?)",
            _ when allowAddress => $"'{text}' is not an IPv4 address or CIDR (expected e.g. 10.0.1.7 or 10.0.1.32/28, bytes 0 to 255 without leading zeros)",
            _ => $"'{text}' is not an IPv4 CIDR (expected a.b.c.d/n with bytes 0 to 255 without leading zeros, e.g. 10.0.0.0/24)",
        };
        return null;
    }

    /// <summary>The text after the slash, as written.</summary>
    private static string PrefixText(string text)
    {
        var trimmed = text.Trim();
        return trimmed[(trimmed.IndexOf('/', StringComparison.Ordinal) + 1)..];
    }
}
