namespace IpPlanner.Core.Model;

/// <summary>The VPC's IPv4 CIDR blocks: the primary first, then the secondary ones.</summary>
public sealed record VpcSpec
{
    /// <summary>IPv4 CIDR blocks per VPC, the primary included, under AWS's default quota (docs/rules.md).</summary>
    public const int DefaultCidrBlockQuota = 5;

    /// <summary>The most IPv4 CIDR blocks per VPC a quota increase gives (Amazon VPC quotas: "Yes (up to 50)").</summary>
    public const int MaxCidrBlockQuota = 50;

    /// <summary>Network Address Usage units one VPC may hold under AWS's default quota (docs/rules.md, "Network Address Usage").</summary>
    public const int DefaultNetworkAddressUsageQuota = 64_000;

    /// <summary>The most Network Address Usage units per VPC a quota increase gives.</summary>
    public const int MaxNetworkAddressUsageQuota = 256_000;

    /// <summary>Network Address Usage units a VPC and its same-Region peers may hold together under AWS's default quota.</summary>
    public const int DefaultPeeredNetworkAddressUsageQuota = 128_000;

    /// <summary>The most peered Network Address Usage units a quota increase gives.</summary>
    public const int MaxPeeredNetworkAddressUsageQuota = 512_000;

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
    public const int MostUsableAddresses = DefaultCidrBlockQuota * (LargestBlockAddresses - Addressing.AwsReservedAddresses.Count);

    /// <summary>Every CIDR block of the VPC, the primary first.</summary>
    public required IReadOnlyList<AddressBlock> Cidrs { get; init; }

    /// <summary>The account's quota of IPv4 CIDR blocks for this VPC (<c>vpc.cidrBlockQuota</c>, default 5, at most 50).</summary>
    public int CidrBlockQuota { get; init; } = DefaultCidrBlockQuota;

    /// <summary>The VPC's Network Address Usage quota (<c>vpc.networkAddressUsageQuota</c>, default 64,000, at most 256,000).</summary>
    public int NetworkAddressUsageQuota { get; init; } = DefaultNetworkAddressUsageQuota;

    /// <summary>
    /// Units the VPC's same-Region peers hold (<c>vpc.peeredNetworkAddressUsage</c>); null when the VPC is not peered,
    /// and then the peered quota is not checked.
    /// </summary>
    public int? PeeredNetworkAddressUsage { get; init; }

    /// <summary>The quota of this VPC and its same-Region peers together (<c>vpc.peeredNetworkAddressUsageQuota</c>, default 128,000, at most 512,000).</summary>
    public int PeeredNetworkAddressUsageQuota { get; init; } = DefaultPeeredNetworkAddressUsageQuota;

    /// <summary>
    /// Units in this VPC held by resources the scenario does not list (<c>vpc.otherNetworkAddressUsage</c>): Lambda
    /// functions (6 each), EFS mount targets (6), transit gateway attachments (6), Gateway Load Balancers (6 per zone),
    /// EC2 instances outside the node groups (1 per address and per extra ENI).
    /// </summary>
    public int OtherNetworkAddressUsage { get; init; }

    /// <summary>The line of the <c>vpc</c> section.</summary>
    public int SourceLine { get; init; }

    /// <summary>"AWS's default quota", or "its quota (vpc.cidrBlockQuota)" when the file raises or lowers it.</summary>
    public string CidrBlockQuotaWords => CidrBlockQuota == DefaultCidrBlockQuota ? "AWS's default quota" : "its quota (vpc.cidrBlockQuota)";

    /// <summary>The primary CIDR block.</summary>
    public AddressBlock Primary => Cidrs[0];
}
