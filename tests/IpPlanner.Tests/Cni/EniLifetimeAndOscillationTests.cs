using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// The ENI minimum lifetime and the WARM_ENI_TARGET=0 oscillation, from aws/amazon-vpc-cni-k8s@b521883:
/// getDeletableENI skips an ENI younger than minENILifeTime = 1 minute (pkg/ipamd/datastore/data_store.go:38, :1049,
/// :1097); tryFreeENI runs whenever available >= (WARM_ENI_TARGET + 1) * maxIPsPerENI (pkg/ipamd/ipamd.go:1504, :812);
/// the pool is too low when available < target * perENI or (target == 0 and available == 0) (ipamd.go:2649).
/// m5.large: 3 ENIs x 10 IPv4 -> 9 secondary IPs per ENI (maxIPsPerENI = 9), max pods 29.
/// </summary>
public class EniLifetimeAndOscillationTests
{
    private static readonly InstanceType M5Large = InstanceCatalog.Embedded.Get("m5.large");
    private static readonly CniSettings Wet0 = CniSettings.Default with { WarmEniTarget = 0 };

    private static NodeReport Run(int pods, CniSettings settings) =>
        NodeRun.Run(new NodeRunRequest { Type = M5Large, Pods = pods, Settings = settings });

    [Test]
    public void Node_Wet0TenPods_SettlesOnTwoEnisWithoutCrash()
    {
        // Pods 1-9 use the primary ENI's 9 IPs; at pod 9 available = 0 -> low (target 0, available 0) -> ENI 2 with 9.
        // Pod 10 takes one of them: available 8, not low; 8 >= (0 + 1) * 9 is false, so no ENI is freed. Steady:
        // 2 ENIs, 18 IPs, 20 subnet addresses (2 ENI primaries), and nothing oscillates.
        var report = Run(10, Wet0);
        Assert.That((report.PodsRunning, report.Enis, report.SecondaryIps, report.SubnetIpsUsed), Is.EqualTo((10, 2, 18, 20)));
        Assert.That(report.Warnings.Select(w => w.Code), Does.Not.Contain("warm-pool-oscillates"));
    }

    [Test]
    public void Node_Wet0NinePods_ReportsOscillationAndPlansForThePeak()
    {
        // 9 pods fill the primary ENI: available 0 -> ENI 2 with 9 IPs. Then available 9 >= 1 * 9 -> tryFreeENI; ENI 2
        // has no pods, no cooling IPs and WARM_ENI_TARGET is not checked by getDeletableENI, so once a minute old it is
        // freed; available drops to 0 -> low -> attach again. Peak: 2 ENIs, 18 IPs, 20 subnet addresses;
        // trough: 1 ENI, 9 IPs, 10 subnet addresses. The plan holds the peak.
        var report = Run(9, Wet0);
        Assert.That((report.Enis, report.SecondaryIps, report.SubnetIpsUsed), Is.EqualTo((2, 18, 20)));
        var finding = report.Warnings.Single(w => w.Code == "warm-pool-oscillates");
        Assert.That(finding.Message, Does.Contain("between 1 ENI (10 subnet IPs) and 2 ENIs (20 subnet IPs)"));
    }

    [Test]
    public void Node_Wet0CustomNetworkingNoPods_OscillatesOnTheFirstPodEni()
    {
        // Custom networking: the primary ENI holds no pod IPs, so the pool starts empty: low -> ENI 2 in the pod
        // subnet with 9 IPs; 9 >= 9 -> it is freed a minute later, the pool is empty again -> attach again.
        // Peak 2 ENIs (node IP + ENI primary + 9 = 11 addresses), trough 1 ENI (the node IP).
        var report = Run(0, Wet0 with { CustomNetworking = true });
        Assert.That((report.Enis, report.SecondaryIps, report.SubnetIpsUsed), Is.EqualTo((2, 9, 11)));
        Assert.That(report.Warnings.Single(w => w.Code == "warm-pool-oscillates").Message,
            Does.Contain("between 1 ENI (1 subnet IPs) and 2 ENIs (11 subnet IPs)"));
    }

    [TestCase("--pods", "10")]
    [TestCase("--pods", "9")]
    [TestCase("--custom-networking", "--pods", "0")]
    public void NodeCommand_Wet0_ExitsZero(params string[] args)
    {
        var run = CliRun.Of(["node", "--instance-type", "m5.large", "--warm-eni-target", "0", .. args]);
        Assert.That((run.ExitCode, run.Error), Is.EqualTo((0, "")));
    }

    [Test]
    public void Reconcile_OnTheClock_FreesAnEniOnlyOnceItIsAMinuteOld_ThenAttachesAgain()
    {
        // The same 9-pod node, driven tick by tick as the simulation does (data_store.go:1049: isTooYoung).
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        var node = new VpcCniNode(M5Large, Wet0 with { IpCooldownSeconds = 0 }, new NodePlacement(subnet));
        node.Reconcile();
        for (var i = 0; i < 9; i++)
        {
            Assert.That(node.TryAssignNow(out _), Is.EqualTo(PodFailure.None));
        }

        // t = 0: the pool is empty -> ENI 2 is attached (created at t = 0).
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Changed));
        Assert.That(node.Enis.Length, Is.EqualTo(2));

        // t = 55 s: freeable but too young: it stays, and the node says it is waiting on the clock.
        node.AdvanceTo(55);
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Steady));
        Assert.That((node.Enis.Length, node.WaitingOnClock), Is.EqualTo((2, true)));

        // t = 60 s: a minute old -> freed (10 subnet addresses: node IP + 9).
        node.AdvanceTo(60);
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Changed));
        Assert.That((node.Enis.Length, subnet.InUse), Is.EqualTo((1, 10)));

        // t = 65 s: available 0 -> low -> attached again: the oscillation.
        node.AdvanceTo(65);
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Changed));
        Assert.That(node.Enis.Length, Is.EqualTo(2));
    }

    [Test]
    public void Reconcile_OnTheClock_FreesAnEmptyEniThatIsNotTheNewest()
    {
        // getDeletableENI walks every ENI (data_store.go:1042-1093), not only the last attached.
        // m5.xlarge: 4 ENIs x 15 -> 14 IPs per ENI, WARM_ENI_TARGET=1. Pod 1 -> available 13 < 14 -> ENI 2;
        // pod 15 -> ENI 3; pod 29 -> ENI 4. With 43 pods: primary 14, ENI 2 14, ENI 3 14, ENI 4 1 pod.
        // Deleting the pods of ENIs 2 and 3 leaves available 13 + 14 + 14 = 41 >= (1 + 1) * 14 (ipamd.go:1504):
        // one of the two empty ENIs goes (then 27 < 28 stops it), while the newest, ENI 4, keeps its pod.
        var type = InstanceCatalog.Embedded.Get("m5.xlarge");
        var node = new VpcCniNode(type, CniSettings.Default with { IpCooldownSeconds = 0 }, new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/24")));
        node.ReconcileToSteadyState();
        var pods = new List<PodIp>();
        for (var i = 0; i < 43; i++)
        {
            Assert.That(node.AddPod(out var pod), Is.EqualTo(PodFailure.None));
            pods.Add(pod);
        }

        Assert.That(node.Enis.ToArray().Select(e => e.Pods), Is.EqualTo(new[] { 14, 14, 14, 1 }));
        var middle = new[] { node.Enis[1], node.Enis[2] };
        foreach (var pod in pods.Where(p => middle.Contains(p.Eni)))
        {
            node.RemovePod(pod);
        }

        node.AdvanceTo(120);
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Changed));
        node.AdvanceTo(125);
        node.Reconcile();
        Assert.That(node.Enis.Length, Is.EqualTo(3));
        Assert.That(node.Enis[2].Pods, Is.EqualTo(1), "the newest ENI, with its pod, stays");
        Assert.That(node.AvailableIps, Is.EqualTo(27));
    }
}
