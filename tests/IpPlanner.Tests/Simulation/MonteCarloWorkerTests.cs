using System.Text.Json;
using IpPlanner.Core.Simulation;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Simulation;

/// <summary>
/// The Monte Carlo runs go to every core, each worker reusing one workspace (event queue, pod table, deployments)
/// from run to run. The promise to a user: the same seed gives the same report whatever the machine's core count,
/// because run i depends on the seed and i only, never on which worker ran it or what that worker ran before.
/// </summary>
public sealed class MonteCarloWorkerTests
{
    // Pods wait for IPs (small /24s), a rollout supersedes another, a scale-in reschedules pods: every list the
    // workspace keeps is used, so a leftover from one run would change the next.
    private const string Busy = """
        cluster: { name: t, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: us-east-2a }
          - { id: b, cidr: 10.0.2.0/24, zone: us-east-2b }
        cni: { warmIpTarget: 2, minimumIpTarget: 4, ipCooldownSeconds: 30 }
        nodeGroups:
          - { name: web, instanceType: m5.large, subnets: [a, b], nodes: 6, maxNodes: 10, podsPerNode: 2 }
          - { name: batch, instanceType: m5.xlarge, subnets: [a, b], nodes: 3, maxNodes: 8, podsPerNode: 1 }
        workloads:
          - { kind: deployment, name: web, nodeGroup: web, replicas: 60, rolloutEvery: 4m, maxSurge: 25%, podReadySeconds: 10 }
          - { kind: jobs, name: etl, nodeGroup: batch, perMinute: 20, duration: { distribution: exponential, mean: 3m } }
          - { kind: scale, nodeGroup: web, at: 12m, nodes: 3 }
          - { kind: scale, nodeGroup: web, at: 14m, nodes: 8 }
        """;

    [Test]
    public void Run_SameSeed_SameReportOnOneTwoAndFourWorkers()
    {
        var scenario = ScenarioOf(Busy);
        string Report(int workers) => JsonSerializer.Serialize(MonteCarlo.Run(
            scenario, new SimulationOptions { DurationSeconds = 1200, Runs = 24, Seed = 5, MaxParallelism = workers }));

        var one = Report(1);

        Assert.That(Report(2), Is.EqualTo(one));
        Assert.That(Report(4), Is.EqualTo(one));
    }

    [Test]
    public void ChurnRun_WorkspaceLeftByOtherRuns_SameResultAsAFreshOne()
    {
        var scenario = ScenarioOf(Busy);
        var fresh = new ChurnRun(scenario, 1200, 60, 10, seed: 7).Run();

        // One worker's history: longer runs of another scenario, then run 7 on what they left.
        var workspace = new ChurnWorkspace();
        var other = SampleScenario("churn.yaml");
        for (var seed = 1; seed <= 2; seed++)
        {
            _ = new ChurnRun(other, 1800, 60, 10, seed, workspace: workspace).Run();
        }

        var reused = new ChurnRun(scenario, 1200, 60, 10, seed: 7, workspace: workspace).Run();

        Assert.That(fresh.PodsFailedToStart.Sum(), Is.GreaterThan(0), "pods waited for IPs: the run is not trivial");
        Assert.That(reused.PodsCreated, Is.EqualTo(fresh.PodsCreated));
        Assert.That(reused.PodsPendingAtEnd, Is.EqualTo(fresh.PodsPendingAtEnd));
        Assert.That(reused.PodsUnschedulable, Is.EqualTo(fresh.PodsUnschedulable));
        Assert.That(reused.PeakUsed, Is.EqualTo(fresh.PeakUsed));
        Assert.That(reused.PodsFailedToStart, Is.EqualTo(fresh.PodsFailedToStart));
        Assert.That(reused.FirstFailureSeconds, Is.EqualTo(fresh.FirstFailureSeconds));
        Assert.That(reused.Samples, Is.EqualTo(fresh.Samples));
    }
}
