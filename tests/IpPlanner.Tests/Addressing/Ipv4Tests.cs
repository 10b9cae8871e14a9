using System.Net;
using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

public sealed class Ipv4Tests
{
    private static readonly string[] s_addresses = ["0.0.0.0", "10.0.0.1", "100.64.255.254", "192.168.1.255", "255.255.255.255"];

    private static readonly string[] s_notAddresses = ["", "10.0.0", "10.1", "010.0.0.1", "0x0a.0.0.1", "10.0.0.256", "::1", "10.0.0.1/32", " 10.0.0.1"];

    [TestCaseSource(nameof(s_addresses))]
    public void Parse_CanonicalDottedQuad_RoundTripsThroughFormatAndIPAddress(string text)
    {
        var address = Ipv4.Parse(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ipv4.Format(address), Is.EqualTo(text));
            Assert.That(Ipv4.ToIPAddress(address), Is.EqualTo(IPAddress.Parse(text)));
            Assert.That(Ipv4.FromIPAddress(IPAddress.Parse(text)), Is.EqualTo(address));
        }
    }

    [Test]
    public void Parse_TenZeroZeroOne_IsHostOrderUInt()
    {
        Assert.That(Ipv4.Parse("10.0.0.1"), Is.EqualTo(0x0A000001u));
    }

    [TestCaseSource(nameof(s_notAddresses))]
    public void TryParse_ShorthandOrMalformed_IsRefused(string text)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ipv4.TryParse(text, out _), Is.False);
            Assert.That(() => Ipv4.Parse(text), Throws.ArgumentException);
        }
    }

    [Test]
    public void FromIPAddress_IPv6_Throws()
    {
        Assert.That(() => Ipv4.FromIPAddress(IPAddress.IPv6Loopback), Throws.ArgumentException);
    }
}
