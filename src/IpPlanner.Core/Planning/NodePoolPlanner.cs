using System.Globalization;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;

namespace IpPlanner.Core.Planning;

/// <summary>The plan's view of one NodePool: what Karpenter launched, where its addresses went, and what stopped it.</summary>
internal static class NodePoolPlanner
{
    /// <summary>Describes <paramref name="pool"/> from its provisioning, the plan's node groups and the planned cluster.</summary>
    public static NodePoolPlan Describe(ProvisionedNodePool pool, IReadOnlyList<NodeGroupPlan> groups, ClusterState planned)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(planned);
        var provisioning = pool.Provisioning;
        var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var claim in provisioning.NodeClaims)
        {
            types[claim.Type.Name] = types.GetValueOrDefault(claim.Type.Name) + 1;
        }

        var addresses = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var subnet in pool.Subnets)
        {
            addresses[subnet] = 0;
        }

        foreach (var node in planned.Nodes)
        {
            if (node.Group.NodePool == pool.Name)
            {
                addresses[node.Subnet.Spec.Id] = addresses.GetValueOrDefault(node.Subnet.Spec.Id) + node.Node.SubnetIpsUsed;
            }
        }

        var mine = groups.Where(g => pool.Name == g.Name.Split('/')[0] && g.Name.Contains('/', StringComparison.Ordinal)).ToList();
        var shortGroup = mine.FirstOrDefault(g => g.NodesThatFit < g.Nodes);
        string? stoppedBy = provisioning.Stop switch
        {
            NodePoolStop.Limits => "limits",
            NodePoolStop.NoTypeFits => "no type fits",
            _ => shortGroup is not null ? "ips" : null,
        };

        var nodes = provisioning.NodeClaims.Count;
        var launched = types.Count == 0 ? "no nodes" : string.Join(", ", types.Select(t => $"{N(t.Value)} x {t.Key}"));
        var explanation = $"{pool.Name}: {N(provisioning.PodsScheduled)} of {N(pool.PodCount)} pending pods on {N(nodes)} nodes ({launched})" + (provisioning.Stop switch
        {
            NodePoolStop.Limits => $"; the NodePool's limits stop it with {N(provisioning.PodsPending)} pods pending",
            NodePoolStop.NoTypeFits => $"; no allowed instance type fits one pod, {N(provisioning.PodsPending)} pods pending",
            _ => "",
        }) + (shortGroup is null ? "" : $"; the subnets run out of addresses: {shortGroup.Name} {shortGroup.NodesThatFitLimit}");
        return new NodePoolPlan(pool.Name, nodes, types, provisioning.PodsScheduled, provisioning.PodsPending, addresses, stoppedBy, explanation);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
