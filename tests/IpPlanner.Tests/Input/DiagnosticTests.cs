using NUnit.Framework;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Tests.Input;

[TestFixture]
public sealed class DiagnosticTests
{
    [Test]
    public void ToString_AllParts_IsCompilerStyle()
    {
        var d = new Finding("cidr-host-bits", Severity.Error, "subnets[0].cidr", "bad") { File = "a.yaml", Line = 12, Column = 11 };

        Assert.That(d.ToString(), Is.EqualTo("a.yaml:12:11: error: subnets[0].cidr: bad"));
    }

    [Test]
    public void ToString_UnknownPositionAndField_LeavesThemOut()
    {
        var d = new Finding("x", Severity.Warning, "", "careful") { File = "a.yaml", Line = 0, Column = 0 };

        Assert.That(d.ToString(), Is.EqualTo("a.yaml: warning: careful"));
    }

    [Test]
    public void ToString_LineWithoutColumn_PrintsTheLine()
    {
        var d = new Finding("x", Severity.Info, "cni", "fyi") { File = "a.yaml", Line = 3, Column = 0 };

        Assert.That(d.ToString(), Is.EqualTo("a.yaml:3: info: cni: fyi"));
    }
}

[TestFixture]
public sealed class SourceMapTests
{
    private static readonly SourceMap s_map = new("s.yaml", new Dictionary<string, SourcePosition>
    {
        [""] = new(1, 1),
        ["subnets[2]"] = new(20, 5),
        ["subnets[2].tags[kubernetes.io/role/elb]"] = new(24, 30),
    });

    [TestCase("subnets[2].tags[kubernetes.io/role/elb]", 24)]
    [TestCase("subnets[2].tags[kubernetes.io/role/cni]", 20)]
    [TestCase("subnets[2].cidr", 20)]
    [TestCase("nodeGroups[0].nodes", 1)]
    public void Locate_Field_FindsItOrItsNearestParent(string field, int line)
    {
        Assert.That(s_map.Locate(field).Line, Is.EqualTo(line));
    }

    [Test]
    public void Locate_EmptyMap_IsUnknown()
    {
        Assert.That(SourceMap.Empty.Locate("a.b").IsKnown, Is.False);
    }
}

[TestFixture]
public sealed class AddressBlockTests
{
    [TestCase("10.0.0.0/24", 0x0A000000u, 24, 256L, 0x0A0000FFu)]
    [TestCase("100.64.128.0/18", 0x64408000u, 18, 16384L, 0x6440BFFFu)]
    [TestCase("10.0.1.7/32", 0x0A000107u, 32, 1L, 0x0A000107u)]
    public void Constructor_Network_ComputesEngineNumbers(string cidr, uint first, int prefix, long count, uint last)
    {
        var block = new AddressBlock(cidr, System.Net.IPNetwork2.Parse(cidr), 0);

        Assert.That((block.First, block.PrefixLength, block.Count, block.Last), Is.EqualTo((first, prefix, count, last)));
    }
}
