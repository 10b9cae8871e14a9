using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
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
        "Each node runs ipamd's warm pool to steady state, then its pods start one at a time (docs/rules.md, the warm pool); pods are packed onto ENIs in creation order in secondary-IP mode; in prefix mode each pod's /28 is drawn at random like ipamd's map walk, and each group plans with the placement that holds the most /28s of 16 seeded tries.",
        "Secondary IPs are handed out lowest-free first; a /28 prefix goes to a prefix reservation first, then to the lowest fully free aligned /28.",
        "EC2 calls are all or nothing; a failed top-up retries for a single IP or prefix, as ipamd does.",
        "The EKS control plane has one ENI in each cluster subnet (at most 4).",
        "An ALB is counted at 8 addresses in each of its subnets (the free room AWS asks for, which it scales into); an NLB, NAT gateway or interface endpoint at 1; gateway endpoints at 0.",
        "Fargate pods take one address each, spread round robin over their profile's subnets.",
        "inUse addresses are placed lowest-free first; 'taken' entries are exact.",
        "Host-network pods (hostNetworkPodsPerNode, default 2) use the node IP but count against kubelet max pods.",
        "firstExhausted adds one node per group in turn, round robin, until every group reaches maxNodes or a node cannot start or get its pods; it names a subnet only when one ran out, not when the node's own limit (max pods, ENIs) stopped it.",
    ];

    /// <summary>Plans the scenario. <paramref name="loaderWarnings"/> (from validation) are carried into the warnings.</summary>
    /// <remarks>
    /// The cluster is run once; every other question (how many more nodes of a group fit, what the current nodes hold
    /// at max pods, where scaling runs out) is asked of a fork of that run, which copies only the subnets and nodes it
    /// changes. Groups that would start identical nodes share one answer to "how many fit".
    /// </remarks>
    public static PlanReport Plan(ProvisionedScenario scenario, IEnumerable<Finding>? loaderWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var planned = ClusterState.BuildPlanned(scenario);
        var subnets = DescribeSubnets(planned);
        var nodesByGroup = planned.Nodes.ToLookup(n => n.Group);
        var fits = new Dictionary<string, (int Fit, PlacedNode? Failed)>(StringComparer.Ordinal);
        // The cluster's fill runs the nodes in start order, group by group, so its start is the fill of the first
        // group with nodes: that group's fill goes on into the cluster's instead of being run twice.
        Fill? clusterFill = null;
        var allGroups = scenario.AllNodeGroups;
        var groups = new List<NodeGroupPlan>(allGroups.Count);
        foreach (var group in allGroups)
        {
            groups.Add(PlanGroup(scenario, group, planned, nodesByGroup[group], fits, ref clusterFill));
        }

        clusterFill ??= new Fill(planned);
        clusterFill.Run(planned.Nodes, clusterFill.Filled);
        var clusterCapacity = clusterFill.Total;
        var podsPlanned = allGroups.Sum(g => g.Nodes * g.PodsPerNode);
        var exhausted = FirstExhausted(planned);
        var vpc = DescribeVpc(planned);
        var warnings = new List<Finding>(loaderWarnings ?? []);
        warnings.AddRange(PlanWarnings.For(scenario, planned, subnets, groups, exhausted));
        warnings = [.. warnings.OrderByDescending(w => w.Severity).ThenBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Subject, StringComparer.Ordinal)];
        var name = scenario.HasSeveralClusters ? string.Join(", ", scenario.ClusterNames) : scenario.Cluster.Name;
        var cluster = new ClusterPlan(name, clusterCapacity, podsPlanned, Headroom(clusterCapacity, podsPlanned, planned.Nodes), exhausted);
        var verdict = groups.Count == 0 ? ZoneRoom.Verdict(subnets) : Verdict(cluster, groups, planned);
        return new PlanReport(scenario.SourceFile, subnets, groups, cluster, verdict, warnings, Assumptions)
        {
            NodePools = [.. scenario.NodePools.Select(p => Planning.NodePoolPlanner.Describe(p, groups, planned))],
            Clusters = scenario.HasSeveralClusters
                ? [.. scenario.ClusterNames.Select(c => DescribeCluster(c, planned, groups, exhausted))]
                : [cluster with { Verdict = verdict, NetworkAddressUsage = ClusterUnits(planned, scenario.Cluster.Name) }],
            Vpc = vpc,
        };
    }

    /// <summary>The VPC's Network Address Usage as planned, and its CIDR blocks against their quota.</summary>
    private static VpcPlan DescribeVpc(ClusterState planned)
    {
        var usage = planned.Usage;
        var vpc = planned.Scenario.Vpc;
        var nau = new NetworkAddressUsagePlan(usage.Units, usage.Quota)
        {
            FixedUnits = planned.FixedNetworkAddressUnits,
            PeeredUnits = usage.PeeredUnits,
            PeeredQuota = usage.PeeredUnits is null ? null : usage.PeeredQuota,
        };
        return new VpcPlan(nau, vpc.Cidrs.Count, vpc.CidrBlockQuota);
    }

    /// <summary>Units one cluster's nodes and Fargate pods hold in the planned VPC.</summary>
    private static long ClusterUnits(ClusterState planned, string cluster)
    {
        var scenario = planned.Scenario;
        var units = 0L;
        foreach (var node in planned.Nodes)
        {
            if (string.Equals(scenario.ClusterNameOf(node.Group), cluster, StringComparison.Ordinal))
            {
                units += node.Node.NetworkAddressUnits;
            }
        }

        foreach (var profile in scenario.FargateProfiles)
        {
            if (string.Equals(scenario.ClusterNameOf(profile.Cluster), cluster, StringComparison.Ordinal))
            {
                units += (long)profile.Pods * Addressing.NetworkAddressUnits.EksPod;
            }
        }

        return units;
    }

    /// <summary>
    /// One cluster of several: its groups' pods, its nodes pushed to max pods (the other clusters as planned), and its
    /// verdict: whether its planned pods start, and where the VPC's scaling first stops if that is in this cluster.
    /// </summary>
    private static ClusterPlan DescribeCluster(string name, ClusterState planned, List<NodeGroupPlan> groups, ExhaustionPoint? exhausted)
    {
        var scenario = planned.Scenario;
        var nodes = planned.Nodes.Where(n => string.Equals(scenario.ClusterNameOf(n.Group), name, StringComparison.Ordinal)).ToList();
        var fill = new Fill(planned);
        fill.Run(nodes, 0);
        var own = groups.Where(g => string.Equals(g.Cluster, name, StringComparison.Ordinal)).ToList();
        var podsPlanned = own.Sum(g => g.PodsPlanned);
        var headroom = Headroom(fill.Total, podsPlanned, nodes);
        var failing = nodes.Where(n => n.Failure != PodFailure.None).ToList();
        string verdict;
        if (own.Count == 0)
        {
            verdict = "no node groups or NodePools";
        }
        else if (failing.Count > 0)
        {
            verdict = $"does not fit now: {N(failing.Count)} planned node{(failing.Count == 1 ? "" : "s")} cannot get their pods; first: {FailureReasons.DescribeFailure(failing[0])}";
        }
        else
        {
            verdict = headroom >= 0 ? $"fits now: {N(headroom)} more pods fit on its current nodes" : $"does not fit now: {N(-headroom)} planned pods do not fit";
            if (exhausted is not null && string.Equals(exhausted.Cluster, name, StringComparison.Ordinal))
            {
                verdict += $"; the VPC's scaling stops first in this cluster, at node {N(exhausted.AtNodes)} of group {exhausted.NodeGroup} ({exhausted.Reason})";
            }
        }

        return new ClusterPlan(name, fill.Total, podsPlanned, headroom, exhausted is not null && string.Equals(exhausted.Cluster, name, StringComparison.Ordinal) ? exhausted : null)
        {
            Verdict = verdict,
            NetworkAddressUsage = ClusterUnits(planned, name),
        };
    }

    private static NodeGroupPlan PlanGroup(
        ProvisionedScenario scenario, NodeGroup group, ClusterState planned, IEnumerable<PlacedNode> nodes, Dictionary<string, (int Fit, PlacedNode? Failed)> fits,
        ref Fill? clusterFill)
    {
        var maxPods = MaxPodsCalculator.Calculate(group.Type, MaxPodsOptions.For(scenario.CniOf(group), group.MaxPods));
        var podIpsPerNode = MaxPodsCalculator.VpcIpPodsPerNode(maxPods, group.HostNetworkPodsPerNode, group.SecurityGroupPodsPerNode);
        var own = nodes.ToList();
        var (fit, limit) = NodesThatFit(group, planned, own, fits);
        var fill = new Fill(planned);
        fill.Run(own, 0);
        if (clusterFill is null && own.Count > 0 && own[0].Position == 0 && own[^1].Position == own.Count - 1)
        {
            clusterFill = fill;
        }

        return new NodeGroupPlan(
            group.Name, group.InstanceType, maxPods.MaxPods, podIpsPerNode, group.PodsPerNode, group.Nodes, group.MaxNodes,
            fit, fill.Total, group.Nodes * group.PodsPerNode, limit)
        {
            PodsPerNodeLimitedBy = group.PodsPerNodeFit is { } derived ? Kubernetes.PodsPerNodeLimitText.Code(derived.LimitedBy) : null,
            DaemonSetIpPodsPerNode = group.DaemonSetIpPodsPerNode,
            PodsPerNodeReason = Kubernetes.PodsPerNodeRule.Describe(group),
            Cluster = scenario.ClusterNameOf(group),
        };
    }

    /// <summary>
    /// How many nodes of the group fit with everything in the scenario in place: its current nodes (up to the first
    /// that cannot get its pods), then more of its nodes, round robin, until one cannot start or get its pods.
    /// </summary>
    private static (int Fit, string? Limit) NodesThatFit(NodeGroup group, ClusterState planned, List<PlacedNode> own, Dictionary<string, (int Fit, PlacedNode? Failed)> fits)
    {
        if (own.FirstOrDefault(n => n.Failure != PodFailure.None) is { } failed)
        {
            return (failed.IndexInGroup, FailureReasons.DescribeFailure(failed));
        }

        // Every planned node fits, so the answer depends only on what the group's nodes are and where they go: groups
        // alike in all of that (many one-node groups of one type, say) get the same answer from the same planned state.
        var key = string.Join('|', group.Type.Name, group.PodsPerNode, group.SecurityGroupPodsPerNode, group.HostNetworkPodsPerNode,
            group.MaxPods?.ToString(CultureInfo.InvariantCulture) ?? "-", group.Nodes, string.Join(',', group.Subnets));
        if (!fits.TryGetValue(key, out var known))
        {
            var state = planned.Fork();
            var failedNode = state.AddNodesUntilFailure(group, Math.Max(0, NodeSearchLimit - group.Nodes), out var started);
            known = (group.Nodes + started - (failedNode is null ? 0 : 1), failedNode);
            fits[key] = known;
        }

        // The failing node may be of an alike group answered first: name this group in the words.
        return (known.Fit, known.Failed is { } f ? FailureReasons.DescribeFailure(f, group.Name) : null);
    }

    /// <summary>
    /// Pods planned nodes hold when pushed to max pods (or, for pod requests, to what fits by CPU and memory), one
    /// node after another in start order, on a fork of the planned cluster (the other nodes keep their planned pods).
    /// Nodes can be given in parts, the later after the earlier, as long as together they are in start order.
    /// </summary>
    private sealed class Fill(ClusterState planned)
    {
        private readonly ClusterState _state = planned.Fork();

        /// <summary>Pods the nodes filled so far hold.</summary>
        public int Total { get; private set; }

        /// <summary>How many nodes were filled so far.</summary>
        public int Filled { get; private set; }

        /// <summary>Fills <paramref name="nodes"/> from position <paramref name="from"/> on.</summary>
        public void Run(IReadOnlyList<PlacedNode> nodes, int from)
        {
            for (var i = from; i < nodes.Count; i++)
            {
                var placed = nodes[i];
                if (placed.Failure == PodFailure.None)
                {
                    // The copy is not kept: only its pods count, and the fork's subnets hold what it took.
                    placed = _state.Detach(placed);
                    // A group with pod requests holds no more pods than fit by CPU and memory (docs/requests.md).
                    var cap = Kubernetes.PodsPerNodeRule.PodCapacityPerNode(placed.Group) is { } c ? Math.Max(0, c - placed.PodsRunning) : NodeSearchLimit;
                    _state.AddPods(placed, cap);
                }

                Total += placed.PodsRunning;
                Filled++;
            }
        }
    }

    /// <summary>Scales every group toward maxNodes, one node per group in turn, until a node cannot start or get its pods.</summary>
    public static ExhaustionPoint? FirstExhausted(ProvisionedScenario scenario)
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
            foreach (var group in planned.Scenario.AllNodeGroups)
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
        var groups = state.Scenario.AllNodeGroups;
        var growing = true;
        while (growing)
        {
            growing = false;
            foreach (var group in groups)
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

    /// <summary>
    /// The point a failed node marks: for a subnet that ran out, the subnet and its biggest users at that moment; for
    /// a limit of the node itself, no subnet and the limit.
    /// </summary>
    public static ExhaustionPoint DescribeExhaustion(PlacedNode node, ClusterState state)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(state);
        var cause = node.Reason ?? throw new ArgumentException("the node did not fail", nameof(node));
        var cluster = state.Scenario.ClusterNameOf(node.Group);
        if (cause.IsNetworkAddressUsage())
        {
            var usage = state.Usage;
            var held = cause == FailureReason.NetworkAddressUsage
                ? $"{usage.Units.ToString("N0", CultureInfo.InvariantCulture)} of {N(usage.Quota)} units held"
                : $"{(usage.Units + (usage.PeeredUnits ?? 0)).ToString("N0", CultureInfo.InvariantCulture)} of {N(usage.PeeredQuota)} units held with the peers";
            return new ExhaustionPoint(null, node.Group.Name, node.IndexInGroup + 1, cause) { Detail = held, Cluster = cluster };
        }

        if (!cause.IsSubnetExhausted())
        {
            return new ExhaustionPoint(null, node.Group.Name, node.IndexInGroup + 1, cause) { Detail = FailureReasons.NodeLimitWords(node), Cluster = cluster };
        }

        var subnet = node.FailureSubnet ?? node.Subnet;
        var detail = DescribeSubnets(state).First(s => s.Id == subnet.Spec.Id).UsedBy.Largest(4);
        return new ExhaustionPoint(subnet.Spec.Id, node.Group.Name, node.IndexInGroup + 1, cause) { Detail = detail, Cluster = cluster };
    }

    /// <summary>The short reason words of an engine failure (see <see cref="FailureReasons.Words"/>).</summary>
    public static string Reason(PodFailure failure) => FailureReasons.From(failure)?.Words() ?? "none";

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
        var names = state.Scenario.ClusterNames;
        var byCluster = new int[subnets.Count, names.Count];
        foreach (var placed in state.Nodes)
        {
            var c = state.Scenario.ClusterIndexOf(placed.Group.Spec.Cluster);
            foreach (var eni in placed.Node.Enis)
            {
                var s = index[state.SubnetIdOf(eni.Subnet)];
                byCluster[s, c] += 1 + eni.Ips;
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

            var trunkSubnet = state.Scenario.CniOf(placed.Group).PodSubnetFor(placed.Subnet.Spec.Id, placed.Subnet.Spec.Zone);
            if (trunkSubnet is not null && index.TryGetValue(trunkSubnet, out var t))
            {
                branch[t] += placed.Node.BranchPods;
                byCluster[t, c] += placed.Node.BranchPods;
            }
        }

        for (var i = 0; i < subnets.Count; i++)
        {
            foreach (var (cluster, addresses) in subnets[i].ClusterAddresses)
            {
                byCluster[i, state.Scenario.ClusterIndexOf(cluster)] += addresses.Count;
            }
        }

        return [.. subnets.Select((subnet, i) =>
        {
            var usedBy = new UsedBy(nodePrimaries[i], eniPrimaries[i], podIps[i], idle[i], prefixes[i], branch[i], subnet.Fargate, subnet.LoadBalancers,
                subnet.Endpoints, subnet.NatGateways, subnet.ControlPlane, subnet.InUse) { OtherClusters = subnet.OtherClusters };
            var space = subnet.Space;
            var usedByCluster = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++)
            {
                usedByCluster[names[c]] = byCluster[i, c];
            }

            foreach (var (cluster, count) in subnet.OtherClusterCounts)
            {
                usedByCluster[cluster] = usedByCluster.GetValueOrDefault(cluster) + count;
            }

            return new SubnetPlan(
                subnet.Spec.Id, subnet.Spec.Cidr, subnet.Spec.Zone, space.Usable, space.InUse, space.Free,
                Math.Max(0, space.Usable - space.InUse - space.Free), space.FreePrefixes,
                Math.Round((double)space.InUse / space.Usable, 4), Math.Round(space.FragmentationScore, 4), usedBy)
            {
                UsedByCluster = usedByCluster,
            };
        })];
    }

    private static string Verdict(ClusterPlan cluster, List<NodeGroupPlan> groups, ClusterState planned)
    {
        var failing = planned.Nodes.Count(n => n.Failure != PodFailure.None);
        if (failing > 0)
        {
            var first = planned.Nodes.First(n => n.Failure != PodFailure.None);
            return $"does not fit now: {N(failing)} planned node{(failing == 1 ? "" : "s")} cannot get their pods; first: {FailureReasons.DescribeFailure(first)}";
        }

        // A NodePool that leaves pending pods unscheduled (its limits, or no type fits) has not placed its workload.
        if (planned.Scenario.NodePools.FirstOrDefault(p => p.Provisioning is { PodsPending: > 0 }) is { } stuck)
        {
            return $"does not fit now: {Kubernetes.NodePoolLimits.Pending(stuck)}";
        }

        var head = cluster.HeadroomPods >= 0
            ? $"{N(cluster.HeadroomPods)} more pods fit on the current nodes"
            : $"{N(-cluster.HeadroomPods)} planned pods do not fit";
        var of = planned.Scenario.HasSeveralClusters && cluster.FirstExhausted is { } x ? $" of cluster {x.Cluster}" : "";
        return cluster.FirstExhausted switch
        {
            { SubnetRanOut: true } e => $"{head}; subnet {e.Subnet} runs out first at {N(e.AtNodes)} nodes of group {e.NodeGroup}{of} ({e.Reason}: {e.Detail})",
            { NetworkAddressUsageRanOut: true } e => $"{head}; no subnet runs out: the VPC's {e.Reason} stops node {N(e.AtNodes)} of group {e.NodeGroup}{of} first ({e.Detail})",
            { } e => $"{head}; no subnet runs out: node {N(e.AtNodes)} of group {e.NodeGroup}{of} is stopped first by its own limit ({e.Detail})",
            null => $"{head}; every node group reaches maxNodes ({string.Join(", ", groups.Select(g => $"{g.Name} {N(g.MaxNodes)}"))}) without exhausting a subnet",
        };
    }

    /// <summary>
    /// Pods beyond the planned ones: never positive while planned pods do not start (then minus the pods left
    /// without an IP), so "headroom" never stands beside "does not fit".
    /// </summary>
    private static int Headroom(int capacity, int podsPlanned, IEnumerable<PlacedNode> nodes)
    {
        var failing = false;
        var notStarted = 0;
        foreach (var node in nodes)
        {
            if (node.Failure != PodFailure.None)
            {
                failing = true;
                notStarted += node.Group.PodsPerNode - node.PodsRunning;
            }
        }

        return failing ? -notStarted : capacity - podsPlanned;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
