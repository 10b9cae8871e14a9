using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>
/// Where new address space comes from: a free aligned block inside the VPC's CIDRs, a secondary VPC CIDR from
/// 100.64.0.0/10, or the largest free aligned block of whole /28s inside a subnet.
/// </summary>
internal static class CidrCarver
{
    /// <summary>The shared address space (RFC 6598) EKS guidance takes secondary pod CIDRs from.</summary>
    public static readonly IPNetwork2 CarrierGradeNat = IPNetwork2.Parse("100.64.0.0/10");

    /// <summary>The first block of <paramref name="prefix"/> inside one of <paramref name="vpcCidrs"/> that overlaps nothing in <paramref name="taken"/>.</summary>
    public static IPNetwork2? Carve(IReadOnlyList<AddressBlock> vpcCidrs, IReadOnlyList<IPNetwork2> taken, int prefix)
    {
        ArgumentNullException.ThrowIfNull(vpcCidrs);
        ArgumentNullException.ThrowIfNull(taken);
        foreach (var cidr in vpcCidrs)
        {
            if (cidr.PrefixLength > prefix)
            {
                continue;
            }

            foreach (var candidate in cidr.Network.Subnet((byte)prefix))
            {
                if (!Overlaps(taken, candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The first block of 100.64.0.0/10 of <paramref name="prefix"/> (at most a /16) that overlaps none of <paramref name="taken"/>.</summary>
    public static IPNetwork2? SecondaryCidr(IReadOnlyList<IPNetwork2> taken, int prefix)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var size = (byte)Math.Clamp(prefix, VpcSpec.LargestBlockPrefix, VpcSpec.SmallestBlockPrefix);
        return CarrierGradeNat.Subnet(size).FirstOrDefault(c => !Overlaps(taken, c));
    }

    /// <summary>The largest block of whole free /28s, aligned to its size, at most half the subnet, highest address first.</summary>
    public static string? LargestFreeAlignedBlock(SubnetAddressSpace space, SubnetSpec spec)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(spec);
        var blocks = space.BlockCount;
        for (var size = blocks / 2; size >= 1; size /= 2)
        {
            for (var start = blocks - size; start >= 0; start -= size)
            {
                var free = true;
                for (var b = start; b < start + size && free; b++)
                {
                    free = space.GetBlockState(b) == BlockState.Free;
                }

                if (free)
                {
                    var prefix = 28 - (int)Math.Log2(size);
                    return $"{Ipv4.Format(spec.FirstAddress + ((uint)start * 16))}/{prefix}";
                }
            }
        }

        return null;
    }

    /// <summary>A CIDR as the model's address block.</summary>
    public static AddressBlock Block(string cidr) => new(cidr, IPNetwork2.Parse(cidr), 0);

    private static bool Overlaps(IReadOnlyList<IPNetwork2> taken, IPNetwork2 candidate)
    {
        foreach (var t in taken)
        {
            if (t.Overlap(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
