using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Scheduling;

/// <summary>
/// A NodePool's NodeClaims as node groups of identical nodes (same type, same pods), so every verb plans their warm
/// pools like any node; and a scenario with a NodePool's pending pods changed (for scale curves and recommendations).
/// </summary>
public static class NodePoolNodes
{
    /// <summary>One node group per (instance type, pods) shape: <c>pool/type</c>, or <c>pool/type/pods</c> when a type carries two pod counts.</summary>
    public static IEnumerable<NodeGroupSpec> Groups(
        NodePoolSpec pool,
        CniSettings cni,
        IReadOnlyList<DaemonSetSpec>? daemonSets,
        double vmMemoryOverheadPercent = AllocatableRule.DefaultVmMemoryOverheadPercent)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(cni);
        var hostNetwork = PodsPerNodeRule.HostNetworkPods(daemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);
        var daemonIps = PodsPerNodeRule.DaemonSetIpPods(daemonSets);
        var claims = pool.Provisioning?.NodeClaims ?? [];
        var shapes = claims.GroupBy(c => (c.Type.Name, c.Pods)).ToList();
        foreach (var shape in shapes)
        {
            var type = shape.First().Type;
            var sameType = shapes.Count(s => s.Key.Name == type.Name) > 1;
            var count = shape.Count();
            yield return new NodeGroupSpec
            {
                Name = sameType ? $"{pool.Name}/{type.Name}/{shape.Key.Pods}" : $"{pool.Name}/{type.Name}",
                InstanceType = type.Name,
                Type = type,
                Subnets = pool.Subnets,
                Nodes = count,
                MaxNodes = count,
                // Karpenter hands nodeadm the ENI-limited pod count as the kubelet's maxPods.
                MaxPods = AllocatableRule.EniLimitedPods(type),
                PodRequests = pool.PodRequests,
                // What a full node of the type holds by the pool's requests (its pod capacity); the claim may hold fewer.
                PodsPerNodeFit = PodsPerNodeRule.Fit(type, cni, AllocatableRule.EniLimitedPods(type), pool.PodRequests, daemonSets, hostNetwork, 0, vmMemoryOverheadPercent),
                PodsPerNode = shape.Key.Pods + daemonIps,
                DaemonSetIpPodsPerNode = daemonIps,
                HostNetworkPodsPerNode = hostNetwork,
                NodePool = pool.Name,
                SourceLine = pool.SourceLine,
            };
        }
    }

    /// <summary><paramref name="scenario"/> with NodePool <paramref name="poolName"/> provisioned for <paramref name="pendingPods"/> pods.</summary>
    public static Scenario WithPendingPods(Scenario scenario, string poolName, int pendingPods)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var pool = scenario.NodePools.FirstOrDefault(p => p.Name == poolName)
            ?? throw new InputException($"no NodePool is named '{poolName}' (NodePools: {string.Join(", ", scenario.NodePools.Select(p => p.Name))})");
        var changed = pool with { PodCount = pendingPods };
        changed = changed with { Provisioning = KarpenterProvisioner.Provision(changed, scenario.Cni, scenario.DaemonSets) };
        return scenario with
        {
            NodePools = [.. scenario.NodePools.Select(p => p.Name == poolName ? changed : p)],
            NodeGroups = [.. scenario.NodeGroups.Where(g => g.NodePool != poolName), .. Groups(changed, scenario.Cni, scenario.DaemonSets)],
        };
    }
}
