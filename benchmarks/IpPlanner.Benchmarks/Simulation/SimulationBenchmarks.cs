using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;
using IpPlanner.Core.ScenarioFile;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Benchmarks.Simulation;

/// <summary>
/// The scale curve the issue sets a target for: 0 to 5,000 m5.large nodes with 20 pods each (100,000 pods) over six /16
/// subnets, every subnet recorded after every node.
/// </summary>
[MemoryDiagnoser]
public class ScaleCurveBenchmarks
{
    private ProvisionedScenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Six /16 subnets need more VPC CIDRs than AWS's default quota of 5, so this scenario is built in code
        // rather than through the validating loader.
        static AddressBlock Block(string cidr) => new(cidr, System.Net.IPNetwork2.Parse(cidr), 0);
        var subnets = Enumerable.Range(0, 6)
            .Select(i => new SubnetSpec { Id = $"s{i}", Block = Block($"10.{i}.0.0/16"), Zone = $"z{i % 3}" })
            .ToList();
        _scenario = ProvisionedScenario.Of(new Scenario
        {
            Cluster = new ClusterSpec { Name = "bench", ControlPlaneSubnets = ["s0", "s1"] },
            Vpc = new VpcSpec { Cidrs = [.. subnets.Select(s => s.Block)] },
            Subnets = subnets,
            NodeGroups =
            [
                new NodeGroupSpec
                {
                    Name = "g",
                    InstanceType = "m5.large",
                    Type = InstanceCatalog.Embedded.Get("m5.large"),
                    Subnets = [.. subnets.Select(s => s.Id)],
                    Nodes = 0,
                    MaxNodes = 5000,
                    PodsPerNode = 20,
                },
            ],
        });
    }

    [Benchmark(Description = "scale 0 -> 5,000 m5.large x 20 pods, six /16s")]
    public int Scale5000Nodes() => ScaleCurve.Run(_scenario, "g", 0, 5000).Points.Count;
}

/// <summary>
/// The Monte Carlo target: 1,000 runs of a 100-node cluster over one simulated hour of churn (a deployment rolled out
/// every 15 minutes with 25% surge, and batch jobs arriving at 20 a minute), on every core.
/// </summary>
[MemoryDiagnoser]
public class MonteCarloBenchmarks
{
    private ProvisionedScenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string yaml = """
            cluster: { name: bench, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/20, zone: z1 }
              - { id: b, cidr: 10.0.16.0/20, zone: z2 }
            cni: { warmIpTarget: 3, minimumIpTarget: 10 }
            nodeGroups:
              - { name: web, instanceType: m5.large, subnets: [a, b], nodes: 70, podsPerNode: 4 }
              - { name: batch, instanceType: m5.xlarge, subnets: [a, b], nodes: 30, podsPerNode: 4 }
            workloads:
              - { kind: deployment, name: web, nodeGroup: web, replicas: 600, rolloutEvery: 15m, maxSurge: 25% }
              - { kind: jobs, name: etl, nodeGroup: batch, perMinute: 20, duration: { distribution: lognormal, median: 5m, sigma: 0.6 } }
            """;
        _scenario = ScenarioLoader.LoadText(yaml, "bench.yaml", InstanceCatalog.Embedded).Provisioned
            ?? throw new InvalidOperationException("benchmark scenario does not load");
    }

    /// <summary>The same runs on one core: the baseline the parallel runs are measured against.</summary>
    [Benchmark(Baseline = true, Description = "1,000 runs x 100 nodes x 1 h of churn, one core")]
    public double ThousandRunsOneCore() =>
        MonteCarlo.Run(_scenario, new SimulationOptions { DurationSeconds = 3600, Runs = 1000, Seed = 1, MaxParallelism = 1 }).MeanPodsCreated;

    [Benchmark(Description = "1,000 runs x 100 nodes x 1 h of churn")]
    public double ThousandRuns() =>
        MonteCarlo.Run(_scenario, new SimulationOptions { DurationSeconds = 3600, Runs = 1000, Seed = 1 }).MeanPodsCreated;
}

/// <summary>
/// The churn run at scale: 10 runs of a 10,000-node cluster (7,000 m5.large, 3,000 m5.xlarge over three /16s) through
/// one simulated hour (a 30,000-replica deployment rolled every 20 minutes with 25% surge, 200 jobs a minute), about
/// 110,000 pods a run. Each new pod's node choice used to look at every node.
/// </summary>
[MemoryDiagnoser]
public class ChurnAtScaleBenchmarks
{
    private ProvisionedScenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        const string yaml = """
            cluster: { name: bench, controlPlaneSubnets: [a, b, c] }
            vpc: { cidrs: [10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/16, zone: us-east-2a }
              - { id: b, cidr: 10.1.0.0/16, zone: us-east-2b }
              - { id: c, cidr: 10.2.0.0/16, zone: us-east-2c }
            cni: { warmIpTarget: 3, minimumIpTarget: 10, ipCooldownSeconds: 30 }
            nodeGroups:
              - { name: web, instanceType: m5.large, subnets: [a, b, c], nodes: 7000, maxNodes: 9000, podsPerNode: 4 }
              - { name: batch, instanceType: m5.xlarge, subnets: [a, b, c], nodes: 3000, maxNodes: 4500, podsPerNode: 4 }
            workloads:
              - { kind: deployment, name: web, nodeGroup: web, replicas: 30000, rolloutEvery: 20m, maxSurge: 25%, podReadySeconds: 15 }
              - { kind: jobs, name: etl, nodeGroup: batch, perMinute: 200, duration: { distribution: lognormal, median: 8m, sigma: 0.7 } }
            """;
        _scenario = ScenarioLoader.LoadText(yaml, "churn-10000.yaml", InstanceCatalog.Embedded).Provisioned
            ?? throw new InvalidOperationException("benchmark scenario does not load");
    }

    [Benchmark(Description = "10 runs x 10,000 nodes x 1 h of churn")]
    public double TenRunsTenThousandNodes() =>
        MonteCarlo.Run(_scenario, new SimulationOptions { DurationSeconds = 3600, Runs = 10, Seed = 1 }).MeanPodsCreated;
}
