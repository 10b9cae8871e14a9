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
        "Each node runs ipamd's warm pool to steady state, then its pods start one at a time (DOMAIN.md §4); pods are packed onto ENIs in creation order in secondary-IP mode; in prefix mode each pod's /28 is drawn at random like ipamd's map walk, and each group plans with the placement that holds the most /28s of 16 seeded tries.",
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
    public static PlanReport Plan(Scenario scenario, IEnumerable<Finding>? loaderWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var planned = ClusterState.BuildPlanned(scenario);
        var groups = scenario.NodeGroups.Select(g => PlanGroup(scenario, g)).ToList();
        var clusterCapacity = FillAll(scenario, null);
        var podsPlanned = scenario.NodeGroups.Sum(g => g.Nodes * g.PodsPerNode);
        var exhausted = FirstExhausted(scenario);
        var subnets = planned.Subnets.Select(s => DescribeSubnet(s, planned)).ToList();
        var warnings = new List<Finding>(loaderWarnings ?? []);
        warnings.AddRange(PlanWarnings.For(scenario, planned, subnets, groups, exhausted));
        warnings = [.. warnings.OrderByDescending(w => w.Severity).ThenBy(w => w.Code, StringComparer.Ordinal).ThenBy(w => w.Subject, StringComparer.Ordinal)];
        var cluster = new ClusterPlan(scenario.Cluster.Name, clusterCapacity, podsPlanned, clusterCapacity - podsPlanned, exhausted);
        return new PlanReport(scenario.SourceFile, subnets, groups, cluster, Verdict(cluster, groups, planned), warnings, Assumptions);
    }

    private static NodeGroupPlan PlanGroup(Scenario scenario, NodeGroupSpec group)
    {
        var maxPods = MaxPodsCalculator.Calculate(group.Type, MaxPodsOptions.For(scenario.Cni, group.MaxPods));
        var eniSupply = maxPods.Uncapped - MaxPodsCalculator.HostNetworkPods;
        var podIpsPerNode = Math.Max(0, Math.Min(maxPods.MaxPods - group.HostNetworkPodsPerNode - group.SecurityGroupPodsPerNode, eniSupply));

        // How many nodes of this group fit, with everything else in the scenario in place.
        var state = ClusterState.BuildPlanned(scenario, except: group);
        var fit = 0;
        string? limit = null;
        for (var i = 0; i < NodeSearchLimit; i++)
        {
            var node = state.AddNode(group);
            if (node.Failure != PodFailure.None)
            {
                limit = $"node {i + 1} in {node.FailureSubnet?.Spec.Id}: {Reason(node.Failure)}";
                break;
            }

            fit++;
        }

        return new NodeGroupPlan(
            group.Name, group.InstanceType, maxPods.MaxPods, podIpsPerNode, group.PodsPerNode, group.Nodes, group.MaxNodes,
            fit, FillAll(scenario, group), group.Nodes * group.PodsPerNode, limit);
    }

    /// <summary>Pods the current nodes can hold when pushed to max pods, one node after another (of one group, or all).</summary>
    private static int FillAll(Scenario scenario, NodeGroupSpec? only)
    {
        var state = ClusterState.BuildPlanned(scenario);
        var total = 0;
        foreach (var placed in state.Nodes)
        {
            if (only is not null && !ReferenceEquals(placed.Group, only))
            {
                continue;
            }

            if (placed.Failure == PodFailure.None)
            {
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
        var state = ClusterState.Build(scenario);
        foreach (var group in scenario.NodeGroups)
        {
            for (var i = 0; i < group.Nodes; i++)
            {
                var node = state.AddNode(group);
                if (node.Failure != PodFailure.None)
                {
                    return DescribeExhaustion(node, state);
                }
            }
        }

        var growing = true;
        while (growing)
        {
            growing = false;
            foreach (var group in scenario.NodeGroups)
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
        var u = DescribeSubnet(subnet, state).UsedBy;
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
        PodFailure.IpamdRefused => "aws-node refuses to start",
        _ => failure.ToString(),
    };

    private static SubnetPlan DescribeSubnet(SubnetState subnet, ClusterState state)
    {
        int nodePrimaries = 0, eniPrimaries = 0, podIps = 0, idle = 0, prefixes = 0, branch = 0;
        foreach (var placed in state.Nodes)
        {
            foreach (var eni in placed.Node.Enis)
            {
                if (!ReferenceEquals(eni.Subnet, subnet.Space))
                {
                    continue;
                }

                if (eni.Role == EniRole.Primary)
                {
                    nodePrimaries++;
                }
                else
                {
                    eniPrimaries++;
                }

                if (placed.Node.PrefixMode)
                {
                    prefixes += eni.Ips;
                }
                else
                {
                    podIps += eni.Pods;
                    idle += eni.Ips - eni.Pods;
                }
            }

            var trunkSubnet = state.Scenario.Cni.PodSubnetFor(placed.Subnet.Spec.Id, placed.Subnet.Spec.Zone);
            if (trunkSubnet == subnet.Spec.Id)
            {
                branch += placed.Node.BranchPods;
            }
        }

        var usedBy = new UsedBy(nodePrimaries, eniPrimaries, podIps, idle, prefixes, branch, subnet.Fargate, subnet.LoadBalancers,
            subnet.Endpoints, subnet.NatGateways, subnet.ControlPlane, subnet.InUse);
        var space = subnet.Space;
        return new SubnetPlan(
            subnet.Spec.Id, subnet.Spec.Cidr, subnet.Spec.Zone, space.Usable, space.InUse, space.Free,
            Math.Max(0, space.Usable - space.InUse - space.Free), space.FreePrefixes,
            Math.Round((double)space.InUse / space.Usable, 4), Math.Round(space.FragmentationScore, 4), usedBy);
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
