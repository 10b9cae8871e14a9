using System.Runtime.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace IpPlanner.Core.Addressing;

// Taking and releasing: the hot path. Automatic takes find their address through the summary bitmaps, update a
// handful of words and counters, and never allocate.
public sealed partial class SubnetAddressSpace
{
    /// <summary>
    /// Takes one free address chosen by the <see cref="Policy"/> (never reserved, never in use); false when
    /// <see cref="Free"/> is 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTakeAddress(out uint address)
    {
        var index = _policy == AddressPolicy.LowestFree
            ? _free.FindFirst()
            : _free.FindNextWrapping(_random.NextBelow(_size));
        if (index < 0)
        {
            address = 0;
            return false;
        }

        unchecked
        {
            var w = index >> 6;
            var bit = 1UL << index;
            ref var held = ref _held[w];
            var wasIdle = BlockBits(held, index) == 0;
            held |= bit;
            _free.ClearSetBit(index);

            // Only a block with nothing held can be a free prefix, and a free single address never lies in a block
            // wholly inside a prefix reservation. The open set keeps the now stale bit (see _openBlocks).
            if (wasIdle && _openBlocks.Get(index >> 4))
            {
                _freeOpenBlocks--;
            }

            address = _network + (uint)index;
        }

        return true;
    }

    /// <summary>
    /// Delegates a free aligned /28, chosen by the <see cref="Policy"/> among those inside prefix reservations
    /// first, then among the rest. On failure says why: <see cref="PrefixResult.InsufficientCidrBlocks"/> when
    /// addresses are available but no /28 is wholly free, else <see cref="PrefixResult.InsufficientFreeAddressesInSubnet"/>.
    /// </summary>
    public PrefixResult TryTakePrefix(out uint prefixStart)
    {
        var block = PickReservedBlock();
        if (block < 0)
        {
            block = PickOpenBlock();
        }

        if (block < 0)
        {
            prefixStart = 0;
            return Available == 0 ? PrefixResult.InsufficientFreeAddressesInSubnet : PrefixResult.InsufficientCidrBlocks;
        }

        HoldBlock(block, availableInBlock: PrefixSize);
        prefixStart = unchecked(_network + (uint)(block << 4));
        return PrefixResult.Success;
    }

    /// <summary>
    /// Takes one specific address, as when importing existing ENIs or assigning an IP by hand: explicit
    /// reservations allow it. False when the address is in use, AWS-reserved or inside a prefix reservation.
    /// Throws <see cref="ArgumentOutOfRangeException"/> when the address lies outside the subnet.
    /// </summary>
    public bool TryTake(uint address)
    {
        var index = IndexOf(address, nameof(address));
        var w = index >> 6;
        var bit = 1UL << index;
        if ((_held[w] & bit) != 0 || IsAwsReserved(index) || IsSet(_prefixReserved, w, bit))
        {
            return false;
        }

        var wasIdle = BlockBits(_held[w], index) == 0;
        _held[w] |= bit;
        if (IsSet(_explicitReserved, w, bit))
        {
            // In use but not free before or after.
            _inUseAndFree++;
        }
        else
        {
            // It was free: Free and Available down one, InUse up one.
            _free.ClearBits(w, bit);
            if (wasIdle && _openBlocks.Get(index >> 4))
            {
                _freeOpenBlocks--;
            }
        }

        return true;
    }

    /// <summary>
    /// Delegates one specific aligned /28 starting at <paramref name="prefixStart"/>, as when importing a prefix
    /// already on an ENI; reservations of either type allow it. False when any of its addresses is in use or
    /// AWS-reserved. Throws <see cref="ArgumentException"/> when the start is outside the subnet or not aligned.
    /// </summary>
    public bool TryTakePrefixAt(uint prefixStart)
    {
        var block = BlockOf(prefixStart, nameof(prefixStart));
        if (Nibble(_held, block) != 0 || block == 0 || block == _blockCount - 1)
        {
            return false;
        }

        var explicitCount = _explicitReserved is null ? 0 : BitOperations.PopCount(Nibble(_explicitReserved, block));
        HoldBlock(block, PrefixSize - explicitCount);
        return true;
    }

    /// <summary>
    /// Releases one address held singly (taken, or marked in use). Throws <see cref="InvalidOperationException"/>
    /// when it is not in use or belongs to a delegated prefix, <see cref="ArgumentOutOfRangeException"/> when outside.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release(uint address)
    {
        var index = IndexOf(address, nameof(address));
        var w = index >> 6;
        var bit = 1UL << index;
        var block = index >> 4;
        ref var held = ref _held[w];
        if ((held & bit) == 0 || IsPrefixHeld(block))
        {
            ThrowNotHeld(address, block);
        }

        unchecked
        {
            held &= ~bit;
            if (IsSet(_explicitReserved, w, bit))
            {
                // Out of use, and still not free.
                _inUseAndFree--;
            }
            else
            {
                if (IsSet(_prefixReserved, w, bit))
                {
                    // Available again but not free: held by MarkInUse inside a prefix reservation.
                    _availableOverFree++;
                    _inUseAndFree--;
                }
                else
                {
                    // It was held, so its free bit is clear. Free and Available up one, InUse down one.
                    _free.SetClearBit(index);
                }

                if (BlockBits(held, index) == 0)
                {
                    // The block is idle again: its open bit may still be there from the take.
                    if (_openBlocks.Get(block))
                    {
                        _freeOpenBlocks++;
                    }
                    else
                    {
                        OfferIdleBlock(block);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Releases the delegated /28 that starts at <paramref name="prefixStart"/>. Throws
    /// <see cref="InvalidOperationException"/> when no prefix is delegated there, <see cref="ArgumentException"/>
    /// when the start is outside the subnet or not aligned.
    /// </summary>
    public void ReleasePrefix(uint prefixStart)
    {
        var block = BlockOf(prefixStart, nameof(prefixStart));
        if (!IsPrefixHeld(block))
        {
            throw new InvalidOperationException($"{FormatBlock(block)} is not a delegated prefix in subnet {Cidr}");
        }

        unchecked
        {
            var w = block >> 2;
            var mask = NibbleMask << ((block & 3) << 4);
            var explicitBits = Word(_explicitReserved, w) & mask;
            _prefixHeld[block >> 6] &= ~(1UL << block);
            _held[w] &= ~mask;
            var freeBefore = _free.Count;
            _free.SetBits(w, mask & ~explicitBits & ~Word(_prefixReserved, w));
            Account(PrefixSize - BitOperations.PopCount(explicitBits), -PrefixSize, freeBefore);
            OfferBlock(block);
        }
    }

    private int PickReservedBlock()
    {
        if (_reservedBlocks.Count == 0)
        {
            return -1;
        }

        return _policy == AddressPolicy.LowestFree
            ? _reservedBlocks.FindFirst()
            : _reservedBlocks.FindNextWrapping(_random.NextBelow(_blockCount));
    }

    /// <summary>A free block of the open set, dropping stale bits met on the way; -1 when none is free.</summary>
    private int PickOpenBlock()
    {
        if (_freeOpenBlocks == 0)
        {
            return -1;
        }

        // At least one set bit is a free block, so this ends; each stale bit is dropped once.
        var block = _policy == AddressPolicy.LowestFree ? 0 : _random.NextBelow(_blockCount);
        while (true)
        {
            block = _openBlocks.FindNextWrapping(block);
            if (Nibble(_held, block) == 0)
            {
                return block;
            }

            _openBlocks.Clear(block);
        }
    }

    /// <summary>Marks a block as a delegated prefix; its addresses must all be unheld and none AWS-reserved.</summary>
    private void HoldBlock(int block, int availableInBlock)
    {
        unchecked
        {
            var w = block >> 2;
            var mask = NibbleMask << ((block & 3) << 4);
            _held[w] |= mask;
            var freeBefore = _free.Count;
            _free.ClearBits(w, mask);
            _prefixHeld[block >> 6] |= 1UL << block;
            _reservedBlocks.Clear(block);
            if (_openBlocks.Get(block))
            {
                // The block is idle, so its bit is not stale.
                _openBlocks.Clear(block);
                _freeOpenBlocks--;
            }

            Account(-availableInBlock, PrefixSize, freeBefore);
        }
    }

    private int BlockOf(uint prefixStart, string paramName)
    {
        var index = IndexOf(prefixStart, paramName);
        if ((index & (PrefixSize - 1)) != 0)
        {
            throw new ArgumentException($"{Ipv4.Format(prefixStart)} does not start an aligned /28 in subnet {Cidr}", paramName);
        }

        return index >> 4;
    }

    [DoesNotReturn]
    private void ThrowNotHeld(uint address, int block)
    {
        if (IsPrefixHeld(block))
        {
            throw new InvalidOperationException(
                $"{Ipv4.Format(address)} belongs to the delegated prefix {FormatBlock(block)}: release the prefix instead");
        }

        throw new InvalidOperationException($"{Ipv4.Format(address)} is not in use in subnet {Cidr}");
    }
}
