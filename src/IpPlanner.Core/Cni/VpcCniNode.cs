using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>A pod's IP on a node: the address plus where it lives, so releasing it needs no search.</summary>
public readonly record struct PodIp(uint Address, Eni? Eni, int IpIndex, bool IsBranch);

/// <summary>Where a node's ENIs draw their addresses from.</summary>
public sealed class NodePlacement
{
    /// <summary>A node in <paramref name="nodeSubnet"/> whose pod ENIs also go there.</summary>
    public NodePlacement(SubnetAddressSpace nodeSubnet) => NodeSubnet = nodeSubnet;

    /// <summary>The subnet of the instance's primary ENI: the node IP comes from here.</summary>
    public SubnetAddressSpace NodeSubnet { get; }

    /// <summary>Custom networking: the node's ENIConfig subnet, where every pod ENI (and the trunk) goes.</summary>
    public SubnetAddressSpace? EniConfigSubnet { get; init; }

    /// <summary>
    /// Subnet discovery: the same-AZ subnets tagged <c>kubernetes.io/role/cni</c> (besides the node subnet); a new ENI
    /// goes to whichever of these and the node subnet has the most free IPs.
    /// </summary>
    public IReadOnlyList<SubnetAddressSpace> DiscoverySubnets { get; init; } = [];

    /// <summary>
    /// False when the node subnet's tags exclude it from the VPC CNI (<c>kubernetes.io/role/cni=0</c>, or another
    /// cluster's tag; Model/SubnetTags.cs): no new ENI goes there, and with subnet discovery on the primary ENI gives
    /// no pod an IP.
    /// </summary>
    public bool NodeSubnetEligibleForPods { get; init; } = true;

    /// <summary>True when the instance also gets a public IPv4 address (a public node subnet): one more Network Address Usage unit.</summary>
    public bool PublicIpv4 { get; init; }

    /// <summary>ENIs tagged <c>node.k8s.amazonaws.com/no_manage=true</c> attached at launch, each with its primary address in the node subnet.</summary>
    public int UnmanagedEnis { get; init; }
}

/// <summary>
/// Why the warm pool of a node does not hold still: ipamd frees an ENI the targets do not need, which leaves the pool
/// too low, so it attaches one again on its next tick (upstream issues 1451 and 1775; docs/node-model.md). The node
/// stays at the peak, the state the subnet must hold; the trough is what it drops to for a tick every minute or so.
/// </summary>
public readonly record struct PoolOscillation(int PeakEnis, int PeakIps, int PeakSubnetIps, int TroughEnis, int TroughIps, int TroughSubnetIps);

/// <summary>
/// The VPC CNI's ipamd on one node, address by address: ENIs (primary first) holding secondary IPs or /28 prefixes
/// drawn from real subnet address spaces. Each reconcile tick asks <see cref="WarmPoolPolicy"/> what to do and carries
/// it out through <see cref="EniAllocator"/> (EC2) with ipamd's timing rules: IP cooldown, the 120 s back-off after
/// an EC2 capacity error, 30 s between pool decreases and the one-minute minimum ENI lifetime. Security-group pods
/// go to <see cref="BranchEnis"/>. Rules and sources: docs/node-model.md.
/// Adding and removing pods, and a reconcile step at steady state, do not allocate.
/// </summary>
public sealed partial class VpcCniNode
{
    /// <summary>How long ipamd stops growing after InsufficientCidrBlocks / InsufficientFreeAddressesInSubnet.</summary>
    public const double BackoffSeconds = 120;

    /// <summary>ipamd never frees an ENI younger than this (minENILifeTime).</summary>
    public const double MinEniLifetimeSeconds = 60;

    /// <summary>ipamd returns IPs or /28s at most once per this interval (decreaseIPPoolInterval).</summary>
    public const double DecreaseIntervalSeconds = 30;

    /// <summary>The seed of the pod-placement walk when none is given.</summary>
    public const int DefaultPlacementSeed = 1;

    /// <summary>Reconcile steps a steady-state settle may take before it gives up and says so.</summary>
    public const int SettleStepLimit = 10_000;

    private readonly CniSettings _settings;
    private readonly EniAllocator _allocator;
    private readonly BranchEnis _branches;
    private readonly CardPool[] _cards;
    private int _cardPods;
    private WarmPoolPolicy _policy;
    private bool _prefixMode;
    private readonly bool _refused;
    private readonly SubnetAddressSpace _trunkSubnet;
    private bool _trunkPending;
    private readonly bool _publicIpv4;
    private int _assigned;
    private int _cooling;

    // No cooling IP's cooldown ends before this (infinity: none cooling), so a pod start or a tick before it skips the
    // scan of every ENI's IPs. It may be early (IPs it counted were freed with their ENI), never late.
    private double _coolingUntil = double.PositiveInfinity;
    private double _backoffUntil = double.NegativeInfinity;
    private double _lastDecrease = double.NegativeInfinity;
    private PodFailure _lastGrowthFailure;
    private SplitMix64 _walk = new(DefaultPlacementSeed);
    private int _placementSeed = DefaultPlacementSeed;

    /// <summary>Starts a node: its primary ENI takes the node IP; the trunk ENI is attached when security groups for pods apply.</summary>
    public VpcCniNode(InstanceType type, CniSettings settings, NodePlacement placement, int? kubeletMaxPods = null, int hostNetworkPods = MaxPodsCalculator.HostNetworkPods)
        : this(type, settings, placement, MaxPodsFor(type, settings, kubeletMaxPods), hostNetworkPods)
    {
    }

    /// <summary>
    /// Starts a node whose max pods is already worked out (<see cref="MaxPodsCalculator.Calculate"/> for this type,
    /// these settings and the kubelet's maxPods): callers that start many nodes of one group compute it once.
    /// </summary>
    public VpcCniNode(InstanceType type, CniSettings settings, NodePlacement placement, MaxPodsResult maxPods, int hostNetworkPods = MaxPodsCalculator.HostNetworkPods)
        : this(type, settings, placement, maxPods, hostNetworkPods, attachTrunkNow: true)
    {
    }

    /// <summary>
    /// Starts a node; with <paramref name="attachTrunkNow"/> false only the instance launches (its primary IP) and the
    /// trunk ENI waits for <see cref="AttachTrunk"/>: in a burst every instance of the step takes its primary IP before
    /// any aws-node runs (docs/rules.md, "Launch order").
    /// </summary>
    internal VpcCniNode(InstanceType type, CniSettings settings, NodePlacement placement, MaxPodsResult maxPods, int hostNetworkPods, bool attachTrunkNow)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(maxPods);
        Type = type;
        _settings = settings;
        HostNetworkPods = hostNetworkPods;
        MaxPodsInfo = maxPods;
        MaxPods = maxPods.MaxPods;
        _prefixMode = maxPods.PrefixDelegation;
        _refused = WarmPoolTargets.IpamdRefuses(settings);
        TrunkEnabled = settings.SecurityGroupsForPods && type.SupportsTrunking && !_refused;
        // hasRoomForEni keeps an ENI for a trunk not yet attached; before 1.20.4 also on types that never get one.
        var trunkNeverComes = settings.SecurityGroupsForPods && !type.SupportsTrunking && settings.Behaviour.ReservesTrunkSlotOnAnyType;
        MaxEnis = Math.Max(1, MaxPodsCalculator.EffectiveEnis(type, settings.MaxEni) - (trunkNeverComes ? 1 : 0));
        BranchEniLimit = TrunkEnabled ? type.BranchEnis ?? 0 : 0;
        _policy = new WarmPoolPolicy(settings, PrefixMode, type.SlotsPerEni, MaxPods);
        _publicIpv4 = placement.PublicIpv4;
        _allocator = new EniAllocator(settings, placement, MaxEnis, type.SlotsPerEni, PrefixMode);
        var podSubnet = placement.EniConfigSubnet ?? placement.NodeSubnet;
        _branches = new BranchEnis(podSubnet, BranchEniLimit);

        // ipamd marks an ENI in a subnet its tags exclude, the primary included, while subnet discovery is on
        // (pkg/ipamd/ipamd.go:1295-1299@b521883); under custom networking the primary never carries pods.
        var discovery = settings.SubnetDiscovery && settings.Behaviour.SubnetDiscovery;
        var primaryCarriesPods = !settings.CustomNetworking && (placement.NodeSubnetEligibleForPods || !discovery);
        Started = _allocator.TryAttachBare(EniRole.Primary, placement.NodeSubnet, primaryCarriesPods ? type.SlotsPerEni : 0);
        StartFailure = Started ? PodFailure.None : _allocator.LastFailure;
        // ENIs ipamd must not manage take device slots from the start (launch templates, agents); each holds its
        // primary address in the node subnet (docs/rules.md, "Unmanaged ENIs").
        for (var i = 0; Started && i < placement.UnmanagedEnis && _allocator.Count < MaxEnis; i++)
        {
            _allocator.TryAttachBare(EniRole.Unmanaged, placement.NodeSubnet, 0);
        }

        _trunkSubnet = podSubnet;
        _trunkPending = Started && TrunkEnabled;
        if (attachTrunkNow)
        {
            AttachTrunk();
        }

        // Multi-NIC: each managed card beyond the default one runs its own pool from the start (NetworkCards).
        var managed = Started && !_refused ? NetworkCards.Managed(type, settings) : [0];
        _cards = [.. managed.Where(c => c != 0).Select(c => new CardPool(c, settings, placement, MaxEnis, type.SlotsPerEni, PrefixMode, MaxPods))];
    }

    /// <summary>
    /// The VPC resource controller attaches the trunk ENI once aws-node runs (a node started with the trunk waiting,
    /// or one already attached, is left as it is); without one, no branch ENIs.
    /// </summary>
    internal void AttachTrunk()
    {
        if (!_trunkPending)
        {
            return;
        }

        _trunkPending = false;

        // Before 1.16.4 ipamd's GetENINeedsIP did not skip the trunk, so it held pod IPs (or /28s) like any ENI.
        _allocator.TryAttachBare(EniRole.Trunk, _trunkSubnet, _settings.Behaviour.TrunkCarriesPods ? Type.SlotsPerEni : 0);
    }

    /// <summary>Why the node did not start (its subnet had no address for it, or the VPC's Network Address Usage quota), else None.</summary>
    public PodFailure StartFailure { get; }

    private static MaxPodsResult MaxPodsFor(InstanceType type, CniSettings settings, int? kubeletMaxPods)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return MaxPodsCalculator.Calculate(type, MaxPodsOptions.For(settings, kubeletMaxPods));
    }

    /// <summary>The instance type.</summary>
    public InstanceType Type { get; }

    /// <summary>Kubelet max pods on this node (all pods: host-network, VPC-IP and branch).</summary>
    public int MaxPods { get; }

    /// <summary>How max pods was derived.</summary>
    public MaxPodsResult MaxPodsInfo { get; }

    /// <summary>Host-network pods (aws-node, kube-proxy, ...): they use the node IP but count against max pods.</summary>
    public int HostNetworkPods { get; }

    /// <summary>
    /// True when new slots are /28 prefixes: prefix delegation really applies (Nitro or bare metal, CNI >= 1.9), and an
    /// EKS Auto Mode node has not fallen back to single addresses (<see cref="FellBackToSingleAddresses"/>).
    /// </summary>
    public bool PrefixMode => _prefixMode;

    /// <summary>
    /// EKS Auto Mode only: the subnet had no free /28, so the node switched to single addresses for good
    /// (<see cref="AutoModeNetworking"/>); the /28s it already held stay.
    /// </summary>
    public bool FellBackToSingleAddresses { get; private set; }

    /// <summary>ENIs the CNI may attach (MAX_ENI applied), primary and trunk included.</summary>
    public int MaxEnis { get; }

    /// <summary>Security groups for pods is on, the type can trunk and aws-node runs.</summary>
    public bool TrunkEnabled { get; }

    /// <summary>Branch ENIs (security-group pods) this node can hold.</summary>
    public int BranchEniLimit { get; }

    /// <summary>False when the subnet had no address for the node's primary IP: the instance never launched.</summary>
    public bool Started { get; }

    /// <summary>True when aws-node refuses to start (<see cref="WarmPoolTargets.IpamdRefuses"/>): no pod gets an IP.</summary>
    public bool IpamdRefused => _refused;

    /// <summary>The warm-pool policy this node's ipamd follows.</summary>
    public WarmPoolPolicy Policy => _policy;

    /// <summary>Seconds from attaching an ENI until its IPs can be handed out (the simulation sets it; 0 in steady state).</summary>
    public double EniAttachSeconds { get; set; }

    /// <summary>
    /// Seeds the walk that picks the ENI and /28 a pod's IP comes from: ipamd walks Go maps, whose order is random,
    /// so the model starts its walk at a seeded random ENI and /28 (docs/node-model.md). Same seed, same answer.
    /// </summary>
    public int PlacementSeed
    {
        get => _placementSeed;
        init
        {
            _placementSeed = value;
            _walk = new SplitMix64(value);
        }
    }

    /// <summary>The node's clock in seconds (the simulation moves it; steady-state use leaves it at 0).</summary>
    public double Now { get; private set; }

    /// <summary>The attached ENIs of the default network card, primary first, in attachment order.</summary>
    public ReadOnlySpan<Eni> Enis => _allocator.Enis;

    /// <summary>Multi-NIC: the ENIs ipamd attached to the other managed cards, card by card (empty without multi-NIC).</summary>
    public IReadOnlyList<Eni> OtherCardEnis
    {
        get
        {
            if (_cards.Length == 0)
            {
                return [];
            }

            var list = new List<Eni>();
            foreach (var card in _cards)
            {
                list.AddRange(card.Enis);
            }

            return list;
        }
    }

    /// <summary>ENIs on every managed card (the default card's plus <see cref="OtherCardEnis"/>).</summary>
    public int EniCount
    {
        get
        {
            var n = _allocator.Count;
            foreach (var card in _cards)
            {
                n += card.EniCount;
            }

            return n;
        }
    }

    /// <summary>Multi-NIC: pods whose IP came from another card because the default card had none.</summary>
    public int OtherCardPods => _cardPods;

    /// <summary>Multi-NIC: pool IPs held on the other managed cards.</summary>
    public int OtherCardIps
    {
        get
        {
            var n = 0;
            foreach (var card in _cards)
            {
                n += card.TotalIps;
            }

            return n;
        }
    }

    /// <summary>Pool IPs held (16 per prefix).</summary>
    public int TotalIps => _allocator.TotalIps;

    /// <summary>Pool IPs used by pods.</summary>
    public int AssignedIps => _assigned;

    /// <summary>Pool IPs cooling down after their pod was deleted.</summary>
    public int CoolingIps => _cooling;

    /// <summary>Total - Assigned: idle IPs, cooling ones included (ipamd counts them as available).</summary>
    public int AvailableIps => TotalIps - _assigned;

    /// <summary>Security-group pods running on branch ENIs.</summary>
    public int BranchPods => _branches.Count;

    /// <summary>The branch ENIs' addresses.</summary>
    internal IEnumerable<uint> BranchAddresses => _branches.Addresses;

    /// <summary>The subnet the branch ENIs draw from (the trunk's).</summary>
    internal SubnetAddressSpace BranchSubnet => _branches.Subnet;

    /// <summary>Slots in use across ENIs (secondary IPs, or prefixes).</summary>
    public int SlotsInUse
    {
        get
        {
            var n = 0;
            foreach (var eni in Enis)
            {
                n += eni.UsedSlots;
            }

            return n;
        }
    }

    /// <summary>Every address this node takes from subnets: ENI primaries, secondary IPs, 16 per prefix, branch ENIs.</summary>
    public int SubnetIpsUsed => _allocator.Count + TotalIps + BranchPods + CardSubnetIps();

    private int CardSubnetIps()
    {
        var n = 0;
        foreach (var card in _cards)
        {
            n += card.SubnetIps;
        }

        return n;
    }

    /// <summary>
    /// The node's Network Address Usage units (docs/rules.md, "Network Address Usage"): every address on its ENIs
    /// (each primary, each secondary IP) and each /28 prefix 1, each ENI after the primary 1 more, the public IPv4
    /// address of a node in a public subnet 1, each security-group pod 1 ("Amazon EKS pod").
    /// </summary>
    public int NetworkAddressUnits
    {
        get
        {
            if (!Started || Terminated)
            {
                return 0;
            }

            var units = _publicIpv4 ? 1 : 0;
            foreach (var eni in Enis)
            {
                units += (eni.Role == EniRole.Primary ? 1 : 2) + eni.UsedSlots;
            }

            return units + BranchPods;
        }
    }

    /// <summary>Why the pool last failed to grow (None when it never did).</summary>
    public PodFailure LastGrowthFailure => _lastGrowthFailure;

    /// <summary>Pods counted against kubelet max pods.</summary>
    public int PodsOnNode => HostNetworkPods + _assigned + BranchPods + _cardPods;

    /// <summary>The pool counters ipamd decides on.</summary>
    public PoolCounters Counters
    {
        get
        {
            int prefixes = 0, free = 0;
            if (PrefixMode)
            {
                foreach (var eni in Enis)
                {
                    prefixes += eni.UsedSlots;
                    free += eni.SlotsWithoutPods;
                }
            }

            return new PoolCounters(TotalIps, _assigned, prefixes, free);
        }
    }

    /// <summary>
    /// Set by the last steady-state settle when ipamd would free an ENI only to attach one again (WARM_ENI_TARGET=0
    /// with the pool exactly used up): the node is left at the peak.
    /// </summary>
    public PoolOscillation? Oscillation { get; private set; }

    /// <summary>True when the last steady-state settle hit <see cref="SettleStepLimit"/>: the pool kept changing.</summary>
    public bool DidNotSettle { get; private set; }

    /// <summary>
    /// True after a clock-driven reconcile that held back only because of time (an ENI younger than a minute that
    /// may be freed, or a decrease within 30 s of the last): ipamd will act on a later tick.
    /// </summary>
    public bool WaitingOnClock { get; private set; }

    /// <summary>Moves the node's clock forward (cooldowns and back-off are measured on it).</summary>
    public void AdvanceTo(double now)
    {
        if (now > Now)
        {
            Now = now;
        }
    }

    /// <summary>
    /// Starts one VPC-IP pod the way a steady-state plan sees it: take a warm IP (growing the pool first if it is
    /// empty), then reconcile the pool to steady state. Returns why it failed, or <see cref="PodFailure.None"/>.
    /// </summary>
    public PodFailure AddPod(out PodIp pod)
    {
        var failure = TryStartPod(out pod);
        if (failure == PodFailure.None)
        {
            ReconcileToSteadyState();
        }

        return failure;
    }

    /// <summary>Takes a warm IP for a pod, growing the pool to steady state first if none is free. Does not reconcile afterwards.</summary>
    public PodFailure TryStartPod(out PodIp pod)
    {
        pod = default;
        if (CannotStartPod() is var refused and not PodFailure.None)
        {
            return refused;
        }

        if (TryAssign(out pod))
        {
            return PodFailure.None;
        }

        ReconcileToSteadyState();
        return TryAssign(out pod) || TryAssignOnOtherCards(out pod, grow: true) ? PodFailure.None : WhyNoIp();
    }

    /// <summary>Takes a warm IP for a pod if one is free now, without growing the pool (the simulation's CNI ADD).</summary>
    public PodFailure TryAssignNow(out PodIp pod)
    {
        pod = default;
        if (CannotStartPod() is var refused and not PodFailure.None)
        {
            return refused;
        }

        return TryAssign(out pod) || TryAssignOnOtherCards(out pod, grow: false) ? PodFailure.None : WhyNoIp();
    }

    /// <summary>
    /// Multi-NIC: a pod that needs one IP and finds none on the default card takes one from the next card that has
    /// one ("continue to look through other datastores", rpc_handler.go:234-238@b52188387f2e); in steady state that
    /// card grows first if its warm IP is gone.
    /// </summary>
    private bool TryAssignOnOtherCards(out PodIp pod, bool grow)
    {
        foreach (var card in _cards)
        {
            if (card.TryAssign(out pod) || (grow && card.Tick(Now) && card.TryAssign(out pod)))
            {
                _cardPods++;
                return true;
            }
        }

        pod = default;
        return false;
    }

    /// <summary>Starts a security-group pod on its own branch ENI (one subnet IP, no warm-pool IP).</summary>
    public PodFailure AddBranchPod(out PodIp pod)
    {
        pod = default;
        if (CannotStartPod() is var refused and not PodFailure.None)
        {
            return refused;
        }

        var failure = _branches.TryAdd(out var address);
        if (failure == PodFailure.None)
        {
            pod = new PodIp(address, null, -1, IsBranch: true);
        }

        return failure;
    }

    /// <summary>Deletes a pod: its IP cools down for IP_COOLDOWN_PERIOD (a branch ENI is deleted at once).</summary>
    public void RemovePod(PodIp pod)
    {
        if (pod.IsBranch)
        {
            _branches.Remove(pod.Address);
            return;
        }

        var eni = pod.Eni;
        if (eni is null || eni.IpState[pod.IpIndex] != Eni.IpAssigned)
        {
            throw new InvalidOperationException($"{Ipv4.Format(pod.Address)} is not assigned to a pod on this node");
        }

        if (eni.NetworkCard != 0)
        {
            CardOf(eni.NetworkCard).Unassign(pod);
            _cardPods--;
            return;
        }

        var cool = _settings.IpCooldownSeconds > 0;
        var until = Now + _settings.IpCooldownSeconds;
        eni.Unassign(pod.IpIndex, cool, until);
        _assigned--;
        if (cool)
        {
            _cooling++;
            _coolingUntil = Math.Min(_coolingUntil, until);
        }
    }

    // A loop, not Array.Find with a lambda: the lambda would capture the ENI and allocate a closure on every pod delete,
    // the step a churn run repeats millions of times (benchmarks/IpPlanner.Benchmarks/Cni/NodePodAddBenchmarks.cs).
    private CardPool CardOf(int networkCard)
    {
        foreach (var card in _cards)
        {
            if (card.Card == networkCard)
            {
                return card;
            }
        }

        throw new InvalidOperationException($"network card {networkCard} has no pool on this node");
    }

    /// <summary>
    /// Terminates the instance: every address it holds goes back to its subnet (ENI primaries, secondary IPs, prefixes,
    /// branch ENIs). Its pods are gone; the caller reschedules what it must.
    /// </summary>
    public void Terminate()
    {
        _branches.RemoveAll();
        _allocator.DeleteAll();
        foreach (var card in _cards)
        {
            card.DeleteAll();
        }

        _cardPods = 0;
        _assigned = 0;
        _cooling = 0;
        _coolingUntil = double.PositiveInfinity;
        Terminated = true;
    }

    /// <summary>True once <see cref="Terminate"/> ran.</summary>
    public bool Terminated { get; private set; }

    /// <summary>
    /// Runs reconcile steps until the pool is steady or blocked, the way a plan sees a node: time is taken to pass
    /// (back-off, the 30 s decrease interval and the ENI minimum lifetime are waited out), except that an ENI whose
    /// freeing would make ipamd attach one again stays (<see cref="Oscillation"/>). A pool that keeps changing for
    /// <see cref="SettleStepLimit"/> steps stops there with <see cref="DidNotSettle"/> set; nothing throws.
    /// </summary>
    public ReconcileOutcome ReconcileToSteadyState()
    {
        Oscillation = null;
        DidNotSettle = false;
        for (var step = 0; step < SettleStepLimit; step++)
        {
            var outcome = Tick(clock: false);
            if (outcome != ReconcileOutcome.Changed)
            {
                return outcome;
            }
        }

        DidNotSettle = true;
        return ReconcileOutcome.Blocked;
    }

    /// <summary>
    /// One ipamd reconcile tick (every 5 s in reality) on the node's clock: grow or release as the policy decides,
    /// then perhaps free one ENI. <paramref name="respectBackoff"/> false skips every timing rule (steady state).
    /// </summary>
    public ReconcileOutcome Reconcile(bool respectBackoff = true) => Tick(clock: respectBackoff);

    private ReconcileOutcome Tick(bool clock)
    {
        WaitingOnClock = false;
        if (!Started || _refused || Terminated)
        {
            return ReconcileOutcome.Steady;
        }

        if (_cooling > 0)
        {
            ExpireCooldowns();
        }

        var decision = _policy.Decide(Counters);
        var changed = false;
        var blocked = false;
        if (decision.Action == PoolAction.Grow)
        {
            if (clock && Now < _backoffUntil)
            {
                blocked = true;
            }
            else if (Grow(decision.Count))
            {
                changed = true;
            }
            else
            {
                blocked = true;
            }
        }
        else if (decision.Action == PoolAction.Release)
        {
            if (clock && Now - _lastDecrease <= DecreaseIntervalSeconds)
            {
                WaitingOnClock = true;
            }
            else if (!clock && _policy.ReleasingWouldOscillate(Counters, decision.Count))
            {
                // The slots would go and come back on the next tick: a steady state holds them (the peak), as it
                // keeps an ENI whose freeing would make ipamd attach one again.
            }
            else
            {
                _lastDecrease = Now;
                changed = Release(decision.Count);
            }
        }

        if (decision.TryFreeEni && TryFreeEni(clock))
        {
            changed = true;
        }

        foreach (var card in _cards)
        {
            changed |= card.Tick(Now);
        }

        return changed ? ReconcileOutcome.Changed : blocked ? ReconcileOutcome.Blocked : ReconcileOutcome.Steady;
    }

    /// <summary>
    /// increaseDatastorePool: add slots to the first ENI with room (on an EC2 error, ask for one; with subnet
    /// discovery, a capacity error moves on to the next ENI), else attach an ENI if there is room for one.
    /// </summary>
    private bool Grow(int count)
    {
        var failure = PodFailure.None;
        for (var e = 0; e < _allocator.Count; e++)
        {
            var eni = _allocator[e];
            if (eni.FreeSlots == 0 || (FellBackToSingleAddresses && eni.HoldsPrefixes))
            {
                // After an Auto Mode fall-back an ENI holding /28s takes no single addresses (AutoModeNetworking).
                continue;
            }

            if (_allocator.TryAssign(eni, Math.Min(eni.FreeSlots, count)) || (count > 1 && _allocator.TryAssign(eni, 1)))
            {
                _lastGrowthFailure = PodFailure.None;
                return true;
            }

            failure = _allocator.LastFailure;
            if (!(_settings.SubnetDiscovery && _settings.Behaviour.SubnetDiscovery))
            {
                return GrowthFailed(failure);
            }
        }

        if (failure != PodFailure.None)
        {
            return GrowthFailed(failure);
        }

        if (_allocator.Count >= MaxEnis)
        {
            _lastGrowthFailure = PodFailure.EniLimit;
            return false;
        }

        if (_allocator.TryCreateEni(Math.Min(count, _policy.SlotsPerEni), Now, Now + EniAttachSeconds))
        {
            _lastGrowthFailure = PodFailure.None;
            return true;
        }

        return GrowthFailed(_allocator.LastFailure);
    }

    private bool GrowthFailed(PodFailure failure)
    {
        if (failure == PodFailure.InsufficientCidrBlocks && _settings.AutoMode && _prefixMode)
        {
            // EKS Auto Mode: "If prefixes are no longer available in the subnet, the service falls back to secondary
            // IPv4 addresses" (docs/auto-mode.md). The next tick grows by single addresses.
            FallBack();
            return true;
        }

        _lastGrowthFailure = failure;
        _backoffUntil = Now + BackoffSeconds;
        return false;
    }

    /// <summary>
    /// tryUnassignCidrsFromAll: return up to <paramref name="count"/> slots that hold no pod, cooling ones included.
    /// After an Auto Mode fall-back the count is in addresses, so a /28 the node kept counts 16.
    /// </summary>
    private bool Release(int count)
    {
        var released = 0;
        for (var e = _allocator.Count - 1; e >= 0 && released < count; e--)
        {
            var eni = _allocator[e];
            var size = FellBackToSingleAddresses ? eni.IpsPerSlot : 1;
            for (var s = eni.SlotCapacity - 1; s >= 0 && released + size <= count; s--)
            {
                if (eni.SlotUsed[s] && eni.SlotHasNoPods(s))
                {
                    _cooling -= _allocator.Release(eni, s);
                    released += size;
                }
            }
        }

        return released > 0;
    }

    /// <summary>
    /// EKS Auto Mode's fall-back to single addresses: from now on the pool grows by single secondary IPs and keeps one
    /// spare (<see cref="AutoModeNetworking.FallBack"/>); ENIs that hold no /28 yet take single addresses too.
    /// </summary>
    private void FallBack()
    {
        FellBackToSingleAddresses = true;
        _prefixMode = false;
        _lastGrowthFailure = PodFailure.None;
        _allocator.UseSingleAddresses();
        _policy = new WarmPoolPolicy(AutoModeNetworking.FallBack(_settings), prefixMode: false, Type.SlotsPerEni, MaxPods);
    }

    /// <summary>
    /// tryFreeENI / getDeletableENI: any pod ENI (not primary, not trunk) with no pods, no cooling IPs, at least a
    /// minute old and not needed by the targets. Newest first.
    /// </summary>
    private bool TryFreeEni(bool clock)
    {
        var pool = Counters;
        for (var e = _allocator.Count - 1; e > 0; e--)
        {
            var eni = _allocator[e];
            if (eni.Role != EniRole.Secondary || eni.AssignedCount > 0 || eni.CoolingCount > 0)
            {
                continue;
            }

            var counters = eni.Counters;
            if (_policy.IsRequiredByTargets(pool, counters))
            {
                continue;
            }

            if (clock && Now - eni.CreatedAt < MinEniLifetimeSeconds)
            {
                WaitingOnClock = true;
                continue;
            }

            if (!clock && _policy.FreeingWouldOscillate(pool, counters))
            {
                var peak = SubnetIpsUsed;
                Oscillation = new PoolOscillation(
                    _allocator.Count, TotalIps, peak, _allocator.Count - 1, TotalIps - counters.Ips, peak - 1 - counters.Ips);
                continue;
            }

            _cooling -= _allocator.Delete(e);
            return true;
        }

        return false;
    }

    /// <summary>Prefixes with no pod on them (cooling IPs do not count: ipamd's GetFreePrefixes).</summary>
    public int FreePrefixes() => Counters.FreePrefixes;

    /// <summary>
    /// Why no pod can start here now (a node not started or terminated, aws-node refusing to start, kubelet max
    /// pods); <see cref="PodFailure.None"/> when one can.
    /// </summary>
    private PodFailure CannotStartPod()
    {
        if (!Started || Terminated)
        {
            return PodFailure.NodeNotStarted;
        }

        if (_refused)
        {
            return PodFailure.IpamdRefused;
        }

        return PodsOnNode >= MaxPods ? PodFailure.MaxPods : PodFailure.None;
    }

    private bool TryAssign(out PodIp pod)
    {
        // ipamd checks an IP's cooldown when it assigns, not only on its reconcile tick.
        if (_cooling > 0)
        {
            ExpireCooldowns();
        }

        // AssignPodIPv4Address walks the ENI map, then each ENI's CIDR map: both start somewhere random. In prefix
        // mode that decides how many /28s stay free; in secondary-IP mode no count depends on it, so that mode keeps
        // the cheap packed walk (docs/node-model.md).
        var count = _allocator.Count;
        var e = PrefixMode && count > 1 ? _walk.NextBelow(count) : 0;
        for (var k = 0; k < count; k++, e = e + 1 == count ? 0 : e + 1)
        {
            var eni = _allocator[e];
            if (eni.ReadyAt > Now || eni.UsedSlots == 0)
            {
                continue;
            }

            var ip = PrefixMode && eni.UsedSlots > 1 ? eni.FindFreeIpFrom(_walk.NextBelow(eni.UsedSlots)) : eni.FindFreeIp();
            if (ip >= 0)
            {
                eni.Assign(ip);
                _assigned++;
                pod = new PodIp(eni.AddressOf(ip), eni, ip, IsBranch: false);
                return true;
            }
        }

        pod = default;
        return false;
    }

    private PodFailure WhyNoIp()
    {
        if (_cooling > 0 && TotalIps - _assigned > 0)
        {
            return PodFailure.PoolNotGrowing;
        }

        if (_lastGrowthFailure != PodFailure.None)
        {
            return _lastGrowthFailure;
        }

        if (_allocator.Count >= MaxEnis && SlotsFull())
        {
            return PodFailure.EniLimit;
        }

        return PodFailure.PoolNotGrowing;
    }

    private bool SlotsFull()
    {
        foreach (var eni in Enis)
        {
            if (eni.FreeSlots > 0 && !(FellBackToSingleAddresses && eni.HoldsPrefixes))
            {
                return false;
            }
        }

        return true;
    }

    private void ExpireCooldowns()
    {
        if (Now < _coolingUntil)
        {
            return;
        }

        var before = 0;
        var next = double.PositiveInfinity;
        foreach (var eni in Enis)
        {
            if (eni.CoolingCount > 0)
            {
                before += eni.CoolingCount;
                next = Math.Min(next, eni.ExpireCooldowns(Now));
                before -= eni.CoolingCount;
            }
        }

        _cooling -= before;
        _coolingUntil = next;
    }
}
