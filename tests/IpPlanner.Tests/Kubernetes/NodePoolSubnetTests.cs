using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// Which subnet each NodeClaim launches in, worked by hand from Karpenter's rule (aws/karpenter-provider-aws
/// pkg/providers/subnet/subnet.go:129-176@1d927085d ZonalSubnetsForLaunch: per zone the subnet with the most available
/// addresses, in-flight ones taken off; pkg/controllers/nodeclass/subnet.go:57-62@1d927085d: status order is most
/// available first, then by id; the in-flight charge is the smallest pod capacity among the claim's types,
/// subnet.go:251-265). Every pod here is 250m / 256Mi on m5.large: 7 per node by CPU (floor(1930 / 250)), and
/// m5.large's pod capacity is 3 x (10 - 1) + 2 = 29, the in-flight charge per claim. A /24 has 251 usable
/// addresses; the control plane takes 1 in subnet-a and 1 in subnet-b.
/// </summary>
public class NodePoolSubnetTests
{
    private const string SubnetC = """
          - id: subnet-c
            cidr: 10.0.2.0/24
            zone: us-east-1a
        nodeGroups:
        """;

    private static Dictionary<string, int> NodesPerSubnet(int pods, string subnets = "[subnet-a, subnet-b]", string? subnetAInUse = null, bool withSubnetC = false)
    {
        var text = subnetAInUse is null ? Base : With("    zone: us-east-1a", "    zone: us-east-1a\n    inUse: " + subnetAInUse);
        if (withSubnetC)
        {
            text = text.Replace("nodeGroups:", SubnetC, StringComparison.Ordinal);
        }

        text = text.Replace("nodeGroups:", $$"""
            nodePools:
              - name: general
                instanceTypes: [m5.large]
                subnets: {{subnets}}
                pods: {count: {{pods}}, cpu: 250m, memory: 256Mi}
            nodeGroups:
            """, StringComparison.Ordinal).Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);
        var result = Load(text);
        Assert.That(result.Errors, Is.Empty);
        Assert.That(CapacityPlanner.Plan(result.Provisioned!).NodePools.Single().StoppedBy, Is.Null);
        return result.Provisioned!.NodePools.Single(p => p.Name == "general").NodeGroups
            .GroupBy(g => g.Subnets.Single())
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Nodes));
    }

    [Test]
    public void Subnets_MostAvailableFirst_WithInFlightAccounting()
    {
        // subnet-a has 100 addresses in use: 251 - 1 - 100 = 150 available; subnet-b 251 - 1 = 250.
        // 42 pods = 6 claims of 7. Each goes where most are left, then takes 29 off that subnet:
        // b 250 -> 221, b 221 -> 192, b 192 -> 163, b 163 (a 150) -> 134, a 150 (b 134) -> 121, b 134 (a 121) -> 105.
        // So 5 nodes in subnet-b and 1 in subnet-a (round robin would have put 3 in each).
        Assert.That(NodesPerSubnet(42, subnetAInUse: "100"), Is.EqualTo(new Dictionary<string, int> { ["subnet-a"] = 1, ["subnet-b"] = 5 }));
    }

    [Test]
    public void Subnets_EqualAvailable_TieGoesToTheLowerIdThenAlternates()
    {
        // Both 250: status order a, b. 21 pods = 3 claims: a 250 -> 221; b 250 -> 221; a and b tie at 221: a.
        Assert.That(NodesPerSubnet(21), Is.EqualTo(new Dictionary<string, int> { ["subnet-a"] = 2, ["subnet-b"] = 1 }));
    }

    [Test]
    public void Subnets_TwoInOneZone_ThePoolUsesEachZonesFullest()
    {
        // subnet-c (us-east-1a, no control plane ENI) has 251, subnet-a (us-east-1a) 250, subnet-b (us-east-1b) 250.
        // Status order c, a, b. Claim 1: zone 1a's best is c (251), zone 1b's b (250): c, 251 -> 222.
        // Claim 2: zone 1a's best is now a (250 > 222), tying b (250): a comes first in status order: a -> 221.
        // Claim 3: zone 1a's best is c (222 > 221); b has 250: b -> 221. Claim 4: c 222 beats a 221 and b 221: c.
        Assert.That(NodesPerSubnet(28, "[subnet-a, subnet-b, subnet-c]", withSubnetC: true),
            Is.EqualTo(new Dictionary<string, int> { ["subnet-a"] = 1, ["subnet-b"] = 1, ["subnet-c"] = 2 }));
    }
}
