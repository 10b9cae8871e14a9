using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class ReportingTests
{
    private static readonly TestCaseData[] s_largestFreeBlocks =
    [
        // Fresh: the AWS-reserved addresses at both ends cut the subnet's halves down to quarters.
        new TestCaseData("10.0.0.0/24", Array.Empty<string>(), 64, 26).SetName("LargestFreeBlock_FreshSlash24_IsSlash26"),
        new TestCaseData("10.0.0.0/16", Array.Empty<string>(), 16384, 18).SetName("LargestFreeBlock_FreshSlash16_IsSlash18"),
        new TestCaseData("10.0.0.0/28", Array.Empty<string>(), 4, 30).SetName("LargestFreeBlock_FreshSlash28_IsSlash30"),
        new TestCaseData("10.0.0.0/26", new[] { "10.0.0.4/30", "10.0.0.16/28", "10.0.0.32/28", "10.0.0.56/29" }, 8, 29)
            .SetName("LargestFreeBlock_OnlyAnAlignedEightLeft_IsSlash29"),
        new TestCaseData("10.0.0.0/24", new[] { "10.0.0.0/25", "10.0.0.128/26", "10.0.0.192/27", "10.0.0.224/28", "10.0.0.240/29", "10.0.0.248/30", "10.0.0.252/31", "10.0.0.254" }, 0, null)
            .SetName("LargestFreeBlock_EverythingInUse_IsNone"),
    ];

    [Test]
    public void BlockMap_MixedSubnet_DrawsOneCharacterPerBlock()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.32/28", ReservationType.Prefix);
        space.Reserve("10.0.0.48/28", ReservationType.Explicit);
        space.MarkInUse("10.0.0.70");
        space.MarkInUse("10.0.0.80/28");
        space.TryTakePrefixAt(Ipv4.Parse("10.0.0.96"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.BlockMap(), Is.EqualTo("x.:x+#P........x"));
            Assert.That(space.BlockMap(perLine: 8), Is.EqualTo("x.:x+#P.\n.......x"));
            Assert.That(space.GetBlockState(2), Is.EqualTo(BlockState.PrefixReserved));
            Assert.That(space.GetBlockState(4), Is.EqualTo(BlockState.PartlyUsed));
            Assert.That(space.GetBlockState(5), Is.EqualTo(BlockState.Full));
            Assert.That(space.GetBlockState(6), Is.EqualTo(BlockState.PrefixHeld));
        }
    }

    [Test]
    public void BlockMapLegend_ExplainsEveryCharacterTheMapDraws()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.Reserve("10.0.0.32/27", ReservationType.Prefix);
        space.MarkInUse("10.0.0.70");
        space.MarkInUse("10.0.0.80/28");
        space.TryTakePrefix(out _);
        var legendCharacters = SubnetAddressSpace.BlockMapLegend.Split(" | ").Select(entry => entry[0]);

        var drawn = space.BlockMap().Distinct();

        Assert.That(drawn, Is.EquivalentTo(legendCharacters));
    }

    [Test]
    public void GetBlockState_FirstBlockAfterTakingAllItsSingles_IsFull()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse(12);

        Assert.That(space.GetBlockState(0), Is.EqualTo(BlockState.Full));
    }

    [Test]
    public void GetBlockState_OutOfRange_Throws()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => space.GetBlockState(16), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => space.GetBlockState(-1), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => space.BlockMap(0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        }
    }

    [Test]
    public void FragmentationScore_FreshSubnet_IsZero()
    {
        Assert.That(SubnetAddressSpace.Parse("10.0.0.0/20").FragmentationScore, Is.Zero);
    }

    [Test]
    public void FragmentationScore_PacketFromTheBottom_CountsOnlyTheBoundaryBlock()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse(20); // .4 to .23: block 0 full, block 1 partly used

        // 15 blocks hold free addresses (blocks 1..15), one of them partly used.
        Assert.That(space.FragmentationScore, Is.EqualTo(1.0 / 15).Within(1e-12));
    }

    [Test]
    public void FragmentationScore_RandomScatterOnLargeSubnet_IsHighAndPrefixesVanish()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/20", AddressPolicy.Random, seed: 11);
        space.MarkInUse(2048);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.FragmentationScore, Is.GreaterThan(0.95));
            Assert.That(space.FreePrefixes, Is.LessThan(5));
        }
    }

    [TestCaseSource(nameof(s_largestFreeBlocks))]
    public void LargestFreeBlock(string cidr, string[] inUse, int size, int? prefixLength)
    {
        var space = SubnetAddressSpace.Parse(cidr);
        foreach (var range in inUse)
        {
            space.MarkInUse(range);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.LargestFreeBlockSize, Is.EqualTo(size));
            Assert.That(space.LargestFreeBlockPrefixLength, Is.EqualTo(prefixLength));
        }
    }

    [Test]
    public void Clone_ChangedAfterwards_LeavesTheOriginalAlone()
    {
        var original = SubnetAddressSpace.Parse("10.0.0.0/24", AddressPolicy.Random, seed: 9);
        original.Reserve("10.0.0.128/28", ReservationType.Explicit);
        original.MarkInUse(10);
        var copy = original.Clone();

        copy.MarkInUse(100);
        copy.TryTakePrefix(out _);
        copy.Reserve("10.0.0.160/28", ReservationType.Prefix);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(original.Free, Is.EqualTo(251 - 16 - 10));
            Assert.That(original.InUse, Is.EqualTo(10));
            Assert.That(original.IsConsistent(), Is.True);
            Assert.That(copy.IsConsistent(), Is.True);
        }
    }

    [Test]
    public void Clone_RandomPolicy_ContinuesTheSameSequence()
    {
        var original = SubnetAddressSpace.Parse("10.0.0.0/20", AddressPolicy.Random, seed: 4);
        original.MarkInUse(5);
        var copy = original.Clone();

        original.TryTakeAddress(out var fromOriginal);
        copy.TryTakeAddress(out var fromCopy);

        Assert.That(fromCopy, Is.EqualTo(fromOriginal));
    }

    [Test]
    public void ToString_SummarisesTheSubnet()
    {
        var space = SubnetAddressSpace.Parse("10.0.0.0/24");
        space.MarkInUse(11);

        Assert.That(space.ToString(), Is.EqualTo("10.0.0.0/24: 240 free of 251 usable, 11 in use, 14 free /28"));
    }
}
