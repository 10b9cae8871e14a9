using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class ReservationTests
{
    [Test]
    public void TryTakePrefix_WithPrefixReservation_UsesTheReservationFirst()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.192/27", ReservationType.Prefix);

        var starts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.That(space.TryTakePrefix(out var start), Is.EqualTo(PrefixResult.Success));
            starts.Add(Ipv4.Format(start));
        }

        string[] reservationFirst = ["10.0.0.192", "10.0.0.208", "10.0.0.16"];
        Assert.That(starts, Is.EqualTo(reservationFirst));
    }

    [Test]
    public void TryTakeAddress_WithPrefixReservation_NeverLandsThere()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24", AddressPolicy.Random, seed: 5);
        space.Reserve("10.0.0.128/26", ReservationType.Prefix);
        var taken = new List<uint>();
        while (space.TryTakeAddress(out var address))
        {
            taken.Add(address);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken, Has.Count.EqualTo(251 - 64));
            Assert.That(taken.Where(a => a >= Ipv4.Parse("10.0.0.128") && a < Ipv4.Parse("10.0.0.192")), Is.Empty);
            Assert.That(space.FreePrefixes, Is.EqualTo(4), "the reservation still serves prefixes");
            Assert.That(space.TryTakePrefix(out _), Is.EqualTo(PrefixResult.Success));
        }
    }

    [Test]
    public void AutomaticTakes_WithExplicitReservation_NeverLandThere()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.16/28", ReservationType.Explicit);
        var taken = new List<uint>();
        while (space.TryTakePrefix(out var start) == PrefixResult.Success)
        {
            taken.AddRange(Enumerable.Range(0, 16).Select(i => start + (uint)i));
        }

        while (space.TryTakeAddress(out var address))
        {
            taken.Add(address);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken.Where(a => a >= Ipv4.Parse("10.0.0.16") && a < Ipv4.Parse("10.0.0.32")), Is.Empty);
            Assert.That(taken, Has.Count.EqualTo(251 - 16));
            Assert.That(space.Available, Is.Zero);
        }
    }

    [Test]
    public void TryTake_InsideExplicitReservation_IsAllowedByHand()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.16/28", ReservationType.Explicit);
        var address = Ipv4.Parse("10.0.0.20");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.TryTake(address), Is.True);
            Assert.That(space.Free, Is.EqualTo(251 - 16), "explicit addresses were never counted as free");
            Assert.That(() => space.Release(address), Throws.Nothing);
            Assert.That(space.Free, Is.EqualTo(251 - 16), "released, it is still reserved");
        }
    }

    [Test]
    public void TryTake_InsidePrefixReservation_ReturnsFalse()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.16/28", ReservationType.Prefix);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.TryTake(Ipv4.Parse("10.0.0.20")), Is.False);
            Assert.That(space.TryTakePrefixAt(Ipv4.Parse("10.0.0.16")), Is.True, "a prefix may be placed there by hand");
        }
    }

    [Test]
    public void Reserve_LowersFreeButNotAvailableForPrefixType()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.64/26", ReservationType.Prefix);
        space.Reserve("10.0.0.128/27", ReservationType.Explicit);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Free, Is.EqualTo(251 - 64 - 32));
            Assert.That(space.Available, Is.EqualTo(251 - 32));
            Assert.That(space.FreePrefixes, Is.EqualTo(14 - 2));
        }
    }

    [Test]
    public void Reserve_OverAddressesInUse_KeepsThemUntilReleased()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        var address = Ipv4.Parse("10.0.0.70");
        space.MarkInUse("10.0.0.70");
        space.Reserve("10.0.0.64/28", ReservationType.Prefix);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.InUse, Is.EqualTo(1));
            Assert.That(space.FreePrefixes, Is.EqualTo(13));
            space.Release(address);
            Assert.That(space.Free, Is.EqualTo(251 - 16));
            Assert.That(space.FreePrefixes, Is.EqualTo(14));
            Assert.That(space.IsConsistent(), Is.True);
        }
    }

    [TestCase("10.0.1.0/28", "not inside")]
    [TestCase("10.0.0.0/23", "not inside")]
    [TestCase("10.0.0.20/28", "host bits")]
    [TestCase("10.0.0/28", "not an IPv4")]
    public void Reserve_BadRange_ThrowsWithReason(string cidr, string reason)
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        Assert.That(() => space.Reserve(cidr, ReservationType.Explicit), Throws.ArgumentException.With.Message.Contains(reason));
    }

    [Test]
    public void Reserve_OverlappingAnotherReservation_Throws()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.64/26", ReservationType.Prefix);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => space.Reserve("10.0.0.96/28", ReservationType.Explicit), Throws.ArgumentException.With.Message.Contains("overlaps"));
            Assert.That(() => space.Reserve("10.0.0.0/25", ReservationType.Prefix), Throws.ArgumentException.With.Message.Contains("overlaps"));
        }
    }
}
