using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace IpPlanner.Core.Addressing;

/// <summary>
/// A bitmap over <see cref="ulong"/> words with summary levels above it: bit <c>i</c> of level <c>k+1</c> says
/// word <c>i</c> of level <c>k</c> is non-zero, up to a single top word. Finding the first or next set bit walks
/// at most one word per level (4 levels for a /10), so it never scans the map; setting and clearing touch the
/// summaries only when a word turns empty or non-empty. The set-bit count is kept as bits change.
/// </summary>
internal sealed class SummaryBitmap
{
    private readonly ulong[] _leaf;

    // _summaries[0] summarises _leaf, _summaries[k+1] summarises _summaries[k]; the last has exactly one word.
    private readonly ulong[][] _summaries;
    private int _count;

    /// <summary>An empty bitmap of <paramref name="length"/> bits.</summary>
    public SummaryBitmap(int length)
    {
        Debug.Assert(length > 0);
        Length = length;
        _leaf = new ulong[WordsFor(length)];
        var levels = new List<ulong[]>();
        for (var words = _leaf.Length; words > 1;)
        {
            words = WordsFor(words);
            levels.Add(new ulong[words]);
        }

        _summaries = [.. levels];
    }

    private SummaryBitmap(SummaryBitmap other)
    {
        Length = other.Length;
        _count = other._count;
        _leaf = (ulong[])other._leaf.Clone();
        _summaries = new ulong[other._summaries.Length][];
        for (var i = 0; i < _summaries.Length; i++)
        {
            _summaries[i] = (ulong[])other._summaries[i].Clone();
        }
    }

    /// <summary>How many bits the map holds.</summary>
    public int Length { get; }

    /// <summary>How many bits are set.</summary>
    public int Count => _count;

    /// <summary>How many leaf words the map holds.</summary>
    public int WordCount => _leaf.Length;

    /// <summary>The bytes the arrays take, for memory reports.</summary>
    public long ByteSize
    {
        get
        {
            long bytes = _leaf.Length * sizeof(ulong);
            foreach (var level in _summaries)
            {
                bytes += level.Length * sizeof(ulong);
            }

            return bytes;
        }
    }

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
    public void Set(int index) => SetBits(index >> 6, 1UL << index);

    /// <summary>Clears bit <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear(int index) => ClearBits(index >> 6, 1UL << index);

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
        var summaries = _summaries;
        if (summaries.Length == 0)
        {
            var only = _leaf[0];
            return only == 0 ? -1 : BitOperations.TrailingZeroCount(only);
        }

        var level = summaries.Length - 1;
        var top = summaries[level][0];
        if (top == 0)
        {
            return -1;
        }

        var index = BitOperations.TrailingZeroCount(top);
        while (--level >= 0)
        {
            index = (index << 6) + BitOperations.TrailingZeroCount(summaries[level][index]);
        }

        return (index << 6) + BitOperations.TrailingZeroCount(_leaf[index]);
    }

    /// <summary>The lowest set bit at or after <paramref name="from"/>, or -1 when there is none.</summary>
    public int FindNext(int from)
    {
        if ((uint)from >= (uint)Length)
        {
            return -1;
        }

        var wordIndex = from >> 6;
        var masked = _leaf[wordIndex] & (ulong.MaxValue << from);
        if (masked != 0)
        {
            return (wordIndex << 6) + BitOperations.TrailingZeroCount(masked);
        }

        // Climb until some summary has a set bit past the current position, then descend along first set bits.
        var summaries = _summaries;
        var index = wordIndex + 1;
        var level = 0;
        while (true)
        {
            if (level == summaries.Length)
            {
                return -1;
            }

            var words = summaries[level];
            var word = index >> 6;
            if (word >= words.Length)
            {
                return -1;
            }

            masked = words[word] & (ulong.MaxValue << index);
            if (masked != 0)
            {
                index = (word << 6) + BitOperations.TrailingZeroCount(masked);
                break;
            }

            index = word + 1;
            level++;
        }

        while (--level >= 0)
        {
            index = (index << 6) + BitOperations.TrailingZeroCount(summaries[level][index]);
        }

        return (index << 6) + BitOperations.TrailingZeroCount(_leaf[index]);
    }

    /// <summary>The first set bit at or after <paramref name="from"/>, wrapping round to the start; -1 when empty.</summary>
    public int FindNextWrapping(int from)
    {
        var found = FindNext(from);
        return found >= 0 ? found : FindFirst();
    }

    /// <summary>Checks that the summaries and the count agree with the leaf words (for tests).</summary>
    internal bool IsConsistent()
    {
        var count = 0;
        foreach (var word in _leaf)
        {
            count += BitOperations.PopCount(word);
        }

        if (count != _count)
        {
            return false;
        }

        var below = _leaf;
        foreach (var level in _summaries)
        {
            for (var i = 0; i < below.Length; i++)
            {
                var flagged = (level[i >> 6] & (1UL << i)) != 0;
                if (flagged != (below[i] != 0))
                {
                    return false;
                }
            }

            below = level;
        }

        return true;
    }

    private void MarkNonEmpty(int index)
    {
        foreach (var level in _summaries)
        {
            ref var word = ref level[index >> 6];
            var old = word;
            word = old | (1UL << index);
            if (old != 0)
            {
                return;
            }

            index >>= 6;
        }
    }

    private void MarkEmpty(int index)
    {
        foreach (var level in _summaries)
        {
            ref var word = ref level[index >> 6];
            var now = word & ~(1UL << index);
            word = now;
            if (now != 0)
            {
                return;
            }

            index >>= 6;
        }
    }
}
