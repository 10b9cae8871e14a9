using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Engine;

/// <summary>
/// Where a NodePool's NodeClaims launch, read from the running cluster, and a scenario with its NodePools
/// provisioned again (for scale curves and recommendations): Karpenter's choice of subnet needs the addresses the
/// engine leaves available once everything before the pool runs, so it is the engine's, not Kubernetes'.
/// </summary>
internal static class NodePoolPlacement
{
    /// <summary>
    /// <paramref name="scenario"/> with every NodePool's NodeClaims placed, pool by pool in file order, after the file's
    /// node groups: each pool's claims go to subnets as Karpenter chooses them (<see cref="KarpenterSubnets"/>) from the
    /// addresses available once the file's node groups and the earlier pools run, and become the pool's node groups
    /// (<see cref="NodePoolNodes"/>). Any earlier placement is replaced.
    /// </summary>
    public static ProvisionedScenario Place(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.NodePools.Count == 0)
        {
            return scenario;
        }

        var pools = new List<ProvisionedNodePool>(scenario.NodePools.Count);
        foreach (var pool in scenario.NodePools)
        {
            var claims = pool.Provisioning.NodeClaims;
            IReadOnlyList<string> subnets = [];
            if (claims.Count > 0)
            {
                // Available as EC2 reports it before the batch, with everything before the pool running: the node
                // groups of its cluster and the clusters before it, and the NodePools placed so far.
                var index = scenario.ClusterIndexOf(pool.Spec.Cluster);
                var before = scenario with
                {
                    NodeGroups = [.. scenario.NodeGroups.Where(g => scenario.ClusterIndexOf(g.Spec.Cluster) <= index)],
                    NodePools = [.. pools],
                };
                subnets = ChooseSubnets(claims, pool.Spec, scenario, ClusterState.BuildPlanned(before));
            }

            var placed = pool with { ClaimSubnets = subnets };
            pools.Add(placed with { NodeGroups = [.. NodePoolNodes.Groups(placed, scenario.NodePoolEnvironmentOf(pool.Spec.Cluster))] });
        }

        return scenario with { NodePools = pools };
    }

    /// <summary>
    /// <paramref name="scenario"/> with every NodePool provisioned again (for its pending pods in
    /// <paramref name="pendingPods"/>, else its own) with the scenario's current settings, and its nodes placed again.
    /// </summary>
    public static ProvisionedScenario Reprovision(ProvisionedScenario scenario, IReadOnlyDictionary<string, int>? pendingPods = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.NodePools.Count == 0)
        {
            return scenario;
        }

        var pools = scenario.NodePools.Select(p =>
            Provision(scenario, p.Spec with { PodCount = pendingPods is not null && pendingPods.TryGetValue(p.Name, out var count) ? count : p.PodCount }));
        return Place(scenario with { NodePools = [.. pools] });
    }

    /// <summary><paramref name="scenario"/> with NodePool <paramref name="poolName"/> provisioned for <paramref name="pendingPods"/> pods.</summary>
    public static ProvisionedScenario WithPendingPods(ProvisionedScenario scenario, string poolName, int pendingPods)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var pool = scenario.NodePools.FirstOrDefault(p => p.Name == poolName)
            ?? throw new InputException($"no NodePool is named '{poolName}' (NodePools: {string.Join(", ", scenario.NodePools.Select(p => p.Name))})");
        var changed = Provision(scenario, pool.Spec with { PodCount = pendingPods });
        return Place(scenario with { NodePools = [.. scenario.NodePools.Select(p => p.Name == poolName ? changed : p)] });
    }

    /// <summary><paramref name="spec"/> provisioned with the settings of <paramref name="scenario"/>, not yet placed.</summary>
    internal static ProvisionedNodePool Provision(ProvisionedScenario scenario, NodePoolSpec spec) => new()
    {
        Spec = spec,
        Provisioning = KarpenterProvisioner.Provision(spec, scenario.NodePoolEnvironmentOf(spec.Cluster)),
    };

    /// <summary>
    /// The subnet of each claim of <paramref name="claims"/> of <paramref name="pool"/>, with each subnet's available
    /// addresses read from <paramref name="before"/> as EC2 reports them before the batch: usable less in use. The plan
    /// and the runway both launch a batch this way (<see cref="KarpenterSubnets"/> chooses).
    /// </summary>
    public static IReadOnlyList<string> ChooseSubnets(IReadOnlyList<NodeClaimPlan> claims, NodePoolSpec pool, ProvisionedScenario scenario, ClusterState before)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(before);
        var ids = pool.Subnets.Distinct(StringComparer.Ordinal).ToList();
        var available = ids.ToDictionary(id => id, id => before.Subnet(id).Space.Usable - before.Subnet(id).Space.InUse, StringComparer.Ordinal);
        return KarpenterSubnets.Choose(claims, [.. ids.Select(scenario.GetSubnet)], available);
    }
}
