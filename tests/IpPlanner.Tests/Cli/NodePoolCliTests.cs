using System.Text.Json;
using IpPlanner.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>The NodePool sample through <c>plan</c> and <c>simulate --scale POOL=FROM..TO</c>.</summary>
public class NodePoolCliTests
{
    // The sample's pool allows m and r, generations 5 and 6, large to 2xlarge, amd64. Pods: 500m CPU, 1Gi.
    // DaemonSets request 225m and 290 MiB; one (fluent-bit) is off the host network.
    // Every allowed 2xlarge has 8 vCPUs: 7910m - 225m = 7685m holds floor(7685 / 500) = 15 pods (memory, 29317 - 290
    // MiB on a 32 GiB type, holds 28; max pods 58 - 2 - 1 = 55); xlarge types hold at most floor((3920 - 225) / 500) = 7.
    // So a claim fills to 15 pods, and the cheapest allowed type holding 15 is m5a.2xlarge (0.344 $/h; next m6a.2xlarge
    // 0.3456). limits.cpu 200 = 25 such nodes = 375 pods; the 376th pod needs a 26th node, past the limit.

    [Test]
    public void Plan_NodePoolSample_LaunchesTheCheapestTypeUntilTheLimits()
    {
        var run = CliRun.Of("plan", Sample("karpenter-nodepool.yaml"), "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var pool = doc.RootElement.GetProperty("nodePools")[0];
        Assert.Multiple(() =>
        {
            Assert.That(pool.GetProperty("nodes").GetInt32(), Is.EqualTo(25));
            Assert.That(pool.GetProperty("instanceTypes").GetProperty("m5a.2xlarge").GetInt32(), Is.EqualTo(25));
            Assert.That(pool.GetProperty("pods").GetInt32(), Is.EqualTo(375));
            Assert.That(pool.GetProperty("podsPending").GetInt32(), Is.EqualTo(25));
            Assert.That(pool.GetProperty("stoppedBy").GetString(), Is.EqualTo("limits"));
        });
    }

    [Test]
    public void Simulate_ScaleNodePool_StopsAtTheLimitsPastThreeHundredSeventyFivePods()
    {
        // 0..600 in steps of 6: 372 fits (25 nodes), 378 is the first count past 375.
        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..600", "-o", "json");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToList();
        var at372 = points.Single(p => p.GetProperty("pendingPods").GetInt32() == 372);
        var at378 = points.Single(p => p.GetProperty("pendingPods").GetInt32() == 378);
        Assert.Multiple(() =>
        {
            Assert.That(at372.GetProperty("stoppedBy").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(at372.GetProperty("nodes").GetInt32(), Is.EqualTo(25));
            Assert.That(at378.GetProperty("stoppedBy").GetString(), Is.EqualTo("limits"));
            Assert.That(at378.GetProperty("podsScheduled").GetInt32(), Is.EqualTo(375));
        });
    }

    [Test]
    public void Simulate_ScaleNodePool_TextNamesTheFirstStop()
    {
        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..600");
        Assert.That(run.Out, Does.Contain("Verdict: first stopped at 378 pending pods: limits."));
    }

    [Test]
    public void Simulate_ScaleNodePoolBeyondTheMost_NamesTheFlag()
    {
        // Core says what is wrong with the range; the CLI says which flag gave it.
        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..100001");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("--scale: default=0..100001 is not a valid range of pending pods (expected 0 <= FROM <= TO <= 100,000)"));
    }

    [Test]
    public void Recommend_TargetNodesOfANodePoolGroup_IsAnErrorSayingWhy()
    {
        // A NodePool's nodes follow its pending pods; a node count for one of its groups would be silently dropped.
        var run = CliRun.Of("recommend", Sample("karpenter-nodepool.yaml"), "--target-nodes", "default/m5a.2xlarge@subnet-private-1a=40");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("--target-nodes: 'default/m5a.2xlarge@subnet-private-1a' is NodePool default's nodes, which follow its pending pods"));
    }
}
