using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.ScenarioFile;

/// <summary>
/// vpc.cidrBlockQuota: the account's quota of IPv4 CIDR blocks per VPC (Amazon VPC quotas, "IPv4 CIDR blocks per VPC":
/// 5, adjustable up to 50), read by validation and by recommend's bound on what a VPC can hold.
/// </summary>
public class CidrBlockQuotaTests
{
    private static string SixBlocks(string quota) => $$"""
        cluster: { name: c, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16, 10.5.0.0/16]{{quota}} }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        nodeGroups:
          - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, podsPerNode: 10 }
        """;

    [Test]
    public void Validate_SixBlocks_WarnUnderTheDefaultQuotaOnlyAndNotUnderARaisedOne()
    {
        // 6 blocks > the default 5: warned; under a quota raised to 6 they are within it; under a quota of 4 (what the
        // file says the account has) they are warned with the file's number.
        Assert.That(LoadText(SixBlocks("")).Diagnostics.Select(d => d.Code), Does.Contain(FindingCodes.VpcCidrQuota));
        Assert.That(LoadText(SixBlocks(", cidrBlockQuota: 6")).Diagnostics.Select(d => d.Code), Does.Not.Contain(FindingCodes.VpcCidrQuota));
        var low = LoadText(SixBlocks(", cidrBlockQuota: 4")).Diagnostics.Single(d => d.Code == FindingCodes.VpcCidrQuota);
        Assert.That(low.Message, Does.Contain("quota of 4 (vpc.cidrBlockQuota"));
    }

    [Test]
    public void Validate_QuotaAboveFifty_IsAnError()
    {
        // AWS raises the quota up to 50 and no further.
        var load = LoadText(SixBlocks(", cidrBlockQuota: 51"));
        Assert.That(load.Errors.Select(e => e.Field), Does.Contain("vpc.cidrBlockQuota"));
    }

    [Test]
    public void Recommend_RaisedQuota_RaisesWhatAVpcCanHold()
    {
        // 50 blocks of a /16, each one subnet less its 5 reserved addresses: 50 x 65,531 = 3,276,550 usable addresses,
        // still fewer than 10,000,000 pods need, so the target is refused with the raised numbers.
        var scenario = ScenarioOf(SixBlocks(", cidrBlockQuota: 50"));
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, 10_000_000, 10));
        Assert.That(report.Verdict, Does.Contain("a VPC holds at most 3,276,550").And.Contain("50 CIDR blocks"));
    }
}
