using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.Cni;

/// <summary>
/// One ENI on a node: its primary IP and its pool slots (a secondary IP, or a /28 prefix of 16 IPs, each).
/// Arrays are sized once at attach time so that assigning and releasing pod IPs never allocates.
/// </summary>
public sealed partial class Eni
{
    internal const byte IpFree = 0;
    internal const byte IpAssigned = 1;
    internal const byte IpCooling = 2;

    internal readonly uint[] SlotBase;
    internal readonly bool[] SlotUsed;
    internal readonly byte[] IpState;
    // When each cooling IP may be handed out again: made on the first pod delete (a plan never deletes one).
    internal double[]? CoolUntil;
    internal readonly int[] SlotPods;
    internal readonly int IpsPerSlot;
    internal int SlotsWithoutPods;
    internal int UsedSlots;
    internal int AssignedCount;
    internal int CoolingCount;
    internal int ScanFrom;
    internal double ReadyAt;
    internal double CreatedAt;

    internal Eni(int index, EniRole role, SubnetAddressSpace subnet, uint primaryIp, int slotCapacity, int ipsPerSlot)
    {
        Index = index;
        Role = role;
        Subnet = subnet;
        PrimaryIp = primaryIp;
        IpsPerSlot = ipsPerSlot;
        SlotBase = new uint[slotCapacity];
        SlotUsed = new bool[slotCapacity];
        SlotPods = new int[slotCapacity];
        IpState = new byte[slotCapacity * ipsPerSlot];
    }

    /// <summary>Attachment order: 0 is the primary ENI.</summary>
    public int Index { get; }

    /// <summary>The network card the ENI is attached to: 0 (the default card) unless multi-NIC manages more (<see cref="NetworkCards"/>).</summary>
    public int NetworkCard { get; init; }

    /// <summary>Primary, pod (secondary) or trunk.</summary>
    public EniRole Role { get; }

    /// <summary>The subnet this ENI draws its addresses from.</summary>
    public SubnetAddressSpace Subnet { get; }

    /// <summary>The ENI's own primary address (never given to pods).</summary>
    public uint PrimaryIp { get; }

    /// <summary>Slots this ENI may hold for pods (0 for the trunk, and for the primary ENI under custom networking).</summary>
    public int SlotCapacity => SlotBase.Length;

    /// <summary>Slots in use: secondary IPs, or prefixes in prefix mode.</summary>
    public int Slots => UsedSlots;

    /// <summary>True when each slot is a /28 prefix (16 IPs); false for single secondary IPs.</summary>
    public bool HoldsPrefixes => IpsPerSlot > 1;

    /// <summary>Pool IPs this ENI holds (16 per prefix).</summary>
    public int Ips => UsedSlots * IpsPerSlot;

    /// <summary>Pods using IPs of this ENI.</summary>
    public int Pods => AssignedCount;

    /// <summary>IPs released by deleted pods that are still cooling down.</summary>
    public int Cooling => CoolingCount;

    internal int FreeSlots => SlotBase.Length - UsedSlots;

    /// <summary>This ENI's share of the pool counters.</summary>
    internal EniCounters Counters => new(UsedSlots * IpsPerSlot, AssignedCount, IpsPerSlot > 1 ? UsedSlots : 0, IpsPerSlot > 1 ? SlotsWithoutPods : 0);

    /// <summary>The base address of every slot in use (secondary IPs, or prefix starts), lowest slot first.</summary>
    public IEnumerable<uint> SlotAddresses()
    {
        for (var s = 0; s < SlotBase.Length; s++)
        {
            if (SlotUsed[s])
            {
                yield return SlotBase[s];
            }
        }
    }

    internal int AddSlot(uint baseAddress)
    {
        for (var s = 0; s < SlotBase.Length; s++)
        {
            if (!SlotUsed[s])
            {
                SlotBase[s] = baseAddress;
                SlotUsed[s] = true;
                SlotPods[s] = 0;
                UsedSlots++;
                SlotsWithoutPods++;
                var first = s * IpsPerSlot;
                Array.Clear(IpState, first, IpsPerSlot);
                if (first < ScanFrom)
                {
                    ScanFrom = first;
                }

                return s;
            }
        }

        throw new InvalidOperationException("no free slot on the ENI");
    }

    /// <summary>
    /// True when no pod uses an IP of the slot: ipamd may return it (FindFreeableCidrs), cooling IPs and all.
    /// </summary>
    internal bool SlotHasNoPods(int slot) => SlotPods[slot] == 0;

    /// <summary>Drops a slot with no pods; returns how many of its IPs were still cooling.</summary>
    internal int RemoveSlot(int slot)
    {
        var cooling = 0;
        var first = slot * IpsPerSlot;
        for (var i = first; i < first + IpsPerSlot; i++)
        {
            if (IpState[i] == IpCooling)
            {
                IpState[i] = IpFree;
                cooling++;
            }
        }

        CoolingCount -= cooling;
        SlotUsed[slot] = false;
        UsedSlots--;
        SlotsWithoutPods--;
        return cooling;
    }

    /// <summary>Marks an IP as a pod's.</summary>
    internal void Assign(int ip)
    {
        IpState[ip] = IpAssigned;
        AssignedCount++;
        if (SlotPods[ip / IpsPerSlot]++ == 0)
        {
            SlotsWithoutPods--;
        }
    }

    /// <summary>The pod on an IP is gone: the IP cools down until <paramref name="coolUntil"/>, or is free at once.</summary>
    internal void Unassign(int ip, bool cool, double coolUntil)
    {
        AssignedCount--;
        if (--SlotPods[ip / IpsPerSlot] == 0)
        {
            SlotsWithoutPods++;
        }

        if (cool)
        {
            IpState[ip] = IpCooling;
            (CoolUntil ??= new double[IpState.Length])[ip] = coolUntil;
            CoolingCount++;
        }
        else
        {
            IpState[ip] = IpFree;
            if (ip < ScanFrom)
            {
                ScanFrom = ip;
            }
        }
    }

    /// <summary>Lowest free, non-cooling IP of a used slot, or -1; slots in order, IPs inside a prefix lowest first.</summary>
    internal int FindFreeIp()
    {
        if (AssignedCount + CoolingCount >= UsedSlots * IpsPerSlot)
        {
            return -1;
        }

        for (var i = ScanFrom; i < IpState.Length; i++)
        {
            if (IpState[i] == IpFree && SlotUsed[i / IpsPerSlot])
            {
                ScanFrom = i + 1;
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Prefix mode: a free, non-cooling IP in the first /28 with room, walking the /28s round from the
    /// <paramref name="rank"/>-th one in use (0 &lt;= rank &lt; Slots), the way ipamd's map walk starts somewhere
    /// random (docs/node-model.md); the lowest such IP in that /28. -1 when none.
    /// </summary>
    internal int FindFreeIpFrom(int rank)
    {
        if (AssignedCount + CoolingCount >= UsedSlots * IpsPerSlot)
        {
            return -1;
        }

        var capacity = SlotBase.Length;
        var s = 0;
        for (var seen = -1; s < capacity; s++)
        {
            if (SlotUsed[s] && ++seen == rank)
            {
                break;
            }
        }

        for (var k = 0; k < capacity; k++)
        {
            if (SlotUsed[s] && SlotPods[s] < IpsPerSlot)
            {
                var first = s * IpsPerSlot;
                for (var i = first; i < first + IpsPerSlot; i++)
                {
                    if (IpState[i] == IpFree)
                    {
                        return i;
                    }
                }
            }

            s = s + 1 == capacity ? 0 : s + 1;
        }

        return -1;
    }

    internal uint AddressOf(int ipIndex) => SlotBase[ipIndex / IpsPerSlot] + (uint)(ipIndex % IpsPerSlot);

    /// <summary>Frees the cooling IPs whose cooldown ended by <paramref name="now"/>; returns when the next of the rest ends (infinity: none left).</summary>
    internal double ExpireCooldowns(double now)
    {
        var next = double.PositiveInfinity;
        for (int i = 0, left = CoolingCount; left > 0 && i < IpState.Length; i++)
        {
            if (IpState[i] != IpCooling)
            {
                continue;
            }

            left--;
            var until = CoolUntil![i];
            if (until <= now)
            {
                IpState[i] = IpFree;
                CoolingCount--;
                if (i < ScanFrom)
                {
                    ScanFrom = i;
                }
            }
            else if (until < next)
            {
                next = until;
            }
        }

        return next;
    }
}
