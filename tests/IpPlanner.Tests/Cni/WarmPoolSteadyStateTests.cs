using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// Steady states of the VPC CNI documentation's warm-pool tables (t3.small and p3dn.24xlarge, secondary-IP and
/// prefix mode), each derived by hand from the rules in docs/rules.md ("The warm pool") in the comment beside it.
/// t3.small: 3 ENIs x 4 IPv4 -> 3 slots per ENI, max pods 11. p3dn.24xlarge: 15 ENIs x 50 -> 49 slots, max pods 250.
/// </summary>
public class WarmPoolSteadyStateTests
{
    private static NodeReport Run(string type, int pods, CniSettings settings) =>
        NodeRun.Run(new NodeRunRequest { Type = InstanceCatalog.Embedded.Get(type), Pods = pods, Settings = settings });

    private static readonly CniSettings Wet1 = CniSettings.Default;
    private static readonly CniSettings Prefix = CniSettings.Default with { PrefixDelegation = true };

    private static IEnumerable<TestCaseData> SecondaryIpTable()
    {
        // WET=1, 0 pods: Available 0 < 1*3 -> top up the primary ENI with 3; 3 < 3 is false -> steady. 1 ENI, 3 IPs.
        yield return Case("t3.small", 0, Wet1, enis: 1, ips: 3);
        // WET=1, 5 pods: pod 1 -> avail 2 < 3 -> ENI 2 (+3, total 6); pod 4 -> avail 2 < 3 -> ENI 3 (+3, total 9). 3 ENIs, 9 IPs.
        yield return Case("t3.small", 5, Wet1, enis: 3, ips: 9);
        // WET=1, 9 pods: all 3 ENIs full (9 IPs), avail 0: low but the ENI limit stops growth.
        yield return Case("t3.small", 9, Wet1, enis: 3, ips: 9);
        // WET=2, 0 pods: keeps adding whole ENIs while Total - pods < 2*3: 3 -> 6 -> steady. 2 ENIs, 6 IPs.
        yield return Case("t3.small", 0, Wet1 with { WarmEniTarget = 2 }, enis: 2, ips: 6);
        // WIT=1, 0 pods: Total = max(0 + 1, 0) = 1 -> 1 ENI, 1 IP.
        yield return Case("t3.small", 0, Wet1 with { WarmIpTarget = 1 }, enis: 1, ips: 1);
        // WIT=1, 5 pods: Total = 5 + 1 = 6: primary 3 + ENI 2 with 3. 2 ENIs.
        yield return Case("t3.small", 5, Wet1 with { WarmIpTarget = 1 }, enis: 2, ips: 6);
        // WIT=1, MIT=4, 0 pods: Total = max(1, 4) = 4: primary 3, ENI 2 with 1.
        yield return Case("t3.small", 0, Wet1 with { WarmIpTarget = 1, MinimumIpTarget = 4 }, enis: 2, ips: 4);
        // WIT=1, MIT=4, 5 pods: Total = max(6, 4) = 6.
        yield return Case("t3.small", 5, Wet1 with { WarmIpTarget = 1, MinimumIpTarget = 4 }, enis: 2, ips: 6);
        // p3dn, WET=1, 0 pods: the primary ENI fills with 49; 49 < 49 false -> 1 ENI, 49 IPs.
        yield return Case("p3dn.24xlarge", 0, Wet1, enis: 1, ips: 49);
        // p3dn, WET=1, 3 pods: avail 46 < 49 -> a second ENI with 49: 2 ENIs, 98 IPs for 3 pods.
        yield return Case("p3dn.24xlarge", 3, Wet1, enis: 2, ips: 98);
        // p3dn, WIT=5, 3 pods: Total = 3 + 5 = 8, all on the primary ENI.
        yield return Case("p3dn.24xlarge", 3, Wet1 with { WarmIpTarget = 5 }, enis: 1, ips: 8);
        // p3dn, WIT=5, MIT=30, 3 pods: Total = max(8, 30) = 30.
        yield return Case("p3dn.24xlarge", 3, Wet1 with { WarmIpTarget = 5, MinimumIpTarget = 30 }, enis: 1, ips: 30);
        // p3dn, WIT=2, MIT=10, 60 pods: Total = max(62, 10) = 62: primary 49 + 13 on ENI 2.
        yield return Case("p3dn.24xlarge", 60, Wet1 with { WarmIpTarget = 2, MinimumIpTarget = 10 }, enis: 2, ips: 62);
    }

    private static IEnumerable<TestCaseData> PrefixTable()
    {
        // WPT=1, 0 pods: Available 0 < 16 -> 1 prefix; steady (16p - 0 >= 16 with p = 1).
        yield return Case("t3.small", 0, Prefix, enis: 1, prefixes: 1);
        // WPT=1, 5 pods: fewest p with 16p - 5 >= 16 -> p = 2.
        yield return Case("t3.small", 5, Prefix, enis: 1, prefixes: 2);
        // WPT=1, 17 pods: 16p - 17 >= 16 -> p = 3 (the primary ENI's 3 slots).
        yield return Case("t3.small", 17, Prefix, enis: 1, prefixes: 3);
        // WPT=1, 40 pods: 16p - 40 >= 16 -> p = 4: primary ENI 3 + 1 on ENI 2.
        yield return Case("t3.small", 40, Prefix, enis: 2, prefixes: 4);
        // WPT=2, 0 pods: 16p >= 32 -> 2 prefixes.
        yield return Case("t3.small", 0, Prefix with { WarmPrefixTarget = 2 }, enis: 1, prefixes: 2);
        // WIT=5 (targets win), 0 pods: short 5 -> ceil(5/16) = 1 prefix; over = min(16-5, 16) = 11 < 16 keeps it.
        yield return Case("t3.small", 0, Prefix with { WarmIpTarget = 5 }, enis: 1, prefixes: 1);
        // WIT=5, 14 pods: avail 2 < 5 -> short 3 -> +1 prefix: 2 prefixes.
        yield return Case("t3.small", 14, Prefix with { WarmIpTarget = 5 }, enis: 1, prefixes: 2);
        // MIT=20 is rounded to 32 in prefix mode; WIT=2, 0 pods: short = max(2, 32) -> 2 prefixes.
        yield return Case("t3.small", 0, Prefix with { WarmIpTarget = 2, MinimumIpTarget = 20 }, enis: 1, prefixes: 2);
        // p3dn, WPT=1, 3 pods: 16p - 3 >= 16 -> p = 2, on the primary ENI.
        yield return Case("p3dn.24xlarge", 3, Prefix, enis: 1, prefixes: 2);
        // p3dn, WPT=1, 200 pods: 16p - 200 >= 16 -> p = 14.
        yield return Case("p3dn.24xlarge", 200, Prefix, enis: 1, prefixes: 14);
        // p3dn, WIT=16, 3 pods: short 16 -> 1 prefix; avail 13 < 16 -> 2 prefixes (a whole spare /28: the footgun).
        yield return Case("p3dn.24xlarge", 3, Prefix with { WarmIpTarget = 16 }, enis: 1, prefixes: 2);
    }

    private static TestCaseData Case(string type, int pods, CniSettings settings, int enis, int ips = 0, int prefixes = 0) =>
        new TestCaseData(type, pods, settings, enis, ips, prefixes)
            .SetName($"SteadyState_{type}_{pods}pods_WET{settings.WarmEniTarget}_WIT{settings.WarmIpTarget}_MIT{settings.MinimumIpTarget}_WPT{settings.WarmPrefixTarget}{(settings.PrefixDelegation ? "_prefix" : "")}");

    [TestCaseSource(nameof(SecondaryIpTable))]
    [TestCaseSource(nameof(PrefixTable))]
    public void SteadyState_DocumentedExample_HoldsTheDerivedPool(string type, int pods, CniSettings settings, int enis, int ips, int prefixes)
    {
        var report = Run(type, pods, settings);
        Assert.That((report.Enis, report.SecondaryIps, report.Prefixes), Is.EqualTo((enis, ips, prefixes)));
        Assert.That(report.PodsRunning, Is.EqualTo(pods));
        Assert.That(report.SubnetIpsUsed, Is.EqualTo(enis + ips + (16 * prefixes)), "ENI primaries + secondaries + 16 per prefix");
    }

    [Test]
    public void Run_M5LargeOnePodDefaults_Holds20IpsWith19Idle()
    {
        // The issue's headline: primary ENI 9 IPs; one pod leaves 8 < 9 -> a second ENI with 9: 2 primaries + 18 = 20.
        var report = Run("m5.large", 1, CniSettings.Default);
        Assert.That((report.SubnetIpsUsed, report.UnusedIps, report.IdleWarmIps), Is.EqualTo((20, 19, 17)));
        Assert.That(report.Verdict, Does.StartWith("holds 20 IPs for 1 pod: 19 idle"));
    }

    [Test]
    public void Run_MinimumIpTargetAlone_PodsBeyondItFailAndWarns()
    {
        // MIT=10 without WIT: short = max(0 - avail, 10 - Total) -> never grows past 10 IPs, so pod 11 fails.
        var report = Run("m5.large", 15, CniSettings.Default with { MinimumIpTarget = 10 });
        Assert.That((report.PodsRunning, report.PodsFailed), Is.EqualTo((10, 5)));
        Assert.That(report.Warnings.Select(w => w.Code), Does.Contain("minimum-ip-target-alone"));
    }

    [Test]
    public void Run_CustomNetworking_PrimaryEniCarriesNoPods()
    {
        var report = NodeRun.Run(new NodeRunRequest
        {
            Type = InstanceCatalog.Embedded.Get("m5.large"),
            Pods = 12,
            Settings = CniSettings.Default with { CustomNetworking = true },
        });
        Assert.That(report.PerEni[0].SecondaryIps, Is.Zero);
        Assert.That(report.PerEni.Skip(1).Select(e => e.Subnet), Is.All.EqualTo("100.64.0.0/16"));
        // 12 pods need 2 pod ENIs of 9 (18 IPs); max pods 20 allows 18 VPC-IP pods.
        Assert.That((report.Enis, report.SecondaryIps, report.PodsRunning), Is.EqualTo((3, 18, 12)));
    }

    [Test]
    public void Run_MorePodsThanMaxPods_FailOnKubeletLimit()
    {
        // m5.large max pods 29 = 27 VPC-IP pods + 2 host-network pods; the failure in the words every verb uses.
        var report = Run("m5.large", 30, CniSettings.Default);
        Assert.That((report.PodsRunning, report.PodsFailed, report.FailureReason), Is.EqualTo((27, 3, "max pods 29")));
    }

    [Test]
    public void Run_PrefixWithAllTargetsZero_IpamdRefuses()
    {
        var report = Run("m5.large", 3, Prefix with { WarmPrefixTarget = 0 });
        Assert.That(report.PodsRunning, Is.Zero);
        Assert.That(report.Warnings.Select(w => w.Code), Does.Contain(FindingCodes.PrefixTargetsZero));
    }

    [Test]
    public void Run_PrefixOnXenType_FallsBackAndWarns()
    {
        var report = Run("m4.large", 3, Prefix);
        Assert.That((report.Prefixes, report.Mode), Is.EqualTo((0, "secondary-ip")));
        Assert.That(report.Warnings.Select(w => (w.Code, w.Message)), Does.Contain((FindingCodes.PrefixDelegationUnsupported,
            "m4.large is not Nitro-based, so it cannot use prefix delegation: the VPC CNI silently falls back to secondary IPs on it")));
    }

    [Test]
    public void Run_PrefixOnOldCni_BlamesTheVersionNotTheType()
    {
        var report = Run("m5.large", 3, Prefix with { Version = CniVersion.Parse("1.8.0") });
        Assert.That((report.Prefixes, report.Mode), Is.EqualTo((0, "secondary-ip")));
        Assert.That(report.Warnings.Select(w => (w.Code, w.Message)), Does.Contain((FindingCodes.PrefixDelegationVersion,
            "prefix delegation needs VPC CNI 1.9.0 or later; 1.8.0 ignores it and uses secondary IPs")));
    }

    [Test]
    public void Run_SecurityGroupPods_TrunkTakesAnEniAndEachBranchAnIp()
    {
        var report = NodeRun.Run(new NodeRunRequest
        {
            Type = InstanceCatalog.Embedded.Get("m5.large"),
            Pods = 1,
            SecurityGroupPods = 3,
            Settings = CniSettings.Default with { SecurityGroupsForPods = true },
        });
        // primary (9 IPs) + trunk; the pod leaves 8 < 9 -> third ENI with 9. Branch pods: 3 IPs.
        Assert.That(report.PerEni.Select(e => e.Role), Is.EqualTo(new[] { "primary", "trunk", "secondary" }));
        Assert.That(report.SubnetIpsUsed, Is.EqualTo(3 + 18 + 3));
    }

    [Test]
    public void AddPod_PrefixModeInFragmentedSubnet_FailsWithInsufficientCidrBlocks()
    {
        // A /24 with one address taken in every /28: 235 free IPs, no free /28.
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        for (uint block = 0; block < 16; block++)
        {
            var address = subnet.Network + (block * 16) + 5;
            if (subnet.Contains(address))
            {
                subnet.TryTake(address);
            }
        }

        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("m5.large"), Prefix, new NodePlacement(subnet));
        Assert.That(node.AddPod(out _), Is.EqualTo(PodFailure.InsufficientCidrBlocks));
    }

    [Test]
    public void RemovePod_CoolingIp_CountsAsAvailableButIsNotHandedOut()
    {
        var settings = CniSettings.Default with { WarmIpTarget = 1, MinimumIpTarget = 0 };
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("t3.small"), settings, new NodePlacement(subnet));
        node.ReconcileToSteadyState();
        Assert.That(node.AddPod(out var first), Is.EqualTo(PodFailure.None));
        node.RemovePod(first);
        // Total 2, Assigned 0, one IP cooling: Available 2 >= WIT, so the pool does not grow for it...
        Assert.That((node.TotalIps, node.CoolingIps), Is.EqualTo((2, 1)));
        Assert.That(node.TryAssignNow(out var second), Is.EqualTo(PodFailure.None));
        Assert.That(second.Address, Is.Not.EqualTo(first.Address), "the cooling IP is not reused");
        // ...and after the cooldown it is free again.
        node.AdvanceTo(31);
        node.Reconcile();
        Assert.That(node.CoolingIps, Is.Zero);
    }

    [Test]
    public void TryAssignNow_AfterTheCooldown_ReusesTheIpWithoutWaitingForAReconcile()
    {
        var settings = CniSettings.Default with { WarmIpTarget = 1, MinimumIpTarget = 0 };
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("t3.small"), settings, new NodePlacement(subnet));
        node.ReconcileToSteadyState();
        Assert.That(node.AddPod(out var first), Is.EqualTo(PodFailure.None));
        node.RemovePod(first);
        Assert.That(node.TryAssignNow(out _), Is.EqualTo(PodFailure.None)); // the other warm IP
        Assert.That(node.TryAssignNow(out _), Is.Not.EqualTo(PodFailure.None), "only the cooling IP is left");

        // ipamd checks the cooldown when it assigns: 31 s later the IP is handed out, no reconcile in between.
        node.AdvanceTo(31);
        Assert.That(node.TryAssignNow(out var again), Is.EqualTo(PodFailure.None));
        Assert.That(again.Address, Is.EqualTo(first.Address));
    }

    [Test]
    public void Terminate_GivesEveryAddressBackAndNoPodStartsAfterwards()
    {
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("m5.large"), CniSettings.Default, new NodePlacement(subnet));
        Assert.That(node.AddPod(out _), Is.EqualTo(PodFailure.None));
        Assert.That(subnet.InUse, Is.EqualTo(node.SubnetIpsUsed).And.GreaterThan(0));

        node.Terminate();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(subnet.InUse, Is.Zero);
            Assert.That(node.AddPod(out _), Is.EqualTo(PodFailure.NodeNotStarted));
            Assert.That(node.TryAssignNow(out _), Is.EqualTo(PodFailure.NodeNotStarted));
            Assert.That(node.AddBranchPod(out _), Is.EqualTo(PodFailure.NodeNotStarted));
            Assert.That(subnet.InUse, Is.Zero, "a terminated node takes nothing");
        }
    }

    [Test]
    public void Reconcile_AfterSubnetError_BacksOffFor120Seconds()
    {
        var subnet = SubnetAddressSpace.Parse("10.0.0.0/24");
        subnet.MarkInUse(241); // 10 free
        var node = new VpcCniNode(InstanceCatalog.Embedded.Get("m5.large"), CniSettings.Default, new NodePlacement(subnet));
        node.Reconcile(); // the primary ENI takes the 10 (1 + 9 secondary IPs)
        node.AddPod(out _); // wants a second ENI: nothing free -> error, back-off
        Assert.That(node.LastGrowthFailure, Is.EqualTo(PodFailure.InsufficientFreeAddressesInSubnet));

        // Room appears during the back-off: ipamd still waits the 120 s before it tries again.
        for (uint i = 0; i < 10; i++)
        {
            subnet.Release(subnet.Network + 4 + i);
        }

        node.AdvanceTo(119);
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Blocked));
        Assert.That((subnet.Free, node.Enis.Length), Is.EqualTo((10, 1)), "nothing tried while backing off");
        node.AdvanceTo(121);
        Assert.That(node.Reconcile(), Is.EqualTo(ReconcileOutcome.Changed));
        Assert.That((subnet.Free, node.Enis.Length), Is.EqualTo((0, 2)), "the second ENI (1 + 9) after the back-off");
    }
}
