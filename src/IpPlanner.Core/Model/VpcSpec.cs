namespace IpPlanner.Core.Model;

/// <summary>The VPC's IPv4 CIDR blocks: the primary first, then the secondary ones.</summary>
public sealed record VpcSpec
{
    /// <summary>Every CIDR block of the VPC, the primary first.</summary>
    public required IReadOnlyList<AddressBlock> Cidrs { get; init; }

    /// <summary>The line of the <c>vpc</c> section.</summary>
    public int SourceLine { get; init; }

    /// <summary>The primary CIDR block.</summary>
    public AddressBlock Primary => Cidrs[0];
}
