using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Cni;

// Copies of a node for what-ifs (the planner fills one group's nodes on a fork of the planned cluster without
// re-running the whole cluster): every field is copied, and each subnet reference goes through a map so the copy
// takes its addresses from the fork's address spaces, never from the original's.
public sealed partial class VpcCniNode
{
    private VpcCniNode(VpcCniNode other, Func<SubnetAddressSpace, SubnetAddressSpace> space)
    {
        Type = other.Type;
        _settings = other._settings;
        _placement = new NodePlacement(space(other._placement.NodeSubnet))
        {
            EniConfigSubnet = other._placement.EniConfigSubnet is { } eniConfig ? space(eniConfig) : null,
            DiscoverySubnets = [.. other._placement.DiscoverySubnets.Select(space)],
            NodeSubnetEligibleForPods = other._placement.NodeSubnetEligibleForPods,
        };
        HostNetworkPods = other.HostNetworkPods;
        MaxPodsInfo = other.MaxPodsInfo;
        MaxPods = other.MaxPods;
        PrefixMode = other.PrefixMode;
        _ipsPerSlot = other._ipsPerSlot;
        _slots = other._slots;
        MaxEnis = other.MaxEnis;
        TrunkEnabled = other.TrunkEnabled;
        BranchEniLimit = other.BranchEniLimit;
        _minimumIpTarget = other._minimumIpTarget;
        _refused = other._refused;
        Started = other.Started;
        EniAttachSeconds = other.EniAttachSeconds;
        Now = other.Now;
        Terminated = other.Terminated;
        _enis = new Eni[other._enis.Length];
        for (var i = 0; i < other._eniCount; i++)
        {
            _enis[i] = other._enis[i].CopyOnto(space(other._enis[i].Subnet));
        }

        _eniCount = other._eniCount;
        _total = other._total;
        _assigned = other._assigned;
        _cooling = other._cooling;
        _branchPods = other._branchPods;
        _branchAddresses = [.. other._branchAddresses];
        _backoffUntil = other._backoffUntil;
        _lastGrowthFailure = other._lastGrowthFailure;
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
}

public sealed partial class Eni
{
    /// <summary>A copy of this ENI with the same slots, IP states and counters, drawing from <paramref name="subnet"/>.</summary>
    internal Eni CopyOnto(SubnetAddressSpace subnet)
    {
        var copy = new Eni(Index, Role, subnet, PrimaryIp, SlotBase.Length, IpsPerSlot);
        Array.Copy(SlotBase, copy.SlotBase, SlotBase.Length);
        Array.Copy(SlotUsed, copy.SlotUsed, SlotUsed.Length);
        Array.Copy(IpState, copy.IpState, IpState.Length);
        Array.Copy(CoolUntil, copy.CoolUntil, CoolUntil.Length);
        copy.UsedSlots = UsedSlots;
        copy.AssignedCount = AssignedCount;
        copy.CoolingCount = CoolingCount;
        copy.ScanFrom = ScanFrom;
        copy.ReadyAt = ReadyAt;
        return copy;
    }
}
