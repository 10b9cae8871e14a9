using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Cni;

/// <summary>
/// Security groups for pods: one branch ENI (one subnet address, no warm pool) per security-group pod, on the
/// trunk ENI, up to the type's branch limit. The VPC resource controller creates them, not ipamd.
/// </summary>
internal sealed partial class BranchEnis
{
    // Made on the first branch pod: most nodes never have one.
    private HashSet<uint>? _addresses;
    private readonly SubnetAddressSpace _subnet;

    internal BranchEnis(SubnetAddressSpace subnet, int limit)
    {
        _subnet = subnet;
        Limit = limit;
    }

    /// <summary>The subnet the branch ENIs draw from.</summary>
    internal SubnetAddressSpace Subnet => _subnet;

    /// <summary>Branch ENIs the node may hold (0 without a trunk).</summary>
    internal int Limit { get; }

    internal int Count => _addresses?.Count ?? 0;

    /// <summary>The branch ENIs' addresses (for a copy of the VPC that keeps them as they are).</summary>
    internal IEnumerable<uint> Addresses => _addresses ?? [];

    /// <summary>Creates a branch ENI for a pod, or says why not.</summary>
    internal PodFailure TryAdd(out uint address)
    {
        address = 0;
        if (Count >= Limit)
        {
            return PodFailure.BranchEniLimit;
        }

        // "Amazon EKS pod: 1" in the Network Address Usage table: the branch ENI's pod, its address not counted again.
        switch (_subnet.Usage?.TryAdd(1))
        {
            case Addressing.NetworkAddressUsageLimit.Vpc:
                return PodFailure.NetworkAddressUsage;
            case Addressing.NetworkAddressUsageLimit.Peered:
                return PodFailure.PeeredNetworkAddressUsage;
            default:
                break;
        }

        if (!_subnet.TryTakeAddress(out address))
        {
            _subnet.Usage?.Remove(1);
            return PodFailure.InsufficientFreeAddressesInSubnet;
        }

        (_addresses ??= []).Add(address);
        return PodFailure.None;
    }

    /// <summary>The pod is gone: its branch ENI is deleted at once.</summary>
    internal void Remove(uint address)
    {
        if (_addresses is not null && _addresses.Remove(address))
        {
            _subnet.Release(address);
            _subnet.Usage?.Remove(1);
        }
    }

    internal void RemoveAll()
    {
        if (_addresses is null)
        {
            return;
        }

        foreach (var address in _addresses)
        {
            _subnet.Release(address);
            _subnet.Usage?.Remove(1);
        }

        _addresses.Clear();
    }
}
