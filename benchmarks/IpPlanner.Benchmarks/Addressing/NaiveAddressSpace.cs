namespace IpPlanner.Benchmarks.Addressing;

/// <summary>
/// The baseline the benchmarks compare against: the addresses in use in a <see cref="HashSet{T}"/> and a linear
/// scan for the lowest free address or /28, which is what one would write without a bitmap.
/// </summary>
public sealed class NaiveAddressSpace
{
    private readonly HashSet<uint> _used;
    private readonly uint _first;
    private readonly uint _last;

    /// <summary>An empty subnet of <paramref name="size"/> addresses at <paramref name="network"/>.</summary>
    public NaiveAddressSpace(uint network, int size)
    {
        _used = [];
        Network = network;
        Size = size;

        // The AWS-reserved addresses are simply outside the scanned range.
        _first = network + 4;
        _last = network + (uint)size - 2;
    }

    private NaiveAddressSpace(NaiveAddressSpace other)
    {
        _used = new HashSet<uint>(other._used);
        Network = other.Network;
        Size = other.Size;
        _first = other._first;
        _last = other._last;
    }

    /// <summary>The first address.</summary>
    public uint Network { get; }

    /// <summary>The addresses spanned.</summary>
    public int Size { get; }

    /// <summary>A copy.</summary>
    public NaiveAddressSpace Clone() => new(this);

    /// <summary>Marks an address in use.</summary>
    public bool TryTake(uint address) => _used.Add(address);

    /// <summary>Takes the lowest free address.</summary>
    public bool TryTakeLowest(out uint address)
    {
        for (address = _first; address <= _last; address++)
        {
            if (_used.Add(address))
            {
                return true;
            }
        }

        address = 0;
        return false;
    }

    /// <summary>Takes the lowest wholly free aligned /28.</summary>
    public bool TryTakePrefix(out uint start)
    {
        for (start = Network + 16; start + 16 <= _last; start += 16)
        {
            var free = true;
            for (var i = 0u; i < 16 && free; i++)
            {
                free = !_used.Contains(start + i);
            }

            if (free)
            {
                for (var i = 0u; i < 16; i++)
                {
                    _used.Add(start + i);
                }

                return true;
            }
        }

        start = 0;
        return false;
    }

    /// <summary>Releases an address; throws when it was not in use.</summary>
    public void Release(uint address)
    {
        if (!_used.Remove(address))
        {
            throw new InvalidOperationException("not in use");
        }
    }

    /// <summary>Releases a /28.</summary>
    public void ReleasePrefix(uint start)
    {
        for (var i = 0u; i < 16; i++)
        {
            Release(start + i);
        }
    }
}
