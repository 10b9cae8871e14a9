using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class ReleaseTests
{
    [Test]
    public void Release_TakenAddress_MakesItFreeAgain()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.TryTakeAddress(out var address);
        space.Release(address);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Free, Is.EqualTo(251));
            Assert.That(space.FreePrefixes, Is.EqualTo(14));
            Assert.That(space.TryTakeAddress(out var again), Is.True);
            Assert.That(again, Is.EqualTo(address), "lowest-free hands the released address back");
        }
    }

    [Test]
    public void Release_LastAddressOfABlock_MakesTheBlockAFreePrefixAgain()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        var address = Ipv4.Parse("10.0.0.33");
        space.TryTake(address);
        Assert.That(space.FreePrefixes, Is.EqualTo(13));

        space.Release(address);

        Assert.That(space.FreePrefixes, Is.EqualTo(14));
    }

    [TestCase("10.0.0.9", TestName = "Release_FreeAddress_ThrowsInvalidOperation")]
    [TestCase("10.0.0.0", TestName = "Release_AwsReservedAddress_ThrowsInvalidOperation")]
    public void Release_NotHeld(string address)
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        Assert.That(() => space.Release(Ipv4.Parse(address)), Throws.InvalidOperationException.With.Message.Contains("not in use"));
    }

    [Test]
    public void Release_Twice_SecondThrows()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.TryTakeAddress(out var address);
        space.Release(address);

        Assert.That(() => space.Release(address), Throws.InvalidOperationException);
    }

    [Test]
    public void Release_AddressInsideDelegatedPrefix_ThrowsAndPointsToThePrefix()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.TryTakePrefix(out var start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => space.Release(start + 3), Throws.InvalidOperationException.With.Message.Contains("release the prefix"));
            Assert.That(space.InUse, Is.EqualTo(16));
        }
    }

    [Test]
    public void Release_OutsideSubnet_ThrowsArgumentOutOfRange()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        Assert.That(() => space.Release(Ipv4.Parse("10.0.1.9")), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ReleasePrefix_DelegatedPrefix_FreesAllSixteen()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.TryTakePrefix(out var start);
        space.ReleasePrefix(start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Free, Is.EqualTo(251));
            Assert.That(space.FreePrefixes, Is.EqualTo(14));
            Assert.That(space.InUse, Is.Zero);
        }
    }

    [Test]
    public void ReleasePrefix_BlockOfSingles_ThrowsInvalidOperation()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse("10.0.0.16/28");

        Assert.That(() => space.ReleasePrefix(Ipv4.Parse("10.0.0.16")), Throws.InvalidOperationException.With.Message.Contains("not a delegated prefix"));
    }

    [Test]
    public void ReleasePrefix_Twice_SecondThrows()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.TryTakePrefix(out var start);
        space.ReleasePrefix(start);

        Assert.That(() => space.ReleasePrefix(start), Throws.InvalidOperationException);
    }

    [Test]
    public void ReleasePrefix_Misaligned_ThrowsArgumentException()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.TryTakePrefix(out var start);

        Assert.That(() => space.ReleasePrefix(start + 1), Throws.ArgumentException.With.Message.Contains("aligned"));
    }

    [Test]
    public void ReleasePrefix_InsidePrefixReservation_GoesBackToTheReservation()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.128/28", ReservationType.Prefix);
        space.TryTakePrefix(out var start);
        space.ReleasePrefix(start);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ipv4.Format(start), Is.EqualTo("10.0.0.128"));
            Assert.That(space.Free, Is.EqualTo(251 - 16), "its addresses are not free for single takes");
            Assert.That(space.GetBlockState(8), Is.EqualTo(BlockState.PrefixReserved));
        }
    }
}
