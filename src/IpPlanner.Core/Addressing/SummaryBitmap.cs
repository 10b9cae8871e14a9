using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace IpPlanner.Core.Addressing;

/// <summary>
/// A bitmap over <see cref="ulong"/> words with two summary tiers: bit <c>i</c> of the first summary says leaf word
/// <c>i</c> is non-zero, bit <c>j</c> of the second says first-summary word <c>j</c> is. Finding the first or next
/// set bit reads one word per tier plus a scan of the second summary, which is one word up to 262,144 bits and 16
/// words for a /10's 4,194,304, so it never scans the map. Setting and clearing touch the summaries only when a
/// word turns empty or non-empty, and the set-bit count is kept as bits change.
/// </summary>
/// <remarks>
/// A mutable struct, so that its arrays and counters sit inside the owning <see cref="SubnetAddressSpace"/> and the
/// single-address hot path saves a dependent load per operation. Keep it in a non-readonly field and never copy it
/// by assignment (a copy shares the arrays but not the count): use <see cref="Clone"/>.
/// </remarks>
internal struct SummaryBitmap
{
    /// <summary>The most bits a map may hold: a /10's addresses.</summary>
    public const int MaxLength = 1 << 22;

    private readonly ulong[] _leaf;
    private readonly ulong[] _summary;
    private readonly ulong[] _top;
    private int _count;

    // A lower bound on the first non-empty leaf word: lowest-first takes usually find their bit there with one
    // read instead of walking the summaries. Lowered on set, repaired lazily when it points at an empty word.
    private int _firstWordHint;

    /// <summary>An empty bitmap of <paramref name="length"/> bits.</summary>
    public SummaryBitmap(int length)
    {
        Debug.Assert(length is > 0 and <= MaxLength);
        Length = length;
        _leaf = new ulong[WordsFor(length)];
        _summary = new ulong[WordsFor(_leaf.Length)];
        _top = new ulong[WordsFor(_summary.Length)];
    }

    private SummaryBitmap(SummaryBitmap other)
    {
        Length = other.Length;
        _count = other._count;
        _firstWordHint = other._firstWordHint;
        _leaf = (ulong[])other._leaf.Clone();
        _summary = (ulong[])other._summary.Clone();
        _top = (ulong[])other._top.Clone();
    }

    /// <summary>How many bits the map holds.</summary>
    public int Length { get; }

    /// <summary>How many bits are set.</summary>
    public int Count => _count;

    /// <summary>Words of 64 bits needed for <paramref name="bits"/> bits.</summary>
    public static int WordsFor(int bits) => (int)(((uint)bits + 63u) >> 6);

    /// <summary>A deep copy.</summary>
    public SummaryBitmap Clone() => new(this);

    /// <summary>True when bit <paramref name="index"/> is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Get(int index) => (_leaf[index >> 6] & (1UL << index)) != 0;

    /// <summary>Leaf word <paramref name="wordIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Word(int wordIndex) => _leaf[wordIndex];

    /// <summary>Sets bit <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index)
    {
        var wordIndex = index >> 6;
        ref var word = ref _leaf[wordIndex];
        var old = word;
        var bit = 1UL << index;
        if ((old & bit) != 0)
        {
            return;
        }

        word = old | bit;
        _count = unchecked(_count + 1);
        if (old == 0)
        {
            MarkNonEmpty(wordIndex);
        }

        if (wordIndex < _firstWordHint)
        {
            _firstWordHint = wordIndex;
        }
    }

    /// <summary>Clears bit <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear(int index)
    {
        var wordIndex = index >> 6;
        ref var word = ref _leaf[wordIndex];
        var old = word;
        var bit = 1UL << index;
        if ((old & bit) == 0)
        {
            return;
        }

        var now = old & ~bit;
        word = now;
        _count = unchecked(_count - 1);
        if (now == 0)
        {
            MarkEmpty(wordIndex);
        }
    }

    /// <summary>Clears bit <paramref name="index"/>, which the caller knows is set, and returns its word as it was.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ClearSetBit(int index)
    {
        var wordIndex = index >> 6;
        ref var word = ref _leaf[wordIndex];
        var old = word;
        Debug.Assert((old & (1UL << index)) != 0);
        var now = old & ~(1UL << index);
        word = now;
        _count = unchecked(_count - 1);
        if (now == 0)
        {
            MarkEmpty(wordIndex);
        }

        return old;
    }

    /// <summary>Sets the bits of <paramref name="mask"/> in leaf word <paramref name="wordIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetBits(int wordIndex, ulong mask)
    {
        ref var word = ref _leaf[wordIndex];
        var old = word;
        var now = old | mask;
        if (now == old)
        {
            return;
        }

        word = now;
        _count = unchecked(_count + BitOperations.PopCount(now ^ old));
        if (old == 0)
        {
            MarkNonEmpty(wordIndex);
        }

        if (wordIndex < _firstWordHint)
        {
            _firstWordHint = wordIndex;
        }
    }

    /// <summary>Clears the bits of <paramref name="mask"/> in leaf word <paramref name="wordIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ClearBits(int wordIndex, ulong mask)
    {
        ref var word = ref _leaf[wordIndex];
        var old = word;
        var now = old & ~mask;
        if (now == old)
        {
            return;
        }

        word = now;
        _count = unchecked(_count - BitOperations.PopCount(now ^ old));
        if (now == 0)
        {
            MarkEmpty(wordIndex);
        }
    }

    /// <summary>Replaces leaf word <paramref name="wordIndex"/> (bits past <see cref="Length"/> must stay clear).</summary>
    public void SetWord(int wordIndex, ulong value)
    {
        var old = _leaf[wordIndex];
        SetBits(wordIndex, value & ~old);
        ClearBits(wordIndex, old & ~value);
    }

    /// <summary>The lowest set bit, or -1 when none is set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindFirst()
    {
        var hinted = _leaf[_firstWordHint];
        if (hinted != 0)
        {
            return unchecked((_firstWordHint << 6) + BitOperations.TrailingZeroCount(hinted));
        }

        return FindFirstAndRepairHint();
    }

    /// <summary>Clears the lowest set bit and returns its index (-1 when none is set) and its word as it was.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ClearFirst(out ulong before)
    {
        var w = _firstWordHint;
        ref var slot = ref _leaf[w];
        var word = slot;
        if (word == 0)
        {
            var first = FindFirstAndRepairHint();
            if (first < 0)
            {
                before = 0;
                return -1;
            }

            w = first >> 6;
            slot = ref _leaf[w];
            word = slot;
        }

        var now = word & unchecked(word - 1);
        slot = now;
        _count = unchecked(_count - 1);
        if (now == 0)
        {
            MarkEmpty(w);
        }

        before = word;
        return unchecked((w << 6) + BitOperations.TrailingZeroCount(word));
    }

    /// <summary>Sets bit <paramref name="index"/> if it is clear (true) and gives its word after; false when it was already set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TrySet(int index, out ulong after)
    {
        var wordIndex = index >> 6;
        ref var word = ref _leaf[wordIndex];
        var old = word;
        var bit = 1UL << index;
        after = old | bit;
        if ((old & bit) != 0)
        {
            return false;
        }

        word = after;
        _count = unchecked(_count + 1);
        if (old == 0)
        {
            MarkNonEmpty(wordIndex);
        }

        if (wordIndex < _firstWordHint)
        {
            _firstWordHint = wordIndex;
        }

        return true;
    }

    /// <summary>The lowest set bit at or after <paramref name="from"/>, or -1 when there is none.</summary>
    public int FindNext(int from)
    {
        if ((uint)from >= (uint)Length)
        {
            return -1;
        }

        unchecked
        {
            var w = from >> 6;
            var bits = _leaf[w] & (ulong.MaxValue << from);
            if (bits != 0)
            {
                return (w << 6) + BitOperations.TrailingZeroCount(bits);
            }

            // Next non-empty leaf word after w, through the first summary, then the second.
            var next = w + 1;
            var s = next >> 6;
            if (s < _summary.Length && (bits = _summary[s] & (ulong.MaxValue << next)) != 0)
            {
                w = (s << 6) + BitOperations.TrailingZeroCount(bits);
                return (w << 6) + BitOperations.TrailingZeroCount(_leaf[w]);
            }

            var nextSummary = s + 1;
            var t = nextSummary >> 6;
            if (t >= _top.Length)
            {
                return -1;
            }

            bits = _top[t] & (ulong.MaxValue << nextSummary);
            while (bits == 0)
            {
                if (++t >= _top.Length)
                {
                    return -1;
                }

                bits = _top[t];
            }

            s = (t << 6) + BitOperations.TrailingZeroCount(bits);
            w = (s << 6) + BitOperations.TrailingZeroCount(_summary[s]);
            return (w << 6) + BitOperations.TrailingZeroCount(_leaf[w]);
        }
    }

    /// <summary>The first set bit at or after <paramref name="from"/>, wrapping round to the start; -1 when empty.</summary>
    public int FindNextWrapping(int from)
    {
        var found = FindNext(from);
        return found >= 0 ? found : FindFirst();
    }

    private int FindFirstAndRepairHint()
    {
        if (_count == 0)
        {
            return -1;
        }

        unchecked
        {
            var top = _top;
            var t = 0;
            while (top[t] == 0)
            {
                t++;
            }

            var s = (t << 6) + BitOperations.TrailingZeroCount(top[t]);
            var w = (s << 6) + BitOperations.TrailingZeroCount(_summary[s]);
            _firstWordHint = w;
            return (w << 6) + BitOperations.TrailingZeroCount(_leaf[w]);
        }
    }

    /// <summary>Checks that the summaries and the count agree with the leaf words (for tests).</summary>
    internal bool IsConsistent()
    {
        var count = 0;
        foreach (var word in _leaf)
        {
            count += BitOperations.PopCount(word);
        }

        var firstWord = Array.FindIndex(_leaf, word => word != 0);
        var hintIsLowerBound = firstWord < 0 || _firstWordHint <= firstWord;
        return count == _count && hintIsLowerBound && Summarises(_summary, _leaf) && Summarises(_top, _summary);
    }

    private static bool Summarises(ulong[] summary, ulong[] words)
    {
        for (var i = 0; i < summary.Length * 64; i++)
        {
            var flagged = (summary[i >> 6] & (1UL << i)) != 0;
            if (flagged != (i < words.Length && words[i] != 0))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkNonEmpty(int wordIndex)
    {
        var s = wordIndex >> 6;
        var old = _summary[s];
        _summary[s] = old | (1UL << wordIndex);
        if (old == 0)
        {
            _top[s >> 6] |= 1UL << s;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkEmpty(int wordIndex)
    {
        var s = wordIndex >> 6;
        var now = _summary[s] & ~(1UL << wordIndex);
        _summary[s] = now;
        if (now == 0)
        {
            _top[s >> 6] &= ~(1UL << s);
        }
    }
}
