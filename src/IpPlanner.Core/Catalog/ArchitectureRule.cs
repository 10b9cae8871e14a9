using System.Text.RegularExpressions;

namespace IpPlanner.Core.Catalog;

/// <summary>
/// The CPU architecture of an instance type when only its name is known (the embedded table has no architecture
/// column; a describe-instance-types file gives <c>ProcessorInfo.SupportedArchitectures</c> instead).
/// </summary>
/// <remarks>
/// EC2 names Graviton types with a <c>g</c> among the attribute letters after the generation digit
/// (m6g, c7gn, x2gd, im4gn, is4gen, t4g, g5g), and a1 is the first Graviton. The rule is checked against every
/// <c>kubernetes.io/arch</c> label in Karpenter's instance-type reference (docs/allocatable.md).
/// </remarks>
internal static partial class ArchitectureRule
{
    /// <summary>The Kubernetes label value for 64-bit ARM.</summary>
    public const string Arm64 = "arm64";

    /// <summary>The Kubernetes label value for x86-64.</summary>
    public const string Amd64 = "amd64";

    /// <summary><c>arm64</c> for Graviton names, <c>amd64</c> otherwise.</summary>
    public static string FromName(string instanceType)
    {
        ArgumentNullException.ThrowIfNull(instanceType);
        var family = instanceType.Split('.')[0].ToLowerInvariant();
        if (family == "a1")
        {
            return Arm64;
        }

        var match = FamilyPattern().Match(family);
        return match.Success && match.Groups["attributes"].Value.Contains('g', StringComparison.Ordinal) ? Arm64 : Amd64;
    }

    /// <summary>The architecture EC2 reports (<c>x86_64</c>, <c>arm64</c>, ...) as the Kubernetes label value; null if neither.</summary>
    public static string? FromEc2(string ec2Architecture) => ec2Architecture.ToLowerInvariant() switch
    {
        "x86_64" => Amd64,
        "arm64" => Arm64,
        _ => null,
    };

    // category letters, generation digits, attribute letters up to an optional "-suffix" (u-6tb1 has no generation
    // digit after its category and is x86, which the failed match gives).
    [GeneratedRegex("^[a-z]+[0-9]+(?<attributes>[a-z]*)", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyPattern();
}
