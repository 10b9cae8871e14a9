using NUnit.Framework;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// The pure warm-pool policy against ipamd's own arithmetic, row by row, aws/amazon-vpc-cni-k8s@b521883:
/// isDatastorePoolTooLow pkg/ipamd/ipamd.go:2623-2657, datastoreTargetState :2177-2231, getPrefixesNeeded :2714-2731,
/// GetENIResourcesToAllocate :2551-2568, isDatastorePoolTooHigh :2659-2677, computeExtraPrefixesOverWarmTarget
/// :1516-1528, shouldRemoveExtraENIs :1488-1514, isRequiredFor* pkg/ipamd/datastore/data_store.go:974-1040.
/// Each expected value is worked out in the comment from those lines, not from the policy.
/// Secondary IPs: 9 per ENI (m5.large). Prefix mode: 29 /28s per ENI (c5.4xlarge), max pods 110 unless said.
/// </summary>
public class WarmPoolPolicyTests
{
    private static WarmPoolPolicy Secondary(CniSettings s, int maxPods = 29) => new(s, prefixMode: false, slotsPerEni: 9, maxPods);

    private static WarmPoolPolicy Prefix(CniSettings s, int maxPods = 110) => new(s, prefixMode: true, slotsPerEni: 29, maxPods);

    private static readonly CniSettings D = CniSettings.Default;

    private static IEnumerable<TestCaseData> Decisions()
    {
        // WET=1, total 9, assigned 1: available 8 < 1 * 9 -> low; toAllocate = maxIPsPerENI = 9 (:1123).
        yield return Row("WET1 low", Secondary(D), new(9, 1, 0, 0), PoolAction.Grow, 9, tryFree: false);
        // WET=1, total 18, assigned 9: available 9, not low; never too high under WET (:2676); 9 >= 2 * 9 false.
        yield return Row("WET1 steady", Secondary(D), new(18, 9, 0, 0), PoolAction.Steady, 0, tryFree: false);
        // WET=1, total 27, assigned 9: available 18 >= (1 + 1) * 9 -> look for an ENI to free (:1504).
        yield return Row("WET1 extra ENI", Secondary(D), new(27, 9, 0, 0), PoolAction.Steady, 0, tryFree: true);
        // WET=0, total 9, assigned 9: available 0 and target 0 -> low (:2649).
        yield return Row("WET0 empty", Secondary(D with { WarmEniTarget = 0 }), new(9, 9, 0, 0), PoolAction.Grow, 9, tryFree: false);
        // WET=0, total 18, assigned 9: available 9 -> not low; 9 >= (0 + 1) * 9 -> free an ENI (the oscillation).
        yield return Row("WET0 full spare", Secondary(D with { WarmEniTarget = 0 }), new(18, 9, 0, 0), PoolAction.Steady, 0, tryFree: true);
        // Max pods: total 29 >= maxPods 29 -> never low (:2637), even with available 0.
        yield return Row("max pods", Secondary(D, maxPods: 29), new(29, 29, 0, 0), PoolAction.Steady, 0, tryFree: false);
        // WIT=5, MIT=0, total 9, assigned 6: short = max(5 - 3, 0) = 2 -> low, allocate 2 (:1125).
        yield return Row("WIT short", Secondary(D with { WarmIpTarget = 5 }), new(9, 6, 0, 0), PoolAction.Grow, 2, tryFree: true);
        // WIT=2, MIT=10, total 9, assigned 0: short = max(2 - 9 -> 0, 10 - 9) = 1.
        yield return Row("MIT short", Secondary(D with { WarmIpTarget = 2, MinimumIpTarget = 10 }), new(9, 0, 0, 0), PoolAction.Grow, 1, tryFree: true);
        // WIT=2, MIT=10, total 20, assigned 3: over = max(min(17 - 2, 20 - 10), 0) = 10 -> release 10 IPs.
        yield return Row("WIT over", Secondary(D with { WarmIpTarget = 2, MinimumIpTarget = 10 }), new(20, 3, 0, 0), PoolAction.Release, 10, tryFree: true);
        // Prefix WPT=1, 1 prefix, 1 assigned: available 15 < 16 -> low; free prefixes 0 -> need max(1, 1 - 0) = 1.
        yield return Row("WPT1 low", Prefix(D with { PrefixDelegation = true }), new(16, 1, 1, 0), PoolAction.Grow, 1, tryFree: true);
        // Prefix WPT=3, 4 prefixes, 17 assigned over 2 of them: available 47 >= 48? no -> low; need max(1, 3 - 2) = 1.
        yield return Row("WPT3 low", Prefix(D with { PrefixDelegation = true, WarmPrefixTarget = 3 }), new(64, 17, 4, 2), PoolAction.Grow, 1, tryFree: true);
        // Prefix WPT=1, 4 prefixes, 3 free: available >= 16 -> not low; too high: 3 > 1 -> release 3 - 1 = 2 (:1522).
        yield return Row("WPT1 over", Prefix(D with { PrefixDelegation = true }), new(64, 5, 4, 3), PoolAction.Release, 2, tryFree: true);
        // Prefix WIT=20: 2 prefixes, 14 assigned: short = 20 - 18 = 2 IPs -> ceil(2 / 16) = 1 prefix.
        yield return Row("PD WIT short", Prefix(D with { PrefixDelegation = true, WarmIpTarget = 20 }), new(32, 14, 2, 1), PoolAction.Grow, 1, tryFree: true);
        // Prefix WIT=5: 3 prefixes, 2 free, 3 assigned: needed for warm = ceil((3 + 5) / 16) = 1; over = min(2, 3 - 1) = 2.
        yield return Row("PD WIT over", Prefix(D with { PrefixDelegation = true, WarmIpTarget = 5 }), new(48, 3, 3, 2), PoolAction.Release, 2, tryFree: true);
        // Prefix WIT=5, MIT=40: as above but needed for min = ceil(40 / 16) = 3 -> over = min(2, 3 - 3) = 0.
        yield return Row("PD MIT holds", Prefix(D with { PrefixDelegation = true, WarmIpTarget = 5, MinimumIpTarget = 40 }), new(48, 3, 3, 2), PoolAction.Steady, 0, tryFree: true);
    }

    private static TestCaseData Row(string name, WarmPoolPolicy policy, PoolCounters pool, PoolAction action, int count, bool tryFree) =>
        new TestCaseData(policy, pool).Returns(new PoolDecision(action, count, tryFree)).SetName($"Decide_{name.Replace(' ', '_')}");

    [TestCaseSource(nameof(Decisions))]
    public PoolDecision Decide_MatchesIpamd(WarmPoolPolicy policy, PoolCounters pool) => policy.Decide(pool);

    [Test]
    public void SlotsToAdd_NewEniGetsAtMostOneEnisWorth()
    {
        // Prefix MIT=1000, nothing held: short = ceil(1000 / 16) = 63 /28s; GetENIResourcesToAllocate caps a new ENI at 29.
        var policy = Prefix(D with { PrefixDelegation = true, MinimumIpTarget = 1000 }, maxPods: 2000);
        Assert.That(Math.Min(policy.SlotsToAdd(new(0, 0, 0, 0)), policy.SlotsPerEni), Is.EqualTo(29));
        Assert.That(policy.SlotsToAdd(new(0, 0, 0, 0)), Is.EqualTo(63));
    }

    private static IEnumerable<TestCaseData> Required()
    {
        // WIT=3: pool 18 IPs, 9 assigned; the candidate ENI holds 9 IPs, none assigned:
        // others' warm = (18 - 9) - (9 - 0) = 0 < 3 -> required (data_store.go:974-996).
        yield return Case("WIT needs it", Secondary(D with { WarmIpTarget = 3 }), new(18, 9, 0, 0), new(9, 0, 0, 0), required: true);
        // Same with pool 27 / 9 assigned: others' warm = 18 - 9 = 9 >= 3 -> not required.
        yield return Case("WIT spare", Secondary(D with { WarmIpTarget = 3 }), new(27, 9, 0, 0), new(9, 0, 0, 0), required: false);
        // MIT=15: others hold 18 - 9 = 9 < 15 -> required (:999-1021).
        yield return Case("MIT needs it", Secondary(D with { MinimumIpTarget = 15 }), new(18, 0, 0, 0), new(9, 0, 0, 0), required: true);
        // Prefix WIT=5 rounds up to 16: others' warm 15 < 16 -> required.
        yield return Case("PD WIT rounds", Prefix(D with { PrefixDelegation = true, WarmIpTarget = 5 }), new(48, 17, 3, 1), new(16, 0, 1, 1), required: true);
        // Prefix WPT=1: the other ENIs have 1 free /28 left -> 1 < 1 false -> not required (:1024-1040).
        yield return Case("WPT spare", Prefix(D with { PrefixDelegation = true }), new(48, 17, 3, 2), new(16, 0, 1, 1), required: false);
        // WET only: getDeletableENI checks no WARM_ENI_TARGET at all.
        yield return Case("WET unchecked", Secondary(D with { WarmEniTarget = 5 }), new(18, 9, 0, 0), new(9, 0, 0, 0), required: false);
    }

    private static TestCaseData Case(string name, WarmPoolPolicy policy, PoolCounters pool, EniCounters eni, bool required) =>
        new TestCaseData(policy, pool, eni).Returns(required).SetName($"IsRequiredByTargets_{name.Replace(' ', '_')}");

    [TestCaseSource(nameof(Required))]
    public bool IsRequiredByTargets_MatchesIpamd(WarmPoolPolicy policy, PoolCounters pool, EniCounters eni) => policy.IsRequiredByTargets(pool, eni);

    [Test]
    public void FreeingWouldOscillate_OnlyWhenTheEniHoldsEveryAvailableIpAtWet0()
    {
        var wet0 = Secondary(D with { WarmEniTarget = 0 });
        // 18 IPs, 9 assigned (all on the primary): the spare ENI holds all 9 available -> without it available 0 -> low.
        Assert.That(wet0.FreeingWouldOscillate(new(18, 9, 0, 0), new(9, 0, 0, 0)), Is.True);
        // 27 IPs, 9 assigned: without one spare ENI 9 remain available -> not low.
        Assert.That(wet0.FreeingWouldOscillate(new(27, 9, 0, 0), new(9, 0, 0, 0)), Is.False);
        // WET=1 never gets here: freeing needs available >= 18, leaving >= 9 = 1 * 9.
        Assert.That(Secondary(D).FreeingWouldOscillate(new(27, 9, 0, 0), new(9, 0, 0, 0)), Is.False);
    }
}
