using System.Numerics;
using System.Text;

namespace IpPlanner.Core.Addressing;

// Read-only views for reports: per-/28 states, the block map, fragmentation and the largest free block. These
// walk the bitmaps (one pass, no per-block allocation) and are meant for reports, not for inner loops.
public sealed partial class SubnetAddressSpace
{
    /// <summary>The characters of <see cref="BlockMap"/>, one per <see cref="BlockState"/>.</summary>
    public const string BlockMapLegend =
        ". free /28 | : free /28 in a prefix reservation | + partly used | # full | x reserved (AWS or explicit), nothing in use | P delegated prefix";

    // Indexed by BlockState.
    private const string BlockMapCharacters = ".:+#xP";

    /// <summary>
    /// The share of partly used blocks among the /28 blocks that hold any available address (docs/rules.md, "Whole free /28s and fragmentation"): 0 when
    /// every block with room is wholly free (or nothing is available), 1 when every such block also holds
    /// something in use, so a prefix can fit nowhere even though addresses remain.
    /// </summary>
    public double FragmentationScore
    {
        get
        {
            var withRoom = 0;
            var partlyUsed = 0;
            for (var b = 0; b < _blockCount; b++)
            {
                var held = HeldNibble(b);
                if (AvailableNibble(b, held) != 0)
                {
                    withRoom++;
                    if (held != 0)
                    {
                        partlyUsed++;
                    }
                }
            }

            return withRoom == 0 ? 0 : (double)partlyUsed / withRoom;
        }
    }

    /// <summary>
    /// Addresses in the largest aligned power-of-two block whose addresses are all available (not in use, not
    /// AWS-reserved, not explicit-reserved); 0 when none is. A /28 prefix needs 16 (and a block free of holders).
    /// </summary>
    public int LargestFreeBlockSize
    {
        get
        {
            var words = _words;
            var best = 0;
            if (_size >= 64)
            {
                // Aligned groups of wholly available words, found per run of such words.
                var runStart = -1;
                for (var w = 0; w <= words; w++)
                {
                    var whole = w < words && AvailableWord(w) == ulong.MaxValue;
                    if (whole && runStart < 0)
                    {
                        runStart = w;
                    }
                    else if (!whole && runStart >= 0)
                    {
                        best = Math.Max(best, LargestAlignedGroup(runStart, w) * 64);
                        runStart = -1;
                    }
                }

                if (best > 0)
                {
                    return best;
                }
            }

            for (var w = 0; w < words; w++)
            {
                best = Math.Max(best, LargestAlignedBlockInWord(AvailableWord(w)));
            }

            return best;
        }
    }

    /// <summary>The prefix length of <see cref="LargestFreeBlockSize"/> (32 for a lone address), or null when nothing is available.</summary>
    public int? LargestFreeBlockPrefixLength
    {
        get
        {
            var size = LargestFreeBlockSize;
            return size == 0 ? null : 32 - BitOperations.Log2((uint)size);
        }
    }

    /// <summary>The state of /28 block <paramref name="blockIndex"/> (0 is the block at <see cref="Network"/>).</summary>
    public BlockState GetBlockState(int blockIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(blockIndex, _blockCount);
        if (IsPrefixHeld(blockIndex))
        {
            return BlockState.PrefixHeld;
        }

        var held = HeldNibble(blockIndex);
        var available = AvailableNibble(blockIndex, held);
        if (held == 0)
        {
            if (available != NibbleMask)
            {
                return BlockState.Reserved;
            }

            return _reservedBlocks.Get(blockIndex) ? BlockState.PrefixReserved : BlockState.Free;
        }

        return available == 0 ? BlockState.Full : BlockState.PartlyUsed;
    }

    /// <summary>
    /// One character per /28 block in address order, <paramref name="perLine"/> blocks to a line ('\n' between
    /// lines, none at the end); the characters are explained by <see cref="BlockMapLegend"/>.
    /// </summary>
    public string BlockMap(int perLine = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perLine, 1);
        var builder = new StringBuilder(_blockCount + (_blockCount / perLine));
        for (var b = 0; b < _blockCount; b++)
        {
            if (b > 0 && b % perLine == 0)
            {
                builder.Append('\n');
            }

            builder.Append(BlockMapCharacters[(int)GetBlockState(b)]);
        }

        return builder.ToString();
    }

    /// <summary>The available addresses of a block as 16 low bits, given its held bits.</summary>
    private ulong AvailableNibble(int block, ulong held)
    {
        var w = block >> 2;
        var shift = (block & 3) << 4;
        var blocked = (Word(_explicitReserved, w) | AwsMask(w) | ~ValidMask) >> shift;
        return ~(held | blocked) & NibbleMask;
    }

    /// <summary>The largest power-of-two count of words in an aligned group inside the run [start, end).</summary>
    private static int LargestAlignedGroup(int start, int end)
    {
        for (var group = (int)BitOperations.RoundUpToPowerOf2((uint)(end - start)); group >= 1; group >>= 1)
        {
            var alignedStart = (start + group - 1) & -group;
            if (alignedStart + group <= end)
            {
                return group;
            }
        }

        return 0;
    }

    /// <summary>The size of the largest aligned power-of-two run of set bits in a word (64 when all are set).</summary>
    private static int LargestAlignedBlockInWord(ulong bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        // Fold: after step k, bit i (i a multiple of 2^k) is set when bits [i, i + 2^k) all were.
        ReadOnlySpan<ulong> alignedAt =
        [
            0x5555555555555555UL, 0x1111111111111111UL, 0x0101010101010101UL,
            0x0001000100010001UL, 0x0000000100000001UL, 0x0000000000000001UL,
        ];
        var size = 1;
        for (var step = 0; step < alignedAt.Length; step++)
        {
            bits &= (bits >> (1 << step)) & alignedAt[step];
            if (bits == 0)
            {
                break;
            }

            size <<= 1;
        }

        return size;
    }
}
