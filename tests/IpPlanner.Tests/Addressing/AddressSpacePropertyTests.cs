using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

/// <summary>
/// Many seeded random sequences of takes, releases and marks, each checked against <see cref="NaiveAddressModel"/>:
/// nothing reserved, held or outside the subnet is ever handed out, prefixes are aligned and were wholly free,
/// counts agree with the model, and releasing what is not held throws. Some scenarios reserve part of a /28 for
/// prefixes (so a block can be idle without every address free) or add a reservation halfway through a run, over
/// addresses already in use.
/// </summary>
[Fuzz]
public sealed class AddressSpacePropertyTests
{
    private const int Seeds = 200;
    private const int Operations = 2000;

    private static readonly TestCaseData[] s_scenarios =
    [
        Scenario("10.0.0.0/24", AddressPolicy.LowestFree, exact: true, ["10.0.0.128/27"], ["10.0.0.64/28", "10.0.0.200/30"]),
        Scenario("10.0.0.0/24", AddressPolicy.Random, exact: false, ["10.0.0.128/27", "10.0.0.20/32", "10.0.0.226/31"], ["10.0.0.64/28", "10.0.0.200/30"]),
        Scenario("10.0.0.0/20", AddressPolicy.LowestFree, exact: false, ["10.0.8.0/24", "10.0.14.32/28", "10.0.3.6/31"], ["10.0.4.0/26", "10.0.15.7/32"]),
        Scenario("10.0.0.0/20", AddressPolicy.Random, exact: false, ["10.0.8.0/24"], ["10.0.4.0/26", "10.0.12.0/25"], late: ["p 10.0.2.0/25", "e 10.0.6.16/28"]),
        Scenario("10.0.0.0/26", AddressPolicy.LowestFree, exact: true, ["10.0.0.16/28", "10.0.0.50/31"], ["10.0.0.40/29"]),
        Scenario("10.0.0.0/26", AddressPolicy.Random, exact: true, [], [], late: ["p 10.0.0.32/29", "e 10.0.0.8/30"]),
        Scenario("10.0.0.0/24", AddressPolicy.LowestFree, exact: true, [], [], late: ["p 10.0.0.96/27", "p 10.0.0.4/30", "e 10.0.0.160/28"]),
        Scenario("10.0.0.0/28", AddressPolicy.Random, exact: true, [], ["10.0.0.8/30"]),
    ];

    [TestCaseSource(nameof(s_scenarios))]
    public void RandomOperations(
        string cidr, AddressPolicy policy, bool exact, string[] prefixReservations, string[] explicitReservations, string[] lateReservations)
    {
        var outcomes = new Dictionary<PrefixResult, int>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            new Run(cidr, policy, exact && policy == AddressPolicy.LowestFree, seed, prefixReservations, explicitReservations, outcomes)
                .Execute(lateReservations);
        }

        // The sequences must reach every outcome, or the checks above prove less than they seem to.
        var canDelegate = SubnetAddressSpace.Parse(cidr).FreePrefixes > 0;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes.GetValueOrDefault(PrefixResult.Success), canDelegate ? Is.GreaterThan(0) : Is.Zero);
            Assert.That(outcomes.GetValueOrDefault(PrefixResult.InsufficientCidrBlocks), Is.GreaterThan(0));
            Assert.That(outcomes.GetValueOrDefault(PrefixResult.InsufficientFreeAddressesInSubnet), Is.GreaterThan(0));
        }
    }

    // late: reservations made halfway through each run, "p a.b.c.d/n" (prefix) or "e a.b.c.d/n" (explicit).
    private static TestCaseData Scenario(
        string cidr, AddressPolicy policy, bool exact, string[] prefix, string[] @explicit, string[]? late = null) =>
        new TestCaseData(cidr, policy, exact, prefix, @explicit, late ?? [])
            .SetName($"RandomOperations_{cidr.Split('/')[1]}{policy}{(prefix.Length + @explicit.Length > 0 ? "WithReservations" : "")}"
                + $"{(late is null ? "" : "AndLateOnes")}_MatchNaiveModel");

    private sealed class Run
    {
        private readonly SubnetAddressSpace _space;
        private readonly NaiveAddressModel _model;
        private readonly Random _random;
        private readonly bool _exact;
        private readonly int _seed;
        private readonly int _fullCheckEvery;
        private readonly List<uint> _singles = [];
        private readonly List<uint> _prefixes = [];
        private readonly Dictionary<PrefixResult, int> _outcomes;
        private int _op;

        public Run(
            string cidr, AddressPolicy policy, bool exact, int seed, string[] prefixReservations, string[] explicitReservations,
            Dictionary<PrefixResult, int> outcomes)
        {
            _outcomes = outcomes;
            _space = SubnetAddressSpace.Parse(cidr, policy, seed);
            _model = new NaiveAddressModel(_space.Network, _space.Size);
            _random = new Random(seed);
            _exact = exact;
            _seed = seed;
            _fullCheckEvery = _space.Size > 1024 ? 100 : 20;
            foreach (var range in prefixReservations)
            {
                Reserve(range, prefix: true);
            }

            foreach (var range in explicitReservations)
            {
                Reserve(range, prefix: false);
            }
        }

        public void Execute(string[] lateReservations)
        {
            // Seeds start from an empty, half, 90% or wholly full subnet and lean towards taking or releasing, so
            // runs visit empty, crowded and exhausted subnets alike.
            var prefill = _random.Next(4) switch { 0 => 0, 1 => _space.Free / 2, 2 => _space.Free * 9 / 10, _ => _space.Free };
            for (_op = -prefill; _op < 0; _op++)
            {
                TakeAddress();
            }

            var takeShare = 30 + _random.Next(50);
            for (_op = 0; _op < Operations; _op++)
            {
                if (_op == Operations / 2)
                {
                    // Over addresses in use and prefixes delegated: they stay in use and fall under the reservation.
                    foreach (var late in lateReservations)
                    {
                        Reserve(late[2..], prefix: late[0] == 'p');
                    }

                    FullCheck();
                }

                var dice = _random.Next(100);
                if (dice < takeShare)
                {
                    if (_random.Next(3) == 0)
                    {
                        TakePrefix();
                    }
                    else
                    {
                        TakeAddress();
                    }
                }
                else
                {
                    // Operations that must throw come less often: exceptions are slow and one kind of check each.
                    switch (_random.Next(20))
                    {
                        case < 3: TakeSpecific(); break;
                        case < 5: TakeSpecificPrefix(); break;
                        case < 6: MarkSpecific(); break;
                        case < 14: ReleaseHeld(); break;
                        case < 17: ReleaseHeldPrefix(); break;
                        case < 18: ReleaseNotHeld(); break;
                        case < 19: ReleasePrefixNotHeld(); break;
                        default: UseOutsideSubnet(); break;
                    }
                }

                if (!(_space.InUse == _model.SingleCount + (16 * _model.PrefixCount)))
                {
                    Fail("InUse drifted from the model");
                }

                if (_op % _fullCheckEvery == 0 || _op == Operations - 1)
                {
                    FullCheck();
                }
            }
        }

        private void Reserve(string range, bool prefix)
        {
            var parts = range.Split('/');
            _space.Reserve(range, prefix ? ReservationType.Prefix : ReservationType.Explicit);
            _model.Reserve(Ipv4.Parse(parts[0]), 1 << (32 - int.Parse(parts[1])), prefix);
        }

        private void TakeAddress()
        {
            var expected = _exact ? _model.LowestFree() : null;
            if (!_space.TryTakeAddress(out var address))
            {
                if (!(!_model.HasFree()))
                {
                    Fail("TryTakeAddress failed while the model has free addresses");
                }

                return;
            }

            if (!(_model.Contains(address)))
            {
                Fail($"handed out {Ipv4.Format(address)}, outside the subnet");
            }

            if (!(!_model.IsAws(address)))
            {
                Fail($"handed out AWS-reserved {Ipv4.Format(address)}");
            }

            if (!(!_model.IsReserved(address)))
            {
                Fail($"handed out reserved {Ipv4.Format(address)}");
            }

            if (!(!_model.IsHeld(address)))
            {
                Fail($"handed out {Ipv4.Format(address)}, already in use");
            }

            if (!(!_exact || expected == address))
            {
                Fail($"lowest-free gave {Ipv4.Format(address)}, model expects {expected}");
            }

            _model.AddSingle(address);
            _singles.Add(address);
        }

        private void TakePrefix()
        {
            var expected = _exact ? _model.LowestFreePrefix() : null;
            var result = _space.TryTakePrefix(out var start);
            _outcomes[result] = _outcomes.GetValueOrDefault(result) + 1;
            if (result != PrefixResult.Success)
            {
                if (!(!_model.HasFreePrefix()))
                {
                    Fail("TryTakePrefix failed while the model has a free /28");
                }

                var reason = !_model.HasAvailable()
                    ? PrefixResult.InsufficientFreeAddressesInSubnet
                    : PrefixResult.InsufficientCidrBlocks;
                if (!(result == reason))
                {
                    Fail($"failure reported as {result}, model says {reason}");
                }

                return;
            }

            if (!((start - _model.Network) % 16 == 0))
            {
                Fail($"prefix {Ipv4.Format(start)} is not aligned");
            }

            if (!(_model.Contains(start) && _model.IsFreePrefix(start)))
            {
                Fail($"prefix {Ipv4.Format(start)}/28 was not wholly free");
            }

            if (!(!_exact || expected == start))
            {
                Fail($"lowest-free prefix {Ipv4.Format(start)}, model expects {expected}");
            }

            if (!_model.IsInPrefixReservation(start) && (_exact || _op % _fullCheckEvery == 0))
            {
                if (!(!_model.HasFreePrefixInReservation()))
                {
                    Fail($"prefix {Ipv4.Format(start)} taken outside the prefix reservation while it had room");
                }

            }

            _model.AddPrefix(start);
            _prefixes.Add(start);
        }

        private void TakeSpecific()
        {
            var address = RandomAddress();
            var expected = !_model.IsHeld(address) && !_model.IsAws(address) && !_model.IsPrefixReserved(address);
            if (!(_space.TryTake(address) == expected))
            {
                Fail($"TryTake({Ipv4.Format(address)}) should be {expected}");
            }

            if (expected)
            {
                _model.AddSingle(address);
                _singles.Add(address);
            }
        }

        private void TakeSpecificPrefix()
        {
            var start = RandomBlockStart();
            var expected = Enumerable.Range(0, 16).Select(i => start + (uint)i).All(a => !_model.IsHeld(a) && !_model.IsAws(a));
            if (!(_space.TryTakePrefixAt(start) == expected))
            {
                Fail($"TryTakePrefixAt({Ipv4.Format(start)}) should be {expected}");
            }

            if (expected)
            {
                _model.AddPrefix(start);
                _prefixes.Add(start);
            }
        }

        private void MarkSpecific()
        {
            var address = RandomAddress();
            var text = Ipv4.Format(address);
            if (_model.IsHeld(address) || _model.IsAws(address))
            {
                if (!(Throws<ArgumentException>(() => _space.MarkInUse(text))))
                {
                    Fail($"MarkInUse({text}) should throw");
                }

                return;
            }

            _space.MarkInUse(text);
            _model.AddSingle(address);
            _singles.Add(address);
        }

        private void ReleaseHeld()
        {
            if (_singles.Count == 0)
            {
                return;
            }

            var address = RemoveRandom(_singles);
            _space.Release(address);
            _model.RemoveSingle(address);
        }

        private void ReleaseHeldPrefix()
        {
            if (_prefixes.Count == 0)
            {
                return;
            }

            var start = RemoveRandom(_prefixes);
            _space.ReleasePrefix(start);
            _model.RemovePrefix(start);
        }

        private void ReleaseNotHeld()
        {
            var address = RandomAddress();
            if (!_model.HasSingle(address))
            {
                if (!(Throws<InvalidOperationException>(() => _space.Release(address))))
                {
                    Fail($"Release({Ipv4.Format(address)}) of what is not held should throw");
                }

            }
        }

        private void ReleasePrefixNotHeld()
        {
            var start = RandomBlockStart();
            if (!_model.HasPrefix(start))
            {
                if (!(Throws<InvalidOperationException>(() => _space.ReleasePrefix(start))))
                {
                    Fail($"ReleasePrefix({Ipv4.Format(start)}) of what is not held should throw");
                }

            }

            if (!(Throws<ArgumentException>(() => _space.ReleasePrefix(start + 1 + (uint)_random.Next(15)))))
            {
                Fail("a misaligned prefix start should throw");
            }

        }

        private void UseOutsideSubnet()
        {
            var outside = _random.Next(2) == 0 ? _model.Network - 1 - (uint)_random.Next(1000) : _model.Last + 1 + (uint)_random.Next(1000);
            if (!(Throws<ArgumentOutOfRangeException>(() => _space.TryTake(outside))))
            {
                Fail("TryTake outside the subnet should throw");
            }

            if (!(Throws<ArgumentOutOfRangeException>(() => _space.Release(outside))))
            {
                Fail("Release outside the subnet should throw");
            }

        }

        private void FullCheck()
        {
            var model = _model.Count();
            if (_space.Free != model.Free || _space.Available != model.Available || _space.InUse != model.InUse
                || _space.FreePrefixes != model.FreePrefixes)
            {
                Fail($"space (free {_space.Free}, available {_space.Available}, in use {_space.InUse}, free /28 {_space.FreePrefixes}) != model {model}");
            }

            if (_space.Free + _space.InUse + model.ReservedIdle != _space.Size)
            {
                Fail("free + in use + reserved != size");
            }

            if (!_space.IsConsistent())
            {
                Fail("derived bitmaps disagree with the base masks");
            }
        }

        private uint RandomAddress() => _model.Network + (uint)_random.Next(_model.Size);

        private uint RandomBlockStart() => _model.Network + (uint)(_random.Next(_model.Size / 16) * 16);

        private uint RemoveRandom(List<uint> list)
        {
            var index = _random.Next(list.Count);
            var value = list[index];
            list[index] = list[^1];
            list.RemoveAt(list.Count - 1);
            return value;
        }

        private static bool Throws<TException>(Action action)
            where TException : Exception
        {
            try
            {
                action();
                return false;
            }
            catch (TException)
            {
                return true;
            }
        }

        // Messages are only built on failure: formatting them for every operation would dominate the run time.
        private void Fail(string message) => Assert.Fail($"{_space.Cidr} {_space.Policy} seed {_seed} op {_op}: {message}");
    }
}
