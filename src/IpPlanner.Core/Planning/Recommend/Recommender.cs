using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using System.Globalization;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>How a front end names the inputs of a recommend target in its messages (the CLI: its flags).</summary>
public sealed record TargetLabels(string Nodes, string Pods, string Headroom, string PendingPods)
{
    /// <summary>Plain words, for a caller without flags.</summary>
    public static TargetLabels Default { get; } = new("target nodes", "target pods", "headroom", "target pending pods");
}

/// <summary>
/// Compares ways to reach a target (current settings, warm-pool tuning, prefix delegation, custom networking on a
/// carved 100.64.0.0/10 block, more subnets, IPv6), each proven by planning the patched scenario: a strategy is only
/// called a fit when every node of the target, plus headroom, starts and gets its pods.
/// </summary>
public static class Recommender
{
    /// <summary>The most pods a target may ask for: beyond this no VPC (5 blocks of a /16) comes close.</summary>
    public const int MaxTargetPods = 10_000_000;

    /// <summary>Every strategy, in the order they are reported.</summary>
    public static IReadOnlyList<RecommendStrategy> Strategies { get; } =
    [
        new CurrentSettingsStrategy(), new WarmPoolTuningStrategy(), new PrefixDelegationStrategy(), new PrefixReservationsStrategy(),
        new MoreSubnetsStrategy(), new CustomNetworkingStrategy(), new Ipv6Strategy(), new NodePoolLimitsStrategy(), new NodePoolLargerSizesStrategy(),
        new KarpenterMaxPodsStrategy(),
    ];

    /// <summary>
    /// The target: explicit node counts, or a pod count spread over the groups, or every group at maxNodes; each NodePool
    /// at its pending pods, or at <paramref name="pendingPods"/>' count for the NodePools it names (both before headroom).
    /// Every check of the target is here, its messages naming each input by <paramref name="labels"/> (a front end
    /// gives its own words: the CLI its flags).
    /// </summary>
    public static RecommendTarget Target(
        ProvisionedScenario scenario, IReadOnlyDictionary<string, int>? nodes, int? pods, double headroomPercent,
        IReadOnlyDictionary<string, int>? pendingPods = null, TargetLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var l = labels ?? TargetLabels.Default;
        if (headroomPercent is < 0 or > 1000 || double.IsNaN(headroomPercent))
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{l.Headroom}: {headroomPercent} is not valid (expected a percentage from 0 to 1000)"));
        }

        // A NodePool's nodes are not targeted by count: they follow its pending pods (docs/nodepools.md, "recommend").
        var groups = scenario.NodeGroups;
        var counts = groups.ToDictionary(g => g.Name, g => g.MaxNodes, StringComparer.Ordinal);
        var pending = scenario.NodePools.ToDictionary(p => p.Name, p => p.PodCount, StringComparer.Ordinal);
        string description;
        if (nodes is { Count: > 0 } && pods is not null)
        {
            throw new InputException($"{l.Pods} and {l.Nodes}: give one or the other");
        }

        if (nodes is { Count: > 0 })
        {
            foreach (var (name, count) in nodes)
            {
                if (scenario.NodePools.FirstOrDefault(p => p.NodeGroups.Any(g => g.Name == name)) is { Name: var pool })
                {
                    throw new InputException($"{l.Nodes}: '{name}' is NodePool {pool}'s nodes, which follow its pending pods (target them with {l.Pods} or the pool's pods.count)");
                }

                if (!counts.ContainsKey(name))
                {
                    throw new InputException($"{l.Nodes}: no node group is named '{name}' (node groups: {string.Join(", ", counts.Keys)})");
                }

                if (count is < 0 or > CapacityPlanner.NodeSearchLimit)
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{l.Nodes}: {name}={count} is not valid (expected 0 to {CapacityPlanner.NodeSearchLimit:N0})"));
                }
            }

            foreach (var g in groups)
            {
                counts[g.Name] = nodes.TryGetValue(g.Name, out var n) ? n : g.Nodes;
            }

            description = string.Join(", ", nodes.Select(n => $"{n.Key}={n.Value} nodes"));
        }
        else if (pods is { } wanted)
        {
            if (wanted is < 1 or > MaxTargetPods)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{l.Pods}: {wanted} is not valid (expected 1 to {MaxTargetPods:N0})"));
            }

            var perNode = groups.Where(g => g.PodsPerNode > 0).ToList();
            if (perNode.Count == 0 && scenario.NodePools.Count == 0)
            {
                throw new InputException($"{l.Pods}: no node group has podsPerNode set, so pods cannot be turned into nodes (use {l.Nodes})");
            }

            // Grow every group and NodePool in proportion to the pods it runs now (or evenly when none runs any yet).
            var planned = perNode.Sum(g => (double)g.Nodes * g.PodsPerNode) + scenario.NodePools.Sum(p => (double)p.PodCount);
            var shares = perNode.Count + scenario.NodePools.Count;
            foreach (var g in groups)
            {
                var share = planned > 0 ? g.Nodes * g.PodsPerNode / planned : 1.0 / shares;
                counts[g.Name] = g.PodsPerNode > 0 ? (int)Math.Ceiling(wanted * share / g.PodsPerNode) : g.Nodes;
            }

            foreach (var p in scenario.NodePools)
            {
                var share = planned > 0 ? p.PodCount / planned : 1.0 / shares;
                pending[p.Name] = (int)Math.Min(MaxTargetPods, Math.Ceiling(wanted * share));
            }

            description = string.Create(CultureInfo.InvariantCulture, $"{wanted:N0} pods");
        }
        else
        {
            description = "every node group at maxNodes";
        }

        foreach (var (name, count) in pendingPods ?? new Dictionary<string, int>())
        {
            if (!pending.ContainsKey(name) || count < 0)
            {
                throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{l.PendingPods}: {name}={count} is not valid (NodePools: {string.Join(", ", pending.Keys)})"));
            }

            pending[name] = count;
        }

        var withHeadroom = counts.ToDictionary(c => c.Key, c => (int)Math.Ceiling(c.Value * (1 + (headroomPercent / 100))), StringComparer.Ordinal);
        // In decimal, so 10 % of 440 pods is 44, not 44.000000000000007 rounded up to 45.
        var factor = 1 + ((decimal)headroomPercent / 100);
        var podsWithHeadroom = pending.ToDictionary(c => c.Key, c => (int)Math.Min(KarpenterProvisioner.MaxPendingPods, Math.Ceiling(c.Value * factor)), StringComparer.Ordinal);
        if (scenario.NodePools.Count > 0 && !(nodes is { Count: > 0 }) && pods is null)
        {
            description = groups.Count > 0 ? "every node group at maxNodes and every NodePool's pending pods" : "every NodePool's pending pods";
        }

        return new RecommendTarget(withHeadroom, headroomPercent, string.Create(CultureInfo.InvariantCulture, $"{description}, plus {headroomPercent:0.#}% headroom"))
        {
            PendingPods = podsWithHeadroom,
        };
    }

    /// <summary>Plans every strategy at the target and ranks what fits by the addresses it uses.</summary>
    public static RecommendReport Recommend(ProvisionedScenario scenario, RecommendTarget target)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var atTarget = scenario with
        {
            NodeGroups = [.. scenario.NodeGroups.Select(g => g with { Spec = g.Spec with { Nodes = target.Nodes[g.Name], MaxNodes = Math.Max(g.MaxNodes, target.Nodes[g.Name]) } })],
        };

        // NodePools provision their pending pods at the target (limits and all), as Karpenter would.
        atTarget = NodePoolPlacement.Reprovision(atTarget, target.PendingPods);

        // A target no VPC can hold is refused before anything is planned (it would otherwise plan a million nodes).
        var results = new List<StrategyResult>();
        var context = new StrategyContext(scenario, atTarget, results)
        {
            Ipv4OutOfReach = TargetBound.Ipv4OutOfReach(atTarget),
            NodesOutOfReach = TargetBound.NodesOutOfReach(atTarget),
        };
        foreach (var strategy in Strategies)
        {
            results.AddRange(strategy.Plan(context));
        }

        // Least disruptive first (CNI settings, then new subnets or CIDRs, then a new cluster), then fewest addresses.
        var best = results.Where(s => s.Fits).OrderBy(Disruption).ThenBy(s => s.PodSubnetAddressesUsed).ThenBy(s => s.Changes.Count).FirstOrDefault();
        var advice = context.Ipv4OutOfReach is null ? KnobAdvisor.For(scenario) : [];
        var insideVpc = results.Where(st => st.Fits && st.Patched is { } p && p.Vpc.Cidrs.Count == scenario.Vpc.Cidrs.Count && st.Strategy is not Ipv6Strategy).ToList();
        var extraCidr = results.Where(st => st.Fits && st.Patched is { } p && p.Vpc.Cidrs.Count > scenario.Vpc.Cidrs.Count)
            .Select(st => (Strategy: st, Cidr: st.Patched!.Vpc.Cidrs[^1]))
            .OrderByDescending(x => x.Cidr.PrefixLength)
            .FirstOrDefault();
        var current = results.First(r => r.Strategy is CurrentSettingsStrategy);
        var verdict = best is null
            ? $"nothing fits {target.Description}: {TargetBound.Explain(atTarget) ?? Closest(results)}"
            : insideVpc.Count == 0 && extraCidr.Strategy is not null
                ? $"nothing fits {target.Description} inside the VPC's current CIDRs; the smallest extra CIDR that would is {extraCidr.Cidr.Text} ('{extraCidr.Strategy.Name}')"
            : current.Fits
                ? string.Create(CultureInfo.InvariantCulture, $"the current settings fit {target.Description}; '{best.Name}' uses the fewest addresses ({best.PodSubnetAddressesUsed:N0} in pod subnets)")
                : string.Create(CultureInfo.InvariantCulture, $"the current settings do not fit {target.Description}; '{best.Name}' does, using {best.PodSubnetAddressesUsed:N0} addresses in pod subnets");
        List<Input.Finding> warnings = [.. scenario.AllNodeGroups
            .Where(g => g.Nodes > 0)
            .Select(g => Cni.CniFindings.UpgradeMovesPods(
                new Cni.NodeGroupShape(g.Type, g.PodsPerNode) { SecurityGroupPods = g.SecurityGroupPodsPerNode, KubeletMaxPods = g.MaxPods, HostNetworkPods = g.HostNetworkPodsPerNode },
                scenario.Cni, g.Nodes, $"node group {g.Name}"))
            .OfType<Input.Finding>()];
        return new RecommendReport(scenario.SourceFile, target, results, best?.Name, advice, verdict) { Warnings = warnings.Count == 0 ? null : warnings };
    }

    /// <summary>0: CNI settings only; 1: new subnets or VPC CIDRs and node replacement; 2: a new cluster.</summary>
    public static int Disruption(StrategyResult strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.Strategy?.Disruption ?? 0;
    }

    private static string Closest(List<StrategyResult> strategies) =>
        strategies.Where(s => s.Strategy is MoreSubnetsStrategy).Select(s => s.WhyNot).FirstOrDefault() ?? "see each strategy's reason";

    /// <summary>Per zone: what the pod subnets must hold at the target (<see cref="SubnetSizing.PerZone"/>).</summary>
    public static IReadOnlyList<ZoneSizing> Sizing(ProvisionedScenario scenario) => SubnetSizing.PerZone(scenario);
}
