using IpPlanner.Core.Addressing;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.AwsImport;

/// <summary>The checks every AWS reader shares: required fields, CIDRs, addresses and tags, each failing with file and field.</summary>
internal static class AwsFields
{
    public static string Require(string? value, string source, string field, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw InputException.At(source, null, null, field, $"missing: {what}")
            : value.Trim();

    public static Ipv4Cidr Cidr(string text, string source, string field)
    {
        return CidrText.TryParse(text, allowBareAddress: false, out var cidr, out var failure)
            ? cidr
            : throw InputException.At(source, null, null, field, CidrText.Describe(text, failure, allowBareAddress: false));
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
