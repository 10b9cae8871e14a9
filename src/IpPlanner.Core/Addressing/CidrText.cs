using System.Globalization;

namespace IpPlanner.Core.Addressing;

/// <summary>Why <see cref="CidrText.TryParse"/> refused a text.</summary>
internal enum CidrFailureKind
{
    /// <summary>The text parsed.</summary>
    None,

    /// <summary>Null, empty or only white space.</summary>
    Empty,

    /// <summary>
    /// Not a canonical dotted quad (a byte above 255, a leading zero, shorthand such as 10.1, a stray character),
    /// or a prefix length that is not a plain number.
    /// </summary>
    Malformed,

    /// <summary>An IPv6 address or block.</summary>
    Ipv6,

    /// <summary>A valid address with no <c>/n</c> where a block is required.</summary>
    MissingPrefix,

    /// <summary>A prefix length above 32 or written with a leading zero (<c>/024</c>).</summary>
    PrefixLength,

    /// <summary>Bits set below the prefix (10.0.0.5/24); <see cref="CidrFailure.BlockStart"/> holds the block it would start.</summary>
    HostBitsSet,
}

/// <summary>What was wrong with a CIDR text; <paramref name="BlockStart"/> is the rounded-down block for <see cref="CidrFailureKind.HostBitsSet"/>.</summary>
internal readonly record struct CidrFailure(CidrFailureKind Kind, Ipv4Cidr? BlockStart = null);

/// <summary>
/// The one strict IPv4 CIDR parser: the address space and the scenario and AWS importers all decide validity here,
/// so whatever a scenario validates with is what the planner can build.
/// </summary>
internal static class CidrText
{
    /// <summary>
    /// Parses <c>a.b.c.d/n</c> (or a bare address as a /32 when <paramref name="allowBareAddress"/>), refusing
    /// shorthand and zero-padded addresses (010.0.0.0 reads as octal 8.0.0.0 to some tools and as 10.0.0.0 to others),
    /// a zero-padded or out-of-range prefix length, IPv6 and host bits set (10.0.0.5/24), which IPNetwork2 would
    /// silently round down. Surrounding white space is ignored.
    /// </summary>
    public static bool TryParse(string? text, bool allowBareAddress, out Ipv4Cidr cidr, out CidrFailure failure)
    {
        cidr = default;
        failure = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            failure = new CidrFailure(CidrFailureKind.Empty);
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            failure = new CidrFailure(CidrFailureKind.Ipv6);
            return false;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!Ipv4.TryParse(addressText, out var address))
        {
            failure = new CidrFailure(CidrFailureKind.Malformed);
            return false;
        }

        int prefix;
        if (slash < 0)
        {
            if (!allowBareAddress)
            {
                failure = new CidrFailure(CidrFailureKind.MissingPrefix);
                return false;
            }

            prefix = 32;
        }
        else
        {
            var prefixText = trimmed[(slash + 1)..];
            if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix))
            {
                failure = new CidrFailure(CidrFailureKind.Malformed);
                return false;
            }

            // Canonical only: /024 would mean /24 here, but the text would not survive a round trip unchanged.
            if (prefix > 32 || (prefixText.Length > 1 && prefixText[0] == '0'))
            {
                failure = new CidrFailure(CidrFailureKind.PrefixLength);
                return false;
            }
        }

        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var block = Ipv4Cidr.Trusted(address & mask, prefix);
        if (block.First != address)
        {
            failure = new CidrFailure(CidrFailureKind.HostBitsSet, block);
            return false;
        }

        cidr = block;
        return true;
    }

    /// <summary>
    /// As <see cref="TryParse"/>, but throws an <see cref="ArgumentException"/> for <paramref name="paramName"/> that
    /// says what is wrong (<see cref="Describe"/>).
    /// </summary>
    public static Ipv4Cidr Parse(string? text, string paramName, bool allowBareAddress = false)
    {
        if (TryParse(text, allowBareAddress, out var cidr, out var failure))
        {
            return cidr;
        }

        throw new ArgumentException(Describe(text, failure, allowBareAddress), paramName);
    }

    /// <summary>
    /// What is wrong with <paramref name="text"/> and what would be valid: the one wording the address space's
    /// exceptions, the scenario validator and the AWS importer all print.
    /// </summary>
    public static string Describe(string? text, CidrFailure failure, bool allowBareAddress) => failure.Kind switch
    {
        CidrFailureKind.Empty => "a CIDR block such as 10.0.0.0/24 is required",
        CidrFailureKind.Ipv6 => $"'{text}' is an IPv6 value; expected an IPv4 CIDR such as 10.0.0.0/24",
        CidrFailureKind.MissingPrefix => $"'{text}' has no prefix length (expected a.b.c.d/n, e.g. {text?.Trim()}/24)",
        CidrFailureKind.PrefixLength => $"'{text}': /{PrefixText(text!)} is not a prefix length (expected /0 to /32, without leading zeros)",
        CidrFailureKind.HostBitsSet => $"'{text}' has host bits set, which EC2 rejects (did you mean {failure.BlockStart}?)",
        _ when allowBareAddress => $"'{text}' is not an IPv4 address or CIDR (expected e.g. 10.0.1.7 or 10.0.1.32/28, bytes 0 to 255 without leading zeros)",
        _ => $"'{text}' is not an IPv4 CIDR (expected a.b.c.d/n with bytes 0 to 255 without leading zeros, e.g. 10.0.0.0/24)",
    };

    /// <summary>The text after the slash, as written.</summary>
    private static string PrefixText(string text)
    {
        var trimmed = text.Trim();
        return trimmed[(trimmed.IndexOf('/', StringComparison.Ordinal) + 1)..];
    }
}
