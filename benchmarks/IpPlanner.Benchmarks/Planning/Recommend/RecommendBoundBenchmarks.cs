using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning.Recommend;

namespace IpPlanner.Benchmarks.Planning.Recommend;

/// <summary>
/// recommend on a target no VPC can hold (10,000,000 pods: refused by TargetBound before anything is planned) next to
/// an ordinary one (every group at maxNodes: all seven strategies planned), on 3 /20 node subnets of m5.large.
/// </summary>
[MemoryDiagnoser]
public class RecommendBoundBenchmarks
{
    private ProvisionedScenario _scenario = null!;

    [GlobalSetup]
    public void Setup()
    {
        static AddressBlock Block(string cidr) => new(cidr, System.Net.IPNetwork2.Parse(cidr), 0);
        var subnets = Enumerable.Range(0, 3)
            .Select(i => new SubnetSpec { Id = $"s{i}", Block = Block($"10.0.{i * 16}.0/20"), Zone = $"z{i}" })
            .ToList();
        _scenario = ProvisionedScenario.Of(new Scenario
        {
            Cluster = new ClusterSpec { Name = "bench", ControlPlaneSubnets = ["s0", "s1"] },
            Vpc = new VpcSpec { Cidrs = [Block("10.0.0.0/16")] },
            Subnets = subnets,
            NodeGroups =
            [
                new NodeGroupSpec
                {
                    Name = "g",
                    InstanceType = "m5.large",
                    Type = InstanceCatalog.Embedded.Get("m5.large"),
                    Subnets = [.. subnets.Select(s => s.Id)],
                    Nodes = 20,
                    MaxNodes = 30,
                    PodsPerNode = 15,
                },
            ],
        });
    }

    [Benchmark(Baseline = true, Description = "recommend at maxNodes (33 nodes, every strategy planned)")]
    public int AtMaxNodes() => Recommender.Recommend(_scenario, Recommender.Target(_scenario, null, null, 10)).Strategies.Count;

    [Benchmark(Description = "recommend --target-pods 10,000,000 (refused before planning)")]
    public int TenMillionPods() => Recommender.Recommend(_scenario, Recommender.Target(_scenario, null, 10_000_000, 10)).Strategies.Count;
}
