namespace IpPlanner.Tests.Addressing;

/// <summary>
/// An independent, deliberately simple model of a subnet's addresses (one flag per address, linear scans) that the
/// property tests hold the bitmap implementation to. It states the rules of docs/rules.md ("Five reserved addresses per subnet", "Whole free /28s and fragmentation") directly.
/// </summary>
internal sealed class NaiveAddressModel(uint network, int size)
{
    private readonly bool[] _single = new bool[size];
    private readonly bool[] _prefixHeld = new bool[size / 16];
    private readonly bool[] _prefixReserved = new bool[size];
    private readonly bool[] _explicitReserved = new bool[size];
    private int _version;
    private int _tallyVersion;
    private Tally? _tally;
    private readonly int[] _answerVersions = [-1, -1, -1];
    private readonly bool[] _answers = new bool[3];

    public uint Network { get; } = network;

    public int Size { get; } = size;

    public uint Last => Network + (uint)Size - 1;

    public int SingleCount { get; private set; }

    public int PrefixCount { get; private set; }

    public bool Contains(uint address) => address >= Network && address <= Last;

    public bool IsAws(uint address) => address - Network < 4 || address == Last;

    public bool HasSingle(uint address) => _single[Offset(address)];

    public bool HasPrefix(uint start) => _prefixHeld[Offset(start) / 16];

    public bool IsHeld(uint address) => _single[Offset(address)] || _prefixHeld[Offset(address) / 16];

    public bool IsPrefixReserved(uint address) => _prefixReserved[Offset(address)];

    public bool IsReserved(uint address) => _prefixReserved[Offset(address)] || _explicitReserved[Offset(address)];

    /// <summary>An automatic single take may hand it out.</summary>
    public bool IsFree(uint address) => !IsHeld(address) && !IsAws(address) && !IsReserved(address);

    /// <summary>Not held, and automatic assignment of some kind (single or prefix) may use it.</summary>
    public bool IsAvailable(uint address) => !IsHeld(address) && !IsAws(address) && !_explicitReserved[Offset(address)];

    public bool IsFreePrefix(uint start) => All(start, IsAvailable);

    public bool IsInPrefixReservation(uint start) => All(start, IsPrefixReserved);

    public void AddSingle(uint address)
    {
        _version++;
        _single[Offset(address)] = true;
        SingleCount++;
    }

    public void RemoveSingle(uint address)
    {
        _version++;
        _single[Offset(address)] = false;
        SingleCount--;
    }

    public void AddPrefix(uint start)
    {
        _version++;
        _prefixHeld[Offset(start) / 16] = true;
        PrefixCount++;
    }

    public void RemovePrefix(uint start)
    {
        _version++;
        _prefixHeld[Offset(start) / 16] = false;
        PrefixCount--;
    }

    /// <summary>All the counts in one pass, cached until the model next changes (failed takes ask repeatedly).</summary>
    public Tally Count()
    {
        if (_tally is { } cached && _tallyVersion == _version)
        {
            return cached;
        }

        int free = 0, available = 0, inUse = 0, reservedIdle = 0, freePrefixes = 0;
        for (var i = 0; i < Size; i++)
        {
            var address = Network + (uint)i;
            var held = IsHeld(address);
            var aws = IsAws(address);
            inUse += held ? 1 : 0;
            free += !held && !aws && !IsReserved(address) ? 1 : 0;
            available += !held && !aws && !_explicitReserved[i] ? 1 : 0;
            reservedIdle += !held && (aws || IsReserved(address)) ? 1 : 0;
        }

        for (var block = 0; block < Size / 16; block++)
        {
            freePrefixes += IsFreePrefix(BlockStart(block)) ? 1 : 0;
        }

        _tally = new Tally(free, available, inUse, reservedIdle, freePrefixes);
        _tallyVersion = _version;
        return _tally.Value;
    }

    /// <summary>True when some address is free for single takes (cached until the model changes).</summary>
    public bool HasFree() => Cached(0, () => LowestFree() is not null);

    /// <summary>True when some address is available to automatic takes of any kind (cached until the model changes).</summary>
    public bool HasAvailable() => Cached(1, () =>
    {
        for (var i = 0; i < Size; i++)
        {
            if (IsAvailable(Network + (uint)i))
            {
                return true;
            }
        }

        return false;
    });

    /// <summary>True when some /28 is wholly free (cached until the model changes).</summary>
    public bool HasFreePrefix() => Cached(2, () => LowestFreePrefix() is not null);

    /// <summary>True when some wholly free /28 lies inside prefix reservations.</summary>
    public bool HasFreePrefixInReservation()
    {
        for (var block = 0; block < Size / 16; block++)
        {
            if (IsFreePrefix(BlockStart(block)) && IsInPrefixReservation(BlockStart(block)))
            {
                return true;
            }
        }

        return false;
    }

    public uint? LowestFree()
    {
        for (var i = 0; i < Size; i++)
        {
            if (IsFree(Network + (uint)i))
            {
                return Network + (uint)i;
            }
        }

        return null;
    }

    /// <summary>The lowest free prefix inside prefix reservations, else the lowest free prefix anywhere.</summary>
    public uint? LowestFreePrefix()
    {
        uint? lowest = null;
        for (var block = 0; block < Size / 16; block++)
        {
            var start = BlockStart(block);
            if (IsFreePrefix(start))
            {
                if (IsInPrefixReservation(start))
                {
                    return start;
                }

                lowest ??= start;
            }
        }

        return lowest;
    }

    public void Reserve(uint start, int count, bool prefix)
    {
        _version++;
        var target = prefix ? _prefixReserved : _explicitReserved;
        for (var i = 0; i < count; i++)
        {
            target[Offset(start) + i] = true;
        }
    }

    // Failed takes on a full subnet ask the same question many times in a row; scanning each time is what made
    // the property tests slow.
    private bool Cached(int question, Func<bool> answer)
    {
        if (_answerVersions[question] != _version)
        {
            _answers[question] = answer();
            _answerVersions[question] = _version;
        }

        return _answers[question];
    }

    private uint BlockStart(int block) => Network + (uint)(block * 16);

    private int Offset(uint address) => (int)(address - Network);

    private static bool All(uint start, Func<uint, bool> predicate)
    {
        for (var i = 0u; i < 16; i++)
        {
            if (!predicate(start + i))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The model's counts: addresses free for single takes, available to any automatic take, in use,
/// reserved and idle (AWS-reserved, or reserved and not held), and wholly free /28 blocks.</summary>
internal readonly record struct Tally(int Free, int Available, int InUse, int ReservedIdle, int FreePrefixes);
