using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class TakeAddressTests
{
    [Test]
    public void TryTakeAddress_FreshSubnetLowestFree_StartsAfterTheFourReservedAtTheBottom()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        var taken = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.That(space.TryTakeAddress(out var address), Is.True);
            taken.Add(Ipv4.Format(address));
        }

        string[] lowestFirst = ["10.0.0.4", "10.0.0.5", "10.0.0.6"];
        Assert.That(taken, Is.EqualTo(lowestFirst));
    }

    [Test]
    public void TryTakeAddress_Slash28_HandsOutElevenThenFails()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.16/28");
        var taken = new List<uint>();
        while (space.TryTakeAddress(out var address))
        {
            taken.Add(address);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken, Has.Count.EqualTo(11));
            Assert.That(taken.Min(), Is.EqualTo(Ipv4.Parse("10.0.0.20")));
            Assert.That(taken.Max(), Is.EqualTo(Ipv4.Parse("10.0.0.30")), "the last address is reserved");
            Assert.That(space.Free, Is.Zero);
        }
    }

    [Test]
    public void TryTakeAddress_RandomPolicy_NeverRepeatsAndCoversTheSubnet()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24", AddressPolicy.Random, seed: 7);
        var taken = new HashSet<uint>();
        while (space.TryTakeAddress(out var address))
        {
            Assert.That(taken.Add(address), Is.True, $"{Ipv4.Format(address)} handed out twice");
        }

        Assert.That(taken, Has.Count.EqualTo(251));
    }

    [Test]
    public void TryTakeAddress_RandomPolicy_ScattersAcrossTheSubnet()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/16", AddressPolicy.Random, seed: 1);
        var taken = new List<uint>();
        for (var i = 0; i < 100; i++)
        {
            space.TryTakeAddress(out var address);
            taken.Add(address - space.Network);
        }

        // Lowest-free would give 4..103; EC2-like scattering spreads over the whole /16.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(taken.Max() - taken.Min(), Is.GreaterThan(50_000u));
            Assert.That(taken.Count(offset => offset < 32768), Is.InRange(30, 70));
        }
    }

    [Test]
    public void TryTakeAddress_RandomPolicySameSeed_GivesSameAddresses()
    {
        static List<uint> Draw(int seed)
        {
            var space = SubnetAddressSpace.Parse("10.0.0.0/20", AddressPolicy.Random, seed);
            var list = new List<uint>();
            for (var i = 0; i < 50; i++)
            {
                space.TryTakeAddress(out var address);
                list.Add(address);
            }

            return list;
        }

        var first = Draw(42);
        var again = Draw(42);
        var otherSeed = Draw(43);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(otherSeed, Is.Not.EqualTo(first));
        }
    }

    [Test]
    public void TryTake_SpecificFreeAddress_TakesItOnce()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        var address = Ipv4.Parse("10.0.0.77");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.TryTake(address), Is.True);
            Assert.That(space.TryTake(address), Is.False, "already in use");
            Assert.That(space.Free, Is.EqualTo(250));
            Assert.That(space.InUse, Is.EqualTo(1));
        }
    }

    [TestCase("10.0.0.0")]
    [TestCase("10.0.0.1")]
    [TestCase("10.0.0.2")]
    [TestCase("10.0.0.3")]
    [TestCase("10.0.0.255")]
    public void TryTake_AwsReservedAddress_ReturnsFalse(string address)
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.TryTake(Ipv4.Parse(address)), Is.False);
            Assert.That(space.Free, Is.EqualTo(251));
        }
    }

    [Test]
    public void TryTake_OutsideSubnet_ThrowsArgumentException()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        Assert.That(() => space.TryTake(Ipv4.Parse("10.0.1.4")), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void MarkInUse_Count_PlacesByPolicyAndLowersFree()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse(100);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Free, Is.EqualTo(151));
            Assert.That(space.InUse, Is.EqualTo(100));
            Assert.That(space.TryTakeAddress(out var next), Is.True);
            Assert.That(Ipv4.Format(next), Is.EqualTo("10.0.0.104"));
        }
    }

    [Test]
    public void MarkInUse_CountAboveFree_ThrowsAndChangesNothing()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/28");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => space.MarkInUse(12), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => space.MarkInUse(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(space.Free, Is.EqualTo(11));
        }
    }

    [Test]
    public void MarkInUse_ListOfAddressesAndCidrs_HoldsEachSingly()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse("10.0.0.9");
        space.MarkInUse("10.0.0.64/26");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.InUse, Is.EqualTo(65));
            Assert.That(space.Free, Is.EqualTo(251 - 65));
            Assert.That(() => space.Release(Ipv4.Parse("10.0.0.100")), Throws.Nothing, "marked addresses release one by one");
            Assert.That(space.InUse, Is.EqualTo(64));
        }
    }

    [Test]
    public void MarkInUse_CidrCoveringAwsReserved_SkipsThem()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse("10.0.0.0/28");

        Assert.That(space.InUse, Is.EqualTo(12));
    }

    [TestCase("10.0.0.0", "reserved by AWS")]
    [TestCase("10.0.1.7", "not inside")]
    [TestCase("10.0.0.7/24", "host bits")]
    [TestCase("nonsense", "not an IPv4")]
    public void MarkInUse_BadAddress_ThrowsWithReason(string text, string reason)
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        Assert.That(() => space.MarkInUse(text), Throws.ArgumentException.With.Message.Contains(reason));
    }

    [Test]
    public void MarkInUse_AlreadyInUse_ThrowsAndChangesNothing()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse("10.0.0.70");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => space.MarkInUse("10.0.0.64/28"), Throws.ArgumentException.With.Message.Contains("already in use"));
            Assert.That(space.InUse, Is.EqualTo(1));
        }
    }
}
