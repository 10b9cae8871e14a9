using NUnit.Framework;
using static IpPlanner.Tests.ScenarioFile.ScenarioTestText;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Tests.Planning.Recommend;

/// <summary>
/// recommend with a NodePool. The pool launches m5.large for pods of 250m / 256Mi: 7 per node by CPU
/// (floor(1930 / 250)). Limits count a node as 2 vCPUs and 8192 - ceil(8192 x 0.075) = 7577 MiB (docs/allocatable.md).
/// limits { cpu: 4, memory: 16Gi } hold 2 nodes (4 vCPUs; 15,154 MiB = 14.8 GiB), not 3.
/// </summary>
public class NodePoolRecommendTests
{
    private static string Text(int pods) => Base.Replace("nodeGroups:", $$"""
        nodePools:
          - name: general
            instanceTypes: [m5.large]
            subnets: [subnet-a, subnet-b]
            limits: {cpu: 4, memory: 16Gi}
            pods: {count: {{pods}}, cpu: 250m, memory: 256Mi}
        nodeGroups:
        """, StringComparison.Ordinal).Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);

    private static ProvisionedScenario Scenario(int pods)
    {
        var result = Load(Text(pods));
        Assert.That(result.Errors, Is.Empty);
        return result.Provisioned!;
    }

    [Test]
    public void Target_PendingPodsPlusHeadroom_NotThePoolsNodeCount()
    {
        // 20 pending pods + 10 % = 22 (exactly: not 22.000000000000004 rounded up to 23). The pool's node groups are
        // not targeted by count; only the file's group 'workers' is (its maxNodes, which defaults to its nodes).
        var target = Recommender.Target(Scenario(20), null, null, 10);
        Assert.That(target.PendingPods, Is.EqualTo(new Dictionary<string, int> { ["general"] = 22 }));
        Assert.That(target.Nodes.Keys, Is.EqualTo(new[] { "workers" }));
    }

    [Test]
    public void LimitsBind_CurrentSettingsDoNotFit_AndTheLimitsStrategySaysHowMuch()
    {
        // 20 pods need 3 nodes (7 + 7 + 6); the limits hold 2, so 6 pods stay pending. Raising the limits to the 3
        // nodes' capacity: cpu 3 x 2 = 6; memory 3 x 7577 = 22,731 MiB = 22.2 GiB, rounded up to 23Gi.
        var scenario = Scenario(20);
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 0));
        var current = report.Strategies.Single(s => s.Name == "current settings");
        var limits = report.Strategies.Single(s => s.Name == "raise NodePool limits");
        Assert.Multiple(() =>
        {
            Assert.That(current.Fits, Is.False);
            Assert.That(current.WhyNot, Is.EqualTo("NodePool general leaves 6 of 20 pending pods unscheduled: its limits (cpu 4, memory 16Gi) stop it"));
            Assert.That(limits.Fits, Is.True);
            Assert.That(limits.Changes, Is.EqualTo(new[] { "nodePools[general].limits.cpu: 6 (was 4)", "nodePools[general].limits.memory: 23Gi (was 16Gi)" }));
            Assert.That(report.Best, Is.EqualTo("raise NodePool limits"));
        });
    }

    [Test]
    public void Write_TheLimitsChange_IsAValidScenarioWithThoseLimits()
    {
        // The patched file must load without errors, with the pool's limits raised and no nodeGroups edit for the
        // pool's own nodes (they are not in the file).
        var scenario = Scenario(20);
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 0));
        var patched = report.Strategies.Single(s => s.Name == "raise NodePool limits").Patched!;
        var edits = ScenarioPatch.Diff(scenario.Scenario, patched.Scenario);
        Assert.That(edits.Select(e => e.Path), Is.EqualTo(new[] { "nodePools[0].limits.cpu", "nodePools[0].limits.memory" }));
        var written = Load(ScenarioPatch.Apply(Text(20), edits, ["test"]));
        Assert.That(written.Errors, Is.Empty);
        var pool = written.Provisioned!.NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That((pool.LimitCpuMillicores, pool.LimitMemoryBytes), Is.EqualTo(((long?)6000, (long?)(23L << 30))));
            Assert.That((pool.Provisioning.PodsPending, pool.Provisioning.NodeClaims.Count), Is.EqualTo((0, 3)));
        });
    }

    [Test]
    public void Plan_LimitsLeavePodsPending_VerdictSaysItDoesNotFit()
    {
        // The same 20 pods: 2 nodes of 7 run 14, 6 stay pending, so the plan agrees with recommend's current settings.
        Assert.That(CapacityPlanner.Plan(Scenario(20)).Verdict,
            Is.EqualTo("does not fit now: NodePool general leaves 6 of 20 pending pods unscheduled: its limits (cpu 4, memory 16Gi) stop it"));
    }

    [Test]
    public void LimitsDoNotBind_NoLimitsStrategy()
    {
        // 14 pods fit the 2 nodes the limits allow: nothing to raise.
        var scenario = Scenario(14);
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 0));
        Assert.That(report.Strategies.Select(s => s.Name), Does.Not.Contain("raise NodePool limits"));
        Assert.That(report.Strategies.Single(s => s.Name == "current settings").Fits, Is.True);
        Assert.That(NodePoolLimits.Needed(scenario.NodePools.Single(), scenario.NodePoolEnvironment), Is.Null);
    }

    [Test]
    public void LargerSizes_FewerNodes_WithTheLimitsTheyNeed_AndTheAddressesItCosts()
    {
        // The next size of family m5 above m5.large (2 vCPUs) is m5.xlarge (4). m5.xlarge holds floor(3920 / 250) = 15
        // pods. 20 pods: a claim of 15 (only m5.xlarge holds 15) and one of 5 (the cheapest that holds 5: m5.large,
        // 0.096 < 0.192). Capacity 4 + 2 = 6 vCPUs and 15,155 + 7,577 = 22,732 MiB (16384 - ceil(1228.8) = 15,155), so
        // the limits go to 6 and 23Gi, as for three m5.large. 2 nodes instead of 3.
        // Addresses (WARM_ENI_TARGET=1: a whole spare ENI of free IPs): each m5.large with 7, 7, 6 or 5 pods has 2 ENIs
        // x 10 = 20; the m5.xlarge with 15 pods fills its first ENI's 14 slots, puts one pod on a second and then
        // needs a third to keep 14 free: 3 x 15 = 45. 45 + 20 = 65 against 3 x 20 = 60: 5 more addresses.
        var scenario = Scenario(20);
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 0));
        var larger = report.Strategies.Single(s => s.Name == "larger NodePool sizes");
        Assert.Multiple(() =>
        {
            Assert.That(larger.Fits, Is.True);
            Assert.That(larger.Changes, Is.EqualTo(new[]
            {
                "nodePools[general].instanceTypes: [m5.large, m5.xlarge] (was [m5.large])",
                "nodePools[general].limits.cpu: 6 (was 4)",
                "nodePools[general].limits.memory: 23Gi (was 16Gi)",
            }));
            Assert.That(larger.Summary, Does.Contain("2 nodes instead of 3, 5 more addresses in pod subnets"));
        });

        // --write gives a file that loads with those types and launches one m5.xlarge and one m5.large.
        var written = Load(ScenarioPatch.Apply(Text(20), ScenarioPatch.Diff(scenario.Scenario, larger.Patched!.Scenario), ["test"]));
        Assert.That(written.Errors, Is.Empty);
        var types = written.Provisioned!.NodePools.Single().Provisioning.NodeClaims.Select(c => c.Type.Name).Order(StringComparer.Ordinal);
        Assert.That(types, Is.EqualTo(new[] { "m5.large", "m5.xlarge" }));
    }

    [Test]
    public void MoreSubnets_TheNodePoolGetsThemToo_AndTheWrittenFileUsesThem()
    {
        // NodePoolTests' "more nodes than the subnets hold": 540 pods of 10m / 16Mi, 27 per m5.large, 20 nodes of
        // 30 addresses each; a /24 holds 250 - so 8 nodes - per subnet, 16 in all, and 4 nodes cannot start.
        // Carved subnets only help if the EC2NodeClass lists them: they must be added to the pool's subnets, and the
        // written file must list them there too.
        var text = Base.Replace("nodeGroups:", """
            nodePools:
              - name: general
                instanceTypes: [m5.large]
                subnets: [subnet-a, subnet-b]
                pods: {count: 540, cpu: 10m, memory: 16Mi}
            nodeGroups:
            """, StringComparison.Ordinal).Replace("    nodes: 3\n", "    nodes: 0\n", StringComparison.Ordinal);
        var scenario = Load(text).Provisioned!;
        var report = Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, 0));
        var more = report.Strategies.Single(s => s.Name == "more subnets");
        Assert.That(report.Strategies.Single(s => s.Name == "current settings").Fits, Is.False);
        Assert.That(more.Fits, Is.True, more.WhyNot);
        var pool = more.Patched!.NodePools.Single();
        Assert.That(pool.Subnets, Has.Count.EqualTo(4));

        var written = Load(ScenarioPatch.Apply(text, ScenarioPatch.Diff(scenario.Scenario, more.Patched.Scenario), ["test"]));
        Assert.That(written.Errors, Is.Empty);
        Assert.That(written.Provisioned!.NodePools.Single().Subnets, Is.EqualTo(pool.Subnets));
        Assert.That(CapacityPlanner.Plan(written.Provisioned!).NodePools.Single().StoppedBy, Is.Null);
    }
}
