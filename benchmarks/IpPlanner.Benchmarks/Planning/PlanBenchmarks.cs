using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Benchmarks.Planning;

/// <summary>
/// The plan targets of the planning session (a what-if must answer while people talk): a whole plan of a
/// 20,000-node cluster, a what-if (one group's node count changed, then planned) on a 5,000-node cluster, and a plan
/// with 3,000 one-node groups (the case that grew with the square of the groups).
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private ProvisionedScenario _nodes20000 = null!;
    private ProvisionedScenario _nodes5000 = null!;
    private ProvisionedScenario _groups3000 = null!;
    private ProvisionedScenario _groups1000 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _nodes20000 = Load(TwoGroups(20_000, subnets: 6, prefix: 16));
        _nodes5000 = Load(TwoGroups(5_000, subnets: 3, prefix: 17));
        _groups3000 = Load(OneNodeGroups(3_000));
        _groups1000 = Load(OneNodeGroups(1_000));
    }

    [Benchmark(Description = "plan, 20,000 nodes (2 groups, six /16s)")]
    public int Plan20000Nodes() => CapacityPlanner.Plan(_nodes20000).Cluster.PodCapacity;

    [Benchmark(Description = "what-if: web +40 nodes, then plan, 5,000 nodes (three /17s)")]
    public int WhatIf5000Nodes()
    {
        var web = _nodes5000.NodeGroups[0];
        var changed = _nodes5000 with { NodeGroups = [web with { Spec = web.Spec with { Nodes = web.Nodes + 40 } }, .. _nodes5000.NodeGroups.Skip(1)] };
        return CapacityPlanner.Plan(changed).Cluster.PodCapacity;
    }

    [Benchmark(Description = "plan, 1,000 one-node groups (two /17s)")]
    public int Plan1000Groups() => CapacityPlanner.Plan(_groups1000).Cluster.PodCapacity;

    [Benchmark(Description = "plan, 3,000 one-node groups (two /17s)")]
    public int Plan3000Groups() => CapacityPlanner.Plan(_groups3000).Cluster.PodCapacity;

    private static ProvisionedScenario Load(string yaml) =>
        ScenarioLoader.LoadText(yaml, "bench.yaml", InstanceCatalog.Embedded).Provisioned
        ?? throw new InvalidOperationException("benchmark scenario does not load");

    // Three quarters of the nodes m5.large, a quarter m5.xlarge, 8 pods each, WARM_IP_TARGET=2 and
    // MINIMUM_IP_TARGET=10, spread over the subnets round robin; maxNodes 100 above the current count.
    internal static string TwoGroups(int nodes, int subnets, int prefix)
    {
        var text = new StringBuilder();
        var ids = string.Join(", ", Enumerable.Range(0, subnets).Select(i => $"s{i}"));
        text.AppendLine("cluster: { name: bench, controlPlaneSubnets: [s0, s1] }");
        var cidrs = Enumerable.Range(0, subnets).Select(i => Cidr(i, prefix)).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"vpc: {{ cidrs: [{string.Join(", ", cidrs.Select(c => c.Vpc).Distinct())}] }}");
        text.AppendLine("subnets:");
        for (var i = 0; i < subnets; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: s{i}, cidr: {cidrs[i].Subnet}, zone: eu-west-1{"abc"[i % 3]} }}");
        }

        text.AppendLine("cni: { warmIpTarget: 2, minimumIpTarget: 10 }");
        text.AppendLine("nodeGroups:");
        var web = nodes * 3 / 4;
        text.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: web, instanceType: m5.large, subnets: [{ids}], nodes: {web}, maxNodes: {web + 100}, podsPerNode: 8 }}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: batch, instanceType: m5.xlarge, subnets: [{ids}], nodes: {nodes - web}, maxNodes: {nodes - web + 100}, podsPerNode: 8 }}");
        return text.ToString();
    }

    private static (string Vpc, string Subnet) Cidr(int i, int prefix) => prefix == 16
        ? ($"10.{i}.0.0/16", $"10.{i}.0.0/16")
        : ($"10.{i / 2}.0.0/16", $"10.{i / 2}.{i % 2 * 128}.0/17");

    // One m5.large node per group with 5 pods (the default WARM_ENI_TARGET=1), groups alternating over two /17s.
    internal static string OneNodeGroups(int groups)
    {
        var text = new StringBuilder("""
            cluster: { name: many, controlPlaneSubnets: [s0, s1] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: s0, cidr: 10.0.0.0/17, zone: eu-west-1a }
              - { id: s1, cidr: 10.0.128.0/17, zone: eu-west-1b }
            nodeGroups:

            """);
        for (var i = 0; i < groups; i++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: g{i}, instanceType: m5.large, subnets: [s{i % 2}], nodes: 1, maxNodes: 1, podsPerNode: 5 }}");
        }

        return text.ToString();
    }
}
