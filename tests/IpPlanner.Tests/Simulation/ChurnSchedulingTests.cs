using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Simulation;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Simulation;

/// <summary>
/// The churn run picks a node for each new pod from per-group indexes instead of looking at every node. The reference
/// is the scan over every node that it replaced (kept in ChurnScheduler for this comparison): for the same seed every
/// measured number must be the same.
/// </summary>
public class ChurnSchedulingTests
{
    // Two groups, two deployments pinned to one, jobs on any group (nodeGroup left out), scale-outs and scale-ins (several nodes leaving at once),
    // small /24s so pods wait for IPs and subnets run out: every path that changes a node's load is exercised.
    private const string Mixed = """
        cluster: { name: t, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        cni: { warmIpTarget: 2, minimumIpTarget: 4, ipCooldownSeconds: 30 }
        nodeGroups:
          - { name: web, instanceType: m5.large, subnets: [a, b], nodes: 6, maxNodes: 10, podsPerNode: 2 }
          - { name: batch, instanceType: m5.xlarge, subnets: [a, b], nodes: 3, maxNodes: 8, podsPerNode: 1 }
        workloads:
          - { kind: deployment, name: web, nodeGroup: web, replicas: 60, rolloutEvery: 4m, maxSurge: 25%, podReadySeconds: 10 }
          - { kind: deployment, name: api, nodeGroup: web, replicas: 20, rolloutEvery: 5m, maxSurge: 50%, podReadySeconds: 10 }
          - { kind: jobs, name: any, perMinute: 30, duration: { distribution: lognormal, median: 2m, sigma: 0.8 } }
          - { kind: jobs, name: etl, nodeGroup: batch, perMinute: 20, duration: { distribution: exponential, mean: 3m } }
          - { kind: scale, nodeGroup: batch, at: 5m, nodes: 7 }
          - { kind: scale, nodeGroup: web, at: 12m, nodes: 3 }
          - { kind: scale, nodeGroup: web, at: 14m, nodes: 8 }
          - { kind: scale, nodeGroup: web, at: 17m, nodes: 2 }
        """;

    private static IEnumerable<TestCaseData> Scenarios()
    {
        yield return new TestCaseData("mixed", null).SetName("ChurnRun_IndexedScheduling_SameResultsAsScanningEveryNode(mixed)");
        yield return new TestCaseData("samples", "churn.yaml").SetName("ChurnRun_IndexedScheduling_SameResultsAsScanningEveryNode(churn.yaml)");
    }

    [TestCaseSource(nameof(Scenarios))]
    public void ChurnRun_IndexedScheduling_SameResultsAsScanningEveryNode(string source, string? sample)
    {
        var scenario = Load(source, sample);
        for (var seed = 1; seed <= 4; seed++)
        {
            var indexed = new ChurnRun(scenario, 1200, 60, 10, seed).Run();
            var scanned = new ChurnRun(scenario, 1200, 60, 10, seed, scanAllNodes: true).Run();
            Assert.That(indexed.PodsCreated, Is.EqualTo(scanned.PodsCreated), $"seed {seed}");
            Assert.That(indexed.PodsPendingAtEnd, Is.EqualTo(scanned.PodsPendingAtEnd), $"seed {seed}");
            Assert.That(indexed.PeakUsed, Is.EqualTo(scanned.PeakUsed), $"seed {seed}");
            Assert.That(indexed.PodsFailedToStart, Is.EqualTo(scanned.PodsFailedToStart), $"seed {seed}");
            Assert.That(indexed.FirstFailureSeconds, Is.EqualTo(scanned.FirstFailureSeconds), $"seed {seed}");
            Assert.That(indexed.Samples, Is.EqualTo(scanned.Samples), $"seed {seed}");
        }
    }

    [Test]
    public void ChurnRun_MixedScenario_PodsWaitAndSubnetsFill()
    {
        // The comparison above means something only if the run is not trivial: pods waited for IPs somewhere.
        var result = new ChurnRun(Load("mixed", null), 1200, 60, 10, 1).Run();
        Assert.That(result.PodsFailedToStart.Sum(), Is.GreaterThan(0));
        Assert.That(result.PodsCreated, Is.GreaterThan(200));
    }

    private static ProvisionedScenario Load(string source, string? sample) =>
        sample is null ? ScenarioOf(Mixed, "mixed.yaml") : ScenarioAt(Path.Combine(AppContext.BaseDirectory, source, sample));
}
