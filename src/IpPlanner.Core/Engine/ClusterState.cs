using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Engine;

/// <summary>
/// The whole cluster in memory: every subnet's address space with the fixed consumers (docs/rules.md, "What takes subnet addresses") placed, and
/// the nodes started so far, each running ipamd's warm pool against the shared subnets.
/// </summary>
public sealed class ClusterState
{
    /// <summary>Control plane ENIs EKS places: one per cluster subnet, at most this many.</summary>
    public const int MaxControlPlaneEnis = 4;

    /// <summary>Addresses counted for an ALB in each of its subnets (AWS asks for 8 free; it scales into them).</summary>
    public const int AlbAddressesPerSubnet = 8;

    private readonly Dictionary<string, SubnetState> _subnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nodesPerGroup;

    // Max pods per group, worked out once: the calculation builds its explanation for every call.
    private readonly Dictionary<string, MaxPodsResult> _maxPodsPerGroup;
    private readonly NodeList _nodes;

    // The pod-placement seed (PodPlacement.HighSide) per node shape, worked out once: alike groups share it, and a
    // fork reads its parent's.
    private readonly Dictionary<(string Type, int? MaxPods, int HostNetworkPods, int Pods, bool AutoMode), int> _placementSeeds = [];

    // A fork (see Fork) reads its parent's subnets and clones one the first time it is used, so a what-if that
    // touches two subnets of a large cluster copies two bitmaps, not the cluster. The parent must not change after.
    private readonly ClusterState? _parent;

    // Which subnet an address space belongs to, for the originals and every fork's clones (nodes copied from the
    // parent still point at the parent's spaces). Shared by a state and its forks; one thread at a time.
    private readonly Dictionary<SubnetAddressSpace, string> _spaceIds;

    // Per group (by reference): max pods, placement seed and per-subnet placements (see RunOf).
    private readonly Dictionary<NodeGroup, GroupRun> _groupRuns = new(ReferenceEqualityComparer.Instance);

    // Maps an address space of the parent (or of this state) to this state's copy of it (see Adopt).
    private Func<SubnetAddressSpace, SubnetAddressSpace>? _ownSpace;

    private ClusterState(ProvisionedScenario scenario)
    {
        Scenario = scenario;
        _nodesPerGroup = new(StringComparer.Ordinal);
        _maxPodsPerGroup = new(StringComparer.Ordinal);
        _nodes = new NodeList(null);
        _spaceIds = new(ReferenceEqualityComparer.Instance);
        var vpc = scenario.Vpc;
        Usage = new NetworkAddressUsageMeter(vpc.NetworkAddressUsageQuota, vpc.PeeredNetworkAddressUsage, vpc.PeeredNetworkAddressUsageQuota);
    }

    private ClusterState(ClusterState parent)
    {
        Scenario = parent.Scenario;
        _parent = parent;
        Usage = parent.Usage.Clone();
        // Counts, max pods and nodes the fork does not change are read from the parent, not copied: a plan forks
        // once or twice per node group, and copying per-group tables of thousands of groups made it quadratic.
        _nodesPerGroup = new(StringComparer.Ordinal);
        _maxPodsPerGroup = new(StringComparer.Ordinal);
        _nodes = new NodeList(parent._nodes);
        _spaceIds = parent._spaceIds;
    }

    /// <summary>The scenario being run.</summary>
    public ProvisionedScenario Scenario { get; }

    /// <summary>The VPC's Network Address Usage as it stands, which every EC2 call of every node must stay within.</summary>
    public NetworkAddressUsageMeter Usage { get; }

    /// <summary>
    /// Network Address Usage units of what is not a node (docs/rules.md, "Network Address Usage"): 6 per NAT gateway,
    /// per interface endpoint subnet and per NLB subnet, 1 per Fargate pod, 1 per address (or /28) of <c>taken</c> and
    /// <c>inUse</c>, the file's <c>otherNetworkAddressUsage</c>, and other clusters' units when one cluster is planned alone.
    /// </summary>
    public long FixedNetworkAddressUnits { get; private set; }

    /// <summary>Subnets in scenario order.</summary>
    public IEnumerable<SubnetState> Subnets => Scenario.Subnets.Select(s => Get(s.Id));

    /// <summary>Every node started, in start order.</summary>
    public IReadOnlyList<PlacedNode> Nodes => _nodes;

    /// <summary>A subnet by id.</summary>
    public SubnetState Subnet(string id) => Get(id);

    /// <summary>The id of the subnet an address space belongs to (this state's, its parent's, or a fork's copy of it).</summary>
    public string SubnetIdOf(SubnetAddressSpace space) => _spaceIds[space];

    /// <summary>
    /// A what-if copy: the same nodes and subnets, where adding nodes (or pods to an <see cref="Adopt"/>ed node)
    /// changes only the copy. Subnets are cloned when first used; this state must not change while forks are in use.
    /// </summary>
    public ClusterState Fork() => new(this);

    /// <summary>
    /// Replaces <paramref name="placed"/> (a node this fork shares with its parent) by a copy drawing on the fork's
    /// subnets, so pods added to the copy leave the parent alone; returns the copy.
    /// </summary>
    public PlacedNode Adopt(PlacedNode placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var index = placed.Position;
        if (_parent is null || index >= _nodes.Count || !ReferenceEquals(_nodes[index], placed))
        {
            throw new InvalidOperationException("only a fork can adopt, and only a node it shares with its parent");
        }

        var copy = CopyOf(placed);
        _nodes.Replace(index, copy);
        return copy;
    }

    /// <summary>
    /// A copy of <paramref name="placed"/> (a node this fork shares with its parent) drawing on the fork's subnets,
    /// which the fork's node list does not hold: for a question asked of each node in turn whose copies are not kept
    /// (the planner's fill to max pods), so nothing but the fork's subnets remembers them.
    /// </summary>
    internal PlacedNode Detach(PlacedNode placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var index = placed.Position;
        if (_parent is null || index >= _nodes.Count || !ReferenceEquals(_nodes[index], placed))
        {
            throw new InvalidOperationException("only a fork can detach, and only a node it shares with its parent");
        }

        return CopyOf(placed);
    }

    private PlacedNode CopyOf(PlacedNode placed) =>
        new(placed.Group, placed.IndexInGroup, Get(placed.Subnet.Spec.Id), placed.Node.CopyOnto(_ownSpace ??= s => Get(_spaceIds[s]).Space))
        {
            PodsRunning = placed.PodsRunning,
            PodsWithoutIp = placed.PodsWithoutIp,
            BranchPodsRunning = placed.BranchPodsRunning,
            Failure = placed.Failure,
            FailureSubnet = placed.FailureSubnet is { } f ? Get(f.Spec.Id) : null,
            Position = placed.Position,
        };

    private SubnetState Get(string id) =>
        TryGet(id, out var subnet) ? subnet : throw new KeyNotFoundException($"no subnet {id}");

    private bool TryGet(string id, out SubnetState subnet)
    {
        if (_subnets.TryGetValue(id, out subnet!))
        {
            return true;
        }

        if (_parent is null || !_parent.TryGet(id, out var original))
        {
            return false;
        }

        subnet = original.CopyWith(original.Space.Clone());
        subnet.Space.Usage = Usage;
        _spaceIds[subnet.Space] = id;
        _subnets[id] = subnet;
        return true;
    }

    /// <summary>
    /// How many of <paramref name="nodes"/> nodes the round-robin placement (node i to subnet i mod k) puts in the
    /// group's subnet number <paramref name="subnetIndex"/> of <paramref name="subnets"/>.
    /// </summary>
    public static int NodesPlacedIn(int nodes, int subnets, int subnetIndex) => RoundRobin.PlacedIn(nodes, subnets, subnetIndex);

    /// <summary>Nodes of a group started so far.</summary>
    public int NodesIn(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return _nodesPerGroup.TryGetValue(group.Name, out var count) ? count : _parent?.NodesIn(group) ?? 0;
    }

    private bool TryGetPlacementSeed((string Type, int? MaxPods, int HostNetworkPods, int Pods, bool AutoMode) shape, out int seed)
    {
        for (var state = this; state is not null; state = state._parent)
        {
            if (state._placementSeeds.TryGetValue(shape, out seed))
            {
                return true;
            }
        }

        seed = 0;
        return false;
    }

    /// <summary>Builds the address spaces and places everything that is not a node.</summary>
    public static ClusterState Build(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var state = new ClusterState(scenario);
        var units = (long)scenario.Vpc.OtherNetworkAddressUsage;
        foreach (var spec in scenario.Subnets)
        {
            var space = SubnetAddressSpace.Parse(spec.Cidr);
            space.Usage = state.Usage;
            foreach (var reservation in spec.Reservations)
            {
                space.Reserve(reservation.Block.Text, reservation.Type);
            }

            var subnet = new SubnetState(spec, space);
            foreach (var taken in spec.Taken)
            {
                var before = space.InUse;
                space.MarkInUse(taken.Text);
                subnet.InUse += space.InUse - before;
                units += NetworkAddressUnits.OfTaken(taken.PrefixLength, space.InUse - before);
            }

            var count = Math.Min(spec.InUse, space.Free);
            space.MarkInUse(count);
            subnet.InUse += count;
            units += count;
            if (count < spec.InUse)
            {
                subnet.Shortfalls.Add($"inUse {spec.InUse} (only {count} free)");
            }

            state._subnets[spec.Id] = subnet;
            state._spaceIds[space] = spec.Id;
        }

        if (scenario.Background is { } background)
        {
            units += background.NetworkAddressUnits;
            foreach (var (id, held) in background.Addresses)
            {
                if (state.TryGet(id, out var subnet))
                {
                    foreach (var block in held.Blocks)
                    {
                        subnet.Space.MarkInUse(block);
                    }

                    subnet.OtherClusters += held.Count;
                    foreach (var (cluster, addresses) in held.ByCluster)
                    {
                        subnet.AddClusterAddresses(cluster, addresses);
                    }
                }
            }
        }

        for (var c = 0; c < scenario.ClusterNames.Count; c++)
        {
            var name = scenario.ClusterNames[c];
            var cp = scenario.ClusterSpecOf(name).ControlPlaneSubnets;
            for (var i = 0; i < cp.Count && i < MaxControlPlaneEnis; i++)
            {
                state.TakeFixed(cp[i], 1, s => s.ControlPlane++, $"control plane ENI{(scenario.HasSeveralClusters ? " of cluster " + name : "")}", name);
            }
        }

        foreach (var nat in scenario.NatGateways)
        {
            state.TakeFixed(nat.Subnet, 1, s => s.NatGateways++, $"NAT gateway {nat.Name ?? nat.Subnet}");
            units += NetworkAddressUnits.NatGateway;
        }

        foreach (var endpoint in scenario.Endpoints.Where(e => e.Type == EndpointType.Interface))
        {
            foreach (var id in endpoint.Subnets)
            {
                state.TakeFixed(id, 1, s => s.Endpoints++, $"endpoint {endpoint.Service}");
                units += NetworkAddressUnits.InterfaceEndpointPerZone;
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

                units += lb.Type == LoadBalancerType.Nlb ? NetworkAddressUnits.NetworkLoadBalancerPerZone : 0;
            }
        }

        foreach (var profile in scenario.FargateProfiles)
        {
            var cluster = scenario.ClusterNameOf(profile.Cluster);
            for (var p = 0; p < profile.Pods && profile.Subnets.Count > 0; p++)
            {
                state.TakeFixed(RoundRobin.SubnetFor(profile.Subnets, p), 1, s => s.Fargate++, $"Fargate profile {profile.Name}", cluster);
            }

            units += (long)profile.Pods * NetworkAddressUnits.EksPod;
        }

        // These exist before any node starts: they hold their units even past the quota (a finding says so).
        state.Usage.Add(units);
        state.FixedNetworkAddressUnits = units;
        return state;
    }

    /// <summary>
    /// Builds the cluster and starts every node group's current nodes, group by group: one at a time, or with
    /// <paramref name="launch"/> <see cref="LaunchOrder.Burst"/> each node group's nodes at once and each NodePool's
    /// NodeClaims (all its groups) at once.
    /// </summary>
    public static ClusterState BuildPlanned(ProvisionedScenario scenario, NodeGroup? except = null, LaunchOrder launch = LaunchOrder.Sequential)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var state = Build(scenario);
        if (launch == LaunchOrder.Burst)
        {
            foreach (var group in scenario.NodeGroups)
            {
                if (!ReferenceEquals(group, except))
                {
                    state.Launch(Repeat(group, group.Nodes), LaunchOrder.Burst);
                }
            }

            foreach (var pool in scenario.NodePools)
            {
                state.Launch([.. pool.NodeGroups.Where(g => !ReferenceEquals(g, except)).SelectMany(g => Repeat(g, g.Nodes))], LaunchOrder.Burst);
            }

            return state;
        }

        foreach (var group in scenario.AllNodeGroups)
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

    /// <summary><paramref name="count"/> nodes of <paramref name="group"/>, as a launch list.</summary>
    public static IReadOnlyList<NodeGroup> Repeat(NodeGroup group, int count)
    {
        ArgumentNullException.ThrowIfNull(group);
        var list = new NodeGroup[Math.Max(0, count)];
        Array.Fill(list, group);
        return list;
    }

    /// <summary>
    /// Starts one node of each entry of <paramref name="nodes"/> (a group may repeat), each in its group's next subnet
    /// round robin, in <paramref name="order"/>: one after another as <see cref="AddNode"/> does, or as a burst where
    /// every instance takes its primary IP first and then, in launch order, each node's ipamd fills its warm pool and
    /// its pods start. A node of a burst that starts without room for its pods keeps them waiting (its
    /// <see cref="PlacedNode.Failure"/> says why); only a node without a primary IP is one that cannot start.
    /// </summary>
    public IReadOnlyList<PlacedNode> Launch(IReadOnlyList<NodeGroup> nodes, LaunchOrder order)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var placed = new PlacedNode[nodes.Count];
        if (order == LaunchOrder.Sequential)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                placed[i] = AddNode(nodes[i]);
            }

            return placed;
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var group = nodes[i];
            var index = NodesIn(group);
            placed[i] = StartInstance(group, group.Subnets[RoundRobin.SlotFor(group.Subnets.Count, index)]);
        }

        foreach (var node in placed)
        {
            Boot(node);
        }

        return placed;
    }

    /// <summary>
    /// Starts one node of each entry's group in the entry's subnet (any subnet of the scenario), in
    /// <paramref name="order"/>: replacements that go where the nodes they replace were, or where Karpenter puts them.
    /// A burst starts every instance first, as <see cref="Launch"/> does.
    /// </summary>
    public IReadOnlyList<PlacedNode> LaunchIn(IReadOnlyList<(NodeGroup Group, string SubnetId)> nodes, LaunchOrder order)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var placed = new PlacedNode[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            placed[i] = StartInstance(nodes[i].Group, nodes[i].SubnetId);
            if (order == LaunchOrder.Sequential)
            {
                Boot(placed[i]);
            }
        }

        if (order == LaunchOrder.Burst)
        {
            foreach (var node in placed)
            {
                Boot(node);
            }
        }

        return placed;
    }

    /// <summary>
    /// Starts one node of <paramref name="group"/> in subnet <paramref name="subnetId"/> (any subnet of the scenario):
    /// a replacement that goes where the node it replaces was, or where Karpenter puts it. It counts as one more node
    /// of the group.
    /// </summary>
    public PlacedNode AddNodeIn(NodeGroup group, string subnetId)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(subnetId);
        var placed = StartInstance(group, subnetId);
        Boot(placed);
        return placed;
    }

    /// <summary>
    /// Terminates a node this state started (not one it shares with a parent): every address it holds goes back to its
    /// subnets. It stays in <see cref="Nodes"/>, holding nothing.
    /// </summary>
    public void Terminate(PlacedNode placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var index = placed.Position;
        if (index >= _nodes.Count || !ReferenceEquals(_nodes[index], placed) || (_parent is not null && index < _parent._nodes.Count))
        {
            throw new InvalidOperationException("only a node this state started can be terminated");
        }

        placed.Node.Terminate();
    }

    // The instance launches: EC2 gives it its primary IP in the subnet, or it cannot start. ipamd has not run yet.
    private PlacedNode StartInstance(NodeGroup group, string subnetId)
    {
        var index = NodesIn(group);
        _nodesPerGroup[group.Name] = index + 1;
        var run = RunOf(group);
        var slot = -1;
        for (var s = 0; s < group.Subnets.Count && slot < 0; s++)
        {
            if (string.Equals(group.Subnets[s], subnetId, StringComparison.Ordinal))
            {
                slot = s;
            }
        }

        var (subnet, placement) = slot >= 0 ? run.Places[slot] ??= PlaceIn(Get(subnetId), group) : PlaceIn(Get(subnetId), group);
        var node = new VpcCniNode(group.Type, run.Cni, placement, run.MaxPods, group.HostNetworkPodsPerNode, attachTrunkNow: false) { PlacementSeed = run.Seed };
        var placed = new PlacedNode(group, index, subnet, node) { Position = _nodes.Count };
        _nodes.Add(placed);
        if (!node.Started)
        {
            placed.Failure = node.StartFailure;
            placed.FailureSubnet = subnet;
        }

        return placed;
    }

    // aws-node runs on a started instance: the trunk is attached, the warm pool reaches its steady state, the pods start.
    private void Boot(PlacedNode placed)
    {
        if (!placed.Node.Started)
        {
            return;
        }

        placed.Node.AttachTrunk();
        placed.Node.ReconcileToSteadyState();
        AddPods(placed, placed.Group.PodsPerNode, placed.Group.SecurityGroupPodsPerNode);
    }

    private void TakeFixed(string subnetId, int count, Action<SubnetState> count1, string what, string? cluster = null)
    {
        if (!TryGet(subnetId, out var subnet))
        {
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (subnet.Space.TryTakeAddress(out var address))
            {
                count1(subnet);
                if (cluster is not null)
                {
                    subnet.AddClusterAddress(cluster, address);
                }
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
    public PlacedNode AddNode(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var placed = StartInstance(group, group.Subnets[RoundRobin.SlotFor(group.Subnets.Count, NodesIn(group))]);
        Boot(placed);
        return placed;
    }

    /// <summary>
    /// Starts nodes of the group, as <see cref="AddNode"/> one after another would, until one cannot start or get its
    /// pods (returned) or <paramref name="count"/> were started (null). <paramref name="started"/> counts the failing
    /// node too. Nodes after the first that fit may be started only as the addresses they take, without a
    /// <see cref="PlacedNode"/> in <see cref="Nodes"/>: for a question that needs the count and the failing node only.
    /// </summary>
    /// <remarks>
    /// In secondary-IP mode without subnet discovery a node's run depends on its subnets only through whether each
    /// EC2 call gets its addresses, and a call for r addresses gets them exactly when the subnet has r free
    /// (SubnetAddressSpace.TryTakeAddress fails only at Free 0). A node never holds more than its footprint (every
    /// ENI with its primary and all its slots, plus its branch ENIs), so a node started while each of its subnets has
    /// that many free addresses gets every call, whatever other nodes took; it then runs exactly as an earlier node of
    /// the group in the same subnet that also started with that room, and takes as many addresses from each subnet.
    /// Such a node is stamped: its subnets mark that many addresses in use (where is irrelevant to what follows, by
    /// the same argument). Near the end of a subnet, and in prefix mode or with subnet discovery (where the choice
    /// depends on which /28s are free, or on comparing subnets), every node is run in full.
    /// </remarks>
    internal PlacedNode? AddNodesUntilFailure(NodeGroup group, int count, out int started)
    {
        ArgumentNullException.ThrowIfNull(group);
        var run = RunOf(group);
        var stamps = new (int Node, int Pods, int Units)?[group.Subnets.Count];
        var stampable = !run.MaxPods.PrefixDelegation;
        // Every ENI with its primary and all its slots, plus its branch ENIs: the most addresses, and (with one unit
        // more per ENI and for a public address) the most Network Address Usage units, one node can hold.
        var enis = MaxPodsCalculator.EffectiveEnis(group.Type, run.Cni.MaxEni);
        var footprint = (enis * (1 + group.Type.SlotsPerEni)) + (group.Type.BranchEnis ?? 0);
        var unitFootprint = footprint + enis + 1;
        for (started = 0; started < count;)
        {
            var index = NodesIn(group);
            var slot = RoundRobin.SlotFor(group.Subnets.Count, index);
            var (_, placement) = run.Places[slot] ??= PlaceIn(Get(group.Subnets[slot]), group);
            var nodeSpace = placement.NodeSubnet;
            var podSpace = ReferenceEquals(placement.EniConfigSubnet, nodeSpace) ? null : placement.EniConfigSubnet;
            var roomy = stampable && placement.DiscoverySubnets.Count == 0 && nodeSpace.Free >= footprint && (podSpace is null || podSpace.Free >= footprint)
                && Usage.Check(unitFootprint) == NetworkAddressUsageLimit.None;
            if (roomy && stamps[slot] is { } stamp)
            {
                _nodesPerGroup[group.Name] = index + 1;
                nodeSpace.MarkInUse(stamp.Node);
                podSpace?.MarkInUse(stamp.Pods);
                Usage.Add(stamp.Units);
                started++;
                continue;
            }

            var nodeFree = nodeSpace.Free;
            var podFree = podSpace?.Free ?? 0;
            var unitsBefore = Usage.Units;
            var placed = AddNode(group);
            started++;
            if (placed.Failure != PodFailure.None)
            {
                return placed;
            }

            if (roomy)
            {
                stamps[slot] = (nodeFree - nodeSpace.Free, podSpace is null ? 0 : podFree - podSpace.Free, (int)(Usage.Units - unitsBefore));
            }
        }

        return null;
    }

    // What every node of a group starts from in this state, worked out once per group: its max pods, its placement
    // seed and, per subnet of the group (filled when first used), the subnet and where its ENIs draw addresses.
    // A fork keeps its own (its placements point at its own copies of the subnets).
    private GroupRun RunOf(NodeGroup group)
    {
        if (_groupRuns.TryGetValue(group, out var run))
        {
            return run;
        }

        var settings = group.CniIn(Scenario.CniOf(group));
        if (!_maxPodsPerGroup.TryGetValue(group.Name, out var maxPods) && !(_parent?._maxPodsPerGroup.TryGetValue(group.Name, out maxPods) ?? false))
        {
            maxPods = MaxPodsCalculator.Calculate(group.Type, MaxPodsOptions.For(settings, group.KubeletMaxPods(Scenario.CniOf(group))));
            _maxPodsPerGroup[group.Name] = maxPods;
        }

        // Pods land where ipamd's random map walk puts them; every node of the group uses the placement that holds the
        // most. The seed depends on the type, settings, max pods, host-network pods and pods per node only (never the
        // group's name), so the planner's cache of alike groups, keyed by those, stays right.
        var shape = (group.Type.Name, group.KubeletMaxPods(Scenario.CniOf(group)), group.HostNetworkPodsPerNode, group.PodsPerNode, settings.AutoMode);
        if (!TryGetPlacementSeed(shape, out var seed))
        {
            seed = PodPlacement.HighSide(group.Type, settings, maxPods, group.HostNetworkPodsPerNode, group.PodsPerNode).HighSeed;
            _placementSeeds[shape] = seed;
        }

        run = new GroupRun(maxPods, seed, settings, Scenario.ClusterNameOf(group), new (SubnetState, NodePlacement)?[group.Subnets.Count]);
        _groupRuns[group] = run;
        return run;
    }

    // Where the ENIs of a node of the group in this subnet draw their addresses (NodePlacement never changes once
    // made, so the nodes of a group in one subnet share one). The group's cluster decides which subnets its VPC CNI
    // may use: CLUSTER_NAME is the cluster's name unless cni.clusterName says otherwise (Model/SubnetTags.cs).
    private (SubnetState Subnet, NodePlacement Placement) PlaceIn(SubnetState subnet, NodeGroup group)
    {
        var run = RunOf(group);
        var settings = run.Cni;
        var clusterName = settings.ClusterNameFor(run.Cluster);
        var placement = new NodePlacement(subnet.Space)
        {
            EniConfigSubnet = settings.EniConfigSubnetFor(subnet.Spec.Zone) is { } eniConfig && TryGet(eniConfig, out var podSubnet)
                ? podSubnet.Space
                : null,
            DiscoverySubnets = settings.CustomNetworking ? [] : DiscoveryCandidates(subnet, settings, clusterName),
            NodeSubnetEligibleForPods = SubnetTags.IsValidForNewEni(subnet.Spec, isNodeSubnet: true, settings.Version, clusterName),
            PublicIpv4 = subnet.Spec.Public,
            UnmanagedEnis = group.UnmanagedEnis,
        };
        return (subnet, placement);
    }

    private sealed record GroupRun(MaxPodsResult MaxPods, int Seed, CniSettings Cni, string Cluster, (SubnetState Subnet, NodePlacement Placement)?[] Places);

    /// <summary>
    /// Adds pods to a started node; records the first failure and where it happened. A NodePool's node whose ENIs are
    /// all attached and full does not fail: Karpenter bound those pods to it by max pods, so they run without an IP
    /// (<see cref="PlacedNode.PodsWithoutIp"/>, docs/nodepools.md).
    /// </summary>
    public int AddPods(PlacedNode placed, int pods, int branchPods = 0)
    {
        ArgumentNullException.ThrowIfNull(placed);
        var started = 0;
        for (var p = 0; p < pods; p++)
        {
            var result = placed.Node.AddPod(out _);
            if (result == PodFailure.EniLimit && placed.Group.NodePool is not null)
            {
                placed.PodsWithoutIp += pods - p;
                break;
            }

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
        var eniConfig = placed.Group.CniIn(Scenario.CniOf(placed.Group)).EniConfigSubnetFor(placed.Subnet.Spec.Zone);
        placed.FailureSubnet = eniConfig is not null && TryGet(eniConfig, out var s) ? s : placed.Subnet;
    }

    private List<SubnetAddressSpace> DiscoveryCandidates(SubnetState nodeSubnet, CniSettings settings, string clusterName)
    {
        var list = new List<SubnetAddressSpace>();
        if (!settings.SubnetDiscovery || !settings.Behaviour.SubnetDiscovery)
        {
            return list;
        }

        foreach (var spec in Scenario.Subnets)
        {
            if (spec.Id != nodeSubnet.Spec.Id && spec.Zone == nodeSubnet.Spec.Zone && SubnetTags.IsValidForNewEni(spec, isNodeSubnet: false, settings.Version, clusterName))
            {
                list.Add(Get(spec.Id).Space);
            }
        }

        return list;
    }
}
