using IpPlanner.Core.Catalog;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;

namespace IpPlanner.Core.Scheduling;

/// <summary>
/// A NodePool's NodeClaims as node groups of identical nodes (same type, same pods, same subnet), so every verb plans
/// their warm pools like any node; and a scenario with a NodePool's pending pods changed (for scale curves and
/// recommendations).
/// </summary>
public static class NodePoolNodes
{
    /// <summary>
    /// <paramref name="scenario"/> with every NodePool's nodes added after the file's node groups, pool by pool in file
    /// order: each pool's NodeClaims go to subnets as Karpenter chooses them (<see cref="KarpenterSubnets"/>) from the
    /// addresses available once the file's node groups and the earlier pools run. Any pool groups already in the
    /// scenario are replaced.
    /// </summary>
    public static Scenario Place(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var groups = scenario.NodeGroups.Where(g => g.NodePool is null).ToList();
        if (scenario.NodePools.Count == 0)
        {
            return groups.Count == scenario.NodeGroups.Count ? scenario : scenario with { NodeGroups = groups };
        }

        var pools = new List<NodePoolSpec>(scenario.NodePools.Count);
        foreach (var pool in scenario.NodePools)
        {
            var claims = pool.Provisioning?.NodeClaims ?? [];
            IReadOnlyList<string> subnets = [];
            if (claims.Count > 0)
            {
                // Available as EC2 reports it before the batch, with everything before the pool running.
                subnets = KarpenterSubnets.Choose(claims, pool, scenario, ClusterState.BuildPlanned(scenario with { NodeGroups = [.. groups] }));
            }

            var placed = pool with { ClaimSubnets = subnets };
            pools.Add(placed);
            groups.AddRange(Groups(placed, scenario));
        }

        return scenario with { NodePools = pools, NodeGroups = groups };
    }

    /// <summary>
    /// One node group per (instance type, pods, subnet) shape: <c>pool/type</c>, with <c>/pods</c> when a type carries
    /// two pod counts, and <c>@subnet</c> when the pool has more than one subnet.
    /// </summary>
    internal static IEnumerable<NodeGroupSpec> Groups(NodePoolSpec pool, Scenario scenario)
    {
        var daemonSets = scenario.DaemonSets;
        var hostNetwork = PodsPerNodeRule.HostNetworkPods(daemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);
        var daemonIps = PodsPerNodeRule.DaemonSetIpPods(daemonSets);
        var claims = pool.Provisioning?.NodeClaims ?? [];
        var oneSubnet = pool.Subnets.Distinct(StringComparer.Ordinal).Count() == 1;
        var shapes = claims
            .Select((c, i) => (Claim: c, Subnet: i < pool.ClaimSubnets.Count ? pool.ClaimSubnets[i] : pool.Subnets[i % pool.Subnets.Count]))
            .GroupBy(x => (x.Claim.Type.Name, x.Claim.Pods, x.Subnet))
            .ToList();
        foreach (var shape in shapes)
        {
            var type = shape.First().Claim.Type;
            var twoCounts = shapes.Where(s => s.Key.Name == type.Name).Select(s => s.Key.Pods).Distinct().Count() > 1;
            var count = shape.Count();
            yield return new NodeGroupSpec
            {
                Name = pool.Name + "/" + type.Name + (twoCounts ? $"/{shape.Key.Pods}" : "") + (oneSubnet ? "" : "@" + shape.Key.Subnet),
                InstanceType = type.Name,
                Type = type,
                Subnets = [shape.Key.Subnet],
                Nodes = count,
                MaxNodes = count,
                // Karpenter hands nodeadm the ENI-limited pod count as the kubelet's maxPods.
                MaxPods = AllocatableRule.EniLimitedPods(type),
                PodRequests = pool.PodRequests,
                // What a full node of the type holds by the pool's requests (its pod capacity); the claim may hold fewer.
                PodsPerNodeFit = PodsPerNodeRule.Fit(type, scenario.Cni, AllocatableRule.EniLimitedPods(type), pool.PodRequests, daemonSets, hostNetwork, 0, scenario.VmMemoryOverheadPercent),
                PodsPerNode = shape.Key.Pods + daemonIps,
                DaemonSetIpPodsPerNode = daemonIps,
                HostNetworkPodsPerNode = hostNetwork,
                NodePool = pool.Name,
                SourceLine = pool.SourceLine,
            };
        }
    }

    /// <summary>
    /// <paramref name="scenario"/> with every NodePool provisioned again (for its pending pods in
    /// <paramref name="pendingPods"/>, else its own) with the scenario's current settings, and its nodes placed again.
    /// </summary>
    public static Scenario Reprovision(Scenario scenario, IReadOnlyDictionary<string, int>? pendingPods = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.NodePools.Count == 0)
        {
            return scenario;
        }

        var pools = scenario.NodePools.Select(p =>
        {
            var changed = p with { PodCount = pendingPods is not null && pendingPods.TryGetValue(p.Name, out var count) ? count : p.PodCount };
            return changed with { Provisioning = KarpenterProvisioner.Provision(changed, scenario.Cni, scenario.DaemonSets, scenario.VmMemoryOverheadPercent) };
        });
        return Place(scenario with { NodePools = [.. pools] });
    }

    /// <summary><paramref name="scenario"/> with NodePool <paramref name="poolName"/> provisioned for <paramref name="pendingPods"/> pods.</summary>
    public static Scenario WithPendingPods(Scenario scenario, string poolName, int pendingPods)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var pool = scenario.NodePools.FirstOrDefault(p => p.Name == poolName)
            ?? throw new InputException($"no NodePool is named '{poolName}' (NodePools: {string.Join(", ", scenario.NodePools.Select(p => p.Name))})");
        var changed = pool with { PodCount = pendingPods };
        changed = changed with { Provisioning = KarpenterProvisioner.Provision(changed, scenario.Cni, scenario.DaemonSets, scenario.VmMemoryOverheadPercent) };
        return Place(scenario with { NodePools = [.. scenario.NodePools.Select(p => p.Name == poolName ? changed : p)] });
    }
}
