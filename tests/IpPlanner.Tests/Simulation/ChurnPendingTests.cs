using NUnit.Framework;
using IpPlanner.Core.Simulation;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Simulation;

/// <summary>Issue 15: pods that no node can take are pending, counted and reported; a rollout never shrinks quietly.</summary>
public class ChurnPendingTests
{
    // One m5.large: max pods 29 with 2 host-network pods, so the scheduler puts at most 27 pods on it. 40 replicas:
    // 27 run from the start and 13 find no node. The rollout at 10 min surges 5 new pods; the node is full, so all 5
    // wait too and, as in Kubernetes, hold the rollout: no old pod is retired for a pending one. The rollout at 20 min
    // finds the first still surging and starts nothing. After 30 min: 40 + 5 = 45 pods created, 13 + 5 = 18 never
    // found a node, all 18 still pending (each older than a minute).
    private const string Scenario = """
        cluster: { name: t, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.0.0/20, zone: z1 }
          - { id: b, cidr: 10.0.16.0/20, zone: z2 }
        cni: { version: 1.19.0 }
        nodeGroups:
          - { name: web, instanceType: m5.large, subnets: [a], nodes: 1, maxNodes: 1, podsPerNode: 0 }
        workloads:
          - { kind: deployment, name: front, nodeGroup: web, replicas: 40, rolloutEvery: 10m, maxSurge: 5, podReadySeconds: 15 }
        """;

    [Test]
    public void Simulate_MoreReplicasThanMaxPods_UnschedulablePodsCountAsPendingAndHoldTheRollout()
    {
        var loaded = LoadText(Scenario, "t.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var report = MonteCarlo.Run(loaded.Provisioned!, new SimulationOptions { DurationSeconds = 1800, Runs = 1, Seed = 7 });

        Assert.That((report.MeanPodsCreated, report.MeanPodsUnschedulable, report.MeanPodsPendingAtEnd), Is.EqualTo((45.0, 18.0, 18.0)));
        Assert.That(report.Verdicts, Has.Some.StartsWith("18 pods per run (mean) found no node with room"));
    }

    [Test]
    public void Simulate_ScaleOutStoppedByMaxPods_NoSubnetCalledExhausted()
    {
        // 40 pods per node on m5.large (max pods 29): each new node stops at its own limit. The /20 has 4,091
        // addresses and 3 nodes take about 30 each, so no subnet comes near running out; before issue 15 the
        // scale event marked subnet a exhausted in every run.
        const string yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/20, zone: z1 }
              - { id: b, cidr: 10.0.16.0/20, zone: z2 }
            cni: { version: 1.19.0 }
            nodeGroups:
              - { name: web, instanceType: m5.large, subnets: [a], nodes: 1, maxNodes: 3, podsPerNode: 40 }
            workloads:
              - { kind: scale, nodeGroup: web, at: 1m, nodes: 3 }
            """;
        var loaded = LoadText(yaml, "t.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var report = MonteCarlo.Run(loaded.Provisioned!, new SimulationOptions { DurationSeconds = 300, Runs = 2, Seed = 3 });
        Assert.That(report.Subnets.Select(s => s.ExhaustionProbability), Is.All.Zero);
    }
}
