using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>CniSettings.Describe names the mode the nodes really run in, not just the flag that was set.</summary>
public class CniSettingsDescribeTests
{
    private static InstanceType[] Types(params string[] names) => [.. names.Select(n => InstanceCatalog.Embedded.Get(n))];

    private static CniVersion V(string text) => CniVersion.TryParse(text, out var v) ? v : throw new ArgumentException(text);

    [Test]
    public void Describe_SecondaryIps_NamesTheWarmEniTarget() =>
        Assert.That(new CniSettings().Describe(Types("m5.large")), Is.EqualTo("secondary IPs (WARM_ENI_TARGET=1)"));

    [Test]
    public void Describe_PrefixDelegationThatApplies_NamesTheWarmPrefixTarget() =>
        Assert.That(new CniSettings { PrefixDelegation = true }.Describe(Types("m5.large")), Is.EqualTo("prefix delegation (WARM_PREFIX_TARGET=1)"));

    [Test]
    public void Describe_PrefixDelegationOnCni180_IsSecondaryIpsAndSaysWhy() =>
        Assert.That(new CniSettings { PrefixDelegation = true, Version = V("1.8.0") }.Describe(Types("m5.large")),
            Is.EqualTo("secondary IPs (WARM_ENI_TARGET=1, prefix delegation ignored: VPC CNI 1.8.0 is older than 1.9.0)"));

    [Test]
    public void Describe_PrefixDelegationFromCni190_Applies() =>
        Assert.That(new CniSettings { PrefixDelegation = true, Version = CniVersion.PrefixDelegation }.Describe(Types("m5.large")),
            Does.StartWith("prefix delegation (WARM_PREFIX_TARGET=1)"));

    [Test]
    public void Describe_PrefixDelegationOnXenOnly_IsSecondaryIps() =>
        Assert.That(new CniSettings { PrefixDelegation = true }.Describe(Types("m4.large")),
            Is.EqualTo("secondary IPs (WARM_ENI_TARGET=1, prefix delegation ignored: m4.large is neither Nitro nor bare metal)"));

    [Test]
    public void Describe_PrefixDelegationOnMixedTypes_NamesTheTypesThatFallBack() =>
        Assert.That(new CniSettings { PrefixDelegation = true }.Describe(Types("m5.large", "m4.large", "t2.medium")),
            Is.EqualTo("prefix delegation (WARM_PREFIX_TARGET=1, secondary IPs on m4.large, t2.medium are neither Nitro nor bare metal)"));

    [Test]
    public void Describe_IpTargets_WinOverTheWarmTargets() =>
        Assert.That(new CniSettings { WarmIpTarget = 5, MinimumIpTarget = 10, SecurityGroupsForPods = true }.Describe(Types("m5.large")),
            Is.EqualTo("secondary IPs (WARM_IP_TARGET=5, MINIMUM_IP_TARGET=10, security groups for pods)"));

    [Test]
    public void Describe_MultiNic_SaysSoAndNamesTheEfaOnlyCards() =>
        Assert.That(
            (new CniSettings { MultiNic = true }.Describe(Types("c6in.32xlarge")),
             new CniSettings { MultiNic = true, EfaOnlyCards = [1] }.Describe(Types("c6in.32xlarge")),
             new CniSettings { MultiNic = true, Version = V("1.19.0") }.Describe(Types("c6in.32xlarge"))),
            Is.EqualTo(("secondary IPs (WARM_ENI_TARGET=1, multi-NIC)",
                "secondary IPs (WARM_ENI_TARGET=1, multi-NIC without EFA-only card 1)",
                "secondary IPs (WARM_ENI_TARGET=1)")));
}
