using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning.Recommend;

/// <summary><c>recommend --runway MONTHS</c> with a growing Karpenter NodePool: the target is its pending pods at month MONTHS.</summary>
public class RunwayRecommendNodePoolTests
{
    // Pods of 500m CPU and 1Gi on m6i.xlarge only, two daemonSets of 125m together (docs/allocatable.md): allocatable
    // CPU is 4000m less kube-reserved 60m + 10m + 5m + 5m = 3,920m, less 125m for the daemonSets = 3,795m, so 7 pods of
    // 500m (3,500m; 8 would need 4,000m). Memory is no bound: 16,384 MiB less the VM overhead ceil(7.5 %) = 1,229,
    // kube-reserved 11 x 58 + 255 = 893 and eviction 100 leaves 14,162 MiB, less 90 MiB for the daemonSets: 13 pods of 1Gi.
    // Today: 14 pods on 2 nodes (8 vCPUs) within limits of 16 vCPUs (4 nodes, 28 pods); +7 pods a month.
    // Two /20s hold every node and its warm pool with room to spare, so only the limits can bind.
    private static ProvisionedScenario Load()
    {
        const string yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/20, zone: z1 }
              - { id: b, cidr: 10.0.16.0/20, zone: z2 }
            daemonSets:
              - { name: aws-node, cpu: 25m, memory: 40Mi, hostNetwork: true }
              - { name: kube-proxy, cpu: 100m, memory: 50Mi, hostNetwork: true }
            nodePools:
              - name: general
                instanceTypes: [m6i.xlarge]
                subnets: [a, b]
                limits: { cpu: 16 }
                pods: { count: 14, cpu: 500m, memory: 1Gi }
                growth: +7/month
            """;
        return ScenarioOf(yaml, "pool-runway.yaml");
    }

    [Test]
    public void Target_GrowingNodePool_IsItsPendingPodsAtTheMonthPlusHeadroom()
    {
        // 14 + 4 x 7 = 42 pending pods at month 4; plus 10 % headroom: 46.2, rounded up to 47 pods.
        // (Before: the target kept today's 14 pods, 14 x 1.1 rounded up to 16, which today's limits hold.)
        var scenario = Load();
        var growth = Runway.GrowthOf(scenario, null);
        var target = RunwayRecommend.Target(scenario, growth, 4, 10);
        Assert.That(target.PendingPods["general"], Is.EqualTo(47));
        Assert.That(target.Description, Is.EqualTo("4 months of growth (NodePool general +7/month to 42 pending pods), plus 10% headroom"));
    }

    [Test]
    public void Recommend_GrowingNodePoolWhoseLimitsBindAtTheMonth_RaiseLimitsProposesTheAmount()
    {
        // 47 pods at the target need ceil(47 / 7) = 7 m6i.xlarge nodes, 7 x 4 = 28 vCPUs: the limits of 16 stop Karpenter
        // after 4 nodes (28 pods scheduled, 19 pending), so the current settings do not fit, and raising the limits to the
        // 28 vCPUs of the 7 nodes does (the /20s hold them).
        var scenario = Load();
        var growth = Runway.GrowthOf(scenario, null);
        var report = Recommender.Recommend(scenario, RunwayRecommend.Target(scenario, growth, 4, 10));
        var current = report.Strategies.Single(s => s.Name == "current settings");
        Assert.That(current.Fits, Is.False);
        Assert.That(current.WhyNot, Does.Contain("leaves 19 of 47 pending pods unscheduled"));
        var raise = report.Strategies.Single(s => s.Name == "raise NodePool limits");
        Assert.That(raise.Fits, Is.True, raise.WhyNot);
        Assert.That(raise.Changes, Is.EqualTo(new[] { "nodePools[general].limits.cpu: 28 (was 16)" }));
        Assert.That(raise.Nodes, Is.EqualTo(7));
    }

    [Test]
    public void Runways_KarpenterSample_CurrentSettingsAgreeWithRunway()
    {
        // Each strategy's runway starts from today's 150 pending pods (docs/rules.md, "Runway"), not from the target's
        // 957, so "current settings" is exactly what `runway` answers for the scenario as it is (README, "Runway of a
        // Karpenter NodePool": subnet-private-b runs out in month 11, addresses).
        var path = Sample("runway-karpenter.yaml");
        var loaded = LoadText(File.ReadAllText(path), "runway-karpenter.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var scenario = loaded.Provisioned!;
        var growth = Runway.GrowthOf(scenario, null);
        var report = Recommender.Recommend(scenario, RunwayRecommend.Target(scenario, growth, 24, 10));
        var current = RunwayRecommend.Runways(scenario, report, growth, 24).Single(r => r.Strategy == "current settings");
        var runway = Runway.FirstExhausted(scenario, growth, current.Horizon);
        Assert.That((current.RunsOutInMonth, current.Subnet, current.Reason), Is.EqualTo((runway?.Month, runway?.Subnet, runway?.Reason)));
        Assert.That(current.RunsOutInMonth, Is.EqualTo(11));
    }
}
