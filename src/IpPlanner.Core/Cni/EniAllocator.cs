using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Cni;

/// <summary>
/// The EC2 side of one node: which subnet a new ENI goes to, and the all-or-nothing calls ipamd makes
/// (CreateNetworkInterface with its IPs or /28s, AssignPrivateIpAddresses, Unassign, DeleteNetworkInterface)
/// against real subnet address spaces. It decides nothing about the warm pool (<see cref="WarmPoolPolicy"/> does).
/// </summary>
internal sealed partial class EniAllocator
{
    private readonly CniSettings _settings;
    private readonly NodePlacement _placement;
    private readonly Eni[] _enis;
    private int _ipsPerSlot;
    private int _count;
    private int _nextIndex;
    private readonly int _networkCard;

    internal EniAllocator(CniSettings settings, NodePlacement placement, int maxEnis, int slotsPerEni, bool prefixMode, int networkCard = 0)
    {
        _networkCard = networkCard;
        _settings = settings;
        _placement = placement;
        _enis = new Eni[maxEnis];
        SlotsPerEni = slotsPerEni;
        PrefixMode = prefixMode;
        _ipsPerSlot = prefixMode ? 16 : 1;
    }

    internal int SlotsPerEni { get; }

    /// <summary>New slots are /28 prefixes (until <see cref="UseSingleAddresses"/>).</summary>
    internal bool PrefixMode { get; private set; }

    internal int MaxEnis => _enis.Length;

    internal int Count => _count;

    internal Eni this[int position] => _enis[position];

    internal ReadOnlySpan<Eni> Enis => _enis.AsSpan(0, _count);

    /// <summary>Pool IPs held on every ENI (16 per /28).</summary>
    internal int TotalIps { get; private set; }

    /// <summary>Why the last call failed (None after a success).</summary>
    internal PodFailure LastFailure { get; private set; }

    /// <summary>Attaches the primary ENI (the node IP) or the trunk ENI: an address from <paramref name="subnet"/>, no pool slots.</summary>
    internal bool TryAttachBare(EniRole role, SubnetAddressSpace subnet, int slotCapacity)
    {
        if (_count >= _enis.Length || !subnet.TryTakeAddress(out var primary))
        {
            return false;
        }

        _enis[_count++] = new Eni(_nextIndex++, role, subnet, primary, slotCapacity, _ipsPerSlot) { NetworkCard = _networkCard };
        return true;
    }

    /// <summary>
    /// CreateNetworkInterface with <paramref name="slots"/> secondary IPs or /28s, in the subnet ipamd picks: one
    /// call, so nothing is created when the subnet cannot give them all.
    /// </summary>
    internal bool TryCreateEni(int slots, double now, double readyAt)
    {
        if (_count >= _enis.Length)
        {
            LastFailure = PodFailure.EniLimit;
            return false;
        }

        var subnet = ChooseSubnetForNewEni();
        if (!subnet.TryTakeAddress(out var primary))
        {
            LastFailure = PodFailure.InsufficientFreeAddressesInSubnet;
            return false;
        }

        var eni = new Eni(_nextIndex, EniRole.Secondary, subnet, primary, SlotsPerEni, _ipsPerSlot) { ReadyAt = readyAt, CreatedAt = now, NetworkCard = _networkCard };
        if (!TryAssign(eni, slots))
        {
            subnet.Release(primary);
            return false;
        }

        _nextIndex++;
        _enis[_count++] = eni;
        return true;
    }

    /// <summary>The subnet of a new pod ENI: the ENIConfig's under custom networking, else (subnet discovery) the eligible one with the most free IPs.</summary>
    internal SubnetAddressSpace ChooseSubnetForNewEni()
    {
        if (_settings.CustomNetworking && _placement.EniConfigSubnet is { } eniConfig)
        {
            return eniConfig;
        }

        if (_settings.SubnetDiscovery && _settings.Behaviour.SubnetDiscovery && _placement.DiscoverySubnets.Count > 0)
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

    /// <summary>
    /// From now on every new slot is a single address (EKS Auto Mode's fall-back, <see cref="AutoModeNetworking"/>):
    /// new ENIs hold single addresses, and so does every attached ENI that holds no /28 yet; an ENI that holds /28s
    /// keeps them and takes no single addresses (the model does not mix the two on one ENI).
    /// </summary>
    internal void UseSingleAddresses()
    {
        PrefixMode = false;
        _ipsPerSlot = 1;
        for (var i = 0; i < _count; i++)
        {
            var eni = _enis[i];
            if (eni.HoldsPrefixes && eni.UsedSlots == 0)
            {
                _enis[i] = new Eni(eni.Index, eni.Role, eni.Subnet, eni.PrimaryIp, eni.SlotCapacity, 1) { ReadyAt = eni.ReadyAt, CreatedAt = eni.CreatedAt };
            }
        }
    }

    /// <summary>AssignPrivateIpAddresses for <paramref name="count"/> IPs or /28s on an ENI: all or nothing.</summary>
    internal bool TryAssign(Eni eni, int count)
    {
        var subnet = eni.Subnet;
        var prefixes = eni.HoldsPrefixes;
        Span<uint> taken = stackalloc uint[64];
        count = Math.Min(Math.Min(count, taken.Length), eni.FreeSlots);
        for (var i = 0; i < count; i++)
        {
            bool ok;
            if (prefixes)
            {
                var result = subnet.TryTakePrefix(out taken[i]);
                ok = result == PrefixResult.Success;
                if (!ok)
                {
                    LastFailure = result == PrefixResult.InsufficientCidrBlocks
                        ? PodFailure.InsufficientCidrBlocks
                        : PodFailure.InsufficientFreeAddressesInSubnet;
                }
            }
            else
            {
                ok = subnet.TryTakeAddress(out taken[i]);
                if (!ok)
                {
                    LastFailure = PodFailure.InsufficientFreeAddressesInSubnet;
                }
            }

            if (!ok)
            {
                for (var r = 0; r < i; r++)
                {
                    ReturnToSubnet(subnet, taken[r], prefixes);
                }

                return false;
            }
        }

        for (var i = 0; i < count; i++)
        {
            eni.AddSlot(taken[i]);
        }

        TotalIps += count * eni.IpsPerSlot;
        LastFailure = PodFailure.None;
        return true;
    }

    /// <summary>Unassigns one slot with no pods; returns how many of its IPs were still cooling.</summary>
    internal int Release(Eni eni, int slot)
    {
        ReturnToSubnet(eni.Subnet, eni.SlotBase[slot], eni.HoldsPrefixes);
        TotalIps -= eni.IpsPerSlot;
        return eni.RemoveSlot(slot);
    }

    /// <summary>
    /// DeleteNetworkInterface: every slot and the ENI's own address go back; the ENIs after it move up one place.
    /// Returns how many IPs were still cooling.
    /// </summary>
    internal int Delete(int position)
    {
        var eni = _enis[position];
        var cooling = 0;
        for (var s = 0; s < eni.SlotCapacity; s++)
        {
            if (eni.SlotUsed[s])
            {
                cooling += Release(eni, s);
            }
        }

        eni.Subnet.Release(eni.PrimaryIp);
        Array.Copy(_enis, position + 1, _enis, position, _count - position - 1);
        _enis[--_count] = null!;
        return cooling;
    }

    /// <summary>The instance is gone: every address of every ENI goes back.</summary>
    internal void DeleteAll()
    {
        while (_count > 0)
        {
            Delete(_count - 1);
        }
    }

    private static void ReturnToSubnet(SubnetAddressSpace subnet, uint address, bool prefix)
    {
        if (prefix)
        {
            subnet.ReleasePrefix(address);
        }
        else
        {
            subnet.Release(address);
        }
    }
}
