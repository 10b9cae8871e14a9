using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using IpPlanner.Tests.Cli;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// The VPC CNI releases that changed what a node holds, each checked on one node against the tag's source
/// (aws/amazon-vpc-cni-k8s; tags v1.16.2 = 0a8e5beac5bc, v1.16.3 = 69b594524ae9, v1.16.4 = cf2652c6abcc,
/// v1.20.3 = 01c4ad5afb0c, v1.20.4 = db19d13cd19a, v1.12.1 = c7bd4908da98, v1.9.0 = be5d0b679922).
/// </summary>
public class CniVersionGateTests
{
    private static NodeReport Run(string type, int pods, CniSettings settings, int sgPods = 0, int? maxPods = null) =>
        NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get(type), Pods = pods, SecurityGroupPods = sgPods, KubeletMaxPods = maxPods, Settings = settings });

    private static CniSettings At(string version) => CniSettings.Default with { Version = CniVersion.Parse(version) };

    // m6i.large: 3 ENIs x 10 IPv4, so 9 slots each (pkg/vpc/vpc_ip_resource_limit.go:5771-5773@0a8e5beac5bc); with
    // security groups for pods the ENIs are the primary, the trunk and one secondary ENI.
    // Before v1.16.4, GetENINeedsIP (pkg/ipamd/datastore/data_store.go:980-996@0a8e5beac5bc) skips only the primary
    // under custom networking, so the trunk fills like any ENI: 9 + 9 + 9 = 27 pod addresses, all 27 VPC pods run.
    // From v1.16.4 (data_store.go:977-993@cf2652c6abcc: "|| eni.IsTrunk") the trunk gets none: 9 + 9 = 18, 27 - 18 = 9 fail.
    [TestCase("1.16.2", 27, 0)]
    [TestCase("1.16.3", 27, 0)]
    [TestCase("1.16.4", 18, 9)]
    [TestCase("1.23.0", 18, 9)]
    public void Node_M6iLargeSecurityGroupsForPods_TrunkCarriesPodsBefore1164(string version, int running, int failed)
    {
        var report = Run("m6i.large", 27, At(version) with { SecurityGroupsForPods = true }, maxPods: 29);
        Assert.That((report.PodsRunning, report.PodsFailed), Is.EqualTo((running, failed)));
        Assert.That(report.PerEni.Single(e => e.Role == "trunk").SecondaryIps, Is.EqualTo(failed == 0 ? 9 : 0));
    }

    [Test]
    public void NodeCommand_IssueCaseWithOneSecurityGroupPod_1162FeedsEveryVpcPod_1164Fails9()
    {
        // The command of the issue. On 1.16.2 all 27 VPC pods get addresses (27 of 28 run); the one security-group
        // pod is the 30th pod against kubelet max pods 29 (2 host-network + 27 VPC pods already count), so kubelet
        // refuses it: that is the one failure, and it is not about addresses. On 1.16.4 the 9 VPC pods beyond the
        // 18 addresses of the primary and secondary ENIs fail, and the security-group pod runs (2 + 18 + 1 = 21 <= 29).
        string[] Args(string version) => ["node", "--instance-type", "m6i.large", "--pods", "27", "--max-pods", "29", "--security-group-pods", "1", "--cni-version", version];
        var before = CliRun.Of(Args("1.16.2"));
        var after = CliRun.Of(Args("1.16.4"));
        Assert.That(before.Out, Does.StartWith("m6i.large, secondary-ip mode, max pods 29: 27 of 28 pods running"));
        Assert.That(before.Out, Does.Contain("1 pod failed (max pods 29)"));
        // 18 VPC pods and the security-group pod on its branch ENI: 19 of the 28 run.
        Assert.That(after.Out, Does.StartWith("m6i.large, secondary-ip mode, max pods 29: 19 of 28 pods running"));
        Assert.That(after.Out, Does.Contain("9 pods failed (ENI limit)"));
    }

    [Test]
    public void NodeCommand_SecurityGroupsForPodsWithoutSgPod_1162FailsNoPod()
    {
        var run = CliRun.Of("node", "--instance-type", "m6i.large", "--pods", "27", "--max-pods", "29", "--security-groups-for-pods", "--cni-version", "1.16.2");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.StartWith("m6i.large, secondary-ip mode, max pods 29: 27 of 27 pods running"));
        Assert.That(run.Out, Does.Not.Contain("failed"));
    }

    [TestCase("1.16.2", 29)]
    [TestCase("1.16.4", 20)]
    public void MaxPods_SecurityGroupsForPods_TrunkTakesAnEniSlotFrom1164(string version, int expected)
    {
        // m5.large 3 ENIs x 9 slots: before 1.16.4 the trunk carries pods, 3 x 9 + 2 = 29; from 1.16.4 2 x 9 + 2 = 20.
        var maxPods = MaxPodsCalculator.Calculate(InstanceCatalog.Embedded.Get("m5.large"),
            new MaxPodsOptions { CniVersion = CniVersion.Parse(version), SecurityGroupsForPods = true, ShowMaxAllowed = true });
        Assert.That(maxPods.Uncapped, Is.EqualTo(expected));
    }

    // c5.4xlarge: 8 ENIs x 30 IPv4 (29 slots), 16 vCPUs so max pods 110. WARM_ENI_TARGET=1, 100 pods: the pool grows
    // while Available < 29. Without the max-pods stop: 4 ENIs hold 116, 116 - 100 = 16 < 29, so a 5th: 145 IPs + 5
    // primaries = 150. From v1.16.3 isDatastorePoolTooLow returns false once TotalIPs >= maxPods
    // (pkg/ipamd/ipamd.go:2115-2118@69b594524ae9): 116 >= 110, so 4 ENIs: 116 + 4 = 120.
    [TestCase("1.16.2", 5, 150)]
    [TestCase("1.16.3", 4, 120)]
    public void Node_GrowthStopsAtMaxPodsFrom1163(string version, int enis, int subnetIps)
    {
        var report = Run("c5.4xlarge", 100, At(version));
        Assert.That((report.Enis, report.SubnetIpsUsed), Is.EqualTo((enis, subnetIps)));
    }

    // t3.medium cannot trunk (0 branch ENIs): 3 ENIs x 5 slots. With ENABLE_POD_ENI, hasRoomForEni before v1.20.4 keeps
    // an ENI for a trunk that never comes (pkg/ipamd/ipamd.go:2492-2498@01c4ad5afb0c); v1.20.4 asks
    // IsTrunkingCompatible first (:2494@db19d13cd19a). So 2 x 5 + 2 = 12 max pods and 10 pods, then 3 x 5 + 2 = 17.
    [TestCase("1.20.3", 12, 10)]
    [TestCase("1.20.4", 17, 15)]
    public void Node_SecurityGroupsForPodsOnTypeThatCannotTrunk_LosesAnEniBefore1204(string version, int maxPods, int running)
    {
        var report = Run("t3.medium", 15, At(version) with { SecurityGroupsForPods = true });
        Assert.That((report.MaxPods, report.PodsRunning), Is.EqualTo((maxPods, running)));
    }

    [Test]
    public void Node_PrefixWithWarmPrefixTargetZeroBefore1121_StartsAndGrowsOnePrefixWhenEmpty()
    {
        // v1.9.0 to v1.12.0 check in scripts/entrypoint.sh, comparing the text of each variable with "0"
        // (scripts/entrypoint.sh:38-45,75-77@be5d0b679922), so unset WARM_IP_TARGET and MINIMUM_IP_TARGET pass; from
        // v1.12.1 cmd/aws-vpc-cni/main.go:321@c7bd4908da98 reads them with a default of "0" and refuses. With
        // WARM_PREFIX_TARGET=0 the pool grows one /28 each time it is empty: 20 pods hold 2 /28s (32 IPs) + the node IP.
        var zero = CniSettings.Default with { PrefixDelegation = true, WarmPrefixTarget = 0 };
        var before = Run("m5.large", 20, zero with { Version = CniVersion.Parse("1.12.0") });
        var from = Run("m5.large", 20, zero with { Version = CniVersion.Parse("1.12.1") });
        Assert.That((before.PodsRunning, before.Prefixes, before.SubnetIpsUsed), Is.EqualTo((20, 2, 33)));
        Assert.That(from.PodsRunning, Is.Zero);
        Assert.That(from.FailureReason, Does.Contain("aws-node refuses to start"));
    }

    [TestCase("1.5.0", true)]
    [TestCase("0.1.1", true)]
    [TestCase("1.7.10", true)]
    [TestCase("1.8.0", false)]
    public void Node_OlderThan180_OneUnmodelledFinding(string version, bool unmodelled)
    {
        var codes = Run("m5.large", 4, At(version)).Warnings.Select(w => w.Code).ToList();
        Assert.That(codes.Count(c => c == FindingCodes.CniVersionUnmodelled), Is.EqualTo(unmodelled ? 1 : 0));
    }

    [Test]
    public void ValidateAndPlan_OlderThan180_SayItOnce()
    {
        const string Yaml = """
            cluster: { name: old, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: us-east-1a }
              - { id: b, cidr: 10.0.2.0/24, zone: us-east-1b }
            cni: { version: 1.5.0 }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2, podsPerNode: 4 }
            """;
        var loaded = LoadText(Yaml);
        var found = loaded.Diagnostics.Where(d => d.Code == FindingCodes.CniVersionUnmodelled).ToList();
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.That(found[0].Message, Does.Contain("older than 1.8.0"));
        var plan = CapacityPlanner.Plan(Loaded(loaded), loaded.Warnings);
        Assert.That(plan.Warnings.Count(w => w.Code == FindingCodes.CniVersionUnmodelled), Is.EqualTo(1));
    }

    [Test]
    public void Plan_SecurityGroupsForPodsOn1162_WarnsThatTheUpgradeMovesPods()
    {
        // Each of the 3 m6i.large nodes runs 27 VPC pods on 1.16.2 and would get addresses for 18 on the current
        // release: 9 per node, 27 on the group's 3 nodes (the node case above).
        const string Yaml = """
            cluster: { name: sgp, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/20, zone: us-east-1a }
              - { id: b, cidr: 10.0.16.0/20, zone: us-east-1b }
            cni: { version: 1.16.2, securityGroupsForPods: true }
            nodeGroups:
              - { name: web, instanceType: m6i.large, subnets: [a, b], nodes: 3, maxPods: 29, podsPerNode: 27 }
            """;
        var plan = CapacityPlanner.Plan(ScenarioOf(Yaml));
        var moves = plan.Warnings.Single(w => w.Code == FindingCodes.CniUpgradeMovesPods);
        Assert.That(moves.Message, Does.Contain("from 1.16.4 the trunk ENI gets no pod IPs"));
        Assert.That(moves.Message, Does.Contain("addresses for 18 of the 27 pods"));
        Assert.That(moves.Message, Does.Contain("(27 on its 3 nodes)"));
        Assert.That(plan.NodeGroups.Single().PodsPending, Is.Zero);

        var current = CapacityPlanner.Plan(ScenarioOf(Yaml.Replace("1.16.2", "1.16.4", StringComparison.Ordinal)));
        Assert.That(current.Warnings.Select(w => w.Code), Does.Not.Contain(FindingCodes.CniUpgradeMovesPods));

        // recommend says the same, in the same words: every strategy it compares inherits the scenario's release.
        var scenario = ScenarioOf(Yaml);
        var recommend = Core.Planning.Recommend.Recommender.Recommend(scenario, Core.Planning.Recommend.Recommender.Target(scenario, null, null, 0));
        Assert.That(recommend.Warnings, Is.Not.Null);
        Assert.That(recommend.Warnings!.Single().Message, Is.EqualTo(moves.Message));
    }

    [Test]
    public void Changes_AreOldestFirstAndTheUpgradeCrossesOnlyLaterOnes()
    {
        Assert.That(CniBehaviour.Changes.Select(c => c.Version), Is.Ordered);
        var crossed = new CniBehaviour(CniVersion.Parse("1.16.3")).ChangesUpTo(CniVersion.Parse("1.16.4")).ToList();
        Assert.That(crossed.Select(c => c.Version.ToString()), Is.EqualTo(new[] { "1.16.4" }));
        Assert.That(crossed.Single().MovesPods, Is.True);
    }
}
