using System.Text.Json;
using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// Karpenter NodePools worked by hand. Allocatable figures are Karpenter's (AllocatableRuleTests): m5.large 1930m,
/// 6903 MiB, 29 pods; m5.xlarge 3920m, 14162 MiB, 58 pods; m5.2xlarge 7910m, 29317 MiB, 58 pods; r5.large 1930m,
/// 14481 MiB, 29 pods; r5.xlarge 3920m, 29317 MiB, 58 pods. On-demand prices (us-east-1, the embedded table):
/// m5.large 0.096, m5.xlarge 0.192, m5.2xlarge 0.384, r5.large 0.126, r5.xlarge 0.252.
/// </summary>
public class NodePoolTests
{
    private static string Pool(string types, string pods, string limits = "") => Base.Replace("nodeGroups:", """
        nodePools:
          - name: general
        """ + "\n    instanceTypes: " + types + "\n    subnets: [subnet-a, subnet-b]\n    pods: " + pods + limits + "\nnodeGroups:", StringComparison.Ordinal)
        .Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);

    private static PlanReport Plan(string text)
    {
        var result = Load(text);
        Assert.That(result.Errors, Is.Empty);
        return CapacityPlanner.Plan(result.Provisioned!);
    }

    [Test]
    public void NodePool_OneType_SameNodesAsANodeGroupOfIt()
    {
        // 250m / 256Mi on m5.large: 7 pods per node by CPU (floor(1930 / 250)). 56 pending pods = 8 full nodes.
        // A node group of 8 m5.large with the same requests runs the same 8 nodes with 7 pods each, so every subnet
        // holds the same addresses.
        var pool = Plan(Pool("[m5.large]", "{count: 56, cpu: 250m, memory: 256Mi}"));
        var group = Plan(With("    nodes: 3", "    nodes: 8").Replace("    podsPerNode: 10", "    podRequests: {cpu: 250m, memory: 256Mi}", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(pool.NodePools.Single().Nodes, Is.EqualTo(8));
            Assert.That(pool.NodePools.Single().InstanceTypes, Is.EqualTo(new Dictionary<string, int> { ["m5.large"] = 8 }));
            Assert.That(JsonSerializer.Serialize(pool.Subnets), Is.EqualTo(JsonSerializer.Serialize(group.Subnets)));
        });
    }

    [Test]
    public void NodePool_ChoosingAmongTypes_LaunchesTheCheapestThatFits()
    {
        // 3 pods of 100m and 12Gi (12288 MiB). By memory: m5.xlarge floor(14162 / 12288) = 1, r5.large 1,
        // m5.2xlarge floor(29317 / 12288) = 2, r5.xlarge 2. The first NodeClaim fills to 2 pods (no type takes 3);
        // of the types that fit 2 the cheapest is r5.xlarge (0.252 < 0.384). The last pod's claim: the cheapest
        // that fits 1 is r5.large (0.126 < 0.192, 0.252, 0.384).
        var plan = Plan(Pool("[m5.xlarge, r5.large, m5.2xlarge, r5.xlarge]", "{count: 3, cpu: 100m, memory: 12Gi}"));
        var pool = plan.NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That(pool.InstanceTypes, Is.EqualTo(new Dictionary<string, int> { ["r5.large"] = 1, ["r5.xlarge"] = 1 }));
            Assert.That((pool.Pods, pool.PodsPending, pool.StoppedBy), Is.EqualTo((3, 0, (string?)null)));
        });
    }

    [Test]
    public void NodePool_CpuPods_FillTheLargestTypeThenLaunchTheCheapestThatHoldsThem()
    {
        // 10 pods of 1 CPU: m5.large holds 1 (floor(1930 / 1000)), m5.xlarge 3, m5.2xlarge 7. The first claim fills
        // to 7 and only m5.2xlarge holds 7; the other 3 fit m5.xlarge (0.192 < 0.384).
        var pool = Plan(Pool("[m5.large, m5.xlarge, m5.2xlarge]", "{count: 10, cpu: 1, memory: 1Gi}")).NodePools.Single();
        Assert.That(pool.InstanceTypes, Is.EqualTo(new Dictionary<string, int> { ["m5.2xlarge"] = 1, ["m5.xlarge"] = 1 }));
    }

    [Test]
    public void NodePool_Limits_StopItWithThatReason()
    {
        // limits.cpu 4 = two m5.large (2 vCPUs each). 20 pods at 7 per node need 3 nodes; the third would take the
        // pool to 6 vCPUs, so 2 nodes launch, 14 pods run and 6 stay pending, stopped by the limits.
        var pool = Plan(Pool("[m5.large]", "{count: 20, cpu: 250m, memory: 256Mi}", "\n    limits: {cpu: 4}")).NodePools.Single();
        Assert.That((pool.Nodes, pool.Pods, pool.PodsPending, pool.StoppedBy), Is.EqualTo((2, 14, 6, "limits")));
        Assert.That(pool.Explanation, Does.Contain("the NodePool's limits stop it with 6 pods pending"));
    }

    [Test]
    public void NodePool_MoreNodesThanTheSubnetsHold_StoppedByIps()
    {
        // 10m / 16Mi on m5.large: 27 pods per node (max pods 29 - 2). 540 pods = 20 nodes. Each full node holds
        // 3 ENIs x 10 addresses = 30 in its subnet; each /24 has 251 - 1 (control plane ENI) = 250, so 8 nodes per
        // subnet (240) and the 9th cannot get its pods: the pool launches 20 nodes but the subnets stop it.
        var pool = Plan(Pool("[m5.large]", "{count: 540, cpu: 10m, memory: 16Mi}")).NodePools.Single();
        Assert.That((pool.Nodes, pool.Pods, pool.StoppedBy), Is.EqualTo((20, 540, "ips")));
        Assert.That(pool.AddressesPerSubnet.Values, Has.All.LessThanOrEqualTo(250));
    }

    [Test]
    public void NodePool_PodTooBig_NoTypeFits()
    {
        // 64Gi does not fit m5.large's 6903 MiB.
        var pool = Plan(Pool("[m5.large]", "{count: 5, cpu: 1, memory: 64Gi}")).NodePools.Single();
        Assert.That((pool.Nodes, pool.PodsPending, pool.StoppedBy), Is.EqualTo((0, 5, "no type fits")));
    }

    [Test]
    public void NodePool_Requirements_SelectByWellKnownLabels()
    {
        // families [r5], sizes [large]: only r5.large. 2 pods of 1 CPU: 1 per node (floor(1930 / 1000)), 2 nodes.
        var text = Pool("[m5.large]", "{count: 2, cpu: 1, memory: 1Gi}")
            .Replace("    instanceTypes: [m5.large]", "    requirements: {families: [r5], sizes: [large]}", StringComparison.Ordinal);
        var pool = Plan(text).NodePools.Single();
        Assert.That(pool.InstanceTypes, Is.EqualTo(new Dictionary<string, int> { ["r5.large"] = 2 }));
    }

    [Test]
    public void NodePool_RequirementsMatchingNothing_IsSkippedWithAWarningWhileTheOthersSchedule()
    {
        // The example: families c5 and m5 are x86, so architecture [arm64] matches no type. Karpenter skips
        // such a pool ("skipping, nodepool requirements filtered out all instance types",
        // pkg/controllers/provisioning/scheduling/scheduler.go:154-171@226646810) and schedules the others: the plan
        // goes on, the pool's 2 pods stay pending, and the second pool launches its 2 nodes (1 pod of 1 CPU each on
        // m5.large, floor(1930 / 1000) = 1).
        var text = Pool("[m5.large]", "{count: 2, cpu: 1}")
            .Replace("    instanceTypes: [m5.large]", "    requirements: {families: [c5, m5], architecture: [arm64]}", StringComparison.Ordinal)
            .Replace("nodeGroups:", "  - name: other\n    instanceTypes: [m5.large]\n    subnets: [subnet-a]\n    pods: {count: 2, cpu: 1}\nnodeGroups:", StringComparison.Ordinal);
        var result = Load(text);
        var warning = result.Warnings.Single(w => w.Code == FindingCodes.NodePoolNoTypes);
        var plan = CapacityPlanner.Plan(result.Provisioned!, result.Warnings);
        var skipped = plan.NodePools.Single(p => p.Name == "general");
        Assert.Multiple(() =>
        {
            Assert.That(result.Errors, Is.Empty);
            Assert.That(warning.Field, Is.EqualTo("nodePools[0].requirements"));
            Assert.That((skipped.Nodes, skipped.PodsPending, skipped.StoppedBy), Is.EqualTo((0, 2, "matches no type")));
            Assert.That(plan.NodePools.Single(p => p.Name == "other").Nodes, Is.EqualTo(2));
            Assert.That(plan.Verdict, Does.Contain("NodePool general leaves 2 of 2 pending pods unscheduled: its requirements match no instance type"));
        });
    }

    [Test]
    public void NodePool_LimitsLeaveOnlyTypesTooSmall_TheFitStopsItNotTheLimits()
    {
        // Karpenter names the limit only when it removes every type (scheduler.go:709-731@226646810); when it leaves
        // some and none holds the pod, the error is the fit's. Pods of 3 CPU fit m5.xlarge (3920m) but not m5.large
        // (1930m); limits.cpu 3 leaves m5.large (2 vCPUs) and removes m5.xlarge (4): no type fits.
        var pool = Plan(Pool("[m5.large, m5.xlarge]", "{count: 1, cpu: 3, memory: 1Gi}", "\n    limits: {cpu: 3}")).NodePools.Single();
        Assert.That((pool.Nodes, pool.PodsPending, pool.StoppedBy), Is.EqualTo((0, 1, "no type fits")));
    }

    [Test]
    public void NodePool_LimitsRemovingEveryType_StopItWithTheLimits()
    {
        // limits.cpu 1 is below every type's 2 vCPUs: the limits remove every type, so they are the reason.
        var pool = Plan(Pool("[m5.large, m5.xlarge]", "{count: 1, cpu: 3, memory: 1Gi}", "\n    limits: {cpu: 1}")).NodePools.Single();
        Assert.That((pool.Nodes, pool.PodsPending, pool.StoppedBy), Is.EqualTo((0, 1, "limits")));
    }
}
