using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>
/// Which network cards ipamd manages, and the pool it runs on each card beyond the default one (ENABLE_MULTI_NIC,
/// VPC CNI 1.20+). Rules and sources: docs/node-model.md, "Multi-NIC".
/// </summary>
public static class NetworkCards
{
    /// <summary>
    /// The cards ipamd manages on a node of <paramref name="type"/>: the default card always; with
    /// <see cref="CniSettings.MultiNic"/> every other card of the type except those the scenario launches with only an
    /// EFA-only interface (<see cref="CniSettings.EfaOnlyCards"/>). Without multi-NIC (or before VPC CNI 1.20, or on
    /// EKS Auto Mode, which is not the VPC CNI add-on) every card but the default is unmanaged. aws/amazon-vpc-cni-k8s pkg/ipamd/ipamd.go:292-324@b52188387f2e.
    /// </summary>
    public static IReadOnlyList<int> Managed(InstanceType type, CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.MultiNic || settings.AutoMode || settings.Version < CniVersion.MultiNic || type.NetworkCards.Count <= 1)
        {
            return [0];
        }

        return [.. type.NetworkCards.Select(c => c.Index).Where(i => i == 0 || !settings.EfaOnlyCards.Contains(i)).Order()];
    }

    /// <summary>
    /// The settings ipamd runs a card beyond the default one with: WARM_IP_TARGET=1 and MINIMUM_IP_TARGET=1, whatever
    /// the node's targets (datastoreTargetState, pkg/ipamd/ipamd.go:2181-2184@b52188387f2e).
    /// </summary>
    public static CniSettings CardSettings(CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { WarmIpTarget = 1, MinimumIpTarget = 1 };
    }
}

/// <summary>
/// ipamd's datastore for one network card beyond the default: its own ENIs (a new ENI on the card starts with only
/// the IPs or /28s the targets ask for: one), grown to WARM_IP_TARGET=1 / MINIMUM_IP_TARGET=1 and shrunk back, with
/// at most the default card's ENI limit (ipamd reuses that figure for every card). The model runs it without
/// ipamd's timing rules (no back-off, cooldown or ENI minimum lifetime on these cards): docs/node-model.md.
/// </summary>
internal sealed class CardPool
{
    private readonly EniAllocator _allocator;
    private readonly WarmPoolPolicy _policy;

    internal CardPool(int card, CniSettings settings, NodePlacement placement, int maxEnis, int slotsPerEni, bool prefixMode, int maxPods)
    {
        Card = card;
        var cardSettings = NetworkCards.CardSettings(settings);
        _allocator = new EniAllocator(cardSettings, placement, maxEnis, slotsPerEni, prefixMode, card);
        _policy = new WarmPoolPolicy(cardSettings, prefixMode, slotsPerEni, maxPods);
    }

    private CardPool(CardPool other, EniAllocator allocator)
    {
        Card = other.Card;
        _policy = other._policy;
        _allocator = allocator;
        Assigned = other.Assigned;
    }

    internal int Card { get; }

    internal ReadOnlySpan<Eni> Enis => _allocator.Enis;

    internal int EniCount => _allocator.Count;

    internal int TotalIps => _allocator.TotalIps;

    /// <summary>Pods holding an IP of this card.</summary>
    internal int Assigned { get; private set; }

    /// <summary>Subnet addresses the card takes: each ENI's own address and every IP it holds.</summary>
    internal int SubnetIps => _allocator.Count + _allocator.TotalIps;

    private PoolCounters Counters
    {
        get
        {
            int prefixes = 0, free = 0;
            foreach (var eni in _allocator.Enis)
            {
                if (eni.HoldsPrefixes)
                {
                    prefixes += eni.UsedSlots;
                    free += eni.SlotsWithoutPods;
                }
            }

            return new PoolCounters(_allocator.TotalIps, Assigned, prefixes, free);
        }
    }

    internal CardPool CopyOnto(Func<Addressing.SubnetAddressSpace, Addressing.SubnetAddressSpace> space) => new(this, _allocator.CopyOnto(space));

    /// <summary>One reconcile step: grow to the targets, return what is over them, free an ENI they do not need. True when something changed.</summary>
    internal bool Tick(double now)
    {
        var decision = _policy.Decide(Counters);
        if (decision.Action == PoolAction.Grow)
        {
            return Grow(decision.Count, now);
        }

        if (decision.Action == PoolAction.Release && Release(decision.Count))
        {
            return true;
        }

        return decision.TryFreeEni && TryFreeEni();
    }

    /// <summary>A pod's IP from this card's pool, if one is free.</summary>
    internal bool TryAssign(out PodIp pod)
    {
        foreach (var eni in _allocator.Enis)
        {
            var ip = eni.UsedSlots == 0 ? -1 : eni.FindFreeIp();
            if (ip >= 0)
            {
                eni.Assign(ip);
                Assigned++;
                pod = new PodIp(eni.AddressOf(ip), eni, ip, IsBranch: false);
                return true;
            }
        }

        pod = default;
        return false;
    }

    /// <summary>A pod on this card is gone: its IP is free again at once (no cooldown on these cards in the model).</summary>
    internal void Unassign(PodIp pod)
    {
        pod.Eni!.Unassign(pod.IpIndex, cool: false, coolUntil: 0);
        Assigned--;
    }

    internal void DeleteAll()
    {
        _allocator.DeleteAll();
        Assigned = 0;
    }

    private bool Grow(int count, double now)
    {
        for (var e = 0; e < _allocator.Count; e++)
        {
            var eni = _allocator[e];
            if (eni.FreeSlots > 0 && _allocator.TryAssign(eni, Math.Min(eni.FreeSlots, count)))
            {
                return true;
            }
        }

        return _allocator.TryCreateEni(Math.Min(count, _policy.SlotsPerEni), now, now);
    }

    private bool Release(int count)
    {
        var released = 0;
        for (var e = _allocator.Count - 1; e >= 0 && released < count; e--)
        {
            var eni = _allocator[e];
            for (var s = eni.SlotCapacity - 1; s >= 0 && released < count; s--)
            {
                if (eni.SlotUsed[s] && eni.SlotHasNoPods(s))
                {
                    _allocator.Release(eni, s);
                    released++;
                }
            }
        }

        return released > 0;
    }

    private bool TryFreeEni()
    {
        var pool = Counters;
        for (var e = _allocator.Count - 1; e >= 0; e--)
        {
            var eni = _allocator[e];
            if (eni.AssignedCount == 0 && !_policy.IsRequiredByTargets(pool, eni.Counters))
            {
                _allocator.Delete(e);
                return true;
            }
        }

        return false;
    }
}
