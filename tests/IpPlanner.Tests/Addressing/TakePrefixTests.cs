using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class TakePrefixTests
{
    [Test]
    public void TryTakePrefix_FreshSlash24_TakesTheFirstAlignedBlockClearOfReservedAddresses()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.TryTakePrefix(out var start), Is.EqualTo(PrefixResult.Success));
            Assert.That(Ipv4.Format(start), Is.EqualTo("10.0.0.16"));
            Assert.That(space.InUse, Is.EqualTo(16));
            Assert.That(space.Free, Is.EqualTo(235));
            Assert.That(space.FreePrefixes, Is.EqualTo(13));
        }
    }

    [Test]
    public void TryTakePrefix_OneAddressTakenInEveryBlock_ReportsInsufficientCidrBlocks()
    {
        // docs/rules.md, "Whole free /28s and fragmentation": hundreds of single IPs free, yet no aligned /28 for a prefix.
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        for (var block = 0; block < 16; block++)
        {
            Assert.That(space.TryTake(space.Network + (uint)(block * 16) + 8), Is.True);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.FreePrefixes, Is.Zero);
            Assert.That(space.Free, Is.EqualTo(235));
            Assert.That(space.TryTakePrefix(out _), Is.EqualTo(PrefixResult.InsufficientCidrBlocks));
            Assert.That(space.FragmentationScore, Is.EqualTo(1.0));
        }
    }

    [Test]
    public void TryTakePrefix_NothingFree_ReportsInsufficientFreeAddressesInSubnet()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse(space.Free);

        Assert.That(space.TryTakePrefix(out _), Is.EqualTo(PrefixResult.InsufficientFreeAddressesInSubnet));
    }

    [Test]
    public void TryTakePrefix_Slash28Subnet_NeverHasAFreePrefix()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/28");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.FreePrefixes, Is.Zero);
            Assert.That(space.TryTakePrefix(out _), Is.EqualTo(PrefixResult.InsufficientCidrBlocks));
        }
    }

    [Test]
    public void TryTakePrefix_UntilExhausted_YieldsDistinctAlignedBlocks()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/20", AddressPolicy.Random, seed: 3);
        var starts = new HashSet<uint>();
        while (space.TryTakePrefix(out var start) == PrefixResult.Success)
        {
            Assert.That((start - space.Network) % 16, Is.Zero, $"{Ipv4.Format(start)} is not aligned");
            Assert.That(starts.Add(start), Is.True);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(starts, Has.Count.EqualTo(254));
            Assert.That(space.Free, Is.EqualTo(4091 - (254 * 16)), "the first and last block keep their single IPs");
        }
    }

    [Test]
    public void TryTakePrefixAt_ImportedPrefix_HoldsTheBlockAsAPrefix()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        var start = Ipv4.Parse("10.0.0.48");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.TryTakePrefixAt(start), Is.True);
            Assert.That(space.TryTakePrefixAt(start), Is.False, "already delegated");
            Assert.That(space.GetBlockState(3), Is.EqualTo(BlockState.PrefixHeld));
            Assert.That(space.FreePrefixes, Is.EqualTo(13));
        }
    }

    [TestCase("10.0.0.0", TestName = "TryTakePrefixAt_FirstBlockWithAwsReserved_ReturnsFalse")]
    [TestCase("10.0.0.240", TestName = "TryTakePrefixAt_LastBlockWithAwsReserved_ReturnsFalse")]
    public void TryTakePrefixAt_BlockWithAwsReserved(string start)
    {
        Assert.That(SubnetAddressSpace.Parse("10.0.0.0/24").TryTakePrefixAt(Ipv4.Parse(start)), Is.False);
    }

    [Test]
    public void TryTakePrefixAt_BlockWithAnAddressInUse_ReturnsFalse()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse("10.0.0.50");

        Assert.That(space.TryTakePrefixAt(Ipv4.Parse("10.0.0.48")), Is.False);
    }

    [Test]
    public void TryTakePrefixAt_MisalignedOrOutside_ThrowsArgumentException()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => space.TryTakePrefixAt(Ipv4.Parse("10.0.0.40")), Throws.ArgumentException.With.Message.Contains("aligned"));
            Assert.That(() => space.TryTakePrefixAt(Ipv4.Parse("10.0.1.16")), Throws.InstanceOf<ArgumentException>());
        }
    }
}
