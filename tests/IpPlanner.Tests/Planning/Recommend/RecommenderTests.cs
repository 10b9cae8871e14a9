using System.Net;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning.Recommend;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Planning.Recommend;

public class RecommenderTests
{
    private static RecommendReport Recommend(ProvisionedScenario scenario, double headroom = 10) =>
        Recommender.Recommend(scenario, Recommender.Target(scenario, null, null, headroom));

    /// <summary>What makes a patched scenario a real fix: sound CIDRs and a plan at the target where every node gets its pods.</summary>
    private static void AssertSoundAndFits(StrategyResult strategy)
    {
        var patched = strategy.Patched!;
        var vpc = patched.Vpc.Cidrs.Select(c => c.Network).ToList();
        Assert.That(vpc, Has.Count.LessThanOrEqualTo(VpcSpec.DefaultCidrBlockQuota), strategy.Name);
        for (var i = 0; i < vpc.Count; i++)
        {
            for (var j = i + 1; j < vpc.Count; j++)
            {
                Assert.That(vpc[i].Overlap(vpc[j]), Is.False, $"{strategy.Name}: VPC CIDRs {vpc[i]} and {vpc[j]} overlap");
            }
        }

        var subnets = patched.Subnets;
        for (var i = 0; i < subnets.Count; i++)
        {
            Assert.That(vpc.Any(v => v.Contains(subnets[i].Network)), Is.True, $"{strategy.Name}: {subnets[i].Cidr} is outside the VPC");
            Assert.That(subnets[i].PrefixLength, Is.InRange(16, 28), strategy.Name);
            for (var j = i + 1; j < subnets.Count; j++)
            {
                Assert.That(subnets[i].Network.Overlap(subnets[j].Network), Is.False, $"{strategy.Name}: {subnets[i].Cidr} overlaps {subnets[j].Cidr}");
            }
        }

        var state = ClusterState.BuildPlanned(patched);
        Assert.That(state.Nodes.Where(n => n.Failure != Core.Cni.PodFailure.None), Is.Empty, $"{strategy.Name}: every node at the target gets its pods");
    }

    [Test]
    public void Recommend_NearExhaustion_EveryFitIsSoundAndThePatchedScenarioPlans()
    {
        var report = Recommend(SampleScenario("near-exhaustion.yaml"));
        Assert.That(report.Strategies.Single(s => s.Name == "current settings").Fits, Is.False, "the sample does not fit maxNodes as it is");
        foreach (var strategy in report.Strategies.Where(s => s.Fits && s.Patched is not null && s.Name != "IPv6"))
        {
            AssertSoundAndFits(strategy);
        }

        Assert.That(report.Best, Is.EqualTo("warm-pool tuning"), "a CNI setting change is preferred to new subnets or a new cluster");
    }

    [Test]
    public void Recommend_XenNodesInTinySubnets_OnlyCustomNetworkingFits()
    {
        // m4.large (Xen: no prefix delegation, so no IPv6 either) in /28 node subnets: a node with 5 pods takes 1 + 9 + ...
        // addresses, so the /28s (11 usable, 1 taken by the control plane) cannot hold the pods of 5 nodes each, and a new
        // subnet beside each /28 still leaves the /28 its round-robin share. Custom networking keeps only node IPs there.
        var scenario = ScenarioOf("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/24] }
            subnets:
              - { id: a, cidr: 10.0.0.0/28, zone: z1 }
              - { id: b, cidr: 10.0.0.16/28, zone: z2 }
            nodeGroups:
              - { name: g, instanceType: m4.large, subnets: [a, b], nodes: 2, maxNodes: 9, podsPerNode: 5 }
            """);
        var report = Recommend(scenario, headroom: 0);
        var fitting = report.Strategies.Where(s => s.Fits).Select(s => s.Name).ToList();
        Assert.That(fitting, Is.EqualTo(new[] { "custom networking on 100.64.0.0/10" }));
        AssertSoundAndFits(report.Strategies.Single(s => s.Fits));
        Assert.That(report.Best, Is.EqualTo("custom networking on 100.64.0.0/10"));
    }

    [Test]
    public void Recommend_VpcFullyUsed_SaysNothingFitsInsideAndNamesTheSmallestExtraCidr()
    {
        // The VPC's /24 is all subnets already: there is nowhere to carve inside it.
        var scenario = ScenarioOf("""
            cluster: { name: t, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/24] }
            subnets:
              - { id: a, cidr: 10.0.0.0/25, zone: z1 }
              - { id: b, cidr: 10.0.0.128/25, zone: z2 }
            nodeGroups:
              - { name: g, instanceType: m4.large, subnets: [a, b], nodes: 4, maxNodes: 40, podsPerNode: 9 }
            """);
        var report = Recommend(scenario, headroom: 0);
        Assert.That(report.Strategies.Where(s => s.Fits && s.Patched!.Vpc.Cidrs.Count == 1), Is.Empty);
        Assert.That(report.Verdict, Does.Contain("nothing fits").And.Contain("inside the VPC's current CIDRs").And.Contain("the smallest extra CIDR that would is 100.64."));
        foreach (var strategy in report.Strategies.Where(s => s.Fits))
        {
            AssertSoundAndFits(strategy);
        }
    }

    [Test]
    public void Recommend_NeverCallsAStrategyAFitThatDoesNotPlan()
    {
        foreach (var sample in new[] { "small-3az.yaml", "custom-networking.yaml", "prefix-delegation.yaml", "private-fargate.yaml" })
        {
            foreach (var strategy in Recommend(SampleScenario(sample)).Strategies.Where(s => s.Fits && s.Patched is not null && s.Name != "IPv6"))
            {
                AssertSoundAndFits(strategy);
            }
        }
    }

    [Test]
    public void Recommend_KnobAdvice_SaysWhatTheWarmPoolHoldsAndWhatTuningFrees()
    {
        var advice = Recommend(SampleScenario("near-exhaustion.yaml")).Advice;
        Assert.That(advice, Is.Not.Empty);
        Assert.That(advice.Select(a => a.AddressesFreed), Is.Ordered.Descending);
        Assert.That(advice[0].Reason, Does.Match(@"^WARM_ENI_TARGET=1 holds \d+ idle IPs per node on \d+ nodes: MINIMUM_IP_TARGET=\d+, WARM_IP_TARGET=2 frees [\d,]+ addresses in subnet-nodes-1"));
    }

    [TestCase("--target-nodes", "nosuch=3", "no node group is named 'nosuch'")]
    [TestCase("--target-nodes", "crm=x", "is not GROUP=N")]
    [TestCase("--headroom", "-5", "--headroom")]
    [TestCase("--target-pods", "0", "--target-pods")]
    public void Recommend_BadTarget_OneLineErrorExit2(string flag, string value, string expected)
    {
        var run = CliRun.Of("recommend", Sample("near-exhaustion.yaml"), flag, value);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(expected));
    }
}
