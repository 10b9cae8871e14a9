using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// Pods per node from pod requests, worked by hand on m5.large. Its figures (docs/allocatable.md, and
/// AllocatableRuleTests): allocatable 1930m CPU and 6903 MiB; max pods 3 x (10 - 1) + 2 = 29 (under the 110 cap);
/// the ENIs hold 27 pod IPs. Without a daemonSets list the node runs 2 host-network pods that request nothing.
/// </summary>
public class PodRequestsTests
{
    private const string PodsLine = "    podsPerNode: 10";

    private static NodeGroup Group(string requests, string? extraNodeGroupLine = null, string daemonSets = "")
    {
        var text = With(PodsLine, "    podRequests: " + requests + (extraNodeGroupLine is null ? "" : "\n" + extraNodeGroupLine)) + daemonSets;
        var result = Load(text);
        Assert.That(result.Errors, Is.Empty);
        return result.Provisioned!.NodeGroups.Single();
    }

    [Test]
    public void Requests_CpuHeavy_BoundByCpu()
    {
        // CPU: floor(1930 / 250) = 7; memory: floor(6903 / 256) = 26; max pods 29 - 2 = 27; IPs 27. 7 by CPU.
        var group = Group("{cpu: 250m, memory: 256Mi}");
        Assert.That((group.PodsPerNode, group.PodsPerNodeFit!.LimitedBy), Is.EqualTo((7, PodsPerNodeLimit.Cpu)));
    }

    [Test]
    public void Requests_MemoryHeavy_BoundByMemory()
    {
        // CPU: floor(1930 / 100) = 19; memory: floor(6903 / 1024) = 6. 6 by memory.
        var group = Group("{cpu: 0.1, memory: 1Gi}");
        Assert.That((group.PodsPerNode, group.PodsPerNodeFit!.LimitedBy), Is.EqualTo((6, PodsPerNodeLimit.Memory)));
    }

    [Test]
    public void Requests_Tiny_BoundByMaxPods()
    {
        // CPU: floor(1930 / 10) = 193; memory: floor(6903 / 64) = 107; max pods 29 - 2 host-network = 27;
        // IPs 27 too (a tie: the kubelet refuses the pod before the CNI is asked, so max pods is named).
        var group = Group("{cpu: 10m, memory: 64Mi}");
        Assert.That((group.PodsPerNode, group.PodsPerNodeFit!.LimitedBy), Is.EqualTo((27, PodsPerNodeLimit.MaxPods)));
    }

    [Test]
    public void Requests_KubeletMaxPodsAboveEniSupply_BoundByIps()
    {
        // maxPods 110: 110 - 2 = 108 by max pods, but the three ENIs hold only 3 x 9 = 27 pod IPs. 27 by IPs.
        var group = Group("{cpu: 10m, memory: 16Mi}", "    maxPods: 110");
        Assert.That((group.PodsPerNode, group.PodsPerNodeFit!.LimitedBy), Is.EqualTo((27, PodsPerNodeLimit.Ips)));
    }

    private const string DaemonSets = """
        daemonSets:
          - {name: aws-node, cpu: 25m, hostNetwork: true}
          - {name: kube-proxy, cpu: 100m, hostNetwork: true}
          - {name: node-exporter, cpu: 100m, memory: 128Mi}
          - {name: fluent-bit, cpu: 200m, memory: 296Mi}

        """;

    [Test]
    public void DaemonSets_OffHostNetwork_TakeIpsAndTheirRequestsCount()
    {
        // DaemonSets request 25 + 100 + 100 + 200 = 425m and 128 + 296 = 424 MiB; two of them are off the host network.
        // CPU: floor((1930 - 425) / 250) = floor(6.02) = 6; memory: floor((6903 - 424) / 512) = 12;
        // max pods 29 - 2 host-network - 2 DaemonSet = 25; IPs 27 - 2 = 25. 6 workload pods by CPU,
        // and 6 + 2 = 8 pods per node take a VPC IP.
        var group = Group("{cpu: 250m, memory: 512Mi}", daemonSets: DaemonSets);
        Assert.Multiple(() =>
        {
            Assert.That(group.PodsPerNodeFit!.Pods, Is.EqualTo(6));
            Assert.That(group.PodsPerNodeFit.LimitedBy, Is.EqualTo(PodsPerNodeLimit.Cpu));
            Assert.That(group.PodsPerNode, Is.EqualTo(8));
            Assert.That(group.HostNetworkPodsPerNode, Is.EqualTo(2));
        });
    }

    [Test]
    public void DaemonSets_WithPodsPerNode_AddTheirIpsToThePlan()
    {
        // podsPerNode 10 plus 2 DaemonSet pods off the host network: 12 pod IPs on each of 3 nodes = 36.
        var scenario = Load(Append(DaemonSets)).Provisioned!;
        var plan = CapacityPlanner.Plan(scenario);
        Assert.Multiple(() =>
        {
            Assert.That(plan.NodeGroups.Single().PodsPerNode, Is.EqualTo(12));
            Assert.That(plan.NodeGroups.Single().DaemonSetIpPodsPerNode, Is.EqualTo(2));
            Assert.That(plan.Subnets.Sum(s => s.UsedBy.PodIps), Is.EqualTo(36));
        });
    }

    [Test]
    public void Plan_Requests_SaysWhatBindsInJsonFieldsAndWords()
    {
        var scenario = Load(With(PodsLine, "    podRequests: {cpu: 250m, memory: 256Mi}")).Provisioned!;
        var group = CapacityPlanner.Plan(scenario).NodeGroups.Single();
        Assert.Multiple(() =>
        {
            Assert.That(group.PodsPerNode, Is.EqualTo(7));
            Assert.That(group.PodsPerNodeLimitedBy, Is.EqualTo("cpu"));
            Assert.That(group.PodsPlanned, Is.EqualTo(21));
            Assert.That(group.PodsPerNodeReason, Does.Contain("7 pods per node from requests of 250m CPU and 256Mi memory, limited by allocatable CPU"));
        });
    }

    [TestCase("    podsPerNode: 10\n    podRequests: {cpu: 1}", FindingCodes.PodsPerNodeAndRequests, "nodeGroups[0].podRequests", 19)]
    [TestCase("    podRequests: {cpu: 0, memory: 0}", FindingCodes.EmptyPodRequests, "nodeGroups[0].podRequests", 18)]
    [TestCase("    podRequests: {cpu: 250x}", FindingCodes.InvalidValue, "nodeGroups[0].podRequests.cpu", 18)]
    [TestCase("    podRequests: {memory: 1Gb}", FindingCodes.InvalidValue, "nodeGroups[0].podRequests.memory", 18)]
    public void Requests_BadInput_ErrorAtTheField(string replacement, string code, string field, int line)
    {
        var error = Load(With(PodsLine, replacement)).Errors.Single();
        Assert.That((error.Code, error.Field, error.Line), Is.EqualTo((code, field, line)));
    }

    [Test]
    public void DaemonSets_WithHostNetworkPodsPerNode_IsAnError()
    {
        var error = Load(With(PodsLine, PodsLine + "\n    hostNetworkPodsPerNode: 3") + DaemonSets).Errors.Single();
        Assert.That((error.Code, error.Field, error.Line), Is.EqualTo((FindingCodes.HostNetworkWithDaemonSets, "nodeGroups[0].hostNetworkPodsPerNode", 19)));
    }

    [TestCase("250m", 250)]
    [TestCase("0.5", 500)]
    [TestCase("2", 2000)]
    [TestCase("0.0001", 1)] // rounded up, as Kubernetes does
    public void ResourceQuantity_Cpu(string text, long millicores)
    {
        Assert.That(ResourceQuantity.TryParseCpuMillicores(text, out var value, out _) ? value : -1, Is.EqualTo(millicores));
    }

    [TestCase("512Mi", 512L * 1024 * 1024)]
    [TestCase("1Gi", 1L << 30)]
    [TestCase("1G", 1_000_000_000L)]
    [TestCase("1e9", 1_000_000_000L)]
    [TestCase("1.5Gi", 3L << 29)]
    [TestCase("128974848", 128974848L)]
    public void ResourceQuantity_Memory(string text, long bytes)
    {
        Assert.That(ResourceQuantity.TryParseMemoryBytes(text, out var value, out _) ? value : -1, Is.EqualTo(bytes));
    }
}
