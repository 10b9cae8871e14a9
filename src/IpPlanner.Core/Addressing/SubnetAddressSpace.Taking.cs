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
        int index;
        ulong before;
        if (_policy == AddressPolicy.LowestFree)
        {
            index = _free.ClearFirst(out before);
        }
        else
        {
            index = _free.FindNextWrapping(_random.NextBelow(_size));
            before = index < 0 ? 0 : _free.ClearSetBit(index);
        }

        if (index < 0)
        {
            address = 0;
            return false;
        }

        // Free, Available and InUse move together (see _inUseAndFree). A block whose 16 addresses were all free was
        // a free prefix of the open set and is now busy; the open set keeps the stale bit (see _openBlocks).
        if (BlockBits(before, index) == NibbleMask)
        {
            _freeOpenBlocks--;
        }
        else if (_prefixReserved is not null && BlockBits(_prefixReserved[index >> 6], index) != 0)
        {
            TookFromPartlyReservedBlock(index);
        }

        address = unchecked(_network + (uint)index);
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
        if (IsAwsReserved(index) || IsSet(_prefixReserved, w, bit))
        {
            return false;
        }

        if (IsSet(_explicitReserved, w, bit))
        {
            // In use but never free; its block is never a free prefix.
            if ((_heldReserved![w] & bit) != 0)
            {
                return false;
            }

            _heldReserved[w] |= bit;
            _inUseAndFree++;
            return true;
        }

        if ((_free.Word(w) & bit) == 0)
        {
            return false;
        }

        // It was free: Free and Available down one, InUse up one.
        var block = index >> 4;
        var wasIdle = HeldNibble(block) == 0;
        _free.ClearBits(w, bit);
        if (wasIdle && _openBlocks.Get(block))
        {
            _freeOpenBlocks--;
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
        if (HeldNibble(block) != 0 || block == 0 || block == _blockCount - 1)
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
        // One comparison sends addresses outside the subnet, the AWS-reserved ones and every release in a subnet
        // with reservations down the slow path (see _fastReleaseSpan).
        var index = unchecked((int)(address - _network));
        if (unchecked((uint)(index - 4) >= _fastReleaseSpan))
        {
            ReleaseSlowly(address);
            return;
        }

        // No reservations: a usable address outside delegated prefixes is held exactly when it is not free.
        var block = index >> 4;
        if (IsPrefixHeld(block))
        {
            ThrowNotHeld(address, block);
        }

        if (!_free.TrySet(index, out var after))
        {
            ThrowNotHeld(address, block);
        }

        // Free, Available and InUse move together. A block whose addresses are all free again is a free prefix.
        if (BlockBits(after, index) == NibbleMask)
        {
            BlockTurnedIdle(block);
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
            if (_heldReserved is not null)
            {
                _heldReserved[w] &= ~mask;
            }

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
            if (HeldNibble(block) == 0)
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
            var reserved = Word(_reserved, w) & mask;
            if (reserved != 0)
            {
                _heldReserved![w] |= reserved;
            }

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

    /// <summary>
    /// The slow half of <see cref="Release"/>: addresses outside the subnet or AWS-reserved (which throw), and any
    /// release once the subnet has reservations, where the address may be held inside one and a block may be idle
    /// without all its addresses free.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReleaseSlowly(uint address)
    {
        var index = IndexOf(address, nameof(address));
        var w = index >> 6;
        var bit = 1UL << index;
        var block = index >> 4;
        if (IsAwsReserved(index) || IsPrefixHeld(block))
        {
            ThrowNotHeld(address, block);
        }

        if (IsSet(_reserved, w, bit))
        {
            if ((_heldReserved![w] & bit) == 0)
            {
                ThrowNotHeld(address, block);
            }

            _heldReserved[w] &= ~bit;
            _inUseAndFree--;
            if (IsSet(_explicitReserved, w, bit))
            {
                // Out of use and still not free; the block holds an explicit address, so it is never a prefix.
                return;
            }

            // Held by MarkInUse inside a prefix reservation: available again but not free.
            _availableOverFree++;
        }
        else if (!_free.TrySet(index, out _))
        {
            ThrowNotHeld(address, block);
        }

        if (HeldNibble(block) == 0)
        {
            BlockTurnedIdle(block);
        }
    }

    /// <summary>Counts or offers <paramref name="block"/>, which holds nothing any more, as a free prefix.</summary>
    private void BlockTurnedIdle(int block)
    {
        // Its open bit may still be there from the take that made it busy.
        if (_openBlocks.Get(block))
        {
            _freeOpenBlocks++;
        }
        else
        {
            OfferIdleBlock(block);
        }
    }

    /// <summary>
    /// After a take from a block with some addresses in a prefix reservation (so never wholly free): if nothing
    /// else in the block was held, it was a free prefix of the open set and is now busy.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TookFromPartlyReservedBlock(int index)
    {
        var block = index >> 4;
        if ((HeldNibble(block) & ~(1UL << (index & 15))) == 0 && _openBlocks.Get(block))
        {
            _freeOpenBlocks--;
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
