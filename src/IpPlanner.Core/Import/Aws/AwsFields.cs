using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Import.Aws;

/// <summary>An IPv4 block read from an AWS output: its text as printed, first address and prefix length.</summary>
public readonly record struct Ipv4Block(string Text, uint First, int PrefixLength)
{
    /// <summary>How many addresses the block spans.</summary>
    public long Size => 1L << (32 - PrefixLength);

    /// <summary>The last address.</summary>
    public uint Last => (uint)(First + Size - 1);

    /// <summary>True when <paramref name="other"/> lies wholly inside this block.</summary>
    public bool Contains(Ipv4Block other) => other.First >= First && other.Last <= Last;

    /// <summary>True when <paramref name="address"/> lies inside this block.</summary>
    public bool Contains(uint address) => address >= First && address <= Last;

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>The checks every AWS reader shares: required fields, CIDRs, addresses and tags, each failing with file and field.</summary>
internal static class AwsFields
{
    public static string Require(string? value, string source, string field, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw InputException.At(source, null, null, field, $"missing: {what}")
            : value.Trim();

    public static Ipv4Block Cidr(string text, string source, string field)
    {
        var cidr = Scenarios.CidrText.TryParse(text, allowAddress: false, out _, out var problem)
            ?? throw InputException.At(source, null, null, field, problem);
        return new Ipv4Block(text.Trim(), cidr.First, cidr.PrefixLength);
    }

    public static uint Address(string text, string source, string field) =>
        Ipv4.TryParse(text.Trim(), out var address)
            ? address
            : throw InputException.At(source, null, null, field, $"'{text}' is not an IPv4 address (expected a dotted quad such as 10.0.1.7)");

    public static IReadOnlyDictionary<string, string> Tags(List<TagJson>? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            if (!string.IsNullOrEmpty(tag.Key))
            {
                result.TryAdd(tag.Key, tag.Value ?? "");
            }
        }

        return result;
    }

    /// <summary>"Subnets[3] (subnet-0abc)" when the id is known, else "Subnets[3]".</summary>
    public static string Where(string list, int index, string? id) =>
        string.IsNullOrWhiteSpace(id) ? $"{list}[{index}]" : $"{list}[{index}] ({id.Trim()})";
}
