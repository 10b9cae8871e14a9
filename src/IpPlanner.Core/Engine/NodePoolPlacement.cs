using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Engine;

/// <summary>
/// Where a NodePool's NodeClaims launch, read from the running cluster, and a scenario with its NodePools
/// provisioned again (for scale curves and recommendations): Karpenter's choice of subnet needs the addresses the
/// engine leaves available once everything before the pool runs.
/// </summary>
public static class NodePoolPlacement
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
                subnets = ChooseSubnets(claims, pool, scenario, ClusterState.BuildPlanned(scenario with { NodeGroups = [.. groups] }));
            }

            var placed = pool with { ClaimSubnets = subnets };
            pools.Add(placed);
            groups.AddRange(NodePoolNodes.Groups(placed, scenario));
        }

        return scenario with { NodePools = pools, NodeGroups = groups };
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

    /// <summary>
    /// The subnet of each claim of <paramref name="claims"/> of <paramref name="pool"/>, with each subnet's available
    /// addresses read from <paramref name="before"/> as EC2 reports them before the batch: usable less in use. The plan
    /// and the runway both launch a batch this way (<see cref="KarpenterSubnets"/> chooses).
    /// </summary>
    public static IReadOnlyList<string> ChooseSubnets(IReadOnlyList<NodeClaimPlan> claims, NodePoolSpec pool, Scenario scenario, ClusterState before)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(before);
        var ids = pool.Subnets.Distinct(StringComparer.Ordinal).ToList();
        var available = ids.ToDictionary(id => id, id => before.Subnet(id).Space.Usable - before.Subnet(id).Space.InUse, StringComparer.Ordinal);
        return KarpenterSubnets.Choose(claims, [.. ids.Select(scenario.GetSubnet)], available);
    }
}
