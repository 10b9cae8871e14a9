using System.Numerics;

namespace IpPlanner.Core.Addressing;

// Describing the subnet as found: reservations and addresses already in use. These are slow-path operations
// that change the base masks a whole range at a time and then recompute what derives from them.
public sealed partial class SubnetAddressSpace
{
    /// <summary>
    /// Adds a subnet CIDR reservation. <see cref="ReservationType.Prefix"/>: only prefix delegation uses the range
    /// (prefix takes look there first); <see cref="ReservationType.Explicit"/>: only specific takes do. Addresses
    /// already in use stay in use and fall under the reservation once released. Throws
    /// <see cref="ArgumentException"/> when the range is malformed, outside the subnet or overlaps another reservation.
    /// </summary>
    public void Reserve(string cidr, ReservationType type)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "unknown reservation type");
        }

        var range = ParseInside(cidr, nameof(cidr));
        if (AnySet(_prefixReserved, range) || AnySet(_explicitReserved, range))
        {
            throw new ArgumentException($"reservation {range} overlaps an existing reservation in subnet {Cidr}", nameof(cidr));
        }

        var (first, last) = WordRange(range);
        var before = CountRange(first, last);
        var target = type == ReservationType.Prefix
            ? _prefixReserved ??= new ulong[_words]
            : _explicitReserved ??= new ulong[_words];
        _heldReserved ??= new ulong[_words];
        _reserved ??= new ulong[_words];
        _fastReleaseSpan = 0;
        for (var w = first; w <= last; w++)
        {
            // What is in use stays in use, now recorded among the reserved addresses.
            var mask = RangeMask(range);
            _heldReserved[w] |= HeldWord(w) & mask;
            target[w] |= mask;
            _reserved[w] |= mask;
        }

        Refresh(first, last, before);
    }

    /// <summary>
    /// Marks <paramref name="count"/> addresses in use, placed as automatic single takes would place them (so by
    /// the <see cref="Policy"/>). Throws <see cref="ArgumentOutOfRangeException"/> when fewer than that are free.
    /// </summary>
    public void MarkInUse(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > Free)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"only {Free} addresses are free in subnet {Cidr}");
        }

        for (var i = 0; i < count; i++)
        {
            TryTakeAddress(out _);
        }
    }

    /// <summary>
    /// Marks one address (<c>10.0.0.7</c>) or every address of a block (<c>10.0.0.64/26</c>) in use, each held
    /// singly, whatever reservation covers it (these are facts found in the subnet). AWS-reserved addresses inside a
    /// block are skipped. Throws <see cref="ArgumentException"/> where <see cref="TryMarkInUse"/> refuses.
    /// </summary>
    public void MarkInUse(string addressOrCidr)
    {
        var refusal = TryMarkInUse(addressOrCidr);
        if (refusal != InUseRefusal.None)
        {
            throw new ArgumentException(Describe(refusal, addressOrCidr), nameof(addressOrCidr));
        }
    }

    /// <summary>
    /// Marks <paramref name="addressOrCidr"/> in use as <see cref="MarkInUse(string)"/> does, or changes nothing and
    /// says why not: malformed text, a range outside the subnet, an AWS-reserved single address (nothing can hold
    /// one), or an address already in use (an address is held once). The scenario loader asks this for every
    /// <c>taken</c> entry, so a file it accepts is one the engine can build.
    /// </summary>
    public InUseRefusal TryMarkInUse(string? addressOrCidr)
    {
        if (!CidrText.TryParse(addressOrCidr, allowBareAddress: true, out var range, out _))
        {
            return InUseRefusal.Malformed;
        }

        if (!_cidr.Contains(range))
        {
            return InUseRefusal.OutsideSubnet;
        }

        var start = (int)(range.First - _network);
        if (range.PrefixLength == 32 && IsAwsReserved(start))
        {
            return InUseRefusal.AwsReserved;
        }

        if (AnyHeld(range))
        {
            return InUseRefusal.AlreadyInUse;
        }

        var (first, last) = WordRange(range);
        var before = CountRange(first, last);
        var added = 0;
        for (var w = first; w <= last; w++)
        {
            var held = RangeMask(range) & ~AwsMask(w);
            var reserved = Word(_reserved, w);
            if ((held & reserved) != 0)
            {
                _heldReserved![w] |= held & reserved;
            }

            _free.ClearBits(w, held & ~reserved);
            added += BitOperations.PopCount(held);
        }

        Refresh(first, last, before, inUseDelta: added);
        return InUseRefusal.None;
    }

    private string Describe(InUseRefusal refusal, string? text) => refusal switch
    {
        InUseRefusal.Malformed => CidrText.Describe(text, CidrText.TryParse(text, allowBareAddress: true, out _, out var failure) ? default : failure, allowBareAddress: true),
        InUseRefusal.OutsideSubnet => $"{text?.Trim()} is not inside subnet {Cidr}",
        InUseRefusal.AwsReserved => $"{text?.Trim()} is reserved by AWS in subnet {Cidr}, so it cannot be in use",
        _ => $"{text?.Trim()} overlaps addresses already in use in subnet {Cidr}",
    };

    private Ipv4Cidr ParseInside(string text, string paramName, bool allowBareAddress = false)
    {
        var range = CidrText.Parse(text, paramName, allowBareAddress);
        if (!_cidr.Contains(range))
        {
            throw new ArgumentException($"{text.Trim()} is not inside subnet {Cidr}", paramName);
        }

        return range;
    }

    /// <summary>The first and last word a range (inside the subnet) touches.</summary>
    private (int First, int Last) WordRange(Ipv4Cidr range)
    {
        var start = (int)(range.First - _network);
        var end = start + (int)range.Size - 1;
        return (start >> 6, end >> 6);
    }

    /// <summary>
    /// The bits a range sets in each word it touches: a CIDR range is aligned, so it either covers whole words or
    /// lies inside a single one.
    /// </summary>
    private ulong RangeMask(Ipv4Cidr range)
    {
        if (range.Size >= 64)
        {
            return ValidMask;
        }

        var start = (int)(range.First - _network);
        return ((1UL << (int)range.Size) - 1) << (start & 63);
    }

    private bool AnyHeld(Ipv4Cidr range)
    {
        var (first, last) = WordRange(range);
        for (var w = first; w <= last; w++)
        {
            if ((HeldWord(w) & RangeMask(range)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool AnySet(ulong[]? words, Ipv4Cidr range)
    {
        if (words is null)
        {
            return false;
        }

        var (first, last) = WordRange(range);
        for (var w = first; w <= last; w++)
        {
            if ((words[w] & RangeMask(range)) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
