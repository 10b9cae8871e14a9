using NUnit.Framework;
using IpPlanner.Core.Addressing;

namespace IpPlanner.Tests.Addressing;

/// <summary>
/// The non-throwing parsers say yes and no exactly where the throwing ones do, in the same words: the throwing
/// <c>Parse</c> is the oracle, since both go through the one strict parser (Addressing/CidrText.cs).
/// </summary>
public sealed class TryParseTests
{
    private static readonly string?[] s_texts =
    [
        "10.0.0.0/24", "10.0.1.32/28", "0.0.0.0/0", "10.0.0.0/16", " 10.0.0.0/24 ", "10.0.0.0/29", "10.0.0.0/9",
        null, "", "   ", "10.0.0.0", "10.0.0.5/24", "010.0.0.0/24", "10.0.0.0/024", "10.0.0.0/33", "fd00::/64", "10.0/24",
    ];

    [TestCaseSource(nameof(s_texts))]
    public void Ipv4CidrTryParse_AnyText_AgreesWithParse(string? text)
    {
        var (parsed, thrown) = Attempt(() => Ipv4Cidr.Parse(text!));

        var ok = Ipv4Cidr.TryParse(text, out var cidr, out var problem);

        Assert.That(ok, Is.EqualTo(thrown is null), problem);
        Assert.That(cidr, Is.EqualTo(parsed));
        Assert.That(problem, Is.EqualTo(thrown?.Message.Replace(" (Parameter 'text')", "", StringComparison.Ordinal)));
        Assert.That(Ipv4Cidr.TryParse(text, out var quiet), Is.EqualTo(ok));
        Assert.That(quiet, Is.EqualTo(cidr));
    }

    [TestCaseSource(nameof(s_texts))]
    public void SubnetAddressSpaceTryParse_AnyText_AgreesWithParse(string? text)
    {
        var (parsed, thrown) = Attempt(() => SubnetAddressSpace.Parse(text!));

        var ok = SubnetAddressSpace.TryParse(text, out var space, out var problem);

        Assert.That(ok, Is.EqualTo(thrown is null), problem);
        Assert.That(space?.Cidr, Is.EqualTo(parsed?.Cidr));
        Assert.That(problem, Is.EqualTo(thrown?.Message.Replace(" (Parameter 'cidr')", "", StringComparison.Ordinal)));
    }

    [Test]
    public void Ipv4CidrTryParse_HostBitsSet_NamesTheBlockItWouldStart()
    {
        Assert.That(Ipv4Cidr.TryParse("10.0.0.5/24", out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain("did you mean 10.0.0.0/24?"));
    }

    private static (T? Value, ArgumentException? Thrown) Attempt<T>(Func<T> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (ArgumentException e)
        {
            return (default, e);
        }
    }
}
