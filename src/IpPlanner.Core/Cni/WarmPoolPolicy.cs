namespace IpPlanner.Core.Cni;

/// <summary>
/// The pool counters ipamd decides on (DataStoreStats plus the free-prefix count): every IP the node holds,
/// those a pod uses, and in prefix mode the /28s held and those with no pod on them. Cooling IPs are not
/// assigned, so they count as available and a /28 holding only cooling IPs counts as free (docs/node-model.md).
/// </summary>
public readonly record struct PoolCounters(int TotalIps, int AssignedIps, int TotalPrefixes, int FreePrefixes)
{
    /// <summary>Total - Assigned: what ipamd calls available (cooling IPs included).</summary>
    public int AvailableIps => TotalIps - AssignedIps;

    /// <summary>The pool without one ENI's share: what ipamd's isRequiredFor* checks and the oscillation check look at.</summary>
    public PoolCounters Without(in EniCounters eni) =>
        new(TotalIps - eni.Ips, AssignedIps - eni.AssignedIps, TotalPrefixes - eni.Prefixes, FreePrefixes - eni.FreePrefixes);
}

/// <summary>One ENI's share of the pool: its IPs, the pods on them, its /28s and those with no pod.</summary>
public readonly record struct EniCounters(int Ips, int AssignedIps, int Prefixes, int FreePrefixes);

/// <summary>What a reconcile tick does to the pool (ipamd's updateIPPoolIfRequired).</summary>
public enum PoolAction
{
    /// <summary>Neither too low nor too high.</summary>
    Steady,

    /// <summary>Too low: add <see cref="PoolDecision.Count"/> slots (IPs or /28s) to an ENI with room, else attach an ENI with that many.</summary>
    Grow,

    /// <summary>Too high: return <see cref="PoolDecision.Count"/> slots that hold no pod.</summary>
    Release,
}

/// <summary>
/// One tick's decision: grow, release or stay, with how many slots; and whether ipamd then looks for an ENI to
/// free (shouldRemoveExtraENIs, judged on the counters from before the grow or release, as ipamd does).
/// </summary>
public readonly record struct PoolDecision(PoolAction Action, int Count, bool TryFreeEni);

/// <summary>
/// ipamd's warm-pool policy as a pure function: pool counters and settings in, a decision out. No subnets, no EC2,
/// no clock: the node (<see cref="VpcCniNode"/>) applies the decision through <see cref="EniAllocator"/>. Each
/// method names the upstream function it follows; docs/node-model.md gives file:line@commit for each.
/// </summary>
public readonly struct WarmPoolPolicy
{
    private const int IpsPerPrefix = WarmPoolTargets.IpsPerPrefix;

    private readonly int _warmEniTarget;
    private readonly int _warmPrefixTarget;
    private readonly int _warmIpTarget;
    private readonly int _minimumIpTarget;
    private readonly bool _stopAtMaxPods;

    /// <summary>The policy of a node whose ENIs hold <paramref name="slotsPerEni"/> secondary IPs or /28s each.</summary>
    public WarmPoolPolicy(CniSettings settings, bool prefixMode, int slotsPerEni, int maxPods)
    {
        ArgumentNullException.ThrowIfNull(settings);
        PrefixMode = prefixMode;
        SlotsPerEni = slotsPerEni;
        MaxPods = maxPods;
        _warmEniTarget = settings.WarmEniTarget;
        _warmPrefixTarget = settings.WarmPrefixTarget;
        _warmIpTarget = settings.WarmIpTarget;
        _minimumIpTarget = settings.MinimumIpTarget;
        _stopAtMaxPods = settings.Behaviour.StopsGrowthAtMaxPods;
    }

    /// <summary>Prefix delegation applies: slots are /28s of 16 IPs.</summary>
    public bool PrefixMode { get; }

    /// <summary>Secondary IPs or /28s one ENI holds (ipamd's maxIPsPerENI / maxPrefixesPerENI).</summary>
    public int SlotsPerEni { get; }

    /// <summary>Kubelet max pods: the pool stops growing once it holds that many IPs (1.16.3+).</summary>
    public int MaxPods { get; }

    /// <summary>WARM_IP_TARGET or MINIMUM_IP_TARGET is set: they size the pool (warmIPTargetsDefined).</summary>
    public bool IpTargets => _warmIpTarget > 0 || _minimumIpTarget > 0;

    private int IpsPerSlot => PrefixMode ? IpsPerPrefix : 1;

    /// <summary>One reconcile tick: updateIPPoolIfRequired with isDatastorePoolTooLow, isDatastorePoolTooHigh and shouldRemoveExtraENIs.</summary>
    public PoolDecision Decide(in PoolCounters pool)
    {
        var tryFree = ShouldRemoveExtraEnis(pool);
        if (IsLow(pool))
        {
            return new PoolDecision(PoolAction.Grow, SlotsToAdd(pool), tryFree);
        }

        var over = SlotsOver(pool);
        return over > 0
            ? new PoolDecision(PoolAction.Release, over, tryFree)
            : new PoolDecision(PoolAction.Steady, 0, tryFree);
    }

    /// <summary>isDatastorePoolTooLow: below the warm target (or short of an IP target), and not yet at max pods.</summary>
    public bool IsLow(in PoolCounters pool)
    {
        if (_stopAtMaxPods && pool.TotalIps >= MaxPods)
        {
            return false;
        }

        if (IpTargets)
        {
            return Shortfall(pool) > 0;
        }

        var available = pool.AvailableIps;
        var (target, perUnit) = PrefixMode ? (_warmPrefixTarget, IpsPerPrefix) : (_warmEniTarget, SlotsPerEni);
        return available < perUnit * target || (target == 0 && available == 0);
    }

    /// <summary>
    /// Slots to ask for: tryAssignIPs' toAllocate (a whole ENI's worth, or the IP shortfall) and getPrefixesNeeded
    /// (at least 1: the IP shortfall in /28s, or WARM_PREFIX_TARGET minus the free /28s). A new ENI gets at most
    /// <see cref="SlotsPerEni"/> of them (GetENIResourcesToAllocate).
    /// </summary>
    public int SlotsToAdd(in PoolCounters pool)
    {
        if (!PrefixMode)
        {
            return IpTargets ? Shortfall(pool) : SlotsPerEni;
        }

        return IpTargets
            ? Math.Max(1, Shortfall(pool))
            : Math.Max(1, Math.Max(_warmPrefixTarget - pool.FreePrefixes, 0));
    }

    /// <summary>
    /// datastoreTargetState's short: IPs (or /28s in prefix mode) missing for WARM_IP_TARGET and MINIMUM_IP_TARGET;
    /// 0 without IP targets.
    /// </summary>
    public int Shortfall(in PoolCounters pool)
    {
        if (!IpTargets)
        {
            return 0;
        }

        var shortIps = Math.Max(Math.Max(_warmIpTarget - pool.AvailableIps, 0), _minimumIpTarget - pool.TotalIps);
        return PrefixMode ? WarmPoolTargets.WholePrefixes(shortIps) : shortIps;
    }

    /// <summary>
    /// Slots that may go back (isDatastorePoolTooHigh, then tryUnassignCidrsFromAll's over): with IP targets, IPs
    /// above them (in prefix mode whole free /28s beyond what the targets need); in prefix mode without, free /28s
    /// above WARM_PREFIX_TARGET; under WARM_ENI_TARGET never single IPs (0).
    /// </summary>
    public int SlotsOver(in PoolCounters pool)
    {
        if (IpTargets)
        {
            if (!PrefixMode)
            {
                var over = Math.Max(pool.AvailableIps - _warmIpTarget, 0);
                return Math.Max(Math.Min(over, pool.TotalIps - _minimumIpTarget), 0);
            }

            var neededForWarm = WarmPoolTargets.WholePrefixes(pool.AssignedIps + _warmIpTarget);
            var neededForMin = WarmPoolTargets.WholePrefixes(_minimumIpTarget);
            var overPrefix = Math.Max(Math.Min(pool.FreePrefixes, pool.TotalPrefixes - neededForWarm), 0);
            return Math.Max(Math.Min(overPrefix, pool.TotalPrefixes - neededForMin), 0);
        }

        return PrefixMode ? Math.Max(pool.FreePrefixes - _warmPrefixTarget, 0) : 0;
    }

    /// <summary>
    /// shouldRemoveExtraENIs: with IP targets always (getDeletableENI checks them); otherwise when available IPs
    /// reach (target + 1) whole ENIs; in prefix mode also whenever an ENI might be unused (CheckFreeableENIexists,
    /// which getDeletableENI re-checks, so it reduces to true here).
    /// </summary>
    public bool ShouldRemoveExtraEnis(in PoolCounters pool)
    {
        if (IpTargets || PrefixMode)
        {
            return true;
        }

        return pool.AvailableIps >= (_warmEniTarget + 1) * SlotsPerEni;
    }

    /// <summary>
    /// getDeletableENI's target checks for an ENI with no pods and no cooling IPs: it stays when the other ENIs
    /// hold fewer warm IPs than WARM_IP_TARGET, fewer IPs than MINIMUM_IP_TARGET (both rounded up to whole /28s in
    /// prefix mode), or fewer free /28s than WARM_PREFIX_TARGET. WARM_ENI_TARGET is not checked here.
    /// </summary>
    public bool IsRequiredByTargets(in PoolCounters pool, in EniCounters eni)
    {
        var others = pool.Without(eni);
        if (_warmIpTarget != 0 && others.AvailableIps < RoundToSlots(_warmIpTarget))
        {
            return true;
        }

        if (_minimumIpTarget != 0 && others.TotalIps < RoundToSlots(_minimumIpTarget))
        {
            return true;
        }

        return PrefixMode && _warmPrefixTarget != 0 && others.FreePrefixes < _warmPrefixTarget;
    }

    /// <summary>
    /// Freeing this ENI would leave the pool too low, so ipamd attaches one again on its next tick: the
    /// oscillation of upstream issues 1451 and 1775 (only WARM_ENI_TARGET=0 reaches it; the target checks above
    /// prevent it for the other settings).
    /// </summary>
    public bool FreeingWouldOscillate(in PoolCounters pool, in EniCounters eni) => IsLow(pool.Without(eni));

    /// <summary>
    /// Returning <paramref name="slots"/> free slots would leave the pool too low, so ipamd grows it again on its next
    /// tick: only prefix mode with WARM_PREFIX_TARGET=0 and no IP targets reaches it (every other release keeps its
    /// target), a setting aws-node accepts only before 1.12.1 (<see cref="CniBehaviour.RefusesUnsetPrefixTargets"/>).
    /// </summary>
    public bool ReleasingWouldOscillate(in PoolCounters pool, int slots)
    {
        var ips = slots * IpsPerSlot;
        var prefixes = PrefixMode ? slots : 0;
        return IsLow(new PoolCounters(pool.TotalIps - ips, pool.AssignedIps, pool.TotalPrefixes - prefixes, pool.FreePrefixes - prefixes));
    }

    private int RoundToSlots(int ips) => PrefixMode ? WarmPoolTargets.WholePrefixes(ips) * IpsPerPrefix : ips;
}
