using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>One subnet in the running cluster: its address space and who took what from it outside the nodes.</summary>
public sealed class SubnetState
{
    internal SubnetState(SubnetSpec spec, SubnetAddressSpace space)
    {
        Spec = spec;
        Space = space;
    }

    /// <summary>The scenario's subnet.</summary>
    public SubnetSpec Spec { get; }

    /// <summary>The subnet's addresses.</summary>
    public SubnetAddressSpace Space { get; }

    /// <summary>Addresses taken outside the scenario (inUse count and the taken list).</summary>
    public int InUse { get; internal set; }

    /// <summary>EKS control plane ENIs.</summary>
    public int ControlPlane { get; internal set; }

    /// <summary>NAT gateways.</summary>
    public int NatGateways { get; internal set; }

    /// <summary>Interface VPC endpoints.</summary>
    public int Endpoints { get; internal set; }

    /// <summary>Load balancer addresses.</summary>
    public int LoadBalancers { get; internal set; }

    /// <summary>Fargate pods.</summary>
    public int Fargate { get; internal set; }

    /// <summary>Consumers that found no room here (an infrastructure shortfall).</summary>
    public List<string> Shortfalls { get; } = [];
}

/// <summary>A node the engine started, with where it went and how its pods fared.</summary>
public sealed class PlacedNode
{
    internal PlacedNode(NodeGroupSpec group, int indexInGroup, SubnetState subnet, VpcCniNode node)
    {
        Group = group;
        IndexInGroup = indexInGroup;
        Subnet = subnet;
        Node = node;
    }

    /// <summary>The node's group.</summary>
    public NodeGroupSpec Group { get; }

    /// <summary>0 for the group's first node.</summary>
    public int IndexInGroup { get; }

    /// <summary>The node subnet.</summary>
    public SubnetState Subnet { get; }

    /// <summary>ipamd on the node.</summary>
    public VpcCniNode Node { get; }

    /// <summary>VPC-IP pods running.</summary>
    public int PodsRunning { get; internal set; }

    /// <summary>Security-group pods running.</summary>
    public int BranchPodsRunning { get; internal set; }

    /// <summary>The first failure, or None when every pod started.</summary>
    public PodFailure Failure { get; internal set; }

    /// <summary>The subnet the failure happened in (the ENIConfig subnet under custom networking).</summary>
    public SubnetState? FailureSubnet { get; internal set; }
}

/// <summary>
/// The whole cluster in memory: every subnet's address space with the fixed consumers of DOMAIN.md §2 placed, and
/// the nodes started so far, each running ipamd's warm pool against the shared subnets.
/// </summary>
public sealed class ClusterState
{
    /// <summary>Control plane ENIs EKS places: one per cluster subnet, at most this many.</summary>
    public const int MaxControlPlaneEnis = 4;

    /// <summary>Addresses counted for an ALB in each of its subnets (AWS asks for 8 free; it scales into them).</summary>
    public const int AlbAddressesPerSubnet = 8;

    private readonly Dictionary<string, SubnetState> _subnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nodesPerGroup = new(StringComparer.Ordinal);

    // Max pods per group, worked out once: the calculation builds its explanation for every call.
    private readonly Dictionary<string, MaxPodsResult> _maxPodsPerGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _placementSeedPerGroup = new(StringComparer.Ordinal);
    private readonly List<PlacedNode> _nodes = [];

    private ClusterState(Scenario scenario) => Scenario = scenario;

    /// <summary>The scenario being run.</summary>
    public Scenario Scenario { get; }

    /// <summary>Subnets in scenario order.</summary>
    public IEnumerable<SubnetState> Subnets => Scenario.Subnets.Select(s => _subnets[s.Id]);

    /// <summary>Every node started, in start order.</summary>
    public IReadOnlyList<PlacedNode> Nodes => _nodes;

    /// <summary>A subnet by id.</summary>
    public SubnetState Subnet(string id) => _subnets[id];

    /// <summary>
    /// How many of <paramref name="nodes"/> nodes the round-robin placement (node i to subnet i mod k) puts in the
    /// group's subnet number <paramref name="subnetIndex"/> of <paramref name="subnets"/>.
    /// </summary>
    public static int NodesPlacedIn(int nodes, int subnets, int subnetIndex) =>
        (nodes / subnets) + (subnetIndex < nodes % subnets ? 1 : 0);

    /// <summary>Nodes of a group started so far.</summary>
    public int NodesIn(NodeGroupSpec group) => _nodesPerGroup.GetValueOrDefault(group.Name);

    /// <summary>Builds the address spaces and places everything that is not a node.</summary>
    public static ClusterState Build(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var state = new ClusterState(scenario);
        foreach (var spec in scenario.Subnets)
        {
            var space = SubnetAddressSpace.Parse(spec.Cidr);
            foreach (var reservation in spec.Reservations)
            {
                space.Reserve(reservation.Block.Text, reservation.Type == Model.ReservationType.Prefix
                    ? Addressing.ReservationType.Prefix
                    : Addressing.ReservationType.Explicit);
            }

            var subnet = new SubnetState(spec, space);
            foreach (var taken in spec.Taken)
            {
                var before = space.InUse;
                space.MarkInUse(taken.Text);
                subnet.InUse += space.InUse - before;
            }

            var count = Math.Min(spec.InUse, space.Free);
            space.MarkInUse(count);
            subnet.InUse += count;
            if (count < spec.InUse)
            {
                subnet.Shortfalls.Add($"inUse {spec.InUse} (only {count} free)");
            }

            state._subnets[spec.Id] = subnet;
        }

        var cp = scenario.Cluster.ControlPlaneSubnets;
        for (var i = 0; i < cp.Count && i < MaxControlPlaneEnis; i++)
        {
            state.TakeFixed(cp[i], 1, s => s.ControlPlane++, "control plane ENI");
        }

        foreach (var nat in scenario.NatGateways)
        {
            state.TakeFixed(nat.Subnet, 1, s => s.NatGateways++, $"NAT gateway {nat.Name ?? nat.Subnet}");
        }

        foreach (var endpoint in scenario.Endpoints.Where(e => e.Type == EndpointType.Interface))
        {
            foreach (var id in endpoint.Subnets)
            {
                state.TakeFixed(id, 1, s => s.Endpoints++, $"endpoint {endpoint.Service}");
            }
        }

        foreach (var lb in scenario.LoadBalancers)
        {
            var per = lb.Type == LoadBalancerType.Alb ? AlbAddressesPerSubnet : 1;
            foreach (var id in lb.Subnets)
            {
                for (var i = 0; i < per; i++)
                {
                    state.TakeFixed(id, 1, s => s.LoadBalancers++, $"load balancer {lb.Name}");
                }
            }
        }

        foreach (var profile in scenario.FargateProfiles)
        {
            for (var p = 0; p < profile.Pods && profile.Subnets.Count > 0; p++)
            {
                state.TakeFixed(profile.Subnets[p % profile.Subnets.Count], 1, s => s.Fargate++, $"Fargate profile {profile.Name}");
            }
        }

        return state;
    }

    /// <summary>Builds the cluster and starts every node group's current nodes, group by group.</summary>
    public static ClusterState BuildPlanned(Scenario scenario, NodeGroupSpec? except = null)
    {
        var state = Build(scenario);
        foreach (var group in scenario.NodeGroups)
        {
            if (ReferenceEquals(group, except))
            {
                continue;
            }

            for (var i = 0; i < group.Nodes; i++)
            {
                state.AddNode(group);
            }
        }

        return state;
    }

    private void TakeFixed(string subnetId, int count, Action<SubnetState> count1, string what)
    {
        if (!_subnets.TryGetValue(subnetId, out var subnet))
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (subnet.Space.TryTakeAddress(out _))
            {
                count1(subnet);
            }
            else if (!subnet.Shortfalls.Contains(what))
            {
                subnet.Shortfalls.Add(what);
            }
        }
    }

    /// <summary>
    /// Starts the group's next node in the next subnet round robin (node i goes to subnet i mod k), runs its warm pool
    /// to steady state and starts its pods one by one.
    /// </summary>
    public PlacedNode AddNode(NodeGroupSpec group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var index = NodesIn(group);
        _nodesPerGroup[group.Name] = index + 1;
        var subnet = _subnets[group.Subnets[index % group.Subnets.Count]];
        var settings = Scenario.Cni;
        var placement = new NodePlacement(subnet.Space)
        {
            EniConfigSubnet = settings.EniConfigSubnetFor(subnet.Spec.Zone) is { } eniConfig && _subnets.TryGetValue(eniConfig, out var podSubnet)
                ? podSubnet.Space
                : null,
            DiscoverySubnets = settings.CustomNetworking ? [] : DiscoveryCandidates(subnet),
            NodeSubnetEligibleForPods = !(subnet.Spec.Tags.TryGetValue("kubernetes.io/role/cni", out var v) && v == "0"),
        };
        if (!_maxPodsPerGroup.TryGetValue(group.Name, out var maxPods))
        {
            maxPods = MaxPodsCalculator.Calculate(group.Type, MaxPodsOptions.For(settings, group.MaxPods));
            _maxPodsPerGroup[group.Name] = maxPods;
        }

        // Pods land where ipamd's random map walk puts them; every node of the group uses the placement that holds the most.
        if (!_placementSeedPerGroup.TryGetValue(group.Name, out var seed))
        {
            seed = PodPlacement.HighSide(group.Type, settings, maxPods, group.HostNetworkPodsPerNode, group.PodsPerNode).HighSeed;
            _placementSeedPerGroup[group.Name] = seed;
        }

        var node = new VpcCniNode(group.Type, settings, placement, maxPods, group.HostNetworkPodsPerNode) { PlacementSeed = seed };
        var placed = new PlacedNode(group, index, subnet, node);
        _nodes.Add(placed);
        if (!node.Started)
        {
            placed.Failure = PodFailure.NodeNotStarted;
            placed.FailureSubnet = subnet;
            return placed;
        }

        node.ReconcileToSteadyState();
        AddPods(placed, group.PodsPerNode, group.SecurityGroupPodsPerNode);
        return placed;
    }

    /// <summary>Adds pods to a started node; records the first failure and where it happened.</summary>
    public int AddPods(PlacedNode placed, int pods, int branchPods = 0)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var started = 0;
        for (var p = 0; p < pods; p++)
        {
            var result = placed.Node.AddPod(out _);
            if (result != PodFailure.None)
            {
                Fail(placed, result);
                return started;
            }

            placed.PodsRunning++;
            started++;
        }

        for (var p = 0; p < branchPods; p++)
        {
            var result = placed.Node.AddBranchPod(out _);
            if (result != PodFailure.None)
            {
                Fail(placed, result);
                return started;
            }

            placed.BranchPodsRunning++;
        }

        return started;
    }

    private void Fail(PlacedNode placed, PodFailure failure)
    {
        if (placed.Failure != PodFailure.None)
        {
            return;
        }

        placed.Failure = failure;
        var eniConfig = Scenario.Cni.EniConfigSubnetFor(placed.Subnet.Spec.Zone);
        placed.FailureSubnet = eniConfig is not null && _subnets.TryGetValue(eniConfig, out var s) ? s : placed.Subnet;
    }

    private List<SubnetAddressSpace> DiscoveryCandidates(SubnetState nodeSubnet)
    {
        var list = new List<SubnetAddressSpace>();
        foreach (var spec in Scenario.Subnets)
        {
            if (spec.Id != nodeSubnet.Spec.Id && spec.Zone == nodeSubnet.Spec.Zone &&
                spec.Tags.TryGetValue("kubernetes.io/role/cni", out var value) && value != "0")
            {
                list.Add(_subnets[spec.Id].Space);
            }
        }

        return list;
    }
}
