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
        var stoppedBy = provisioning.Stop.Code() ?? (shortGroup is not null ? "ips" : null);
        var withoutIp = WithoutIp(pool, planned);

        var nodes = provisioning.NodeClaims.Count;
        var launched = types.Count == 0 ? "no nodes" : string.Join(", ", types.Select(t => $"{N(t.Value)} x {t.Key}"));
        var explanation = $"{pool.Name}: {N(provisioning.PodsScheduled)} of {N(pool.PodCount)} pending pods on {N(nodes)} nodes ({launched})" + (provisioning.Stop switch
        {
            NodePoolStop.Limits => $"; the NodePool's limits stop it with {N(provisioning.PodsPending)} pods pending",
            NodePoolStop.NoTypeFits => $"; no allowed instance type fits one pod, {N(provisioning.PodsPending)} pods pending",
            NodePoolStop.NoTypes => $"; its requirements match no instance type, so Karpenter skips it: {N(provisioning.PodsPending)} pods pending",
            _ => "",
        }) + (withoutIp.Pods == 0 ? "" : $"; {N(withoutIp.Pods)} of them get no IP ({withoutIp.Why})")
            + (shortGroup is null ? "" : $"; the subnets run out of addresses: {shortGroup.Name} {shortGroup.NodesThatFitLimit}");
        return new NodePoolPlan(pool.Name, nodes, types, provisioning.PodsScheduled, provisioning.PodsPending, withoutIp.Pods, addresses, stoppedBy, explanation);
    }

    /// <summary>
    /// The pods Karpenter bound to the pool's planned nodes that their ENIs cannot address, and why, per instance
    /// type: "m5.large: max pods 29, but its ENIs address 18 pods (27 bound on 3 nodes, 19 on 1)".
    /// </summary>
    internal static (int Pods, string Why) WithoutIp(ProvisionedNodePool pool, ClusterState planned)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(planned);
        var total = 0;
        var shapes = new List<(string Type, int MaxPods, int Addressed, bool FellBack, List<(int Bound, int Nodes)> Bound)>();
        foreach (var node in planned.Nodes)
        {
            if (node.Group.NodePool != pool.Name || node.PodsWithoutIp == 0)
            {
                continue;
            }

            total += node.PodsWithoutIp;
            var key = (node.Group.InstanceType, node.Node.MaxPods, node.PodsRunning, node.Node.FellBackToSingleAddresses);
            var index = shapes.FindIndex(s => (s.Type, s.MaxPods, s.Addressed, s.FellBack) == key);
            if (index < 0)
            {
                shapes.Add((key.InstanceType, key.MaxPods, key.PodsRunning, key.FellBackToSingleAddresses, []));
                index = shapes.Count - 1;
            }

            var bound = shapes[index].Bound;
            var at = bound.FindIndex(b => b.Bound == node.Group.PodsPerNode);
            if (at < 0)
            {
                bound.Add((node.Group.PodsPerNode, 1));
            }
            else
            {
                bound[at] = (bound[at].Bound, bound[at].Nodes + 1);
            }
        }

        var words = shapes.Select(s =>
            $"{s.Type}: max pods {N(s.MaxPods)}, but its ENIs{(s.FellBack ? " (on single addresses: no /28 was free)" : "")} address {N(s.Addressed)} pods " +
            $"({string.Join(", ", s.Bound.Select((b, i) => $"{N(b.Bound)} bound on {N(b.Nodes)}{(i == 0 ? $" node{(b.Nodes == 1 ? "" : "s")}" : "")}"))})");
        return (total, total == 0 ? "" : "Karpenter binds pods by max pods, not addresses: " + string.Join("; ", words));
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
