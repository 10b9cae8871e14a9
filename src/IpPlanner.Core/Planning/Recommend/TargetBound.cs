using System.Globalization;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>
/// What no VPC can ever hold, checked before anything is planned: a target that needs more IPv4 addresses than the
/// CIDR-block quota of /16s gives is refused at once, with the numbers, instead of planning a million nodes.
/// </summary>
public static class TargetBound
{
    /// <summary>The most usable IPv4 addresses this scenario's VPC can reach: the quota's blocks (or more, if it has them) of a /16 each.</summary>
    public static long MostIpv4Addresses(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return (long)Math.Max(VpcSpec.CidrBlockQuota, scenario.Vpc.Cidrs.Count) * Addressing.AwsReservedAddresses.Usable(VpcSpec.LargestBlockAddresses);
    }

    /// <summary>IPv4 addresses the target needs at the very least: one per node and one per VPC-IP or security-group pod.</summary>
    public static long LeastIpv4Needed(Scenario atTarget)
    {
        ArgumentNullException.ThrowIfNull(atTarget);
        return atTarget.NodeGroups.Sum(g => (long)g.Nodes * (1L + g.PodsPerNode + g.SecurityGroupPodsPerNode));
    }

    /// <summary>Why no IPv4 strategy can fit <paramref name="atTarget"/>; null when the VPC could hold it.</summary>
    public static string? Ipv4OutOfReach(Scenario atTarget)
    {
        var most = MostIpv4Addresses(atTarget);
        var needed = LeastIpv4Needed(atTarget);
        return needed <= most ? null : string.Create(CultureInfo.InvariantCulture,
            $"the target needs at least {needed:N0} IPv4 addresses (one per node and per pod), but a VPC holds at most {most:N0}: {Blocks(atTarget)} of a /{VpcSpec.LargestBlockPrefix} each ({Addressing.AwsReservedAddresses.Usable(VpcSpec.LargestBlockAddresses):N0} usable), the largest block and subnet EC2 allows");
    }

    /// <summary>Why not even IPv6 can fit: more nodes than the VPC has IPv4 addresses (each node keeps one); null otherwise.</summary>
    public static string? NodesOutOfReach(Scenario atTarget)
    {
        var most = MostIpv4Addresses(atTarget);
        var nodes = atTarget.NodeGroups.Sum(g => (long)g.Nodes);
        return nodes <= most ? null : string.Create(CultureInfo.InvariantCulture,
            $"the target needs {nodes:N0} nodes, each with an IPv4 address even on IPv6, but a VPC holds at most {most:N0}: {Blocks(atTarget)} of a /{VpcSpec.LargestBlockPrefix} each");
    }

    private static string Blocks(Scenario scenario) => scenario.Vpc.Cidrs.Count > VpcSpec.CidrBlockQuota
        ? string.Create(CultureInfo.InvariantCulture, $"its {scenario.Vpc.Cidrs.Count} CIDR blocks")
        : string.Create(CultureInfo.InvariantCulture, $"{VpcSpec.CidrBlockQuota} CIDR blocks (the default quota of IPv4 CIDR blocks per VPC)");
}
