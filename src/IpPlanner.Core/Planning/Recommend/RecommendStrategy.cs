using System.Globalization;
using IpPlanner.Core.Engine;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>What every strategy is planned against: the scenario as written, the same scenario scaled to the target, and the results so far.</summary>
public sealed record StrategyContext(ProvisionedScenario Original, ProvisionedScenario AtTarget, IReadOnlyList<StrategyResult> Earlier)
{
    /// <summary>When set, no IPv4 strategy can fit: the target needs more IPv4 addresses than any VPC holds (the reason).</summary>
    public string? Ipv4OutOfReach { get; init; }

    /// <summary>When set, not even IPv6 can fit: the target has more nodes than any VPC has IPv4 addresses (the reason).</summary>
    public string? NodesOutOfReach { get; init; }
}

/// <summary>
/// One way to reach a recommend target. Each strategy is a type: it knows its name, how disruptive it is, and how to
/// patch and plan the scenario; the recommender compares what they return.
/// </summary>
public abstract class RecommendStrategy
{
    /// <summary>The strategy's display name.</summary>
    public abstract string Name { get; }

    /// <summary>0: CNI settings only; 1: new subnets or VPC CIDRs, nodes replaced; 2: a new cluster.</summary>
    public abstract int Disruption { get; }

    /// <summary>Whether the strategy runs pods on IPv4 addresses (every strategy but IPv6).</summary>
    public virtual bool UsesIpv4ForPods => true;

    /// <summary>The strategy's results at the target (none when it does not apply).</summary>
    public IEnumerable<StrategyResult> Plan(StrategyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bound = UsesIpv4ForPods ? context.Ipv4OutOfReach ?? context.NodesOutOfReach : context.NodesOutOfReach;
        if (bound is not null)
        {
            return Applies(context) ? [NotPossible(bound)] : [];
        }

        return PlanCore(context);
    }

    /// <summary>Whether the strategy yields a result for this scenario at all.</summary>
    protected virtual bool Applies(StrategyContext context) => true;

    /// <summary>Patches and plans the scenario.</summary>
    protected abstract IEnumerable<StrategyResult> PlanCore(StrategyContext context);

    /// <summary>A result that cannot fit, with why.</summary>
    protected StrategyResult NotPossible(string why) => new(Name, why, false, why, [], 0, 0, 0, [], []) { Strategy = this };

    /// <summary>Plans the patched scenario at the target: it fits when every node starts and gets its pods.</summary>
    protected StrategyResult Evaluate(string summary, ProvisionedScenario patched, IReadOnlyList<string> changes, ProvisionedScenario original)
    {
        ArgumentNullException.ThrowIfNull(patched);
        ArgumentNullException.ThrowIfNull(original);
        // NodePools launch again under the patched settings (their fit and subnet choice follow them).
        patched = NodePoolPlacement.Reprovision(patched);
        var state = ClusterState.BuildPlanned(patched);
        var failedNodes = state.Nodes.Where(n => n.Failure != Cni.PodFailure.None).ToList();
        var shortfalls = state.Subnets.Where(s => s.Shortfalls.Count > 0).ToList();
        var added = patched.Subnets.Where(s => original.FindSubnet(s.Id) is null).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var subnets = Describe(state, added);
        var podSubnets = SubnetSizing.PodSubnetIds(patched);
        string? why = null;
        if (failedNodes.Count > 0)
        {
            var first = failedNodes[0];
            why = string.Create(CultureInfo.InvariantCulture, $"{failedNodes.Count:N0} of {state.Nodes.Count:N0} nodes cannot get their pods; first: {FailureReasons.DescribeFailure(first)}");
        }
        else if (shortfalls.Count > 0)
        {
            why = $"subnet {shortfalls[0].Spec.Id} has no room for its {shortfalls[0].Shortfalls[0]}";
        }
        else if (patched.NodePools.FirstOrDefault(p => p.Provisioning is { PodsPending: > 0 }) is { } stuck)
        {
            why = Kubernetes.NodePoolLimits.Pending(stuck);
        }
        else if (state.Nodes.FirstOrDefault(n => n.PodsWithoutIp > 0) is { Group.NodePool: { } pool })
        {
            // Karpenter binds pods by max pods; those the ENIs cannot address wait in ContainerCreating.
            var stranded = state.Nodes.Where(n => n.Group.NodePool == pool).Sum(n => n.PodsWithoutIp);
            why = string.Create(CultureInfo.InvariantCulture, $"NodePool {pool} binds {stranded:N0} pods to nodes that have no IP for them");
        }

        return new StrategyResult(
            Name, summary, why is null, why, changes, state.Nodes.Count,
            state.Nodes.Sum(n => n.PodsRunning),
            subnets.Where(s => podSubnets.Contains(s.Id)).Sum(s => s.Used),
            subnets,
            SubnetSizing.PerZone(patched))
        {
            Patched = patched,
            Strategy = this,
            NetworkAddressUnits = state.Usage.Units,
        };
    }

    /// <summary>
    /// The Network Address Usage units <paramref name="scenario"/> would hold with every node started, as if the VPC had
    /// no quota: what a strategy's count is compared with when the quota stops the scenario itself.
    /// </summary>
    protected static long UnitsWithoutQuota(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var unbounded = scenario with { Vpc = scenario.Vpc with { NetworkAddressUsageQuota = int.MaxValue, PeeredNetworkAddressUsage = null } };
        return ClusterState.BuildPlanned(NodePoolPlacement.Reprovision(unbounded)).Usage.Units;
    }

    /// <summary>Each subnet of a planned state as a strategy reports it.</summary>
    protected static List<StrategySubnet> Describe(ClusterState state, HashSet<string> added)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(added);
        return [.. state.Subnets.Select(s => new StrategySubnet(s.Spec.Id, s.Spec.Zone, s.Spec.Cidr, s.Space.Usable, s.Space.InUse, s.Space.Free, s.Space.FreePrefixes, added.Contains(s.Spec.Id)))];
    }

    /// <summary>The CNI patch that turns prefix delegation on with one warm /28 and no IP targets, as scenario changes.</summary>
    protected static readonly IReadOnlyList<string> PrefixDelegationChanges =
        ["cni.prefixDelegation: true", "cni.warmPrefixTarget: 1", "cni.warmIpTarget: 0 (unset)", "cni.minimumIpTarget: 0 (unset)"];
}
