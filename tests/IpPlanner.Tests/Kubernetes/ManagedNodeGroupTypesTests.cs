using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// A managed node group listing several instance types (<c>nodeGroups[].instanceTypes</c>): "the smallest value
/// calculated across all instance types is applied as the maximum number of Pods that can run on every instance type
/// in the node group" (EKS User Guide, create-managed-node-group.adoc:103), and on-demand capacity launches in list
/// order ("prioritized", managed-node-groups.adoc:92). m5.large: 3 ENIs x 10 IPv4, max pods 29; m5.xlarge: 4 x 15, 58.
/// </summary>
public class ManagedNodeGroupTypesTests
{
    private static string Group(string types, int podsPerNode) =>
        With("    instanceType: m5.large", "    instanceTypes: " + types).Replace("    podsPerNode: 10", $"    podsPerNode: {podsPerNode}", StringComparison.Ordinal);

    private static PlanReport Plan(string text)
    {
        var result = Load(text);
        Assert.That(result.Errors, Is.Empty, () => string.Join("\n", result.Errors.Select(e => e.Message)));
        return CapacityPlanner.Plan(result.Provisioned!, result.Warnings);
    }

    [Test]
    public void Plan_LargeAndXlarge_MaxPods29OnEveryNode()
    {
        // min(29, 4 x 14 + 2 = 58) = 29, whichever type a node is; the nodes launch as m5.large, the first listed.
        var text = Group("[m5.large, m5.xlarge]", 20);
        var plan = Plan(text);
        var nodes = ClusterState.BuildPlanned(Load(text).Provisioned!).Nodes;
        Assert.Multiple(() =>
        {
            Assert.That((plan.NodeGroups.Single().MaxPodsPerNode, plan.NodeGroups.Single().InstanceType), Is.EqualTo((29, "m5.large")));
            Assert.That(nodes.Select(n => n.Node.MaxPods).ToList(), Has.Count.EqualTo(3).And.All.EqualTo(29));
        });
    }

    [Test]
    public void Plan_XlargeFirst_LaunchesXlargeWithTheSmallerMaxPods()
    {
        // [m5.xlarge, m5.large]: the nodes are m5.xlarge, yet max pods is still 29 (m5.large's), so 27 VPC pods a node;
        // podsPerNode 40 fits the m5.xlarge's 56 pod IPs but not its max pods.
        var plan = Plan(Group("[m5.xlarge, m5.large]", 40));
        Assert.Multiple(() =>
        {
            Assert.That((plan.NodeGroups.Single().InstanceType, plan.NodeGroups.Single().MaxPodsPerNode), Is.EqualTo(("m5.xlarge", 29)));
            Assert.That(plan.Warnings.Select(w => w.Code), Does.Contain(FindingCodes.PodsPerNodeAboveCapacity));
        });
    }

    [Test]
    public void Plan_EachType_ShowsTheAddressesItsWarmPoolHoldsAndThePodIpsItCannotUse()
    {
        // 20 pods, WARM_ENI_TARGET=1. m5.large: 9 + 9 IPs hold 18 < 20 pods, a third ENI brings 27 (the ENI limit ends
        // the spare ENI): 27 + 3 primaries = 30. m5.xlarge: 14 + 14 = 28 for 20 pods leaves 8 spare, under 14, so a
        // third ENI: 42 + 3 primaries = 45. Pod IPs beyond max pods: m5.xlarge 56 - 27 = 29, m5.large 27 - 27 = 0.
        var types = Plan(Group("[m5.large, m5.xlarge]", 20)).NodeGroups.Single().InstanceTypes!;
        Assert.That(types.Select(t => (t.Name, t.MaxPodsAlone, t.AddressesPerNode, t.PodIpsUnusable, t.Launches)),
            Is.EqualTo(new[] { ("m5.large", 29, 30, 0, true), ("m5.xlarge", 58, 45, 29, false) }));
    }

    [Test]
    public void Plan_OneType_HasNoInstanceTypesList()
    {
        Assert.That(Plan(Base).NodeGroups.Single().InstanceTypes, Is.Null);
    }

    [Test]
    public void Load_BothInstanceTypeAndInstanceTypes_IsAnError()
    {
        var text = With("    instanceType: m5.large", "    instanceType: m5.large\n    instanceTypes: [m5.large, m5.xlarge]");
        var error = Load(text).Errors.Single();
        Assert.That((error.Code, error.Field), Is.EqualTo((FindingCodes.NodeGroupTypeAndTypes, "nodeGroups[0].instanceTypes")));
    }

    [Test]
    public void Load_NeitherInstanceTypeNorInstanceTypes_IsTheMissingFieldError()
    {
        var error = Load(With("    instanceType: m5.large", "    maxPods: 20")).Errors.Single();
        Assert.That((error.Code, error.Field, error.Message), Is.EqualTo((FindingCodes.MissingField, "nodeGroups[0].instanceType", "required field is missing (e.g. instanceType: m5.large)")));
    }
}
