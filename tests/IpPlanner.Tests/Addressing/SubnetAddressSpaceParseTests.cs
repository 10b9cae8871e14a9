using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class SubnetAddressSpaceParseTests
{
    // The usable counts AWS documents for its subnet sizes (docs/rules.md, "Five reserved addresses per subnet").
    private static readonly TestCaseData[] s_awsUsable =
    [
        new TestCaseData("10.0.0.0/28", 16, 11).SetName("Usable_Slash28_Is11"),
        new TestCaseData("10.0.0.0/24", 256, 251).SetName("Usable_Slash24_Is251"),
        new TestCaseData("10.0.0.0/20", 4096, 4091).SetName("Usable_Slash20_Is4091"),
        new TestCaseData("10.0.0.0/19", 8192, 8187).SetName("Usable_Slash19_Is8187"),
        new TestCaseData("10.0.0.0/16", 65536, 65531).SetName("Usable_Slash16_Is65531"),
    ];

    private static readonly string[] s_malformed =
    [
        "", "   ", "10.0.0.0", "10.0.0.0/", "10.0.0.0/abc", "10.0/24", "010.0.0.0/24", "10.0.0.0/24x",
        "10.0.0.0/+24", "10.0.0.0/ 24", "fd00::/64", "10.0.0.0/33", "300.0.0.0/24",
        "10.0.032.0/19", "10.0.0.0/024", "10.0.0.0/00024",
    ];

    private static readonly TestCaseData[] s_badSizes =
    [
        new TestCaseData("10.0.0.0/29").SetName("Parse_Slash29_Throws"),
        new TestCaseData("10.0.0.0/32").SetName("Parse_Slash32_Throws"),
        new TestCaseData("10.0.0.0/9").SetName("Parse_Slash9_Throws"),
        new TestCaseData("0.0.0.0/0").SetName("Parse_Slash0_Throws"),
    ];

    [TestCaseSource(nameof(s_awsUsable))]
    public void Usable(string cidr, int size, int usable)
    {
        var space = SubnetAddressSpace.Parse(cidr);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Size, Is.EqualTo(size));
            Assert.That(space.Usable, Is.EqualTo(usable));
            Assert.That(space.Free, Is.EqualTo(usable), "a fresh subnet has every usable address free");
            Assert.That(space.InUse, Is.Zero);
        }
    }

    [Test]
    public void Parse_Slash24_ExposesCidrNetworkAndBlocks()
    {
        var space = SubnetAddressSpace.Parse("10.1.2.0/24");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Cidr, Is.EqualTo("10.1.2.0/24"));
            Assert.That(space.Network, Is.EqualTo(Ipv4.Parse("10.1.2.0")));
            Assert.That(space.PrefixLength, Is.EqualTo(24));
            Assert.That(space.BlockCount, Is.EqualTo(16));
            Assert.That(space.Contains(Ipv4.Parse("10.1.2.255")), Is.True);
            Assert.That(space.Contains(Ipv4.Parse("10.1.3.0")), Is.False);
        }
    }

    [Test]
    public void Parse_FreshSlash24_HasFourteenFreePrefixes()
    {
        // The first /28 holds the network address and the next three, the last holds the last address.
        Assert.That(SubnetAddressSpace.Parse("10.0.0.0/24").FreePrefixes, Is.EqualTo(14));
    }

    [Test]
    public void Parse_CgNatSlash10_BuildsFourMillionAddresses()
    {
        var space = SubnetAddressSpace.Parse("100.64.0.0/10");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(space.Size, Is.EqualTo(1 << 22));
            Assert.That(space.Free, Is.EqualTo((1 << 22) - 5));
            Assert.That(space.FreePrefixes, Is.EqualTo((1 << 18) - 2));
            Assert.That(space.IsConsistent(), Is.True);
        }
    }

    [TestCaseSource(nameof(s_malformed))]
    public void Parse_Malformed_ThrowsArgumentException(string cidr)
    {
        Assert.That(() => SubnetAddressSpace.Parse(cidr), Throws.ArgumentException);
    }

    [Test]
    public void Parse_HostBitsSet_ThrowsNamingTheRealNetwork()
    {
        Assert.That(
            () => SubnetAddressSpace.Parse("10.0.0.5/24"),
            Throws.ArgumentException.With.Message.Contains("host bits").And.Message.Contains("10.0.0.0/24"));
    }

    [TestCaseSource(nameof(s_badSizes))]
    public void Parse_OutOfRangeSize_Throws(string cidr)
    {
        Assert.That(() => SubnetAddressSpace.Parse(cidr), Throws.ArgumentException.With.Message.Contains("/16 to /28"));
    }

    [Test]
    public void Parse_SurroundingWhitespace_IsTrimmed()
    {
        Assert.That(SubnetAddressSpace.Parse(" 10.0.0.0/24 ").Cidr, Is.EqualTo("10.0.0.0/24"));
    }
}
