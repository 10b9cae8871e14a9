using NUnit.Framework;
using IpPlanner.Core.Input;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>Zone names AWS would not have, and subnets of one VPC in two regions, are warned about (not refused).</summary>
public class ZoneNameTests
{
    private static IReadOnlyList<Finding> Load(string zoneA, string zoneB)
    {
        var result = LoadText($$"""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: {{zoneA}} }
              - { id: b, cidr: 10.0.2.0/24, zone: {{zoneB}} }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2 }
            """, "zones.yaml");
        Assert.That(result.HasErrors, Is.False, string.Join("\n", result.Diagnostics));
        return result.Diagnostics;
    }

    [TestCase("us-east-1a", "us-east-1b")]
    [TestCase("eu-central-1a", "eu-central-1c")]
    [TestCase("us-gov-west-1a", "us-gov-west-1b")]
    [TestCase("us-east-1-bos-1a", "us-east-1a")]
    [TestCase("us-east-1-wl1-bos-wlz-1", "us-east-1c")]
    public void Load_AwsZonesOfOneRegion_NoZoneWarning(string a, string b) =>
        Assert.That(Load(a, b).Select(d => d.Code), Has.None.StartsWith("zone"));

    [TestCase("z1", "us-east-1a", "'z1' is not an AWS zone name")]
    [TestCase("us-east-1a", "US-EAST-1B", "'US-EAST-1B' is not an AWS zone name")]
    [TestCase("us-east-1a", "us-east-1", "'us-east-1' is not an AWS zone name")]
    public void Load_NotAnAwsZoneName_Warning(string a, string b, string expected)
    {
        var warning = Load(a, b).Single(d => d.Code == FindingCodes.ZoneNameUnknown);
        Assert.That(warning.Message, Does.StartWith(expected));
        Assert.That(warning.IsError, Is.False);
    }

    [Test]
    public void Load_SubnetsInTwoRegions_Warning()
    {
        var warning = Load("us-east-1a", "eu-west-1b").Single(d => d.Code == FindingCodes.ZonesInSeveralRegions);
        Assert.That(warning.Message, Does.Contain("2 regions (eu-west-1, us-east-1)"));
    }
}
