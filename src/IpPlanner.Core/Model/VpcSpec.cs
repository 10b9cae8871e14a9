namespace IpPlanner.Core.Model;

/// <summary>The VPC's IPv4 CIDR blocks: the primary first, then the secondary ones.</summary>
public sealed record VpcSpec
{
    /// <summary>IPv4 CIDR blocks per VPC, the primary included, under AWS's default quota (docs/rules.md).</summary>
    public const int CidrBlockQuota = 5;

    /// <summary>The largest VPC CIDR block and subnet EC2 allows (/16).</summary>
    public const int LargestBlockPrefix = 16;

    /// <summary>The smallest VPC CIDR block and subnet EC2 allows (/28).</summary>
    public const int SmallestBlockPrefix = 28;

    /// <summary>Addresses in the largest block EC2 allows (a /16).</summary>
    public const int LargestBlockAddresses = 1 << (32 - LargestBlockPrefix);

    /// <summary>
    /// The most addresses subnets can ever hand out in one VPC under the default quota: 5 blocks of a /16, each one
    /// subnet less its 5 reserved addresses (327,655).
    /// </summary>
    public const int MostUsableAddresses = CidrBlockQuota * (LargestBlockAddresses - Addressing.AwsReservedAddresses.Count);

    /// <summary>Every CIDR block of the VPC, the primary first.</summary>
    public required IReadOnlyList<AddressBlock> Cidrs { get; init; }

    /// <summary>The line of the <c>vpc</c> section.</summary>
    public int SourceLine { get; init; }

    /// <summary>The primary CIDR block.</summary>
    public AddressBlock Primary => Cidrs[0];
}
