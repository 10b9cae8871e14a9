using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>
/// Runs the allocation engine over a whole scenario and answers the capacity questions: what each subnet holds,
/// how many nodes and pods fit per node group and cluster-wide, and where addresses run out first.
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Upper bound on nodes tried when searching how many fit (a /16 of m5.large holds ~3,000).</summary>
    public const int NodeSearchLimit = 100_000;

    /// <summary>The assumptions every plan states.</summary>
    public static readonly IReadOnlyList<string> Assumptions =
    [
        "Each node group's nodes go to its subnets round robin in the listed order (node i to subnet i mod k), group by group in file order.",
        "Each node runs ipamd's warm pool to steady state, then its pods start one at a time (DOMAIN.md §4); pods are packed onto ENIs in creation order.",
        "Secondary IPs are handed out lowest-free first; a /28 prefix goes to a prefix reservation first, then to the lowest fully free aligned /28.",
        "EC2 calls are all or nothing; a failed top-up retries for a single IP or prefix, as ipamd does.",
        "The EKS control plane has one ENI in each cluster subnet (at most 4).",
        "An ALB is counted at 8 addresses in each of its subnets (the free room AWS asks for, which it scales into); an NLB, NAT gateway or interface endpoint at 1; gateway endpoints at 0.",
        "Fargate pods take one address each, spread round robin over their profile's subnets.",
        "inUse addresses are placed lowest-free first; 'taken' entries are exact.",
        "Host-network pods (hostNetworkPodsPerNode, default 2) use the node IP but count against kubelet max pods.",
        "firstExhausted adds one node per group in turn, round robin, until every group reaches maxNodes or a node cannot start or get its pods.",
    ];

    /// <summary>Plans the scenario. <paramref name="loaderWarnings"/> (from validation) are carried into the warnings.</summary>
    /// <remarks>
    /// The cluster is run once; every other question (how many more nodes of a group fit, what the current nodes hold
    /// at max pods, where scaling runs out) is asked of a fork of that run, which copies only the subnets and nodes it
    /// changes. Groups that would start identical nodes share one answer to "how many fit".
    /// </remarks>
    public static PlanReport Plan(Scenario scenario, IEnumerable<Finding>? loaderWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var planned = ClusterState.BuildPlanned(scenario);
        var subnets = DescribeSubnets(planned);
        var nodesByGroup = planned.Nodes.ToLookup(n => n.Group);
        var fits = new Dictionary<string, (int Fit, string? Limit)>(StringComparer.Ordinal);
        var groups = scenario.NodeGroups.Select(g => PlanGroup(scenario, g, planned, nodesByGroup[g], fits)).ToList();
        var clusterCapacity = FillAll(planned, planned.Nodes);
        var podsPlanned = scenario.NodeGroups.Sum(g => g.Nodes * g.PodsPerNode);
        var exhausted = FirstExhausted(planned);
        var warnings = new List<Finding>(loaderWarnings ?? []);
        warnings.AddRange(PlanWarnings.For(scenario, planned, subnets, groups, exhausted));
        warnings = [.. warnings.OrderByDescending(w => w.Severity).ThenBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Subject, StringComparer.Ordinal)];
        var cluster = new ClusterPlan(scenario.Cluster.Name, clusterCapacity, podsPlanned, clusterCapacity - podsPlanned, exhausted);
        return new PlanReport(scenario.SourceFile, subnets, groups, cluster, Verdict(cluster, groups, planned), warnings, Assumptions);
    }

    private static NodeGroupPlan PlanGroup(
        Scenario scenario, NodeGroupSpec group, ClusterState planned, IEnumerable<PlacedNode> nodes, Dictionary<string, (int Fit, string? Limit)> fits)
    {
        var maxPods = MaxPodsCalculator.Calculate(group.Type, MaxPodsOptions.For(scenario.Cni, group.MaxPods));
        var eniSupply = maxPods.Uncapped - MaxPodsCalculator.HostNetworkPods;
        var podIpsPerNode = Math.Max(0, Math.Min(maxPods.MaxPods - group.HostNetworkPodsPerNode - group.SecurityGroupPodsPerNode, eniSupply));
        var own = nodes.ToList();
        var (fit, limit) = NodesThatFit(group, planned, own, fits);
        return new NodeGroupPlan(
            group.Name, group.InstanceType, maxPods.MaxPods, podIpsPerNode, group.PodsPerNode, group.Nodes, group.MaxNodes,
            fit, FillAll(planned, own), group.Nodes * group.PodsPerNode, limit);
    }

    /// <summary>
    /// How many nodes of the group fit with everything in the scenario in place: its current nodes (up to the first
    /// that cannot get its pods), then more of its nodes, round robin, until one cannot start or get its pods.
    /// </summary>
    private static (int Fit, string? Limit) NodesThatFit(NodeGroupSpec group, ClusterState planned, List<PlacedNode> own, Dictionary<string, (int Fit, string? Limit)> fits)
    {
        if (own.FirstOrDefault(n => n.Failure != PodFailure.None) is { } failed)
        {
            return (failed.IndexInGroup, LimitText(failed));
        }

        // Every planned node fits, so the answer depends only on what the group's nodes are and where they go: groups
        // alike in all of that (many one-node groups of one type, say) get the same answer from the same planned state.
        var key = string.Join('|', group.Type.Name, group.PodsPerNode, group.SecurityGroupPodsPerNode, group.HostNetworkPodsPerNode,
            group.MaxPods?.ToString(CultureInfo.InvariantCulture) ?? "-", group.Nodes, string.Join(',', group.Subnets));
        if (fits.TryGetValue(key, out var known))
        {
            return known;
        }

        var state = planned.Fork();
        string? limit = null;
        var fit = group.Nodes;
        for (var i = group.Nodes; i < NodeSearchLimit; i++)
        {
            var node = state.AddNode(group);
            if (node.Failure != PodFailure.None)
            {
                limit = LimitText(node);
                break;
            }

            fit++;
        }

        fits[key] = (fit, limit);
        return (fit, limit);
    }

    private static string LimitText(PlacedNode node) =>
        $"node {node.IndexInGroup + 1} in {node.FailureSubnet?.Spec.Id}: {Reason(node.Failure)}";

    /// <summary>
    /// Pods the given planned nodes hold when pushed to max pods, one node after another in start order, on a fork of
    /// the planned cluster (the other nodes keep their planned pods).
    /// </summary>
    private static int FillAll(ClusterState planned, IReadOnlyList<PlacedNode> nodes)
    {
        var state = planned.Fork();
        var total = 0;
        foreach (var original in nodes)
        {
            var placed = original;
            if (placed.Failure == PodFailure.None)
            {
                placed = state.Adopt(original);
                state.AddPods(placed, NodeSearchLimit);
            }

            total += placed.PodsRunning;
        }

        return total;
    }

    /// <summary>Scales every group toward maxNodes, one node per group in turn, until a node cannot start or get its pods.</summary>
    public static ExhaustionPoint? FirstExhausted(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return FirstExhausted(ClusterState.BuildPlanned(scenario));
    }

    /// <summary><see cref="FirstExhausted(Scenario)"/> from the planned cluster (which it leaves as it is).</summary>
    private static ExhaustionPoint? FirstExhausted(ClusterState planned)
    {
        if (planned.Nodes.Any(n => n.Failure != PodFailure.None))
        {
            // The answer describes the subnet as it was when the first node failed, before the nodes after it.
            var partial = ClusterState.Build(planned.Scenario);
            foreach (var group in planned.Scenario.NodeGroups)
            {
                for (var i = 0; i < group.Nodes; i++)
                {
                    var node = partial.AddNode(group);
                    if (node.Failure != PodFailure.None)
                    {
                        return DescribeExhaustion(node, partial);
                    }
                }
            }
        }

        var state = planned.Fork();
        var growing = true;
        while (growing)
        {
            growing = false;
            foreach (var group in state.Scenario.NodeGroups)
            {
                if (state.NodesIn(group) >= group.MaxNodes)
                {
                    continue;
                }

                growing = true;
                var node = state.AddNode(group);
                if (node.Failure != PodFailure.None)
                {
                    return DescribeExhaustion(node, state);
                }
            }
        }

        return null;
    }

    /// <summary>The exhaustion point a failed node marks, with the subnet's biggest users at that moment.</summary>
    public static ExhaustionPoint DescribeExhaustion(PlacedNode node, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(state);
        var subnet = node.FailureSubnet ?? node.Subnet;
        var u = DescribeSubnets(state).First(s => s.Id == subnet.Spec.Id).UsedBy;
        var parts = new (string Name, int Count)[]
        {
            ("pod IPs", u.PodIps), ("idle warm IPs", u.IdleWarmIps), ("prefix IPs", u.Prefixes), ("node IPs", u.NodePrimaries),
            ("ENI primaries", u.EniPrimaries), ("branch ENIs", u.BranchEnis), ("Fargate", u.Fargate), ("load balancers", u.LoadBalancers),
            ("endpoints", u.Endpoints), ("NAT", u.NatGateways), ("control plane", u.ControlPlane), ("in use", u.InUse),
        };
        var detail = string.Join(", ", parts.Where(p => p.Count > 0).OrderByDescending(p => p.Count).Take(4).Select(p => $"{p.Name} {N(p.Count)}"));
        return new ExhaustionPoint(subnet.Spec.Id, node.Group.Name, node.IndexInGroup + 1, Reason(node.Failure)) { Detail = detail };
    }

    /// <summary>The short reason words used in firstExhausted and the verdict.</summary>
    public static string Reason(PodFailure failure) => failure switch
    {
        PodFailure.InsufficientFreeAddressesInSubnet or PodFailure.NodeNotStarted => "addresses",
        PodFailure.InsufficientCidrBlocks => "no free /28",
        PodFailure.EniLimit => "ENI limit",
        PodFailure.MaxPods => "max pods",
        PodFailure.PoolNotGrowing => "warm pool not growing",
        PodFailure.BranchEniLimit => "branch ENI limit",
        PodFailure.IpamdRefused => "ipamd refused prefix mode",
        _ => failure.ToString(),
    };

    /// <summary>Every subnet's plan, with who uses its addresses, counted in one pass over the nodes.</summary>
    private static List<SubnetPlan> DescribeSubnets(ClusterState state)
    {
        var subnets = state.Subnets.ToList();
        var index = subnets.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var nodePrimaries = new int[subnets.Count];
        var eniPrimaries = new int[subnets.Count];
        var podIps = new int[subnets.Count];
        var idle = new int[subnets.Count];
        var prefixes = new int[subnets.Count];
        var branch = new int[subnets.Count];
        foreach (var placed in state.Nodes)
        {
            foreach (var eni in placed.Node.Enis)
            {
                var s = index[state.SubnetIdOf(eni.Subnet)];
                if (eni.Role == EniRole.Primary)
                {
                    nodePrimaries[s]++;
                }
                else
                {
                    eniPrimaries[s]++;
                }

                if (placed.Node.PrefixMode)
                {
                    prefixes[s] += eni.Ips;
                }
                else
                {
                    podIps[s] += eni.Pods;
                    idle[s] += eni.Ips - eni.Pods;
                }
            }

            var trunkSubnet = state.Scenario.Cni.PodSubnetFor(placed.Subnet.Spec.Id, placed.Subnet.Spec.Zone);
            if (trunkSubnet is not null && index.TryGetValue(trunkSubnet, out var t))
            {
                branch[t] += placed.Node.BranchPods;
            }
        }

        return [.. subnets.Select((subnet, i) =>
        {
            var usedBy = new UsedBy(nodePrimaries[i], eniPrimaries[i], podIps[i], idle[i], prefixes[i], branch[i], subnet.Fargate, subnet.LoadBalancers,
                subnet.Endpoints, subnet.NatGateways, subnet.ControlPlane, subnet.InUse);
            var space = subnet.Space;
            return new SubnetPlan(
                subnet.Spec.Id, subnet.Spec.Cidr, subnet.Spec.Zone, space.Usable, space.InUse, space.Free,
                Math.Max(0, space.Usable - space.InUse - space.Free), space.FreePrefixes,
                Math.Round((double)space.InUse / space.Usable, 4), Math.Round(space.FragmentationScore, 4), usedBy);
        })];
    }

    private static string Verdict(ClusterPlan cluster, List<NodeGroupPlan> groups, ClusterState planned)
    {
        var failing = planned.Nodes.Count(n => n.Failure != PodFailure.None);
        if (failing > 0)
        {
            var first = planned.Nodes.First(n => n.Failure != PodFailure.None);
            return $"does not fit now: {N(failing)} planned node{(failing == 1 ? "" : "s")} cannot get their pods; first: node {first.IndexInGroup + 1} of group {first.Group.Name} in subnet {first.FailureSubnet?.Spec.Id} ({Reason(first.Failure)})";
        }

        var head = cluster.HeadroomPods >= 0
            ? $"{N(cluster.HeadroomPods)} more pods fit on the current nodes"
            : $"{N(-cluster.HeadroomPods)} planned pods do not fit";
        return cluster.FirstExhausted is { } e
            ? $"{head}; subnet {e.Subnet} runs out first at {N(e.AtNodes)} nodes of group {e.NodeGroup} ({e.Reason}: {e.Detail})"
            : $"{head}; every node group reaches maxNodes ({string.Join(", ", groups.Select(g => $"{g.Name} {N(g.MaxNodes)}"))}) without exhausting a subnet";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
