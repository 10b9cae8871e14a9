using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>A pod's IP on a node: the address plus where it lives, so releasing it needs no search.</summary>
public readonly record struct PodIp(uint Address, int EniIndex, int IpIndex, bool IsBranch);

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

    /// <summary>False when the node subnet itself is tagged <c>kubernetes.io/role/cni=0</c>.</summary>
    public bool NodeSubnetEligibleForPods { get; init; } = true;
}

/// <summary>
/// The VPC CNI's ipamd on one node, address by address: ENIs (primary first) holding secondary IPs or /28 prefixes
/// drawn from real subnet address spaces, the warm-pool reconcile step (docs/rules.md, "The warm pool"), IP cooldown, the 120 s
/// back-off after an EC2 capacity error, and the trunk/branch ENIs of security groups for pods.
/// Adding and removing pods, and a reconcile step at steady state, do not allocate.
/// </summary>
public sealed class VpcCniNode
{
    /// <summary>How long ipamd stops growing after InsufficientCidrBlocks / InsufficientFreeAddressesInSubnet.</summary>
    public const double BackoffSeconds = 120;

    private readonly CniSettings _settings;
    private readonly NodePlacement _placement;
    private readonly Eni[] _enis;
    private readonly int _slots;
    private readonly int _ipsPerSlot;
    private readonly int _minimumIpTarget;
    private readonly bool _refused;
    private int _eniCount;
    private int _total;
    private int _assigned;
    private int _cooling;
    private int _branchPods;
    private readonly HashSet<uint> _branchAddresses = [];
    private double _backoffUntil = double.NegativeInfinity;
    private PodFailure _lastGrowthFailure;

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
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(maxPods);
        Type = type;
        _settings = settings;
        _placement = placement;
        HostNetworkPods = hostNetworkPods;
        MaxPodsInfo = maxPods;
        MaxPods = maxPods.MaxPods;
        PrefixMode = maxPods.PrefixDelegation;
        _ipsPerSlot = PrefixMode ? 16 : 1;
        _slots = type.SlotsPerEni;
        MaxEnis = MaxPodsCalculator.EffectiveEnis(type, settings.MaxEni);
        TrunkEnabled = settings.SecurityGroupsForPods && type.SupportsTrunking;
        BranchEniLimit = TrunkEnabled ? type.BranchEnis ?? 0 : 0;
        _minimumIpTarget = WarmPoolTargets.EffectiveMinimumIpTarget(settings, PrefixMode);
        _refused = PrefixMode && WarmPoolTargets.IpamdRefuses(settings);
        _enis = new Eni[MaxEnis];

        if (!placement.NodeSubnet.TryTakeAddress(out var nodeIp))
        {
            Started = false;
            return;
        }

        Started = true;
        var primaryCarriesPods = !settings.CustomNetworking;
        _enis[_eniCount++] = new Eni(0, EniRole.Primary, placement.NodeSubnet, nodeIp, primaryCarriesPods ? _slots : 0, _ipsPerSlot);

        if (TrunkEnabled && _eniCount < MaxEnis)
        {
            var trunkSubnet = placement.EniConfigSubnet ?? placement.NodeSubnet;
            if (trunkSubnet.TryTakeAddress(out var trunkIp))
            {
                _enis[_eniCount] = new Eni(_eniCount, EniRole.Trunk, trunkSubnet, trunkIp, 0, _ipsPerSlot);
                _eniCount++;
            }
        }
    }

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

    /// <summary>True when prefix delegation really applies (Nitro or bare metal, CNI >= 1.9).</summary>
    public bool PrefixMode { get; }

    /// <summary>ENIs the CNI may attach (MAX_ENI applied), primary and trunk included.</summary>
    public int MaxEnis { get; }

    /// <summary>Security groups for pods is on and the type can trunk.</summary>
    public bool TrunkEnabled { get; }

    /// <summary>Branch ENIs (security-group pods) this node can hold.</summary>
    public int BranchEniLimit { get; }

    /// <summary>False when the subnet had no address for the node's primary IP: the instance never launched.</summary>
    public bool Started { get; }

    /// <summary>True when ipamd refuses prefix mode because every warm target is 0.</summary>
    public bool IpamdRefused => _refused;

    /// <summary>Seconds from attaching an ENI until its IPs can be handed out (the simulation sets it; 0 in steady state).</summary>
    public double EniAttachSeconds { get; set; }

    /// <summary>The node's clock in seconds (the simulation moves it; steady-state use leaves it at 0).</summary>
    public double Now { get; private set; }

    /// <summary>The attached ENIs, primary first.</summary>
    public ReadOnlySpan<Eni> Enis => _enis.AsSpan(0, _eniCount);

    /// <summary>Pool IPs held (16 per prefix).</summary>
    public int TotalIps => _total;

    /// <summary>Pool IPs used by pods.</summary>
    public int AssignedIps => _assigned;

    /// <summary>Pool IPs cooling down after their pod was deleted.</summary>
    public int CoolingIps => _cooling;

    /// <summary>Total - Assigned: idle IPs, cooling ones included (ipamd counts them as available).</summary>
    public int AvailableIps => _total - _assigned;

    /// <summary>Security-group pods running on branch ENIs.</summary>
    public int BranchPods => _branchPods;

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
    public int SubnetIpsUsed => _eniCount + _total + _branchPods;

    /// <summary>Why the pool last failed to grow (None when it never did).</summary>
    public PodFailure LastGrowthFailure => _lastGrowthFailure;

    /// <summary>Pods counted against kubelet max pods.</summary>
    public int PodsOnNode => HostNetworkPods + _assigned + _branchPods;

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
        if (CannotStartPod(ipamd: true) is var refused and not PodFailure.None)
        {
            return refused;
        }

        if (TryAssign(out pod))
        {
            return PodFailure.None;
        }

        ReconcileToSteadyState();
        return TryAssign(out pod) ? PodFailure.None : WhyNoIp();
    }

    /// <summary>Takes a warm IP for a pod if one is free now, without growing the pool (the simulation's CNI ADD).</summary>
    public PodFailure TryAssignNow(out PodIp pod)
    {
        pod = default;
        if (CannotStartPod(ipamd: true) is var refused and not PodFailure.None)
        {
            return refused;
        }

        return TryAssign(out pod) ? PodFailure.None : WhyNoIp();
    }

    /// <summary>Starts a security-group pod on its own branch ENI (one subnet IP, no warm-pool IP).</summary>
    public PodFailure AddBranchPod(out PodIp pod)
    {
        pod = default;
        if (CannotStartPod(ipamd: false) is var refused and not PodFailure.None)
        {
            return refused;
        }

        if (!TrunkEnabled || _branchPods >= BranchEniLimit)
        {
            return PodFailure.BranchEniLimit;
        }

        var subnet = _placement.EniConfigSubnet ?? _placement.NodeSubnet;
        if (!subnet.TryTakeAddress(out var address))
        {
            return PodFailure.InsufficientFreeAddressesInSubnet;
        }

        _branchPods++;
        _branchAddresses.Add(address);
        pod = new PodIp(address, -1, -1, IsBranch: true);
        return PodFailure.None;
    }

    /// <summary>Deletes a pod: its IP cools down for IP_COOLDOWN_PERIOD (a branch ENI is deleted at once).</summary>
    public void RemovePod(PodIp pod)
    {
        if (pod.IsBranch)
        {
            var subnet = _placement.EniConfigSubnet ?? _placement.NodeSubnet;
            subnet.Release(pod.Address);
            _branchAddresses.Remove(pod.Address);
            _branchPods--;
            return;
        }

        var eni = _enis[pod.EniIndex];
        if (eni.IpState[pod.IpIndex] != Eni.IpAssigned)
        {
            throw new InvalidOperationException($"{Ipv4.Format(pod.Address)} is not assigned to a pod on this node");
        }

        eni.AssignedCount--;
        _assigned--;
        if (_settings.IpCooldownSeconds > 0)
        {
            eni.IpState[pod.IpIndex] = Eni.IpCooling;
            eni.CoolUntil[pod.IpIndex] = Now + _settings.IpCooldownSeconds;
            eni.CoolingCount++;
            _cooling++;
        }
        else
        {
            eni.IpState[pod.IpIndex] = Eni.IpFree;
            if (pod.IpIndex < eni.ScanFrom)
            {
                eni.ScanFrom = pod.IpIndex;
            }
        }
    }

    /// <summary>
    /// Terminates the instance: every address it holds goes back to its subnet (ENI primaries, secondary IPs, prefixes,
    /// branch ENIs). Its pods are gone; the caller reschedules what it must.
    /// </summary>
    public void Terminate()
    {
        var branchSubnet = _placement.EniConfigSubnet ?? _placement.NodeSubnet;
        foreach (var address in _branchAddresses)
        {
            branchSubnet.Release(address);
        }

        _branchAddresses.Clear();
        _branchPods = 0;

        for (var e = _eniCount - 1; e >= 0; e--)
        {
            var eni = _enis[e];
            for (var s = 0; s < eni.SlotCapacity; s++)
            {
                if (eni.SlotUsed[s])
                {
                    ReleaseSlot(eni, s);
                }
            }

            eni.Subnet.Release(eni.PrimaryIp);
            _enis[e] = null!;
        }

        _eniCount = 0;
        _assigned = 0;
        _cooling = 0;
        _total = 0;
        Terminated = true;
    }

    /// <summary>True once <see cref="Terminate"/> ran.</summary>
    public bool Terminated { get; private set; }

    /// <summary>Runs reconcile steps until the pool is steady or blocked (steady-state use: back-off is not waited out).</summary>
    public ReconcileOutcome ReconcileToSteadyState()
    {
        for (var guard = 0; guard < 10_000; guard++)
        {
            var outcome = Reconcile(respectBackoff: false);
            if (outcome != ReconcileOutcome.Changed)
            {
                return outcome;
            }
        }

        throw new InvalidOperationException("the warm pool did not settle");
    }

    /// <summary>
    /// One ipamd reconcile step (every 5 s in reality): at most one top-up, one new ENI or one release.
    /// </summary>
    public ReconcileOutcome Reconcile(bool respectBackoff = true)
    {
        if (!Started || _refused || Terminated)
        {
            return ReconcileOutcome.Steady;
        }

        if (_cooling > 0)
        {
            ExpireCooldowns();
        }

        var available = _total - _assigned;
        var ipTargets = _settings.WarmIpTarget > 0 || _minimumIpTarget > 0;
        var shortfall = Math.Max(Math.Max(_settings.WarmIpTarget - available, _minimumIpTarget - _total), 0);
        bool low;
        if (_total >= MaxPods && _settings.Version >= CniVersion.GrowthStopsAtMaxPods)
        {
            low = false;
        }
        else if (ipTargets)
        {
            low = shortfall > 0;
        }
        else if (!PrefixMode)
        {
            var wet = _settings.WarmEniTarget;
            low = available < wet * _slots || (wet == 0 && available == 0);
        }
        else
        {
            var wpt = _settings.WarmPrefixTarget;
            low = available < wpt * 16 || (wpt == 0 && available == 0);
        }

        if (low)
        {
            if (respectBackoff && Now < _backoffUntil)
            {
                return ReconcileOutcome.Blocked;
            }

            return Grow(ipTargets, shortfall);
        }

        return Shrink(ipTargets, available) ? ReconcileOutcome.Changed : ReconcileOutcome.Steady;
    }

    private int Need(bool ipTargets, int shortfall)
    {
        if (!PrefixMode)
        {
            return ipTargets ? shortfall : _slots;
        }

        return ipTargets
            ? Math.Max(1, (shortfall + 15) / 16)
            : Math.Max(1, _settings.WarmPrefixTarget - FreePrefixes());
    }

    private ReconcileOutcome Grow(bool ipTargets, int shortfall)
    {
        var need = Need(ipTargets, shortfall);
        for (var e = 0; e < _eniCount; e++)
        {
            var eni = _enis[e];
            if (eni.FreeSlots > 0)
            {
                return TopUp(eni, Math.Min(eni.FreeSlots, need)) ? ReconcileOutcome.Changed : ReconcileOutcome.Blocked;
            }
        }

        if (_eniCount >= MaxEnis)
        {
            _lastGrowthFailure = PodFailure.EniLimit;
            return ReconcileOutcome.Blocked;
        }

        return AttachEni(Math.Min(need, _slots)) ? ReconcileOutcome.Changed : ReconcileOutcome.Blocked;
    }

    /// <summary>Asks EC2 for <paramref name="count"/> more IPs or prefixes on an ENI; on a capacity error, for just one.</summary>
    private bool TopUp(Eni eni, int count)
    {
        if (TakeSlots(eni, count) || (count > 1 && TakeSlots(eni, 1)))
        {
            _lastGrowthFailure = PodFailure.None;
            return true;
        }

        _backoffUntil = Now + BackoffSeconds;
        return false;
    }

    private bool AttachEni(int count)
    {
        var subnet = ChooseSubnetForNewEni();
        if (!subnet.TryTakeAddress(out var primary))
        {
            _lastGrowthFailure = PodFailure.InsufficientFreeAddressesInSubnet;
            _backoffUntil = Now + BackoffSeconds;
            return false;
        }

        var eni = new Eni(_eniCount, EniRole.Secondary, subnet, primary, _slots, _ipsPerSlot) { ReadyAt = Now + EniAttachSeconds };
        if (!TakeSlots(eni, count))
        {
            // CreateNetworkInterface with its secondary IPs is one call: nothing is created when it fails.
            subnet.Release(primary);
            _backoffUntil = Now + BackoffSeconds;
            return false;
        }

        _enis[_eniCount++] = eni;
        _lastGrowthFailure = PodFailure.None;
        return true;
    }

    private SubnetAddressSpace ChooseSubnetForNewEni()
    {
        if (_settings.CustomNetworking && _placement.EniConfigSubnet is { } eniConfig)
        {
            return eniConfig;
        }

        if (_settings.SubnetDiscovery && _settings.Version >= CniVersion.SubnetDiscovery && _placement.DiscoverySubnets.Count > 0)
        {
            SubnetAddressSpace? best = _placement.NodeSubnetEligibleForPods ? _placement.NodeSubnet : null;
            foreach (var candidate in _placement.DiscoverySubnets)
            {
                if (best is null || candidate.Free > best.Free)
                {
                    best = candidate;
                }
            }

            return best ?? _placement.NodeSubnet;
        }

        return _placement.NodeSubnet;
    }

    /// <summary>All or nothing, like one AssignPrivateIpAddresses call.</summary>
    private bool TakeSlots(Eni eni, int count)
    {
        var subnet = eni.Subnet;
        Span<uint> taken = stackalloc uint[64];
        if (count > taken.Length)
        {
            count = taken.Length;
        }

        for (var i = 0; i < count; i++)
        {
            bool ok;
            if (PrefixMode)
            {
                var result = subnet.TryTakePrefix(out taken[i]);
                ok = result == PrefixResult.Success;
                if (!ok)
                {
                    _lastGrowthFailure = result == PrefixResult.InsufficientCidrBlocks
                        ? PodFailure.InsufficientCidrBlocks
                        : PodFailure.InsufficientFreeAddressesInSubnet;
                }
            }
            else
            {
                ok = subnet.TryTakeAddress(out taken[i]);
                if (!ok)
                {
                    _lastGrowthFailure = PodFailure.InsufficientFreeAddressesInSubnet;
                }
            }

            if (!ok)
            {
                for (var r = 0; r < i; r++)
                {
                    if (PrefixMode)
                    {
                        subnet.ReleasePrefix(taken[r]);
                    }
                    else
                    {
                        subnet.Release(taken[r]);
                    }
                }

                return false;
            }
        }

        for (var i = 0; i < count; i++)
        {
            eni.AddSlot(taken[i]);
        }

        _total += count * _ipsPerSlot;
        return true;
    }

    private bool Shrink(bool ipTargets, int available)
    {
        if (ipTargets)
        {
            var over = Math.Max(Math.Min(available - _settings.WarmIpTarget, _total - _minimumIpTarget), 0);
            if (PrefixMode ? over < 16 : over < 1)
            {
                return DetachOneEmptyEni(available, requireWarm: false);
            }

            var released = 0;
            for (var e = _eniCount - 1; e >= 0 && over >= _ipsPerSlot; e--)
            {
                var eni = _enis[e];
                for (var s = eni.SlotCapacity - 1; s >= 0 && over >= _ipsPerSlot; s--)
                {
                    if (eni.SlotUsed[s] && eni.SlotIsIdle(s))
                    {
                        ReleaseSlot(eni, s);
                        over -= _ipsPerSlot;
                        released++;
                    }
                }
            }

            return released > 0 || DetachOneEmptyEni(available, requireWarm: false);
        }

        if (PrefixMode)
        {
            var excess = FreePrefixes() - _settings.WarmPrefixTarget;
            if (excess > 0)
            {
                for (var e = _eniCount - 1; e >= 0 && excess > 0; e--)
                {
                    var eni = _enis[e];
                    for (var s = eni.SlotCapacity - 1; s >= 0 && excess > 0; s--)
                    {
                        if (eni.SlotUsed[s] && eni.SlotIsIdle(s))
                        {
                            ReleaseSlot(eni, s);
                            excess--;
                        }
                    }
                }

                return true;
            }

            return DetachOneEmptyEni(available, requireWarm: false);
        }

        // WARM_ENI_TARGET never releases single IPs: only a whole idle ENI, when the rest still covers the target.
        return DetachOneEmptyEni(available, requireWarm: true);
    }

    /// <summary>
    /// Detaches the newest pod ENI when it has no pods and no cooling IPs: under WARM_ENI_TARGET only if what remains
    /// still covers the target, otherwise only once it holds no slots. Only the newest ENI goes, so the indexes of the
    /// others (and their pods' handles) stay put.
    /// </summary>
    private bool DetachOneEmptyEni(int available, bool requireWarm)
    {
        var e = _eniCount - 1;
        var eni = _enis[e];
        if (e == 0 || eni.Role != EniRole.Secondary || eni.AssignedCount > 0 || eni.CoolingCount > 0)
        {
            return false;
        }

        var canGo = requireWarm
            ? available - eni.Ips >= _settings.WarmEniTarget * _slots
            : eni.UsedSlots == 0;
        if (!canGo)
        {
            return false;
        }

        for (var s = 0; s < eni.SlotCapacity; s++)
        {
            if (eni.SlotUsed[s])
            {
                ReleaseSlot(eni, s);
            }
        }

        eni.Subnet.Release(eni.PrimaryIp);
        _enis[e] = null!;
        _eniCount--;
        return true;
    }

    private void ReleaseSlot(Eni eni, int slot)
    {
        if (PrefixMode)
        {
            eni.Subnet.ReleasePrefix(eni.SlotBase[slot]);
        }
        else
        {
            eni.Subnet.Release(eni.SlotBase[slot]);
        }

        eni.RemoveSlot(slot);
        _total -= _ipsPerSlot;
    }

    /// <summary>Prefixes with no assigned and no cooling IP.</summary>
    public int FreePrefixes()
    {
        if (!PrefixMode)
        {
            return 0;
        }

        var n = 0;
        for (var e = 0; e < _eniCount; e++)
        {
            var eni = _enis[e];
            for (var s = 0; s < eni.SlotCapacity; s++)
            {
                if (eni.SlotUsed[s] && eni.SlotIsIdle(s))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>
    /// Why no pod can start here now (a node not started or terminated, ipamd refusing to start when it serves the
    /// pod, kubelet max pods); <see cref="PodFailure.None"/> when one can.
    /// </summary>
    private PodFailure CannotStartPod(bool ipamd)
    {
        if (!Started || Terminated)
        {
            return PodFailure.NodeNotStarted;
        }

        if (ipamd && _refused)
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

        for (var e = 0; e < _eniCount; e++)
        {
            var eni = _enis[e];
            if (eni.ReadyAt > Now)
            {
                continue;
            }

            var ip = eni.FindFreeIp();
            if (ip >= 0)
            {
                eni.IpState[ip] = Eni.IpAssigned;
                eni.AssignedCount++;
                _assigned++;
                pod = new PodIp(eni.AddressOf(ip), e, ip, IsBranch: false);
                return true;
            }
        }

        pod = default;
        return false;
    }

    private PodFailure WhyNoIp()
    {
        if (_cooling > 0 && _total - _assigned > 0)
        {
            return PodFailure.PoolNotGrowing;
        }

        if (_lastGrowthFailure != PodFailure.None)
        {
            return _lastGrowthFailure;
        }

        if (_eniCount >= MaxEnis && SlotsFull())
        {
            return PodFailure.EniLimit;
        }

        return PodFailure.PoolNotGrowing;
    }

    private bool SlotsFull()
    {
        for (var e = 0; e < _eniCount; e++)
        {
            if (_enis[e].FreeSlots > 0)
            {
                return false;
            }
        }

        return true;
    }

    private void ExpireCooldowns()
    {
        var before = 0;
        for (var e = 0; e < _eniCount; e++)
        {
            var eni = _enis[e];
            if (eni.CoolingCount > 0)
            {
                before += eni.CoolingCount;
                eni.ExpireCooldowns(Now);
                before -= eni.CoolingCount;
            }
        }

        _cooling -= before;
    }
}
