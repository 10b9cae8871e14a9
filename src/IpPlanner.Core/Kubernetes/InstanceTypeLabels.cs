using System.Text.RegularExpressions;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// Karpenter's well-known labels of an instance type, from its name: <c>karpenter.k8s.aws/instance-category</c>
/// (m), <c>-family</c> (m5), <c>-generation</c> (5), <c>-size</c> (large) and <c>kubernetes.io/arch</c>
/// (aws/karpenter-provider-aws pkg/providers/instancetype/types.go computeRequirements).
/// </summary>
internal static partial class InstanceTypeLabels
{
    /// <summary>The family: the name before the dot (m5 of m5.large).</summary>
    public static string Family(InstanceType type) => type.Name.Split('.')[0];

    /// <summary>The size: the name after the dot (large of m5.large).</summary>
    public static string Size(InstanceType type) => type.Name.Split('.') is [_, var size, ..] ? size : "";

    /// <summary>The category: the family's letters before its generation digit (m of m5, im of im4gn).</summary>
    public static string Category(InstanceType type)
    {
        var match = FamilyPattern().Match(Family(type));
        return match.Success ? match.Groups["category"].Value : Family(type);
    }

    /// <summary>The generation: the digits after the category (5 of m5); "" when the name has none.</summary>
    public static string Generation(InstanceType type)
    {
        var match = FamilyPattern().Match(Family(type));
        return match.Success ? match.Groups["generation"].Value : "";
    }

    [GeneratedRegex("^(?<category>[a-z]+)(?<generation>[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyPattern();
}
