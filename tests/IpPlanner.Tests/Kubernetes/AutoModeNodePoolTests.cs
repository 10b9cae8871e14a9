using NUnit.Framework;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Kubernetes;

/// <summary>
/// NodePools of an EKS Auto Mode cluster (<c>cluster.autoMode</c>): their nodes run Auto Mode's networking, whatever
/// the file's <c>cni</c> says (docs/auto-mode.md), and the loader's findings about settings Auto Mode does not have.
/// </summary>
public class AutoModeNodePoolTests
{
    [Test]
    public void Plan_AutoModeSample_NodesWithoutAFreeSlash28FallBackAndStrandPods()
    {
        // samples/auto-mode.yaml: 160 pods of 50m/128Mi on m5.xlarge, max pods 110 (Auto Mode's cap; 4 x 14 x 16 + 2
        // uncapped). By CPU floor(3920 / 50) = 78 per claim: claims of 78, 78 and 4. The us-east-1b pod subnet
        // (10.30.20.0/25) has no fully free /28 (the reserved .0-.3 and .127, and one taken address in each /28
        // between), so its node falls back to single addresses: pod subnets keep the primary ENI from pods, so
        // 3 ENIs x 14 = 42 addresses for 78 pods, 36 without an IP. The us-east-1a nodes hold /28s.
        var result = LoadFile(Sample("auto-mode.yaml"));
        var plan = CapacityPlanner.Plan(result.Provisioned!, result.Warnings);
        var pool = plan.NodePools.Single();
        Assert.Multiple(() =>
        {
            Assert.That((pool.Nodes, pool.Pods, pool.PodsWithoutIp), Is.EqualTo((3, 160, 36)));
            Assert.That(plan.NodeGroups.Select(g => g.MaxPodsPerNode), Has.All.EqualTo(110));
            Assert.That(plan.Warnings.Select(w => w.Code), Is.SupersetOf(new[] { FindingCodes.PodsWithoutIp, FindingCodes.AutoModeSingleAddresses }));
            Assert.That(plan.Subnets.Single(s => s.Id == "subnet-pods-1a").UsedBy.Prefixes, Is.GreaterThan(0));
            Assert.That(plan.Subnets.Single(s => s.Id == "subnet-pods-1b").UsedBy.Prefixes, Is.Zero);
        });
    }

    [Test]
    public void Plan_AutoModeIgnoresTheVpcCniSettings_AndSaysSo()
    {
        // WARM_ENI_TARGET=3 would keep whole ENIs spare on a VPC CNI node; Auto Mode nodes have no such setting, so the
        // plan is the same as without it, and the loader warns at the key.
        var text = File.ReadAllText(Sample("auto-mode.yaml"));
        var withKnob = LoadText(text.Replace("nodePools:", "cni:\n  warmEniTarget: 3\n\nnodePools:", StringComparison.Ordinal));
        var without = LoadText(text);
        var warning = withKnob.Warnings.Single(w => w.Code == FindingCodes.AutoModeWarmPoolSettings);
        Assert.Multiple(() =>
        {
            Assert.That(warning.Field, Is.EqualTo("cni.warmEniTarget"));
            Assert.That(CapacityPlanner.Plan(withKnob.Provisioned!).Subnets.Select(s => s.Used), Is.EqualTo(CapacityPlanner.Plan(without.Provisioned!).Subnets.Select(s => s.Used)));
        });
    }

    [Test]
    public void Load_PodSubnetsMissingANodeZone_IsAnErrorAtTheField()
    {
        // The pool launches nodes in us-east-1b, but its only pod subnet is in us-east-1a: Auto Mode puts pod ENIs in
        // a pod subnet of the node's zone only, so those pods would get no address.
        var text = File.ReadAllText(Sample("auto-mode.yaml")).Replace("podSubnets: [subnet-pods-1a, subnet-pods-1b]", "podSubnets: [subnet-pods-1a]", StringComparison.Ordinal);
        var error = LoadText(text).Errors.Single();
        Assert.That((error.Code, error.Field), Is.EqualTo((FindingCodes.AutoModePodSubnetMissing, "nodePools[0].nodeClass.podSubnets")));
    }

    [TestCase("cluster:\n  name: checkout\n  controlPlaneSubnets: [subnet-nodes-1a, subnet-nodes-1b]\n  autoMode: true\n", "cluster:\n  name: checkout\n  controlPlaneSubnets: [subnet-nodes-1a, subnet-nodes-1b]\n", "nodePools[0].nodeClass")]
    [TestCase("    nodeClass:\n", "    maxPods: 50\n    nodeClass:\n", "nodePools[0].maxPods")]
    public void Load_SettingThatDoesNotApply_IsAWarningAtIt(string line, string replacement, string field)
    {
        // A nodeClass without Auto Mode, and a kubelet maxPods with it (Auto Mode's NodeClass has none).
        var text = File.ReadAllText(Sample("auto-mode.yaml")).Replace(line, replacement, StringComparison.Ordinal);
        var result = LoadText(text);
        Assert.Multiple(() =>
        {
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Warnings.Where(w => w.Code == FindingCodes.AutoModeSettingIgnored).Select(w => w.Field), Is.EqualTo(new[] { field }));
        });
    }
}
