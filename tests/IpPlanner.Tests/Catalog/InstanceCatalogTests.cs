using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.Catalog;

public class InstanceCatalogTests
{
    [Test]
    public void Embedded_HoldsEveryRowOfTheSharedTable()
    {
        Assert.That(InstanceCatalog.Embedded.Count, Is.EqualTo(1391));
    }

    [Test]
    public void Get_KnownType_HasPublishedLimits()
    {
        var m5 = InstanceCatalog.Embedded.Get("m5.large");
        Assert.That((m5.Vcpus, m5.MaxEnis, m5.Ipv4PerEni, m5.IsNitro, m5.BranchEnis), Is.EqualTo(((int?)2, 3, 10, true, (int?)9)));
    }

    [Test]
    public void Get_BareMetal_HasNoHypervisorButDelegatesPrefixes()
    {
        var metal = InstanceCatalog.Embedded.Get("c5.metal");
        Assert.That(metal.Hypervisor, Is.Null);
        Assert.That(metal.SupportsPrefixDelegation, Is.True);
    }

    [Test]
    public void Get_Typo_SuggestsTheClosestNames()
    {
        Assert.That(() => InstanceCatalog.Embedded.Get("m5.lrage"),
            Throws.TypeOf<InputException>().With.Message.Contains("unknown instance type 'm5.lrage'").And.Message.Contains("m5.large"));
    }

    [Test]
    public void Get_Nonsense_SaysUnknownWithoutSuggestions()
    {
        Assert.That(() => InstanceCatalog.Embedded.Get("zzzzzzzzzzzzzzzzzzzzzzzzz"),
            Throws.TypeOf<InputException>().With.Message.EqualTo("unknown instance type 'zzzzzzzzzzzzzzzzzzzzzzzzz'"));
    }

    [Test]
    public void WithOverrides_DescribeInstanceTypes_ReplacesLimitsAndKeepsBranchEnis()
    {
        const string json = """
            { "InstanceTypes": [ {
                "InstanceType": "m5.large", "Hypervisor": "nitro", "BareMetal": false,
                "VCpuInfo": { "DefaultVCpus": 2 },
                "NetworkInfo": { "MaximumNetworkInterfaces": 4, "Ipv4AddressesPerInterface": 12,
                  "DefaultNetworkCardIndex": 0, "NetworkCards": [ { "NetworkCardIndex": 0, "MaximumNetworkInterfaces": 4 } ] } },
              { "InstanceType": "x9.future", "Hypervisor": "nitro", "BareMetal": false, "VCpuInfo": { "DefaultVCpus": 64 },
                "NetworkInfo": { "MaximumNetworkInterfaces": 16, "Ipv4AddressesPerInterface": 50 } } ] }
            """;
        var catalog = InstanceCatalog.Embedded.WithOverrides(DescribeInstanceTypesReader.Read(json, "types.json"));
        var m5 = catalog.Get("m5.large");
        Assert.That((m5.MaxEnis, m5.Ipv4PerEni, m5.BranchEnis), Is.EqualTo((4, 12, (int?)9)));
        Assert.That(catalog.Get("x9.future").MaxEnis, Is.EqualTo(16));
        Assert.That(catalog.Count, Is.EqualTo(1392));
    }

    [Test]
    public void Read_MultiCardType_UsesTheDefaultCardOnly()
    {
        const string json = """
            { "InstanceTypes": [ { "InstanceType": "p5.48xlarge", "Hypervisor": "nitro", "VCpuInfo": { "DefaultVCpus": 192 },
                "NetworkInfo": { "MaximumNetworkInterfaces": 64, "Ipv4AddressesPerInterface": 50, "DefaultNetworkCardIndex": 0,
                  "NetworkCards": [ { "NetworkCardIndex": 0, "MaximumNetworkInterfaces": 2 }, { "NetworkCardIndex": 1, "MaximumNetworkInterfaces": 2 } ] } } ] }
            """;
        var type = DescribeInstanceTypesReader.Read(json, "p5.json").Single();
        Assert.That(type.MaxEnis, Is.EqualTo(2));
        Assert.That(type.NetworkCards, Has.Count.EqualTo(2));
    }

    [TestCase("{ \"InstanceTypes\": [ { \"InstanceType\": \"m5.large\", ", "types.json:1:")]
    [TestCase("{ \"Subnets\": [] }", "InstanceTypes: missing")]
    [TestCase("{ \"InstanceTypes\": [ { \"InstanceType\": \"m5.large\" } ] }", "InstanceTypes[0] (m5.large).NetworkInfo: missing")]
    [TestCase("{ \"InstanceTypes\": [ { \"InstanceType\": \"m5.large\", \"NetworkInfo\": { \"MaximumNetworkInterfaces\": \"three\" } } ] }", "types.json:1:")]
    [TestCase("{ \"InstanceTypes\": [ { \"InstanceType\": \"m5.large\", \"NetworkInfo\": { \"MaximumNetworkInterfaces\": 3, \"Ipv4AddressesPerInterface\": 0 } } ] }", "Ipv4AddressesPerInterface: 0 is not valid")]
    public void Read_Malformed_OneLineErrorNamingFileAndField(string json, string expected)
    {
        var error = Assert.Throws<InputException>(() => DescribeInstanceTypesReader.Read(json, "types.json"))!;
        Assert.That(error.Message, Does.StartWith("types.json").And.Contains(expected));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }
}
