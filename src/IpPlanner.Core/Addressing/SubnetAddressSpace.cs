using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace IpPlanner.Core.Addressing;

/// <summary>
/// The addresses of one IPv4 subnet and who holds them: the 5 AWS-reserved addresses, <c>prefix</c> and
/// <c>explicit</c> CIDR reservations, single addresses in use and delegated /28 prefixes. It hands out addresses and
/// prefixes the way EC2 does and reports what is left. Not thread-safe; <see cref="Clone"/> it for what-ifs.
/// </summary>
/// <remarks>
/// <para>Words used throughout: an address is <em>in use</em> when something holds it (a single address or part of a
/// delegated prefix). It is <em>free</em> (<see cref="Free"/>) when an automatic single-address take may hand it out:
/// not in use, not AWS-reserved, outside every reservation. It is <em>available</em> (<see cref="Available"/>) when
/// it is not in use and automatic assignment of some kind may use it: free, or inside a <c>prefix</c> reservation.
/// A /28 block is a <em>free prefix</em> when it is aligned, all 16 addresses are available and none is held.</para>
/// <para>Addresses are <see cref="uint"/> values in host byte order (see <see cref="Ipv4"/>). Expected outcomes
/// (nothing free) are results; bad arguments (malformed CIDR, address outside the subnet, releasing something not
/// held) throw.</para>
/// </remarks>
public sealed partial class SubnetAddressSpace
{
    /// <summary>The smallest subnet AWS allows is a /28.</summary>
    public const int MaxPrefixLength = 28;

    /// <summary>AWS subnets can be as large as /16; larger spaces down to /10 are accepted for whole CG-NAT ranges.</summary>
    public const int MinPrefixLength = 10;

    /// <summary>Addresses AWS reserves in every subnet: the network address, the next three and the last.</summary>
    public const int AwsReservedCount = AwsReservedAddresses.Count;

    /// <summary>Addresses in one delegated prefix (a /28).</summary>
    public const int PrefixSize = 16;

    private const ulong NibbleMask = 0xFFFF;

    private readonly Ipv4Cidr _cidr;
    private readonly uint _network;
    private readonly int _size;
    private readonly int _blockCount;
    private readonly AddressPolicy _policy;

    // Per address: free for an automatic single-address take. Outside reservations and the AWS-reserved addresses,
    // an address is in use exactly when its free bit is clear, so single takes and releases touch this bitmap only.
    // The SummaryBitmap fields are mutable structs: deliberately not readonly (see SummaryBitmap).
    private SummaryBitmap _free;

    private readonly int _words;

    // Per /28: free prefixes wholly inside prefix reservations (taken first), and all other free prefixes. The
    // open set may keep stale bits for blocks a single take has since made busy: clearing and re-setting the bit
    // on every take and release of a single address in an otherwise idle block cost a third of that hot path.
    // Prefix takes drop stale bits as they meet them; _freeOpenBlocks is the exact count.
    private SummaryBitmap _reservedBlocks;
    private SummaryBitmap _openBlocks;
    private int _freeOpenBlocks;

    // Per /28: held as a delegated prefix, so its addresses are released together.
    private readonly ulong[] _prefixHeld;

    // Per address, allocated on first reservation of that type so an unreserved /10 stays small.
    private ulong[]? _prefixReserved;
    private ulong[]? _explicitReserved;

    // Per address, allocated with the first reservation: reserved by either type (the hot path checks one field
    // for "no reservations at all"), and, among those, the addresses in use (the free bitmap cannot say).
    private ulong[]? _reserved;
    private ulong[]? _heldReserved;

    // Releases of index i with (uint)(i - 4) < this take the fast path: the usable addresses (4 to size - 2) while
    // the subnet has no reservations, none once it has.
    private uint _fastReleaseSpan;

    // Available and InUse move in step with Free on the hot path (a take: Free and Available down one, InUse up
    // one), so they are kept as offsets from Free that only slow paths change: two fewer counters per take and
    // release.
    private int _availableOverFree;
    private int _inUseAndFree;
    private SplitMix64 _random;

    private SubnetAddressSpace(Ipv4Cidr cidr, AddressPolicy policy, int seed)
    {
        Debug.Assert(cidr.PrefixLength is >= MinPrefixLength and <= MaxPrefixLength);
        _cidr = cidr;
        _network = cidr.First;
        _size = (int)cidr.Size;
        _blockCount = _size / PrefixSize;
        _policy = policy;
        _random = new SplitMix64(seed);

        var words = SummaryBitmap.WordsFor(_size);
        _words = words;
        _fastReleaseSpan = (uint)(_size - AwsReservedCount);
        _prefixHeld = new ulong[SummaryBitmap.WordsFor(_blockCount)];
        _free = new SummaryBitmap(_size);
        _reservedBlocks = new SummaryBitmap(_blockCount);
        _openBlocks = new SummaryBitmap(_blockCount);

        // Every address but the AWS-reserved ones is free, and every block that can be a prefix is one.
        for (var w = 0; w < words; w++)
        {
            _free.SetWord(w, ~AwsMask(w) & ValidMask);
        }

        for (var b = 0; b < _blockCount; b++)
        {
            OfferIdleBlock(b);
        }

        Account(availableDelta: _free.Count, inUseDelta: 0, freeBefore: 0);
    }

    private SubnetAddressSpace(SubnetAddressSpace other)
    {
        _cidr = other._cidr;
        _network = other._network;
        _size = other._size;
        _blockCount = other._blockCount;
        _policy = other._policy;
        _random = other._random;
        _words = other._words;
        _prefixHeld = (ulong[])other._prefixHeld.Clone();
        _free = other._free.Clone();
        _reservedBlocks = other._reservedBlocks.Clone();
        _openBlocks = other._openBlocks.Clone();
        _prefixReserved = (ulong[]?)other._prefixReserved?.Clone();
        _explicitReserved = (ulong[]?)other._explicitReserved?.Clone();
        _reserved = (ulong[]?)other._reserved?.Clone();
        _heldReserved = (ulong[]?)other._heldReserved?.Clone();
        _fastReleaseSpan = other._fastReleaseSpan;
        _availableOverFree = other._availableOverFree;
        _inUseAndFree = other._inUseAndFree;
        _freeOpenBlocks = other._freeOpenBlocks;
    }

    /// <summary>The subnet in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public string Cidr => _cidr.ToString();

    /// <summary>The network (first) address.</summary>
    public uint Network => _network;

    /// <summary>The prefix length, from <see cref="MinPrefixLength"/> to <see cref="MaxPrefixLength"/>.</summary>
    public int PrefixLength => _cidr.PrefixLength;

    /// <summary>How many addresses the subnet spans, reserved ones included.</summary>
    public int Size => _size;

    /// <summary>Addresses AWS lets you use: <see cref="Size"/> minus the 5 it reserves (/28 = 11, /24 = 251, /16 = 65,531).</summary>
    public int Usable => _size - AwsReservedCount;

    /// <summary>How automatic takes choose among free addresses and prefixes.</summary>
    public AddressPolicy Policy => _policy;

    /// <summary>Addresses an automatic single-address take could still hand out (reservations excluded).</summary>
    public int Free => _free.Count;

    /// <summary>Addresses not in use that automatic assignment may use: <see cref="Free"/> plus unused addresses in prefix reservations.</summary>
    public int Available => _free.Count + _availableOverFree;

    /// <summary>Addresses in use, whether held singly or inside delegated prefixes.</summary>
    public int InUse => _inUseAndFree - _free.Count;

    /// <summary>Aligned /28 blocks a prefix take could still delegate (inside prefix reservations or not).</summary>
    public int FreePrefixes => _reservedBlocks.Count + _freeOpenBlocks;

    /// <summary>How many aligned /28 blocks the subnet holds (<see cref="Size"/> / 16).</summary>
    public int BlockCount => _blockCount;

    /// <summary>
    /// A new empty space over <paramref name="cidr"/> (for example <c>10.0.0.0/24</c>, /10 to /28). Throws
    /// <see cref="ArgumentException"/> for malformed text, host bits set or an unsupported size.
    /// </summary>
    /// <param name="cidr">The subnet, as a.b.c.d/n.</param>
    /// <param name="policy">How automatic takes choose addresses.</param>
    /// <param name="seed">Seeds the generator behind <see cref="AddressPolicy.Random"/>.</param>
    public static SubnetAddressSpace Parse(string cidr, AddressPolicy policy = AddressPolicy.LowestFree, int seed = 0)
    {
        if (!TryParseBlock(cidr, out var parsed, out var problem))
        {
            throw new ArgumentException(problem, nameof(cidr));
        }

        if (!Enum.IsDefined(policy))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown address policy");
        }

        return new SubnetAddressSpace(parsed, policy, seed);
    }

    /// <summary>
    /// A new empty space over <paramref name="cidr"/> as <see cref="Parse"/> makes it, or false and what is wrong with
    /// the text (the words of <see cref="Parse"/>'s exception, without its parameter name).
    /// </summary>
    public static bool TryParse(string? cidr, [NotNullWhen(true)] out SubnetAddressSpace? space, [NotNullWhen(false)] out string? problem)
    {
        space = TryParseBlock(cidr, out var parsed, out problem) ? new SubnetAddressSpace(parsed, AddressPolicy.LowestFree, 0) : null;
        return space is not null;
    }

    // The one check of a subnet's text and size, behind Parse and TryParse.
    private static bool TryParseBlock(string? cidr, out Ipv4Cidr parsed, [NotNullWhen(false)] out string? problem)
    {
        if (!CidrText.TryParse(cidr, allowBareAddress: false, out parsed, out var failure))
        {
            problem = CidrText.Describe(cidr, failure, allowBareAddress: false);
            return false;
        }

        if (parsed.PrefixLength is < MinPrefixLength or > MaxPrefixLength)
        {
            problem = $"subnet {parsed} is a /{parsed.PrefixLength}: a subnet must be /{MinPrefixLength} to /{MaxPrefixLength} (AWS allows /16 to /28)";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// An independent copy (arrays copied, random sequence continued separately) for trying what-ifs. The copy has no
    /// <see cref="Usage"/> meter: the caller gives it the meter of the VPC copy it belongs to.
    /// </summary>
    public SubnetAddressSpace Clone() => new(this);

    /// <summary>
    /// The Network Address Usage of the VPC this subnet belongs to, which every EC2 call of a node on it must stay
    /// within; null when nothing meters it (a scratch node, a lone subnet).
    /// </summary>
    public NetworkAddressUsageMeter? Usage { get; set; }

    /// <summary>True when <paramref name="address"/> lies inside the subnet.</summary>
    public bool Contains(uint address) => unchecked(address - _network < (uint)_size);

    /// <summary>A one-line summary such as "10.0.0.0/24: 240 free of 251 usable, 14 free /28".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cidr}: {Free} free of {Usable} usable, {InUse} in use, {FreePrefixes} free /28");

    /// <summary>The counters a slow-path change must adjust, taken over a range of words before the change.</summary>
    private readonly record struct RangeCounts(int Available, int FreeOpenBlocks, int Free);

    /// <summary>Counts what <see cref="Refresh"/> will recompute over words [first, last]; call before changing them.</summary>
    private RangeCounts CountRange(int firstWord, int lastWord)
    {
        var available = 0;
        for (var w = firstWord; w <= lastWord; w++)
        {
            available += BitOperations.PopCount(AvailableWord(w));
        }

        var freeOpen = 0;
        for (var b = firstWord * 4; b <= LastBlockOf(lastWord); b++)
        {
            // A set bit on an idle block is never stale.
            freeOpen += _openBlocks.Get(b) && HeldNibble(b) == 0 ? 1 : 0;
        }

        return new RangeCounts(available, freeOpen, _free.Count);
    }

    /// <summary>
    /// Recomputes the derived state (free bits, block sets, counters) for words [first, last] after a slow-path
    /// change that put <paramref name="inUseDelta"/> more addresses in use. The free bits of the range must already
    /// say what is in use outside reservations (see <see cref="HeldWord"/>).
    /// </summary>
    private void Refresh(int firstWord, int lastWord, RangeCounts before, int inUseDelta = 0)
    {
        var availableAfter = 0;
        for (var w = firstWord; w <= lastWord; w++)
        {
            _free.SetWord(w, FreeWord(w));
            availableAfter += BitOperations.PopCount(AvailableWord(w));
        }

        Account(availableAfter - before.Available, inUseDelta, before.Free);
        _freeOpenBlocks -= before.FreeOpenBlocks;
        for (var b = firstWord * 4; b <= LastBlockOf(lastWord); b++)
        {
            _reservedBlocks.Clear(b);
            _openBlocks.Clear(b);
            OfferBlock(b);
        }
    }

    /// <summary>
    /// Records a slow-path change of <see cref="Available"/> and <see cref="InUse"/> by the given amounts, made
    /// while <see cref="Free"/> moved from <paramref name="freeBefore"/> to its current value.
    /// </summary>
    private void Account(int availableDelta, int inUseDelta, int freeBefore)
    {
        var freeDelta = _free.Count - freeBefore;
        _availableOverFree += availableDelta - freeDelta;
        _inUseAndFree += inUseDelta + freeDelta;
    }

    private int LastBlockOf(int lastWord) => Math.Min(_blockCount, (lastWord + 1) * 4) - 1;

    /// <summary>Adds <paramref name="block"/> to the free prefix sets if it is now entirely available and unheld.</summary>
    private void OfferBlock(int block)
    {
        if (HeldNibble(block) == 0)
        {
            OfferIdleBlock(block);
        }
    }

    /// <summary>
    /// Adds <paramref name="block"/>, which holds nothing and is in neither set, to the right free prefix set if
    /// it can be delegated.
    /// </summary>
    private void OfferIdleBlock(int block)
    {
        if (!IsDelegatable(block))
        {
            return;
        }

        if (_prefixReserved is not null && Nibble(_prefixReserved, block) == NibbleMask)
        {
            _reservedBlocks.Set(block);
        }
        else
        {
            _openBlocks.Set(block);
            _freeOpenBlocks++;
        }
    }

    /// <summary>False for blocks that can never be a free prefix: those holding AWS-reserved or explicit addresses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsDelegatable(int block) =>
        block != 0 && block != unchecked(_blockCount - 1) && (_explicitReserved is null || Nibble(_explicitReserved, block) == 0);

    /// <summary>Addresses of word <paramref name="w"/> free for single takes.</summary>
    private ulong FreeWord(int w) => AvailableWord(w) & ~Word(_prefixReserved, w);

    /// <summary>Addresses of word <paramref name="w"/> not in use and open to automatic assignment.</summary>
    private ulong AvailableWord(int w) => ~HeldWord(w) & ~Word(_explicitReserved, w) & ~AwsMask(w) & ValidMask;

    /// <summary>
    /// Addresses of word <paramref name="w"/> in use, singly or in a delegated prefix: outside reservations those
    /// whose free bit is clear (the AWS-reserved ones aside), inside them those recorded as held there.
    /// </summary>
    private ulong HeldWord(int w)
    {
        var outside = ~_free.Word(w) & ~AwsMask(w) & ValidMask;
        return _reserved is null ? outside : (outside & ~_reserved[w]) | _heldReserved![w];
    }

    /// <summary>The addresses in use of /28 block <paramref name="block"/>, in the low 16 bits.</summary>
    private ulong HeldNibble(int block) => (HeldWord(block >> 2) >> ((block & 3) << 4)) & NibbleMask;

    /// <summary>The AWS-reserved addresses (network, +1, +2, +3, last) that fall in word <paramref name="w"/>.</summary>
    private ulong AwsMask(int w)
    {
        var mask = w == 0 ? 0xFUL : 0UL;
        if (w == (_size - 1) >> 6)
        {
            mask |= 1UL << (_size - 1);
        }

        return mask;
    }

    /// <summary>Bits of a word that are addresses: all of them, except in /27 and /28 subnets (a single short word).</summary>
    private ulong ValidMask => _size >= 64 ? ulong.MaxValue : (1UL << _size) - 1;

    // The usable addresses are 4 to size - 2: one unsigned comparison.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsAwsReserved(int index) => unchecked((uint)(index - AwsReservedAddresses.AtStart) >= (uint)(_size - AwsReservedCount));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsPrefixHeld(int block) => (_prefixHeld[block >> 6] & (1UL << block)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ulong[]? words, int w) => words is null ? 0 : words[w];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(ulong[]? words, int w, ulong bit) => words is not null && (words[w] & bit) != 0;

    /// <summary>The 16 bits of the /28 block holding address <paramref name="index"/>, taken from its word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BlockBits(ulong word, int index) => (word >> (index & 0x30)) & NibbleMask;

    /// <summary>The 16 bits of /28 block <paramref name="block"/>, in the low bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Nibble(ulong[] words, int block) => (words[block >> 2] >> ((block & 3) << 4)) & NibbleMask;

    /// <summary>The index of <paramref name="address"/> in the subnet, or an <see cref="ArgumentOutOfRangeException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int IndexOf(uint address, string paramName)
    {
        var offset = unchecked(address - _network);
        if (offset >= unchecked((uint)_size))
        {
            ThrowOutside(address, paramName);
        }

        return unchecked((int)offset);
    }

    private string FormatBlock(int block) => Ipv4.Format(unchecked(_network + (uint)(block * PrefixSize))) + "/28";

    [DoesNotReturn]
    private void ThrowOutside(uint address, string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, $"{Ipv4.Format(address)} is outside subnet {Cidr}");

    /// <summary>Recomputes everything derived from the base masks and compares (for tests).</summary>
    internal bool IsConsistent()
    {
        if (!_free.IsConsistent() || !_reservedBlocks.IsConsistent() || !_openBlocks.IsConsistent())
        {
            return false;
        }

        var available = 0;
        var inUse = 0;
        for (var w = 0; w < _words; w++)
        {
            // Free addresses are never AWS-reserved or reserved, and what is held in reservations is reserved.
            var reserved = Word(_reserved, w);
            var held = HeldWord(w);
            if ((_free.Word(w) & (AwsMask(w) | reserved | ~ValidMask)) != 0
                || (Word(_heldReserved, w) & ~reserved) != 0
                || reserved != (Word(_prefixReserved, w) | Word(_explicitReserved, w)))
            {
                return false;
            }

            available += BitOperations.PopCount(AvailableWord(w));
            inUse += BitOperations.PopCount(held);
        }

        var freeOpen = 0;
        for (var b = 0; b < _blockCount; b++)
        {
            var held = HeldNibble(b);
            var isFree = held == 0 && IsDelegatable(b);
            var inReservation = isFree && _prefixReserved is not null && Nibble(_prefixReserved, b) == NibbleMask;
            var isFreeOpen = isFree && !inReservation;
            var staleAllowed = held != 0 && !IsPrefixHeld(b);
            freeOpen += isFreeOpen ? 1 : 0;
            if (_reservedBlocks.Get(b) != inReservation || (_openBlocks.Get(b) != isFreeOpen && !staleAllowed)
                || (IsPrefixHeld(b) && held != NibbleMask))
            {
                return false;
            }
        }

        return available == Available && inUse == InUse && freeOpen == _freeOpenBlocks;
    }
}
