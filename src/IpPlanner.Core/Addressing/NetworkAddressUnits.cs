namespace IpPlanner.Core.Addressing;

/// <summary>
/// The Network Address Usage table of the Amazon VPC User Guide ("Network Address Usage for your VPC", "How NAU is
/// calculated"): the units each resource of a VPC counts. How IpPlanner reads the rows the table leaves open (EKS
/// pods, resources it does not list) is in docs/rules.md, "Network Address Usage".
/// </summary>
public static class NetworkAddressUnits
{
    /// <summary>Each private or public IPv4 and each IPv6 address assigned to a network interface of an EC2 instance.</summary>
    public const int Address = 1;

    /// <summary>Each network interface attached to an EC2 instance beyond its primary.</summary>
    public const int AdditionalEni = 1;

    /// <summary>Each prefix assigned to a network interface (a /28 counts 1, not 16).</summary>
    public const int Prefix = 1;

    /// <summary>A Network Load Balancer, per Availability Zone.</summary>
    public const int NetworkLoadBalancerPerZone = 6;

    /// <summary>A VPC (interface) endpoint, per Availability Zone.</summary>
    public const int InterfaceEndpointPerZone = 6;

    /// <summary>A NAT gateway.</summary>
    public const int NatGateway = 6;

    /// <summary>An Amazon EKS pod whose address no instance ENI holds (Fargate, security groups for pods).</summary>
    public const int EksPod = 1;

    /// <summary>
    /// Units of a <c>taken</c> entry, which the file gives without saying what holds it: a /28 is one prefix (the
    /// importer writes a prefix that way), anything else one unit per address it holds.
    /// </summary>
    public static int OfTaken(int prefixLength, int addresses) => prefixLength == 28 ? Prefix : addresses * Address;
}
