using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// ENIs tagged node.k8s.amazonaws.com/no_manage=true: ipamd leaves them alone (pkg/ipamd/ipamd.go:127-129,259-290,
/// 2149-2153@b521883), so they take ENI slots (hasRoomForEni, :2591-2621: maxUsableENIs = maxENI - unmanaged - trunk -
/// excluded) and their own address, never a pod.
/// </summary>
public class UnmanagedEniTests
{
    private static readonly InstanceType M5Large = InstanceCatalog.Embedded.Get("m5.large");

    private static (VpcCniNode Node, SubnetAddressSpace NodeSubnet, SubnetAddressSpace PodSubnet) Run(bool customNetworking, int pods)
    {
        var nodeSubnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        var podSubnet = SubnetAddressSpace.Parse("100.64.0.0/24");
        var settings = CniSettings.Default with { CustomNetworking = customNetworking };
        var placement = new NodePlacement(nodeSubnet) { EniConfigSubnet = customNetworking ? podSubnet : null, UnmanagedEnis = 1 };
        var node = new VpcCniNode(M5Large, settings, placement);
        node.ReconcileToSteadyState();
        for (var i = 0; i < pods && node.AddPod(out _) == PodFailure.None; i++)
        {
        }

        return (node, nodeSubnet, podSubnet);
    }

    [Test]
    public void M5Large_CustomNetworking_OneUnmanagedEni_Runs9Pods()
    {
        // m5.large: 3 ENIs of 10 IPv4 addresses, 9 secondary IPs each (pkg/vpc/vpc_ip_resource_limit.go:7353-7355@b521883).
        // Slots ipamd may hold: 3 - 1 unmanaged = 2, the primary one of them, so it attaches 1 ENI; under custom
        // networking the primary ENI gives no pod an IP (GetAllocatableENIs(..., skipPrimary), datastore/data_store.go:
        // 1118-1126): 1 ENI x 9 = 9 pods. Kubelet still gets max pods (3 - 1) x 9 + 2 = 20.
        var (node, nodeSubnet, podSubnet) = Run(customNetworking: true, pods: 20);
        Assert.That(node.AssignedIps, Is.EqualTo(9));
        Assert.That(node.MaxPods, Is.EqualTo(20));
        Assert.That(node.Enis.ToArray().Select(e => e.Role), Is.EqualTo(new[] { EniRole.Primary, EniRole.Unmanaged, EniRole.Secondary }));
        // The node subnet holds the node's address and the unmanaged ENI's; the pod subnet the ENI's primary and 9 IPs.
        Assert.That((nodeSubnet.InUse, podSubnet.InUse), Is.EqualTo((2, 10)));
        Assert.That(node.AddPod(out _), Is.EqualTo(PodFailure.EniLimit));
    }

    [Test]
    public void M5Large_OneUnmanagedEni_Runs18Pods()
    {
        // Without custom networking the primary carries pods: 2 managed ENIs x 9 = 18.
        var (node, nodeSubnet, _) = Run(customNetworking: false, pods: 20);
        Assert.That(node.AssignedIps, Is.EqualTo(18));
        // Node address, unmanaged ENI's, the second managed ENI's primary, 18 secondary IPs: 21 in the node subnet.
        Assert.That(nodeSubnet.InUse, Is.EqualTo(21));
    }

    [Test]
    public void Plan_UnmanagedEnis_TakeNetworkAddressUsageAndWarnAboutMaxPods()
    {
        // One node, custom networking, 9 pods: node address 1, unmanaged ENI 2 (an extra ENI and its address), pod ENI 2
        // + 9 secondary IPs: 14 units. Max pods stays 20 while only 9 + 2 host-network pods can run: a warning.
        var yaml = """
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16, 100.64.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
              - { id: pods-a, cidr: 100.64.0.0/24, zone: z1 }
            cni: { customNetworking: true, eniConfigs: { z1: pods-a } }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 9, unmanagedEnis: 1 }
            """;
        var plan = CapacityPlanner.Plan(ScenarioOf(yaml));
        Assert.That(plan.Vpc!.NetworkAddressUsage.Units, Is.EqualTo(14));
        Assert.That(plan.Warnings.Select(w => w.Code), Does.Contain(FindingCodes.UnmanagedEnisBelowMaxPods));
        Assert.That(plan.Subnets.Single(s => s.Id == "a").Used, Is.EqualTo(1 + 2));
        Assert.That(plan.Verdict, Does.Not.StartWith("does not fit"));
    }

    [Test]
    public void Validate_MoreUnmanagedEnisThanSlots_IsAnError()
    {
        // The primary ENI is always the VPC CNI's (pkg/ipamd/ipamd.go:281-282): an m5.large has room for 2 unmanaged.
        var load = LoadText("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a], nodes: 1, podsPerNode: 1, unmanagedEnis: 3 }
            """);
        var error = load.Errors.Single();
        Assert.That((error.Code, error.Field, error.Line), Is.EqualTo((FindingCodes.UnmanagedEnisAboveLimit, "nodeGroups[0].unmanagedEnis", 7)));
    }
}
