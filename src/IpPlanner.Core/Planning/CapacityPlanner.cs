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

    /// <summary>The assumption a plan adds when its nodes launch at once (<see cref="LaunchOrder.Burst"/>).</summary>
    public const string BurstAssumption =
        "Nodes launch at once (--launch burst): each group's planned nodes, the nodes added to find how many fit, and firstExhausted's nodes up to maxNodes each take their primary IP first, then node by node ipamd fills the warm pool and the pods start; a node that starts without its pods' addresses keeps them pending.";

    /// <summary>Plans the scenario. <paramref name="loaderWarnings"/> (from validation) are carried into the warnings.</summary>
    /// <remarks>
    /// The cluster is run once; every other question (how many more nodes of a group fit, what the current nodes hold
    /// at max pods, where scaling runs out) is asked of a fork of that run, which copies only the subnets and nodes it
    /// changes. Groups that would start identical nodes share one answer to "how many fit".
    /// </remarks>
    public static PlanReport Plan(ProvisionedScenario scenario, IEnumerable<Finding>? loaderWarnings = null, LaunchOrder launch = LaunchOrder.Sequential)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var planned = ClusterState.BuildPlanned(scenario, launch: launch);
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
            groups.Add(PlanGroup(scenario, group, planned, nodesByGroup[group], fits, launch, ref clusterFill));
        }

        // The same planned nodes launched the other way: where the outcomes differ, the plan states the margin.
        var margins = LaunchMargin.Compare(scenario, planned, launch);
        for (var i = 0; i < groups.Count; i++)
        {
            groups[i] = groups[i] with { OtherLaunch = margins.Other[i] };
        }

        clusterFill ??= new Fill(planned);
        clusterFill.Run(planned.Nodes, clusterFill.Filled);
        var clusterCapacity = clusterFill.Total;
        var pending = scenario.NodePools.Sum(p => p.Provisioning?.PodsPending ?? 0);
        var podsPlanned = allGroups.Sum(g => g.Nodes * g.PodsPerNode) + pending;
        var growth = launch == LaunchOrder.Burst ? WhenAllGrowAtOnce(planned) : WhenAllGrow(planned);
        groups = [.. groups.Select(g => g with { NodesWhenAllGrow = growth.Nodes.GetValueOrDefault(g.Name) })];
        var podsThatFit = (int)Math.Min(int.MaxValue, groups.Sum(g => (long)g.NodesWhenAllGrow * g.PodsPerNode));
        var exhausted = growth.Stop;
        var pools = scenario.NodePools.Select(p => Planning.NodePoolPlanner.Describe(p, groups, planned)).ToList();
        var vpc = DescribeVpc(planned);
        var warnings = new List<Finding>(loaderWarnings ?? []);
        warnings.AddRange(PlanWarnings.For(scenario, planned, subnets, groups, exhausted, pools));
        warnings.AddRange(margins.Findings(groups, launch));
        warnings = [.. warnings.OrderByDescending(w => w.Severity).ThenBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Subject, StringComparer.Ordinal)];
        var headroom = Headroom(clusterCapacity, podsPlanned, pending, planned);
        // Pods that do not start now (pending, without an IP on a NodePool's node, or on a node that failed) never fit:
        // the answer is at most the planned pods that run.
        podsThatFit = headroom < 0 ? Math.Min(podsThatFit, Math.Max(0, podsPlanned + headroom)) : podsThatFit;
        var name = scenario.HasSeveralClusters ? string.Join(", ", scenario.ClusterNames) : scenario.Cluster.Name;
        var cluster = new ClusterPlan(name, podsPlanned, clusterCapacity, headroom, podsThatFit, exhausted);
        var verdict = groups.Count == 0 && !scenario.NodePools.Any(p => p.PodCount > 0) ? ZoneRoom.Verdict(subnets) : Verdict(cluster, groups, planned, pools) + margins.VerdictNote(groups, launch);
        return new PlanReport(scenario.SourceFile, subnets, groups, cluster, verdict, warnings, launch == LaunchOrder.Burst ? [.. Assumptions, BurstAssumption] : Assumptions)
        {
            NodePools = pools,
            Launch = launch.Name(),
            BlockMaps = BlockMaps(planned),
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
        var pending = scenario.NodePools.Where(p => string.Equals(scenario.ClusterNameOf(p.Spec.Cluster), name, StringComparison.Ordinal)).Sum(p => p.Provisioning?.PodsPending ?? 0);
        var podsPlanned = own.Sum(g => g.PodsPlanned) + pending;
        var headroom = Headroom(fill.Total, podsPlanned, pending, nodes);
        // The pods that fit of this cluster: its groups' nodes when every group grows, at most its planned pods that run.
        var podsThatFit = (int)Math.Min(int.MaxValue, own.Sum(g => (long)g.NodesWhenAllGrow * g.PodsPerNode));
        podsThatFit = headroom < 0 ? Math.Min(podsThatFit, Math.Max(0, podsPlanned + headroom)) : podsThatFit;
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
        else if (headroom < 0)
        {
            verdict = $"does not fit now: {N(-headroom)} planned pods do not fit";
        }
        else
        {
            // The plan's own words: this cluster's groups grow with every other group of the VPC, and what stops the
            // growth may be in another cluster (then named with it).
            verdict = Growth(podsThatFit, own, exhausted, severalClusters: true);
        }

        return new ClusterPlan(name, podsPlanned, fill.Total, headroom, podsThatFit, exhausted is not null && string.Equals(exhausted.Cluster, name, StringComparison.Ordinal) ? exhausted : null)
        {
            Verdict = verdict,
            NetworkAddressUsage = ClusterUnits(planned, name),
        };
    }

    /// <summary>When all subnets together have at most this many /28 blocks, every subnet gets a block map.</summary>
    public const int AllSubnetsBlockLimit = 2048;

    /// <summary>
    /// The /28 block maps of a plan whose nodes run prefix delegation: every subnet when they are small together, else
    /// those prefix-mode nodes draw pods from, those subnet discovery may pick, and those holding prefixes.
    /// </summary>
    private static List<BlockMap> BlockMaps(ClusterState planned)
    {
        var scenario = planned.Scenario;
        var prefixGroups = scenario.AllNodeGroups.Where(g => scenario.ModeOf(g).PrefixMode).ToList();
        if (prefixGroups.Count == 0)
        {
            return [];
        }

        var all = planned.Subnets.ToList();
        var chosen = all;
        if (all.Sum(s => (long)s.Space.BlockCount) > AllSubnetsBlockLimit)
        {
            // Under custom networking pods draw from the node zone's ENIConfig subnet, not the node subnet.
            var podSubnets = prefixGroups.SelectMany(g => g.Subnets.Select(id => g.CniIn(scenario.CniOf(g)).PodSubnetFor(id, scenario.GetSubnet(id).Zone))).ToHashSet(StringComparer.Ordinal);
            // Each cluster's VPC CNI reads the subnets' tags by its own version.
            var versions = scenario.ClusterNames.Select(c => scenario.CniOf(c).Version).Distinct().ToList();
            chosen = [.. all.Where(s => podSubnets.Contains(s.Spec.Id) || versions.Any(v => Model.SubnetTags.IsCniDiscoverable(s.Spec, v)) || HoldsPrefixes(s.Space))];
        }

        return [.. chosen.Select(s => new BlockMap(s.Spec.Id, s.Spec.Zone, s.Space.Cidr, s.Space.Network,
            [.. Enumerable.Range(0, s.Space.BlockCount).Select(s.Space.GetBlockState)]))];
    }

    private static bool HoldsPrefixes(Addressing.SubnetAddressSpace space)
    {
        for (var b = 0; b < space.BlockCount; b++)
        {
            if (space.GetBlockState(b) == Addressing.BlockState.PrefixHeld)
            {
                return true;
            }
        }

        return false;
    }

    private static NodeGroupPlan PlanGroup(
        ProvisionedScenario scenario, NodeGroup group, ClusterState planned, IEnumerable<PlacedNode> nodes, Dictionary<string, (int Fit, PlacedNode? Failed)> fits,
        LaunchOrder launch, ref Fill? clusterFill)
    {
        var maxPods = MaxPodsCalculator.Calculate(group.Type, MaxPodsOptions.For(group.CniIn(scenario.CniOf(group)), group.KubeletMaxPods(scenario.CniOf(group))));
        var podIpsPerNode = MaxPodsCalculator.VpcIpPodsPerNode(maxPods, group.HostNetworkPodsPerNode, group.SecurityGroupPodsPerNode);
        var own = nodes.ToList();
        var (fit, limit) = launch == LaunchOrder.Burst ? NodesThatFitAtOnce(group, planned, own, fits) : NodesThatFit(group, planned, own, fits);
        var fill = new Fill(planned);
        fill.Run(own, 0);
        if (clusterFill is null && own.Count > 0 && own[0].Position == 0 && own[^1].Position == own.Count - 1)
        {
            clusterFill = fill;
        }

        var types = group.Spec.InstanceTypes.Count > 1 ? InstanceTypesOf(group, scenario.CniOf(group), maxPods.MaxPods) : null;
        return new NodeGroupPlan(
            group.Name, group.InstanceType, maxPods.MaxPods, podIpsPerNode, group.PodsPerNode, group.Nodes, group.MaxNodes,
            group.Nodes * group.PodsPerNode, fill.Total, fit, (int)Math.Min(int.MaxValue, (long)fit * group.PodsPerNode), limit, NodesWhenAllGrow: 0)
        {
            Mode = scenario.ModeOf(group).Name(scenario.CniOf(group).CustomNetworking),
            PodsPerNodeLimitedBy = group.PodsPerNodeFit is { } derived ? Kubernetes.PodsPerNodeLimitText.Code(derived.LimitedBy) : null,
            DaemonSetIpPodsPerNode = group.DaemonSetIpPodsPerNode,
            PodsPerNodeReason = Kubernetes.PodsPerNodeRule.Describe(group),
            NodesStarted = own.Count(n => n.Node.Started),
            PodsPending = own.Sum(n => n.PodsPending),
            InstanceTypes = types,
            InstanceTypesReason = types is null ? null : DescribeInstanceTypes(group, maxPods.MaxPods, types),
            Cluster = scenario.ClusterNameOf(group),
        };
    }

    /// <summary>
    /// Nodes that fit when nodes launch at once: the planned nodes up to the first whose pods wait or which cannot
    /// start (by index in the group), else the planned nodes plus the most more nodes that one burst on top of the
    /// planned cluster can start with every pod placed (a burst of one more node leaves pods waiting or cannot start).
    /// Found by doubling, then halving, on forks of the planned run; a larger burst never fits where a smaller did not.
    /// </summary>
    private static (int Fit, string? Limit) NodesThatFitAtOnce(NodeGroup group, ClusterState planned, List<PlacedNode> own, Dictionary<string, (int Fit, PlacedNode? Failed)> fits)
    {
        if (own.Where(n => n.Failure != PodFailure.None).MinBy(n => n.IndexInGroup) is { } failed)
        {
            return (failed.IndexInGroup, FailureReasons.DescribeFailure(failed));
        }

        var key = string.Join('|', "burst", group.Type.Name, group.PodsPerNode, group.SecurityGroupPodsPerNode, group.HostNetworkPodsPerNode,
            group.MaxPods?.ToString(CultureInfo.InvariantCulture) ?? "-", group.Nodes, string.Join(',', group.Subnets));
        if (!fits.TryGetValue(key, out var known))
        {
            var limit = Math.Max(0, NodeSearchLimit - group.Nodes);
            PlacedNode? FirstFailure(int more)
            {
                var state = planned.Fork();
                return state.Launch(ClusterState.Repeat(group, more), LaunchOrder.Burst).Where(n => n.Failure != PodFailure.None).MinBy(n => n.IndexInGroup);
            }

            // fits: the largest burst known to place every pod; fails: the smallest known not to (limit + 1: none found).
            var fitsMore = 0;
            var failsMore = limit + 1;
            for (var more = 1; more <= limit; more = Math.Min(limit, more * 2))
            {
                if (FirstFailure(more) is not null)
                {
                    failsMore = more;
                    break;
                }

                fitsMore = more;
                if (more == limit)
                {
                    break;
                }
            }

            while (failsMore - fitsMore > 1)
            {
                var mid = fitsMore + ((failsMore - fitsMore) / 2);
                if (FirstFailure(mid) is null)
                {
                    fitsMore = mid;
                }
                else
                {
                    failsMore = mid;
                }
            }

            known = (group.Nodes + fitsMore, failsMore <= limit ? FirstFailure(failsMore) : null);
            fits[key] = known;
        }

        return (known.Fit, known.Failed is { } f ? FailureReasons.DescribeFailure(f, group.Name) : null);
    }

    /// <summary>
    /// Each type of a managed node group's list, as one node of it runs the group's pods under the group's max pods
    /// (the smallest of the list, <see cref="ManagedNodeGroupMaxPods"/>), alone in a scratch subnet (docs/rules.md,
    /// "One scratch node"): the first launches (on-demand "prioritized"), the others when EC2 has no capacity for it.
    /// </summary>
    private static List<NodeGroupInstanceType> InstanceTypesOf(NodeGroup group, CniSettings clusterCni, int maxPods)
    {
        var cni = group.CniIn(clusterCni);
        var options = MaxPodsOptions.For(cni, kubeletMaxPods: null);
        return [.. group.Spec.InstanceTypes.Select((t, i) =>
        {
            var alone = MaxPodsCalculator.Calculate(t, options);
            var node = ScratchNode.Run(t, cni, group.PodsPerNode, group.SecurityGroupPodsPerNode, maxPods, group.HostNetworkPodsPerNode);
            // The pod IPs the type's ENIs supply (the formula less its "+ 2") beyond the group's max pods less its "+ 2".
            var unusable = Math.Max(0, (alone.Uncapped - MaxPodsCalculator.HostNetworkPods) - (maxPods - MaxPodsCalculator.HostNetworkPods));
            return new NodeGroupInstanceType(t.Name, alone.MaxPods, node.SubnetIpsUsed, unusable, i == 0);
        })];
    }

    /// <summary>"apps: max pods 29 on every node, the smallest of m5.large 29, m5.xlarge 58; on-demand nodes launch as m5.large ...".</summary>
    private static string DescribeInstanceTypes(NodeGroup group, int maxPods, List<NodeGroupInstanceType> types)
    {
        var each = string.Join(", ", types.Select(t => $"{t.Name} {N(t.MaxPodsAlone)}"));
        var held = string.Join("; ", types.Select(t =>
            $"{t.Name} holds {N(t.AddressesPerNode)} addresses" + (t.PodIpsUnusable > 0 ? $" and its ENIs could address {N(t.PodIpsUnusable)} pods more than max pods lets run" : "")));
        return $"{group.Name}: max pods {N(maxPods)} on every node, the smallest of {each}; on-demand nodes launch as {types[0].Name} " +
            $"(the first listed: the allocation strategy is prioritized), the others only when EC2 has no {types[0].Name} capacity. " +
            $"A node given {N(group.PodsPerNode)} pods: {held}";
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
        // alike in all of that (many one-node groups of one type, say) and in one cluster (whose VPC CNI they run) get the
        // same answer from the same planned state.
        var key = string.Join('|', group.Type.Name, group.PodsPerNode, group.SecurityGroupPodsPerNode, group.HostNetworkPodsPerNode,
            group.KubeletMaxPods(planned.Scenario.CniOf(group))?.ToString(CultureInfo.InvariantCulture) ?? "-", group.Nodes, string.Join(',', group.Subnets), group.Cni?.AutoMode == true ? "auto" : "", group.NodePool ?? "", planned.Scenario.ClusterNameOf(group));
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
        return WhenAllGrow(ClusterState.BuildPlanned(scenario)).Stop;
    }

    /// <summary>
    /// <see cref="WhenAllGrow"/> at once: every group's nodes up to maxNodes launch as one burst (one per group in turn)
    /// from the planned cluster (which it leaves as it is), and the first in launch order that cannot start or whose
    /// pods wait marks the point; each group's nodes are those launched before it (docs/rules.md, "Launch order").
    /// </summary>
    private static (ExhaustionPoint? Stop, Dictionary<string, int> Nodes) WhenAllGrowAtOnce(ClusterState planned)
    {
        if (planned.Nodes.FirstOrDefault(n => n.Failure != PodFailure.None) is { } failedNow)
        {
            // Each group's planned nodes up to its first that cannot start or whose pods wait.
            // One pass over the nodes, not one per group (a plan may hold thousands of each).
            var started = planned.Scenario.AllNodeGroups.ToDictionary(g => g.Name, g => g.Nodes, StringComparer.Ordinal);
            foreach (var node in planned.Nodes)
            {
                if (node.Failure != PodFailure.None && node.IndexInGroup < started[node.Group.Name])
                {
                    started[node.Group.Name] = node.IndexInGroup;
                }
            }
            return (DescribeExhaustion(failedNow, planned), started);
        }

        var burst = planned.Fork();
        var nodes = burst.Scenario.AllNodeGroups.ToDictionary(g => g.Name, g => g.Nodes, StringComparer.Ordinal);
        var toLaunch = new List<NodeGroup>();
        var all = burst.Scenario.AllNodeGroups;
        var remaining = all.Select(g => Math.Max(0, g.MaxNodes - g.Nodes)).ToArray();
        for (var more = true; more;)
        {
            more = false;
            for (var g = 0; g < all.Count; g++)
            {
                if (remaining[g]-- > 0)
                {
                    toLaunch.Add(all[g]);
                    more = true;
                }
            }
        }

        foreach (var node in burst.Launch(toLaunch, LaunchOrder.Burst))
        {
            if (node.Failure != PodFailure.None)
            {
                return (DescribeExhaustion(node, burst), nodes);
            }

            nodes[node.Group.Name] = node.IndexInGroup + 1;
        }

        return (null, nodes);
    }

    /// <summary>
    /// Every group grown toward maxNodes from the planned cluster (which it leaves as it is), one node per group in
    /// turn: where it stops (null when every group reaches maxNodes) and the nodes of each group that started and got
    /// their pods by then. When planned nodes already fail, the planned nodes in start order up to the first failure.
    /// </summary>
    private static (ExhaustionPoint? Stop, Dictionary<string, int> Nodes) WhenAllGrow(ClusterState planned)
    {
        var nodes = new Dictionary<string, int>(StringComparer.Ordinal);
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
                        return (DescribeExhaustion(node, partial), nodes);
                    }

                    nodes[group.Name] = i + 1;
                }
            }
        }

        var state = planned.Fork();
        var groups = state.Scenario.AllNodeGroups;
        foreach (var group in groups)
        {
            nodes[group.Name] = group.Nodes;
        }

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
                    return (DescribeExhaustion(node, state), nodes);
                }

                nodes[group.Name] = node.IndexInGroup + 1;
            }
        }

        return (null, nodes);
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

                if (eni.HoldsPrefixes)
                {
                    prefixes[s] += eni.Ips;
                }
                else
                {
                    podIps[s] += eni.Pods;
                    idle[s] += eni.Ips - eni.Pods;
                }
            }

            var trunkSubnet = placed.Group.CniIn(state.Scenario.CniOf(placed.Group)).PodSubnetFor(placed.Subnet.Spec.Id, placed.Subnet.Spec.Zone);
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

    private static string Verdict(ClusterPlan cluster, List<NodeGroupPlan> groups, ClusterState planned, List<NodePoolPlan> pools)
    {
        var failing = planned.Nodes.Count(n => n.Failure != PodFailure.None);
        if (failing > 0)
        {
            var first = planned.Nodes.First(n => n.Failure != PodFailure.None);
            return $"does not fit now: {N(failing)} planned node{(failing == 1 ? "" : "s")} cannot get their pods; first: {FailureReasons.DescribeFailure(first)}";
        }

        // Pods Karpenter bound to nodes whose ENIs cannot address them wait in ContainerCreating.
        if (pools.FirstOrDefault(p => p.PodsWithoutIp > 0) is { } stranded)
        {
            return $"does not fit now: NodePool {stranded.Name} binds {N(stranded.PodsWithoutIp)} pods to nodes that have no IP for them ({Planning.NodePoolPlanner.WithoutIp(planned.Scenario.NodePools.First(p => p.Name == stranded.Name), planned).Why})";
        }

        // Pods that stay pending (a NodePool's limits or no type that fits, DaemonSets larger than a node, requests
        // with no room beside them) have not been placed: the plan does not fit, whatever the subnets hold.
        if (PlanWarnings.PodsPending(planned.Scenario).FirstOrDefault() is { } pending)
        {
            return $"does not fit now: {pending.Message}";
        }

        return Growth(cluster.PodsThatFit, groups, cluster.FirstExhausted, planned.Scenario.HasSeveralClusters);
    }

    /// <summary>
    /// The answer when the planned pods start: <paramref name="podsThatFit"/> with each group's nodes when every group
    /// grows toward maxNodes, and what stops the growth (<paramref name="stop"/>, named with its cluster when the VPC
    /// holds several). The plan's verdict and each cluster's verdict say it in these same words.
    /// </summary>
    private static string Growth(int podsThatFit, List<NodeGroupPlan> groups, ExhaustionPoint? stop, bool severalClusters)
    {
        var fit = $"{N(podsThatFit)} pods fit";
        var of = severalClusters && stop is { } x ? $" of cluster {x.Cluster}" : "";
        return stop switch
        {
            { SubnetRanOut: true } e => $"{fit} when every node group grows toward maxNodes ({GroupsAt(groups)}); then subnet {e.Subnet} runs out at node {N(e.AtNodes)} of group {e.NodeGroup}{of} ({e.Reason}: {e.Detail})",
            { NetworkAddressUsageRanOut: true } e => $"{fit} when every node group grows toward maxNodes ({GroupsAt(groups)}); then the VPC's {e.Reason} stops node {N(e.AtNodes)} of group {e.NodeGroup}{of} ({e.Detail}), not a subnet",
            { } e => $"{fit} when every node group grows toward maxNodes ({GroupsAt(groups)}); then node {N(e.AtNodes)} of group {e.NodeGroup}{of} is stopped by its own limit ({e.Detail}), not by a subnet",
            null => $"{fit}: every node group reaches maxNodes ({GroupsAt(groups, markMaxNodes: false)}) without a subnet running out",
        };
    }

    /// <summary>Most groups the verdict names one by one; the node-group table has them all.</summary>
    private const int VerdictGroups = 6;

    /// <summary>"web 21 nodes, batch 8 nodes at maxNodes": each group's <see cref="NodeGroupPlan.NodesWhenAllGrow"/>.</summary>
    private static string GroupsAt(List<NodeGroupPlan> groups, bool markMaxNodes = true)
    {
        var named = groups.Take(VerdictGroups).Select(g =>
            $"{g.Name} {N(g.NodesWhenAllGrow)} node{(g.NodesWhenAllGrow == 1 ? "" : "s")}{(markMaxNodes && g.NodesWhenAllGrow == g.MaxNodes ? " at maxNodes" : "")}");
        var rest = groups.Count - VerdictGroups;
        return string.Join(", ", named) + (rest > 0 ? $" and {N(rest)} more group{(rest == 1 ? "" : "s")}" : "");
    }

    /// <summary>
    /// Pods beyond the planned ones: never positive while planned pods do not start or a NodePool leaves pods pending
    /// (then minus the pods left without an IP or a node), so "headroom" never stands beside "does not fit".
    /// </summary>
    private static int Headroom(int capacity, int podsPlanned, int pending, ClusterState planned) =>
        Headroom(capacity, podsPlanned, pending, planned.Nodes);

    /// <summary>As <see cref="Headroom(int, int, int, ClusterState)"/> over some of the nodes: one cluster's of several.</summary>
    private static int Headroom(int capacity, int podsPlanned, int pending, IEnumerable<PlacedNode> nodes)
    {
        var failing = pending > 0;
        var notStarted = pending;
        foreach (var node in nodes)
        {
            if (node.Failure != PodFailure.None)
            {
                failing = true;
                notStarted += node.Group.PodsPerNode - node.PodsRunning;
            }
            else if (node.PodsWithoutIp > 0)
            {
                // Pods a NodePool's node took but cannot address: planned pods that do not run.
                failing = true;
                notStarted += node.PodsWithoutIp;
            }
        }

        return failing ? -notStarted : capacity - podsPlanned;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
