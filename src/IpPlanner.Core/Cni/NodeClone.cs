using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Cni;

// Copies of a node for what-ifs (the planner fills one group's nodes on a fork of the planned cluster without
// re-running the whole cluster): every field is copied (the warm-pool policy, the EC2 allocator with its ENIs and
// their creation times, the branch ENIs, the timing state, the placement walk's seed and position, the last settle's
// oscillation and unsettled flags), and each subnet reference goes through a map so the copy takes its addresses
// from the fork's address spaces, never from the original's.
public sealed partial class VpcCniNode
{
    private VpcCniNode(VpcCniNode other, Func<SubnetAddressSpace, SubnetAddressSpace> space)
    {
        Type = other.Type;
        _settings = other._settings;
        HostNetworkPods = other.HostNetworkPods;
        MaxPodsInfo = other.MaxPodsInfo;
        MaxPods = other.MaxPods;
        _prefixMode = other._prefixMode;
        FellBackToSingleAddresses = other.FellBackToSingleAddresses;
        MaxEnis = other.MaxEnis;
        _refused = other._refused;
        _trunkSubnet = space(other._trunkSubnet);
        _trunkPending = other._trunkPending;
        _publicIpv4 = other._publicIpv4;
        StartFailure = other.StartFailure;
        TrunkEnabled = other.TrunkEnabled;
        BranchEniLimit = other.BranchEniLimit;
        _policy = other._policy;
        _allocator = other._allocator.CopyOnto(space);
        _branches = other._branches.CopyOnto(space);
        _cards = other._cards.Length == 0 ? [] : [.. other._cards.Select(c => c.CopyOnto(space))];
        _cardPods = other._cardPods;
        Started = other.Started;
        EniAttachSeconds = other.EniAttachSeconds;
        Now = other.Now;
        Terminated = other.Terminated;
        _assigned = other._assigned;
        _cooling = other._cooling;
        _coolingUntil = other._coolingUntil;
        _backoffUntil = other._backoffUntil;
        _lastDecrease = other._lastDecrease;
        _lastGrowthFailure = other._lastGrowthFailure;
        _placementSeed = other._placementSeed;
        _walk = other._walk;
        Oscillation = other.Oscillation;
        DidNotSettle = other.DidNotSettle;
        WaitingOnClock = other.WaitingOnClock;
    }

    /// <summary>
    /// A copy of this node whose ENIs and placement use the address spaces <paramref name="space"/> maps the
    /// originals to (the caller has cloned those spaces, so the copy's later allocations leave this node's alone).
    /// </summary>
    public VpcCniNode CopyOnto(Func<SubnetAddressSpace, SubnetAddressSpace> space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return new VpcCniNode(this, space);
    }

    /// <summary>
    /// A pod IP of the node this one was copied from, pointing at this copy's ENI (the same attachment index) so that
    /// removing it here changes this copy, not the original.
    /// </summary>
    public PodIp MapPod(PodIp pod)
    {
        if (pod.Eni is not { } original)
        {
            return pod;
        }

        foreach (var eni in Enis)
        {
            if (eni.Index == original.Index && original.NetworkCard == 0)
            {
                return pod with { Eni = eni };
            }
        }

        foreach (var eni in OtherCardEnis)
        {
            if (eni.Index == original.Index && eni.NetworkCard == original.NetworkCard)
            {
                return pod with { Eni = eni };
            }
        }

        throw new InvalidOperationException($"{Ipv4.Format(pod.Address)} is on an ENI this node does not have");
    }
}

internal sealed partial class EniAllocator
{
    /// <summary>A copy with the same ENIs (copied), counters and next index, placed on the mapped subnets.</summary>
    internal EniAllocator CopyOnto(Func<SubnetAddressSpace, SubnetAddressSpace> space)
    {
        var placement = new NodePlacement(space(_placement.NodeSubnet))
        {
            EniConfigSubnet = _placement.EniConfigSubnet is { } eniConfig ? space(eniConfig) : null,
            DiscoverySubnets = _placement.DiscoverySubnets.Count == 0 ? [] : [.. _placement.DiscoverySubnets.Select(space)],
            NodeSubnetEligibleForPods = _placement.NodeSubnetEligibleForPods,
            PublicIpv4 = _placement.PublicIpv4,
            UnmanagedEnis = _placement.UnmanagedEnis,
        };
        var copy = new EniAllocator(_settings, placement, _enis.Length, SlotsPerEni, PrefixMode, _networkCard);
        for (var i = 0; i < _count; i++)
        {
            copy._enis[i] = _enis[i].CopyOnto(space(_enis[i].Subnet));
        }

        copy._count = _count;
        copy._nextIndex = _nextIndex;
        copy.TotalIps = TotalIps;
        copy.LastFailure = LastFailure;
        return copy;
    }
}

internal sealed partial class BranchEnis
{
    /// <summary>A copy holding the same branch addresses, drawing from the mapped subnet.</summary>
    internal BranchEnis CopyOnto(Func<SubnetAddressSpace, SubnetAddressSpace> space)
    {
        var copy = new BranchEnis(space(_subnet), Limit);
        if (_addresses is { Count: > 0 })
        {
            copy._addresses = [.. _addresses];
        }

        return copy;
    }
}

public sealed partial class Eni
{
    /// <summary>A copy of this ENI with the same slots, IP states, counters and times, drawing from <paramref name="subnet"/>.</summary>
    internal Eni CopyOnto(SubnetAddressSpace subnet)
    {
        var copy = new Eni(Index, Role, subnet, PrimaryIp, SlotBase.Length, IpsPerSlot) { NetworkCard = NetworkCard };
        Array.Copy(SlotBase, copy.SlotBase, SlotBase.Length);
        Array.Copy(SlotUsed, copy.SlotUsed, SlotUsed.Length);
        Array.Copy(SlotPods, copy.SlotPods, SlotPods.Length);
        Array.Copy(IpState, copy.IpState, IpState.Length);
        copy.CoolUntil = CoolUntil is null ? null : (double[])CoolUntil.Clone();
        copy.SlotsWithoutPods = SlotsWithoutPods;
        copy.UsedSlots = UsedSlots;
        copy.AssignedCount = AssignedCount;
        copy.CoolingCount = CoolingCount;
        copy.ScanFrom = ScanFrom;
        copy.ReadyAt = ReadyAt;
        copy.CreatedAt = CreatedAt;
        return copy;
    }
}
