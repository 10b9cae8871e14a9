using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.Cni;

/// <summary>The worked examples of docs/rules.md ("Max pods and host-network pods") and the mode rules around them.</summary>
public class MaxPodsCalculatorTests
{
    private static MaxPodsResult Calc(string type, MaxPodsOptions options) =>
        MaxPodsCalculator.Calculate(InstanceCatalog.Embedded.Get(type), options);

    private static IEnumerable<TestCaseData> DomainExamples()
    {
        // m5.large: 3 ENIs x 10 IPv4 -> 3 * 9 + 2 = 29
        yield return new TestCaseData("m5.large", new MaxPodsOptions()).Returns(29).SetName("Calculate_M5LargeSecondary_29");
        // custom networking: (3 - 1) * 9 + 2 = 20
        yield return new TestCaseData("m5.large", new MaxPodsOptions { CustomNetworking = true }).Returns(20).SetName("Calculate_M5LargeCustom_20");
        // prefix: 3 * 9 * 16 + 2 = 434 uncapped, 110 capped (2 vCPUs)
        yield return new TestCaseData("m5.large", new MaxPodsOptions { PrefixDelegation = true, ShowMaxAllowed = true }).Returns(434).SetName("Calculate_M5LargePrefixUncapped_434");
        yield return new TestCaseData("m5.large", new MaxPodsOptions { PrefixDelegation = true }).Returns(110).SetName("Calculate_M5LargePrefixCapped_110");
        // t3.small: 3 x 4 -> 3 * 3 + 2 = 11
        yield return new TestCaseData("t3.small", new MaxPodsOptions()).Returns(11).SetName("Calculate_T3Small_11");
        // c5.4xlarge: 8 x 30 -> 8 * 29 + 2 = 234 uncapped; 16 vCPUs so capped at 110
        yield return new TestCaseData("c5.4xlarge", new MaxPodsOptions { ShowMaxAllowed = true }).Returns(234).SetName("Calculate_C54XLargeUncapped_234");
        yield return new TestCaseData("c5.4xlarge", new MaxPodsOptions()).Returns(110).SetName("Calculate_C54XLargeCapped_110");
        // p5.48xlarge: only card 0 counts (2 ENIs x 50) -> 2 * 49 + 2 = 100
        yield return new TestCaseData("p5.48xlarge", new MaxPodsOptions { ShowMaxAllowed = true }).Returns(100).SetName("Calculate_P548XLargeCardZeroOnly_100");
        // c5.18xlarge: 72 vCPUs > 30 -> cap 250; 15 * 49 + 2 = 737
        yield return new TestCaseData("c5.18xlarge", new MaxPodsOptions()).Returns(250).SetName("Calculate_C518XLargeOver30Vcpus_Cap250");
        // MAX_ENI=1 on m5.large: 1 * 9 + 2 = 11
        yield return new TestCaseData("m5.large", new MaxPodsOptions { MaxEni = 1 }).Returns(11).SetName("Calculate_MaxEniOne_11");
        // MAX_ENI above the type's limit changes nothing
        yield return new TestCaseData("m5.large", new MaxPodsOptions { MaxEni = 8 }).Returns(29).SetName("Calculate_MaxEniAboveLimit_Unchanged");
        // security groups for pods: trunk takes a slot: 2 * 9 + 2 = 20
        yield return new TestCaseData("m5.large", new MaxPodsOptions { SecurityGroupsForPods = true }).Returns(20).SetName("Calculate_SecurityGroupsForPods_TrunkTakesEni");
        // custom networking + trunk: (3 - 2) * 9 + 2 = 11
        yield return new TestCaseData("m5.large", new MaxPodsOptions { SecurityGroupsForPods = true, CustomNetworking = true }).Returns(11).SetName("Calculate_CustomAndTrunk_TwoEnisLost");
        // prefix before CNI 1.9 falls back to secondary IPs
        yield return new TestCaseData("m5.large", new MaxPodsOptions { PrefixDelegation = true, ShowMaxAllowed = true, CniVersion = new CniVersion(1, 8, 0) }).Returns(29).SetName("Calculate_PrefixBeforeCni19_FallsBack");
        // prefix on a Xen type falls back
        yield return new TestCaseData("m4.large", new MaxPodsOptions { PrefixDelegation = true, ShowMaxAllowed = true }).Returns(20).SetName("Calculate_PrefixOnXen_FallsBack");
        // bare metal: the CNI allows prefix delegation: c5.metal 15 * 49 * 16 + 2 = 11762
        yield return new TestCaseData("c5.metal", new MaxPodsOptions { PrefixDelegation = true, ShowMaxAllowed = true }).Returns(11762).SetName("Calculate_PrefixOnBareMetal_Allowed");
        // a kubelet override wins, even above the cap
        yield return new TestCaseData("m5.large", new MaxPodsOptions { PrefixDelegation = true, KubeletMaxPods = 200 }).Returns(200).SetName("Calculate_KubeletOverride_Wins");
    }

    [TestCaseSource(nameof(DomainExamples))]
    public int Calculate_DomainExample_MatchesHandComputedValue(string type, MaxPodsOptions options) => Calc(type, options).MaxPods;

    [Test]
    public void Calculate_PrefixOnXen_SaysItFellBack()
    {
        var result = Calc("m4.large", new MaxPodsOptions { PrefixDelegation = true });
        Assert.That(result.PrefixDelegation, Is.False);
        Assert.That(result.Notes, Has.Some.Contains("silently falls back"));
    }

    [Test]
    public void Calculate_KubeletAboveEniSupply_WarnsContainerCreating()
    {
        var result = Calc("m5.large", new MaxPodsOptions { CustomNetworking = true, KubeletMaxPods = 110 });
        Assert.That(result.MaxPods, Is.EqualTo(110));
        Assert.That(result.Notes, Has.Some.Contains("ContainerCreating"));
    }

    [Test]
    public void Calculate_SecurityGroupsOnTypeWithoutTrunking_KeepsAllEnisAndSaysWhy()
    {
        var result = Calc("m4.large", new MaxPodsOptions { SecurityGroupsForPods = true });
        Assert.That(result.MaxPods, Is.EqualTo(20));
        Assert.That(result.Notes, Has.Some.Contains("cannot trunk"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Calculate_MaxEniBelowOne_IsAnInputError(int maxEni)
    {
        Assert.That(() => Calc("m5.large", new MaxPodsOptions { MaxEni = maxEni }), Throws.TypeOf<InputException>().With.Message.Contains("MAX_ENI").And.Message.Not.Contains("--"), "Core names the setting, not a CLI flag");
    }

    [Test]
    public void Calculate_EveryCatalogTypeAndMode_NeverNegative()
    {
        foreach (var type in InstanceCatalog.Embedded.Types)
        {
            foreach (var custom in new[] { false, true })
            {
                foreach (var sgp in new[] { false, true })
                {
                    var result = MaxPodsCalculator.Calculate(type, new MaxPodsOptions { CustomNetworking = custom, SecurityGroupsForPods = sgp, PrefixDelegation = true });
                    Assert.That(result.MaxPods, Is.GreaterThanOrEqualTo(MaxPodsCalculator.HostNetworkPods), $"{type.Name} custom={custom} sgp={sgp}");
                }
            }
        }
    }

    [TestCase("1.18.3", 1, 18, 3)]
    [TestCase("v1.12.6-eksbuild.2", 1, 12, 6)]
    [TestCase("1.9", 1, 9, 0)]
    public void CniVersionParse_CommonSpellings_Parse(string text, int major, int minor, int patch)
    {
        Assert.That(CniVersion.Parse(text), Is.EqualTo(new CniVersion(major, minor, patch)));
    }

    [TestCase("1")]
    [TestCase("one.two")]
    [TestCase("1.2.3.4")]
    [TestCase("")]
    [TestCase("-1.2.3")]
    public void CniVersionParse_Malformed_IsAnInputError(string text)
    {
        Assert.That(() => CniVersion.Parse(text), Throws.TypeOf<InputException>());
    }
}
