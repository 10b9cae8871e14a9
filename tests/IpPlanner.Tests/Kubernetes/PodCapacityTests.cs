using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// The plan's pod capacity and headroom for pods from requests: a node holds no more pods than fit by CPU and
/// memory, not what max pods and the ENIs' IPs would allow. m5.large (docs/allocatable.md): allocatable 1930m CPU,
/// 6903 MiB; max pods 29, of which 27 pod IPs beside the 2 host-network pods.
/// </summary>
public class PodCapacityTests
{
    private static PlanReport Plan(string text)
    {
        var result = Load(text);
        Assert.That(result.Errors, Is.Empty);
        return CapacityPlanner.Plan(result.Provisioned!);
    }

    [Test]
    public void NodeGroupWithRequests_CapacityIsWhatFitsByCpu_NoHeadroomOnFullNodes()
    {
        // 250m / 256Mi: 7 pods per node by CPU (floor(1930 / 250)); by memory 26, by max pods and IPs 27.
        // 3 nodes run 3 x 7 = 21 pods, which is all they hold by CPU: capacity 21, headroom 0. Counted by max pods
        // and IPs (as before) it would have been 3 x 27 = 81 with 60 "more pods" that no scheduler would place.
        var plan = Plan(With("    podsPerNode: 10", "    podRequests: {cpu: 250m, memory: 256Mi}"));
        Assert.Multiple(() =>
        {
            Assert.That(plan.NodeGroups.Single().PodCapacity, Is.EqualTo(21));
            Assert.That((plan.Cluster.PodCapacity, plan.Cluster.PodsPlanned, plan.Cluster.Headroom), Is.EqualTo((21, 21, 0)));
            // maxNodes defaults to the 3 nodes, so growing every group adds none: the 3 nodes' 21 pods are what fit.
            Assert.That(plan.Verdict, Does.StartWith("21 pods fit: every node group reaches maxNodes (workers 3 nodes)"));
        });
    }

    [Test]
    public void NodeGroupWithoutRequests_StillCountsMaxPodsAndIps()
    {
        // podsPerNode 10 by hand: each of the 3 nodes can go to its 27 pod IPs, so capacity 81 and headroom 81 - 30.
        var plan = Plan(Base);
        Assert.That((plan.Cluster.PodCapacity, plan.Cluster.Headroom), Is.EqualTo((81, 51)));
    }

    [Test]
    public void NodePool_PartlyFilledClaim_HasHeadroomUpToItsTypesFit()
    {
        // 10 pending pods of 250m / 256Mi on m5.large (7 per node by CPU): claims of 7 and 3 pods. Capacity is
        // 7 per node by requests, 2 x 7 = 14; 10 planned, so 4 more fit, all on the claim made for 3 (which launches
        // in subnet-b: after the first claim subnet-a has 250 - 29 in flight, subnet-b 250; docs/nodepools.md).
        var text = Base.Replace("nodeGroups:", """
            nodePools:
              - name: general
                instanceTypes: [m5.large]
                subnets: [subnet-a, subnet-b]
                pods: {count: 10, cpu: 250m, memory: 256Mi}
            nodeGroups:
            """, StringComparison.Ordinal).Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);
        var plan = Plan(text);
        Assert.Multiple(() =>
        {
            Assert.That((plan.Cluster.PodCapacity, plan.Cluster.PodsPlanned, plan.Cluster.Headroom), Is.EqualTo((14, 10, 4)));
            var partial = plan.NodeGroups.Single(g => g.Name == "general/m5.large/3@subnet-b");
            Assert.That((partial.PodCapacity, partial.PodsPerNodeLimitedBy), Is.EqualTo((7, "cpu")));
            Assert.That(partial.PodsPerNodeReason, Does.Contain("these NodeClaims were made for 3 pending pods each, so 4 more fit per node"));
        });
    }
}
