using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>
/// How many addresses each zone's pod subnets need at a target, and the smallest single subnet that holds them:
/// what is there already plus each node's steady-state cost, measured on one <see cref="ScratchNode"/> per group.
/// </summary>
internal static class SubnetSizing
{
    /// <summary>Alignment slack in prefix mode: two /28s, so whole aligned prefixes still fit.</summary>
    public const int PrefixSlack = 2 * WarmPoolTargets.IpsPerPrefix;

    /// <summary>
    /// Per zone: the addresses its pod subnets must hold at the target, whether or not they have them: what is there
    /// already (in use, load balancers, endpoints, control plane...) plus every node's steady-state cost.
    /// </summary>
    public static IReadOnlyList<ZoneSizing> PerZone(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var fixedUse = ClusterState.Build(scenario);
        var demand = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in PodSubnetIds(scenario))
        {
            demand[id] = fixedUse.Subnet(id).Space.InUse;
        }

        // The /28 alignment slack goes to the zones where nodes really run prefix delegation (CniMode), not wherever
        // ENABLE_PREFIX_DELEGATION is set: a Xen type or a CNI before 1.9.0 takes single addresses.
        var prefixZones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in scenario.AllNodeGroups)
        {
            var cost = NodeCost(scenario, g);
            var prefixMode = scenario.ModeOf(g).PrefixMode;
            for (var j = 0; j < g.Subnets.Count; j++)
            {
                var nodesHere = ClusterState.NodesPlacedIn(g.Nodes, g.Subnets.Count, j);
                var nodeSubnet = scenario.GetSubnet(g.Subnets[j]);
                var podSubnet = g.CniIn(scenario.Cni).PodSubnetFor(nodeSubnet.Id, nodeSubnet.Zone);
                demand[podSubnet] = demand.GetValueOrDefault(podSubnet) + ((long)nodesHere * (podSubnet == nodeSubnet.Id ? cost : cost - 1));
                if (prefixMode && nodesHere > 0)
                {
                    prefixZones.Add(nodeSubnet.Zone);
                }
            }
        }

        return [.. demand.GroupBy(d => scenario.GetSubnet(d.Key).Zone).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Zone(g.Key, g.Sum(d => d.Value) + (prefixZones.Contains(g.Key) ? PrefixSlack : 0)))];
    }

    /// <summary>A zone's sizing for <paramref name="addresses"/> addresses.</summary>
    public static ZoneSizing Zone(string zone, long addresses) =>
        new(zone, (int)Math.Min(int.MaxValue, addresses), SmallestPrefixFor(addresses));

    /// <summary>Addresses one node of the group takes at its pods, steady state, in a subnet with room to spare.</summary>
    public static int NodeCost(ProvisionedScenario scenario, NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(group);
        return ScratchNode.Run(group.Type, group.CniIn(scenario.Cni), group.PodsPerNode, group.SecurityGroupPodsPerNode, group.KubeletMaxPods(scenario.Cni), group.HostNetworkPodsPerNode).SubnetIpsUsed;
    }

    /// <summary>
    /// The longest prefix (smallest subnet) with at least <paramref name="addresses"/> usable addresses; null when even
    /// a /16, the largest subnet EC2 allows, is too small.
    /// </summary>
    public static int? SmallestPrefixFor(long addresses)
    {
        for (var prefix = VpcSpec.SmallestBlockPrefix; prefix >= VpcSpec.LargestBlockPrefix; prefix--)
        {
            if (Addressing.AwsReservedAddresses.Usable(1L << (32 - prefix)) >= addresses)
            {
                return prefix;
            }
        }

        return null;
    }

    /// <summary>The subnets pods get their IPs from: the node subnets, or their zones' ENIConfig subnets.</summary>
    public static HashSet<string> PodSubnetIds(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in scenario.AllNodeGroups)
        {
            foreach (var id in g.Subnets)
            {
                ids.Add(g.CniIn(scenario.Cni).PodSubnetFor(id, scenario.GetSubnet(id).Zone));
            }
        }

        return ids;
    }

    /// <summary>Addresses the pod subnet of a zone needs under custom networking: every node's cost but its own IP.</summary>
    public static long CustomNetworkingDemand(ProvisionedScenario probe, string zone)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var total = 0L;
        foreach (var g in probe.AllNodeGroups)
        {
            var cost = NodeCost(probe, g) - 1;
            for (var j = 0; j < g.Subnets.Count; j++)
            {
                if (probe.GetSubnet(g.Subnets[j]).Zone == zone)
                {
                    total += ClusterState.NodesPlacedIn(g.Nodes, g.Subnets.Count, j) * (long)cost;
                }
            }
        }

        return total;
    }

    /// <summary>Nodes the target puts in a zone's pod subnets, and the most addresses one of them takes.</summary>
    public static (int Nodes, int CostPerNode) ZoneNodes(ProvisionedScenario scenario, string zone)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var nodes = 0;
        var cost = 0;
        foreach (var g in scenario.AllNodeGroups)
        {
            var here = 0;
            for (var j = 0; j < g.Subnets.Count; j++)
            {
                if (scenario.GetSubnet(g.Subnets[j]).Zone == zone)
                {
                    here += ClusterState.NodesPlacedIn(g.Nodes, g.Subnets.Count, j);
                }
            }

            if (here > 0)
            {
                nodes += here;
                cost = Math.Max(cost, NodeCost(scenario, g));
            }
        }

        return (nodes, cost);
    }
}
