using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// The subnet each of a NodePool's NodeClaims launches in, chosen as Karpenter's AWS provider does
/// (docs/nodepools.md, "Subnets"): the EC2NodeClass's subnets in status order (most available addresses first, then
/// by id); per zone the subnet with the most available addresses less those still in flight; the launch's zone is
/// the one whose subnet has the most (EC2 Fleet's choice among equal-price zones, which AWS does not publish); and the
/// chosen subnet is charged the smallest pod capacity among the claim's instance-type options until EC2 is asked
/// again, which for one batch is never.
/// </summary>
internal static class KarpenterSubnets
{
    /// <summary>
    /// The subnet of each claim of <paramref name="claims"/>, in launch order. <paramref name="subnets"/> are the
    /// pool's subnets; <paramref name="available"/> gives each one's available addresses before the batch.
    /// </summary>
    public static IReadOnlyList<string> Choose(
        IReadOnlyList<NodeClaimPlan> claims,
        IReadOnlyList<SubnetSpec> subnets,
        IReadOnlyDictionary<string, int> available)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(subnets);
        ArgumentNullException.ThrowIfNull(available);
        if (subnets.Count == 0)
        {
            throw new ArgumentException("a NodePool needs at least one subnet", nameof(subnets));
        }

        // The EC2NodeClass status lists its subnets by available addresses, most first, then by id.
        var status = subnets
            .OrderByDescending(s => available[s.Id])
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        var inflight = status.ToDictionary(s => s.Id, s => (long)available[s.Id], StringComparer.Ordinal);
        var chosen = new List<string>(claims.Count);
        foreach (var claim in claims)
        {
            // Per zone, the first subnet in status order with the most addresses left once in-flight IPs are taken.
            var zonal = new List<SubnetSpec>();
            foreach (var subnet in status)
            {
                var index = zonal.FindIndex(z => z.Zone == subnet.Zone);
                if (index < 0)
                {
                    zonal.Add(subnet);
                }
                else if (inflight[subnet.Id] > inflight[zonal[index].Id])
                {
                    zonal[index] = subnet;
                }
            }

            // The zone: the one whose subnet has the most left; the first in status order on a tie.
            var launch = zonal[0];
            foreach (var candidate in zonal.Skip(1))
            {
                if (inflight[candidate.Id] > inflight[launch.Id])
                {
                    launch = candidate;
                }
            }

            inflight[launch.Id] -= claim.InflightIps;
            chosen.Add(launch.Id);
        }

        return chosen;
    }
}
