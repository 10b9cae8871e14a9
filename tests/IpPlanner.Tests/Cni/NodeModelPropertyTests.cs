using System.Globalization;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Tests.Cni;

/// <summary>
/// Properties of the node model over random settings and random sequences of pod adds, deletes and clock steps
/// (fixed seeds, so a failure replays): ENIs never exceed the instance's limit, the node's addresses always equal what
/// its subnets lost, at steady state the pool is within its targets or the node says why not, and nothing throws.
/// Plus a fuzz of the `node` command: no input exits 70 (an internal error).
/// </summary>
public class NodeModelPropertyTests
{
    private static readonly string[] Types =
        ["t3.small", "m5.large", "m5.xlarge", "c5.4xlarge", "m4.large", "t2.medium", "p3dn.24xlarge", "m6i.xlarge", "c6i.4xlarge", "t3.nano"];

    private static CniSettings RandomSettings(Random r) => CniSettings.Default with
    {
        PrefixDelegation = r.Next(2) == 0,
        WarmEniTarget = r.Next(4),
        WarmIpTarget = r.Next(3) == 0 ? r.Next(1, 40) : 0,
        MinimumIpTarget = r.Next(3) == 0 ? r.Next(1, 60) : 0,
        WarmPrefixTarget = r.Next(4),
        CustomNetworking = r.Next(4) == 0,
        SecurityGroupsForPods = r.Next(4) == 0,
        IpCooldownSeconds = r.Next(3) switch { 0 => 0, 1 => 30, _ => r.Next(1, 120) },
        MaxEni = r.Next(5) == 0 ? r.Next(1, 4) : null,
        Version = r.Next(6) == 0 ? new CniVersion(1, 8, 0) : CniVersion.Current,
    };

    private static IEnumerable<int> Seeds() => Enumerable.Range(1, 60);

    [TestCaseSource(nameof(Seeds))]
    public void RandomChurn_InvariantsHold(int seed)
    {
        var r = new Random(seed);
        var type = InstanceCatalog.Embedded.Get(Types[r.Next(Types.Length)]);
        var settings = RandomSettings(r);
        // Small subnets now and then, so that EC2 capacity errors and back-off are exercised too.
        var nodeSubnet = SubnetAddressSpace.Parse(r.Next(3) == 0 ? "10.0.0.0/26" : "10.0.0.0/22");
        var podSubnet = SubnetAddressSpace.Parse(r.Next(3) == 0 ? "100.64.0.0/27" : "100.64.0.0/22");
        var placement = new NodePlacement(nodeSubnet) { EniConfigSubnet = settings.CustomNetworking ? podSubnet : null };
        var node = new VpcCniNode(type, settings, placement) { EniAttachSeconds = r.Next(3) == 0 ? 10 : 0 };
        var context = $"seed {seed}: {type.Name} {settings}";
        var pods = new List<PodIp>();
        var now = 0.0;

        void Check()
        {
            Assert.That(node.Enis.Length, Is.LessThanOrEqualTo(node.MaxEnis), context);
            Assert.That(node.SubnetIpsUsed, Is.EqualTo(nodeSubnet.InUse + podSubnet.InUse), context);
            Assert.That(node.AssignedIps + node.BranchPods, Is.EqualTo(pods.Count), context);
        }

        node.ReconcileToSteadyState();
        Check();
        for (var step = 0; step < 400; step++)
        {
            switch (r.Next(6))
            {
                case 0 or 1:
                    if (node.TryAssignNow(out var ip) == PodFailure.None)
                    {
                        pods.Add(ip);
                    }

                    break;
                case 2:
                    if (node.AddPod(out var steady) == PodFailure.None)
                    {
                        pods.Add(steady);
                    }

                    break;
                case 3 when pods.Count > 0:
                    var i = r.Next(pods.Count);
                    node.RemovePod(pods[i]);
                    pods.RemoveAt(i);
                    break;
                case 4:
                    if (settings.SecurityGroupsForPods && node.AddBranchPod(out var branch) == PodFailure.None)
                    {
                        pods.Add(branch);
                    }

                    break;
                default:
                    now += r.Next(1, 4) * 5;
                    node.AdvanceTo(now);
                    node.Reconcile();
                    break;
            }

            Check();
        }

        // Steady state: the pool is within its targets, or the node says why not.
        node.AdvanceTo(now + 3600);
        node.ReconcileToSteadyState();
        Check();
        var pool = node.Counters;
        if (!node.IpamdRefused && node.Started)
        {
            if (node.Policy.IsLow(pool))
            {
                Assert.That(node.LastGrowthFailure, Is.Not.EqualTo(PodFailure.None), $"{context}: low with no reason");
            }

            Assert.That(node.Policy.SlotsOver(pool), Is.Zero, $"{context}: above target at steady state");
        }

        node.Terminate();
        Assert.That((nodeSubnet.InUse, podSubnet.InUse), Is.EqualTo((0, 0)), context);
    }

    [Fuzz]
    [Test]
    public void NodeCommand_RandomInputs_NeverExit70()
    {
        var r = new Random(14);
        for (var run = 0; run < 250; run++)
        {
            var args = new List<string> { "node", "--instance-type", Types[r.Next(Types.Length)], "--pods", Pick(r, 0, 1, 9, 10, 27, 29, 60, 110, 250, 2000) };
            void Maybe(string option, params int[] values)
            {
                if (r.Next(2) == 0)
                {
                    args.AddRange([option, Pick(r, values)]);
                }
            }

            Maybe("--warm-eni-target", 0, 1, 2, 5);
            Maybe("--warm-ip-target", 0, 1, 5, 16, 40);
            Maybe("--minimum-ip-target", 0, 1, 10, 30, 200);
            Maybe("--warm-prefix-target", 0, 1, 2, 3, 30);
            Maybe("--max-eni", 1, 2, 3, 50);
            Maybe("--max-pods", 1, 5, 110, 737);
            Maybe("--security-group-pods", 0, 1, 20, 200);
            Maybe("--ip-cooldown", 0, 30, 600);
            if (r.Next(2) == 0)
            {
                args.Add("--prefix-delegation");
            }

            if (r.Next(3) == 0)
            {
                args.Add("--custom-networking");
            }

            if (r.Next(3) == 0)
            {
                args.AddRange(["--subnet", r.Next(2) == 0 ? "10.0.0.0/28" : "10.0.0.0/26"]);
            }

            if (r.Next(3) == 0)
            {
                args.AddRange(["--pod-subnet", r.Next(2) == 0 ? "100.64.0.0/28" : "100.64.0.0/25"]);
            }

            if (r.Next(4) == 0)
            {
                args.AddRange(["--cni-version", r.Next(2) == 0 ? "1.8.0" : "1.17.0"]);
            }

            var result = CliRun.Of([.. args]);
            Assert.That(result.ExitCode, Is.Not.EqualTo(70), $"{string.Join(' ', args)}\n{result.Error}");
        }
    }

    private static string Pick(Random r, params int[] values) => values[r.Next(values.Length)].ToString(CultureInfo.InvariantCulture);
}
