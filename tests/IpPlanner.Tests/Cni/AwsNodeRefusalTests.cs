using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// aws-node's validateEnvVars (aws/amazon-vpc-cni-k8s@b521883, cmd/aws-vpc-cni/main.go:384, called at :420 before
/// anything else): ENABLE_PREFIX_DELEGATION with WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET all 0 is
/// rejected at start-up, before ipamd's isConfigValid (pkg/ipamd/ipamd.go:2755) looks at whether the type can do prefix
/// delegation. So on every type, Nitro or Xen, no pod gets an IP, and since ipamd never tells the resource controller
/// there is room for a trunk (ipamd.go:1467), no trunk ENI and no branch ENI either.
/// </summary>
public class AwsNodeRefusalTests
{
    private static readonly CniSettings AllZero = CniSettings.Default with { PrefixDelegation = true, WarmPrefixTarget = 0 };

    private static NodeReport Run(string type, int pods, CniSettings settings, int sgPods = 0) =>
        NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get(type), Pods = pods, SecurityGroupPods = sgPods, Settings = settings });

    [TestCase("m5.large")]
    [TestCase("m4.large")]
    [TestCase("t2.medium")]
    public void Node_PrefixWithAllTargetsZero_NoPodStartsOnAnyType(string type)
    {
        var report = Run(type, 3, AllZero);
        Assert.That((report.PodsRunning, report.PodsFailed), Is.EqualTo((0, 3)));
        Assert.That(report.FailureReason, Does.Contain("aws-node refuses to start"));
        Assert.That(report.Warnings.Select(w => w.Code), Does.Contain(FindingCodes.PrefixTargetsZero));
        // The Xen fallback to secondary IPs happens in ipamd, which never runs: no fallback warning, no warm IPs.
        Assert.That(report.Warnings.Select(w => w.Code), Does.Not.Contain(FindingCodes.PrefixDelegationUnsupported).And.Not.Contain(FindingCodes.PrefixDelegationVersion));
        Assert.That((report.SecondaryIps, report.Prefixes), Is.EqualTo((0, 0)));
    }

    [Test]
    public void Node_PrefixWithAllTargetsZeroAndSecurityGroupsForPods_AttachesNoTrunk()
    {
        // m5.large can trunk; with aws-node down the node keeps only its primary ENI, and security-group pods fail too.
        var report = Run("m5.large", 0, AllZero with { SecurityGroupsForPods = true }, sgPods: 2);
        Assert.That(report.PerEni.Select(e => e.Role), Is.EqualTo(new[] { "primary" }));
        Assert.That((report.SecurityGroupPodsRunning, report.PodsFailed), Is.EqualTo((0, 2)));
        Assert.That(report.FailureReason, Does.Contain("aws-node refuses to start"));
    }

    [Test]
    public void Node_OneTargetSet_Starts()
    {
        // Any one of the three above 0 passes validateEnvVars: WARM_IP_TARGET=1 alone gives 1 prefix for 3 pods.
        var report = Run("m5.large", 3, AllZero with { WarmIpTarget = 1 });
        Assert.That((report.PodsRunning, report.Prefixes), Is.EqualTo((3, 1)));
    }

    [Test]
    public void Node_OldCniWithoutPrefixDelegation_DoesNotRefuse()
    {
        // 1.8.0 has no ENABLE_PREFIX_DELEGATION, so the check cannot fire; the pods get secondary IPs.
        var report = Run("m5.large", 3, AllZero with { Version = new CniVersion(1, 8, 0) });
        Assert.That(report.PodsRunning, Is.EqualTo(3));
    }

    [TestCase("m5.large")]
    [TestCase("m4.large")]
    public void Plan_PrefixWithAllTargetsZero_GroupPodsCannotStartForTheSameReason(string type)
    {
        // node and plan agree: the scenario loads (a warning, not an input error) and every planned node of the
        // group fails to get its pods, for the reason the node command gives.
        var yaml = $$"""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
            cni: { prefixDelegation: true, warmPrefixTarget: 0 }
            nodeGroups:
              - { name: g, instanceType: {{type}}, subnets: [a, b], nodes: 2, maxNodes: 4, podsPerNode: 5 }
            """;
        var loaded = LoadText(yaml, "t.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var plan = CapacityPlanner.Plan(loaded.Provisioned!);
        var g = plan.NodeGroups.Single();
        Assert.That((g.NodesThatFit, g.PodCapacity), Is.EqualTo((0, 0)));
        Assert.That(plan.Cluster.FirstExhausted!.Reason, Is.EqualTo("aws-node refuses to start"));
    }
}
