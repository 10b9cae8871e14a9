using System.Globalization;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>
/// What no VPC can ever hold, checked before anything is planned: a target that needs more IPv4 addresses than the
/// CIDR-block quota of /16s gives is refused at once, with the numbers, instead of planning a million nodes.
/// </summary>
internal static class TargetBound
{
    /// <summary>The most usable IPv4 addresses this scenario's VPC can reach: the quota's blocks (or more, if it has them) of a /16 each.</summary>
    public static long MostIpv4Addresses(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return (long)Math.Max(scenario.Vpc.CidrBlockQuota, scenario.Vpc.Cidrs.Count) * Addressing.AwsReservedAddresses.Usable(VpcSpec.LargestBlockAddresses);
    }

    /// <summary>IPv4 addresses the target needs at the very least: one per node and one per VPC-IP or security-group pod.</summary>
    public static long LeastIpv4Needed(ProvisionedScenario atTarget)
    {
        ArgumentNullException.ThrowIfNull(atTarget);
        return atTarget.AllNodeGroups.Sum(g => (long)g.Nodes * (1L + g.PodsPerNode + g.SecurityGroupPodsPerNode));
    }

    /// <summary>Why no IPv4 strategy can fit <paramref name="atTarget"/>, in short; null when the VPC could hold it.</summary>
    public static string? Ipv4OutOfReach(ProvisionedScenario atTarget)
    {
        var most = MostIpv4Addresses(atTarget);
        var needed = LeastIpv4Needed(atTarget);
        return needed <= most ? null : string.Create(CultureInfo.InvariantCulture,
            $"needs at least {needed:N0} IPv4 addresses, more than a VPC can hold ({most:N0}); not planned");
    }

    /// <summary>Why not even IPv6 can fit (each node keeps one IPv4 address), in short; null otherwise.</summary>
    public static string? NodesOutOfReach(ProvisionedScenario atTarget)
    {
        var most = MostIpv4Addresses(atTarget);
        var nodes = Nodes(atTarget);
        return nodes <= most ? null : string.Create(CultureInfo.InvariantCulture,
            $"needs {nodes:N0} nodes, each with an IPv4 address, more than a VPC can hold ({most:N0}); not planned");
    }

    /// <summary>The refusal in full, with what the VPC, the quota and /16 subnets hold at most; null when the target is within reach of some strategy.</summary>
    public static string? Explain(ProvisionedScenario atTarget)
    {
        if (Ipv4OutOfReach(atTarget) is null)
        {
            return null;
        }

        var most = MostIpv4Addresses(atTarget);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"it needs at least {LeastIpv4Needed(atTarget):N0} IPv4 addresses (one per node and per pod), but a VPC holds at most {most:N0}: {Blocks(atTarget)}, each at most a /{VpcSpec.LargestBlockPrefix} of {Addressing.AwsReservedAddresses.Usable(VpcSpec.LargestBlockAddresses):N0} usable addresses (a /{VpcSpec.LargestBlockPrefix} is also the largest subnet)");
        return NodesOutOfReach(atTarget) is null
            ? text + "; only IPv6, where pods do not use IPv4, can"
            : text + string.Create(CultureInfo.InvariantCulture, $"; not even IPv6 can, as each of its {Nodes(atTarget):N0} nodes still needs an IPv4 address");
    }

    private static long Nodes(ProvisionedScenario atTarget)
    {
        ArgumentNullException.ThrowIfNull(atTarget);
        return atTarget.AllNodeGroups.Sum(g => (long)g.Nodes);
    }

    private static string Blocks(ProvisionedScenario scenario) => scenario.Vpc.Cidrs.Count > scenario.Vpc.CidrBlockQuota
        ? string.Create(CultureInfo.InvariantCulture, $"its {scenario.Vpc.Cidrs.Count} CIDR blocks")
        : string.Create(CultureInfo.InvariantCulture, $"{scenario.Vpc.CidrBlockQuota} CIDR blocks ({scenario.Vpc.CidrBlockQuotaWords} of IPv4 CIDR blocks per VPC)");
}
