using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Simulation;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Simulation;

public class SimulationTests
{
    private static ProvisionedScenario CooldownChurn(int cooldownSeconds)
    {
        var template = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Scenarios", "cooldown-churn.yaml"));
        return ScenarioOf(template.Replace("COOLDOWN", cooldownSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), "cooldown-churn.yaml");
    }

    [Test]
    public void Simulate_SameSeedTwice_SameJsonByteForByte()
    {
        var args = new[] { "simulate", Sample("churn.yaml"), "--duration", "10m", "--runs", "8", "--seed", "42", "-o", "json" };
        var first = CliRun.Of(args);
        var second = CliRun.Of(args);
        Assert.That(first.ExitCode, Is.Zero, first.Error);
        Assert.That(second.Out, Is.EqualTo(first.Out));
    }

    [Test]
    public void Simulate_DifferentSeeds_DifferentJobArrivals()
    {
        var scenario = ScenarioAt(Sample("churn.yaml"));
        var a = MonteCarlo.Run(scenario, new SimulationOptions { DurationSeconds = 600, Runs = 4, Seed = 1 });
        var b = MonteCarlo.Run(scenario, new SimulationOptions { DurationSeconds = 600, Runs = 4, Seed = 2 });
        Assert.That(a.MeanPodsCreated, Is.Not.EqualTo(b.MeanPodsCreated));
    }

    [Test]
    public void Simulate_RolloutWithCooldown_PodsFailThatStartWithoutIt()
    {
        // At steady state each node holds 6 pods + WARM_IP_TARGET 1 = 7 IPs, and the subnets have room to spare.
        // Rolling one pod at a time, each deleted pod's IP cools for 30 s but counts as available, so ipamd does not
        // grow the pool for the next surge pod: it waits (fails to start) until the cooldown ends.
        var options = new SimulationOptions { DurationSeconds = 1800, Runs = 10, Seed = 3 };
        var cooling = MonteCarlo.Run(CooldownChurn(30), options);
        var instant = MonteCarlo.Run(CooldownChurn(0), options);

        Assert.That(cooling.Subnets.Sum(s => s.MeanPodsFailedToStart), Is.GreaterThan(0));
        Assert.That(instant.Subnets.Sum(s => s.MeanPodsFailedToStart), Is.Zero);
        Assert.That(instant.Subnets.Select(s => s.ExhaustionProbability), Is.All.Zero);
    }

    [Test]
    public void Simulate_RolloutWithCooldown_PodsFailOnEveryNode()
    {
        // Both nodes hold web replicas and are rolled the same way, so each node's surge pods wait for a cooling
        // IP. Between rollouts a node is quiet for minutes: the cooldown must start when the pod is deleted, not
        // at the node's last reconcile (which let one node's IPs skip the cooldown altogether).
        var report = MonteCarlo.Run(CooldownChurn(30), new SimulationOptions { DurationSeconds = 1800, Runs = 10, Seed = 3 });
        Assert.That(report.Subnets.Select(s => s.MeanPodsFailedToStart), Is.All.GreaterThan(0));
    }

    [Test]
    public void Simulate_WithoutRollouts_TheSameClusterNeverFails()
    {
        var scenario = CooldownChurn(30);
        var steady = scenario with { Workloads = [.. scenario.Workloads.Select(w => w with { RolloutEverySeconds = 0 })] };
        var report = MonteCarlo.Run(steady, new SimulationOptions { DurationSeconds = 1800, Runs = 3 });
        Assert.That(report.Subnets.Sum(s => s.MeanPodsFailedToStart), Is.Zero);
    }

    [Test]
    public void Simulate_ScaleIn_FreesTheNodesAddressesAndRecreatesTheirReplicas()
    {
        // 4 nodes x 5 web replicas; at 5 minutes the group scales to 2. The 2 drained nodes' 10 replicas are recreated
        // on the 2 that remain, and the drained nodes' addresses (node IP, ENIs, warm pool) go back to the subnets.
        var result = LoadText("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.1.0/24, zone: z1 }
              - { id: b, cidr: 10.0.2.0/24, zone: z2 }
            nodeGroups:
              - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 4, podsPerNode: 0 }
            workloads:
              - { kind: deployment, name: web, nodeGroup: g, replicas: 20 }
              - { kind: scale, nodeGroup: g, at: 5m, nodes: 2 }
            """, "scale-in.yaml");
        Assert.That(result.HasErrors, Is.False, string.Join("\n", result.Diagnostics));
        var report = MonteCarlo.Run(result.Provisioned!, new SimulationOptions { DurationSeconds = 600, Runs = 1 });
        Assert.That(report.MeanPodsCreated, Is.EqualTo(30), "20 replicas, then 10 recreated after the scale-in");
        Assert.That(report.MeanPodsPendingAtEnd, Is.Zero);
        foreach (var series in report.Series)
        {
            Assert.That(series.P50[^1], Is.LessThan(series.P50[0]), $"{series.Id}: the drained node's addresses are released");
        }
    }

    [Test]
    public void Simulate_Percentiles_OrderedAndWithinTheSubnet()
    {
        var report = MonteCarlo.Run(ScenarioAt(Sample("churn.yaml")), new SimulationOptions { DurationSeconds = 900, Runs = 12, Seed = 5 });
        foreach (var s in report.Subnets)
        {
            var p = s.PeakUsed;
            Assert.That(new[] { p.P50, p.P95, p.P99, p.Max }, Is.Ordered, s.Id);
            Assert.That(p.P50, Is.GreaterThanOrEqualTo(0).And.LessThanOrEqualTo(s.Usable), s.Id);
            Assert.That(p.Max, Is.LessThanOrEqualTo(s.Usable), s.Id);
        }

        foreach (var series in report.Series)
        {
            for (var t = 0; t < series.P50.Count; t++)
            {
                Assert.That(series.P5[t], Is.LessThanOrEqualTo(series.P50[t]).And.GreaterThanOrEqualTo(0), series.Id);
                Assert.That(series.P95[t], Is.GreaterThanOrEqualTo(series.P50[t]).And.LessThanOrEqualTo(series.Usable), series.Id);
            }
        }
    }

    [Test]
    public void ScaleCurve_ExhaustionPoint_EqualsThePlansFirstExhausted()
    {
        var scenario = ScenarioAt(Sample("near-exhaustion.yaml"));
        var group = scenario.NodeGroups.Single();
        var plan = CapacityPlanner.Plan(scenario);
        var curve = ScaleCurve.Run(scenario, group.Name, 0, group.MaxNodes);
        var first = curve.FirstExhausted!;

        // By hand: m5.large, 15 pods, WARM_ENI_TARGET=1 on CNI 1.16 -> 3 ENIs, 30 addresses a node, of which the
        // pods need 2 ENIs (2 x (1 + 9) = 20). subnet-nodes-1c (251 usable, 25 in use, 1 control plane ENI) takes
        // nodes 3, 6, ..., 21: 7 x 30 leaves 15, fewer than the 20 its next node (24) needs for its pods. 1a (22
        // left, node 22) and 1b (31 left, node 23) still fit their next node's pods, if not its warm ENI.
        Assert.That((first.Id, first.ExhaustedAtNodes, first.Reason), Is.EqualTo(("subnet-nodes-1c", (int?)24, "addresses")));
        Assert.That((first.Id, first.ExhaustedAtNodes, first.Reason),
            Is.EqualTo((plan.Cluster.FirstExhausted!.Subnet, (int?)plan.Cluster.FirstExhausted.AtNodes, plan.Cluster.FirstExhausted.Reason)));
    }

    [Test]
    public void ScaleCurve_UsedAddresses_NeverDecreaseAsNodesAreAdded()
    {
        var scenario = ScenarioAt(Sample("small-3az.yaml"));
        var curve = ScaleCurve.Run(scenario, "apps", 0, 40);
        Assert.That(curve.Points, Has.Count.EqualTo(41));
        for (var s = 0; s < curve.Subnets.Count; s++)
        {
            Assert.That(curve.Points.Select(p => p.Used[s]), Is.Ordered, curve.Subnets[s].Id);
        }
    }

    [TestCase("apps=5..2")]
    [TestCase("nosuch=0..5")]
    [TestCase("apps=0-5")]
    public void Simulate_BadScale_OneLineErrorExit2(string scale)
    {
        var run = CliRun.Of("simulate", Sample("small-3az.yaml"), "--scale", scale);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--scale"));
    }

    [Test]
    public void Simulate_DurationWithoutWorkloads_SaysWhatIsMissing()
    {
        var run = CliRun.Of("simulate", Sample("small-3az.yaml"), "--duration", "1h");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("no workloads"));
    }

    [Test]
    public void Simulate_Plot_WritesAPngAndAnSvg()
    {
        var png = Path.Combine(TestContext.CurrentContext.WorkDirectory, "scale.png");
        var svg = Path.Combine(TestContext.CurrentContext.WorkDirectory, "time.svg");
        File.Delete(png);
        File.Delete(svg);
        Assert.That(CliRun.Of("simulate", Sample("near-exhaustion.yaml"), "--scale", "crm=0..30", "--plot", png).ExitCode, Is.Zero);
        Assert.That(CliRun.Of("simulate", Sample("churn.yaml"), "--duration", "5m", "--runs", "2", "--plot", svg).ExitCode, Is.Zero);
        Assert.That(File.ReadAllBytes(png).Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.That(File.ReadAllText(svg), Does.Contain("<svg").And.Contain("simulated time (minutes)"));
    }
}
