using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// Pod placement: AssignPodIPv4Address (aws/amazon-vpc-cni-k8s@b521883, pkg/ipamd/datastore/data_store.go:793, :800)
/// gives a pod the first free IP of the first ENI and /28 its walk over Go maps reaches, and Go map order is random.
/// A /28 with a pod is no longer free (GetFreePrefixes, data_store.go:1448-1461), so with WARM_PREFIX_TARGET >= 2 a
/// spread of pods makes ipamd hold more /28s than packing would.
/// </summary>
public class PodPlacementTests
{
    private static readonly CniSettings Wpt3 = CniSettings.Default with { PrefixDelegation = true, WarmPrefixTarget = 3 };

    [Test]
    public void Node_C54xlargeWpt3FortyPods_HoldsSevenPrefixesNotTheSixOfPacking()
    {
        // Packed, by hand: start 3 free /28s. Pod 1 uses A -> 2 free -> +1 (4). Pods 2-16 fill A. Pod 17 -> B -> +1 (5).
        // Pod 33 -> C -> +1 (6). Pods 34-40 stay in C: 6 /28s. With random placement a pod lands in a free /28 while
        // others still have room, which costs one more /28: the reference model got 7 in every trial.
        var report = NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get("c5.4xlarge"), Pods = 40, Settings = Wpt3 });
        Assert.That(report.Prefixes, Is.EqualTo(7));
        var finding = report.Warnings.Single(w => w.Code == "placement-changes-count");
        Assert.That(finding.Message, Does.Contain("to 7 /28s").And.Contain("the high side"));
    }

    [Test]
    public void Node_SecondaryIpMode_PlacementChangesNothing()
    {
        // m5.large WARM_ENI_TARGET=1, 10 pods: 3 ENIs, 27 IPs however pods are placed; no placement finding.
        var report = NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get("m5.large"), Pods = 10 });
        Assert.That((report.Enis, report.SecondaryIps), Is.EqualTo((3, 27)));
        Assert.That(report.Warnings.Select(w => w.Code), Does.Not.Contain("placement-changes-count"));
    }

    [Test]
    public void Node_SameSeed_SameAnswer()
    {
        var type = InstanceCatalog.Embedded.Get("c5.4xlarge");
        var maxPods = MaxPodsCalculator.Calculate(type, MaxPodsOptions.For(Wpt3, null));
        var a = PodPlacement.HighSide(type, Wpt3, maxPods, 2, 100);
        var b = PodPlacement.HighSide(type, Wpt3, maxPods, 2, 100);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.HighSlots, Is.GreaterThanOrEqualTo(a.LowSlots));
    }

    [Test]
    public void Plan_C54xlargeWpt3FortyPods_PlansTheSameSevenPrefixesAsNode()
    {
        // One node in subnet a: node IP 1 + 7 x 16 = 113 addresses, plus the control plane's 1 = 114.
        const string yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/22, zone: z1 }
              - { id: b, cidr: 10.0.4.0/22, zone: z2 }
            cni: { prefixDelegation: true, warmPrefixTarget: 3 }
            nodeGroups:
              - { name: g, instanceType: c5.4xlarge, subnets: [a], nodes: 1, maxNodes: 1, podsPerNode: 40 }
            """;
        var loaded = LoadText(yaml, "t.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var plan = CapacityPlanner.Plan(loaded.Provisioned!);
        Assert.That(plan.Subnets.Single(s => s.Id == "a").Used, Is.EqualTo(114));
    }
}
