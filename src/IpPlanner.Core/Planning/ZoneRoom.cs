using System.Globalization;

namespace IpPlanner.Core.Planning;

/// <summary>
/// The free room of one Availability Zone: what a new cluster or node group placed there can still get. EKS spreads
/// control plane ENIs and node groups over zones, so the zone, not the VPC, is where room runs out.
/// </summary>
public sealed record ZoneRoom(string Zone, int Subnets, int Usable, int Free, int FreePrefixes, string RoomiestSubnet, int RoomiestFree)
{
    /// <summary>One entry per zone, in zone order, summed over the plan's subnets.</summary>
    public static IReadOnlyList<ZoneRoom> From(IReadOnlyList<SubnetPlan> subnets)
    {
        ArgumentNullException.ThrowIfNull(subnets);
        return subnets
            .GroupBy(s => s.Zone, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var roomiest = g.OrderByDescending(s => s.Free).ThenBy(s => s.Id, StringComparer.Ordinal).First();
                return new ZoneRoom(g.Key, g.Count(), g.Sum(s => s.Usable), g.Sum(s => s.Free), g.Sum(s => s.FreePrefixes), roomiest.Id, roomiest.Free);
            })
            .ToList();
    }

    /// <summary>The verdict of a plan without node groups: the room there is, since nothing is placed in it yet.</summary>
    internal static string Verdict(IReadOnlyList<SubnetPlan> subnets)
    {
        var zones = From(subnets);
        var free = zones.Sum(z => z.Free);
        var prefixes = zones.Sum(z => z.FreePrefixes);
        return string.Create(CultureInfo.InvariantCulture,
            $"no node groups yet: {free:N0} addresses and {prefixes:N0} /28 prefixes free in {subnets.Count} subnets over {zones.Count} zones; add nodeGroups to plan nodes and pods in them");
    }
}
