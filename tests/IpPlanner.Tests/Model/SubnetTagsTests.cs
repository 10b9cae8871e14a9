using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;
using NUnit.Framework;

namespace IpPlanner.Tests.Model;

/// <summary>
/// Subnet discovery's reading of a subnet's tags, against the decision functions of aws/amazon-vpc-cni-k8s at b521883
/// (1.23.1): isSubnetValidForENICreation (pkg/awsutils/awsutils.go:1260-1292), ValidSubnetTagsMatchingClusterName
/// (:1296-1309), getTagValue (:1312-1319), checkClusterTags (:1322-1332) and IsSubnetExcluded (:2578-2609); and
/// validTag (pkg/awsutils/awsutils.go:1072-1079@v1.21.1) before 1.22.1. CLUSTER_NAME is "B" unless a case says "".
/// </summary>
public class SubnetTagsTests
{
    private static readonly CniVersion Current = new(1, 23, 0);
    private static readonly CniVersion BeforeClusterTags = new(1, 21, 1);

    private static SubnetSpec Subnet(params (string Key, string Value)[] tags) => new()
    {
        Id = "s",
        Block = new AddressBlock("10.0.0.0/24", Ipv4Cidr.Parse("10.0.0.0/24"), 0),
        Zone = "z1",
        Tags = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
    };

    private const string Cni = SubnetTags.CniDiscovery;
    private const string A = SubnetTags.ClusterTagPrefix + "A";
    private const string B = SubnetTags.ClusterTagPrefix + "B";

    /// <summary>
    /// Each row: tags, CLUSTER_NAME, then what the source answers for a same-zone subnet that is not the node's
    /// (a new ENI there?), for the node's own subnet (a new ENI there?), and IsSubnetExcluded (pods on an ENI there?).
    /// </summary>
    private static IEnumerable<TestCaseData> Rows()
    {
        // No tag: getTagValue "" -> only the node's own subnet (rule 2, :1271-1280); IsSubnetExcluded "" -> not excluded (:2589).
        yield return new TestCaseData(Array.Empty<(string, string)>(), "B", false, true, false).SetName("Untagged");
        // An empty value is what getTagValue returns for a missing tag: untagged, whatever the cluster tags say.
        yield return new TestCaseData(new[] { (Cni, "") }, "B", false, true, false).SetName("EmptyValue_IsUntagged");
        yield return new TestCaseData(new[] { (Cni, ""), (A, "") }, "B", false, true, false).SetName("EmptyValueWithOtherClusterTag_IsUntagged");
        // "0" excludes any subnet, the node's own included (rule 1, :1265-1268; :2593).
        yield return new TestCaseData(new[] { (Cni, "0") }, "B", false, false, true).SetName("Zero_Excludes");
        // Any other value: valid when the cluster tags allow it (rule 3, :1285).
        yield return new TestCaseData(new[] { (Cni, "1") }, "B", true, true, false).SetName("One_NoClusterTag");
        yield return new TestCaseData(new[] { (Cni, "true") }, "B", true, true, false).SetName("AnyOtherValue_Included");
        yield return new TestCaseData(new[] { (Cni, "1"), (A, "owned") }, "B", false, false, true).SetName("OtherClustersTag_Excludes");
        // checkClusterTags reads keys only (:1324-1327): the value of the cluster tag does not matter.
        yield return new TestCaseData(new[] { (Cni, "1"), (A, "") }, "B", false, false, true).SetName("OtherClustersTagEmptyValue_Excludes");
        yield return new TestCaseData(new[] { (Cni, "1"), (B, "") }, "B", true, true, false).SetName("OwnClusterTag_Included");
        yield return new TestCaseData(new[] { (Cni, "1"), (A, "1"), (B, "1") }, "B", true, true, false).SetName("BothClustersTags_Included");
        // Untagged for discovery: the node's own subnet is valid without reading the cluster tags (:1271-1276).
        yield return new TestCaseData(new[] { (A, "1") }, "B", false, true, false).SetName("OnlyOtherClustersTag_NodeSubnetStillValid");
        // The old prefix is not a cluster tag any more (CHANGELOG.md, v1.22.1; PR #3647).
        yield return new TestCaseData(new[] { (Cni, "1"), ("kubernetes.io/cluster/A", "shared") }, "B", true, true, false).SetName("OldClusterTagPrefix_Ignored");
        // CLUSTER_NAME unset: ValidSubnetTagsMatchingClusterName returns true at once (:1299-1301).
        yield return new TestCaseData(new[] { (Cni, "1"), (A, "owned") }, "", true, true, false).SetName("ClusterNameUnset_NoClusterFilter");
    }

    [TestCaseSource(nameof(Rows))]
    public void Tags_AsTheSourceDecides(IEnumerable<(string, string)> tags, string clusterName, bool otherSubnet, bool nodeSubnet, bool excluded)
    {
        var subnet = Subnet([.. tags]);
        Assert.That(SubnetTags.IsValidForNewEni(subnet, isNodeSubnet: false, Current, clusterName), Is.EqualTo(otherSubnet), "same-zone subnet");
        Assert.That(SubnetTags.IsValidForNewEni(subnet, isNodeSubnet: true, Current, clusterName), Is.EqualTo(nodeSubnet), "node subnet");
        Assert.That(SubnetTags.ExcludesPods(subnet, Current, clusterName), Is.EqualTo(excluded), "IsSubnetExcluded");
    }

    [Test]
    public void IsCniDiscoverable_EmptyValue_IsNotTagged()
    {
        // The bug the source settles: getTagValue gives "" for an empty value, so isSubnetValidForENICreation treats
        // "kubernetes.io/role/cni: ''" as untagged (awsutils.go:1271-1280@b521883), never as a discovery subnet.
        Assert.That(SubnetTags.IsCniDiscoverable(Subnet((Cni, "")), Current), Is.False);
        Assert.That(SubnetTags.IsCniDiscoverable(Subnet((Cni, "1")), Current), Is.True);
    }

    [Test]
    public void BeforeOneTwentyTwoOne_KeyAloneDecides()
    {
        // validTag (awsutils.go:1072-1079@v1.21.1) asks only whether the key is there: "0", "" and cluster tags are
        // all "tagged", the node's own subnet is always used, and nothing is excluded from pods.
        foreach (var value in new[] { "0", "", "1" })
        {
            var subnet = Subnet((Cni, value), (A, "owned"));
            Assert.That(SubnetTags.IsValidForNewEni(subnet, isNodeSubnet: false, BeforeClusterTags, "B"), Is.True, value);
            Assert.That(SubnetTags.IsValidForNewEni(subnet, isNodeSubnet: true, BeforeClusterTags, "B"), Is.True, value);
            Assert.That(SubnetTags.ExcludesPods(subnet, BeforeClusterTags, "B"), Is.False, value);
        }

        Assert.That(SubnetTags.IsValidForNewEni(Subnet(), isNodeSubnet: false, BeforeClusterTags, "B"), Is.False);
    }

    [Test]
    public void ReservedFor_NamesTheClustersOfTheKeys()
    {
        Assert.That(SubnetTags.ReservedFor(Subnet((B, ""), (A, "1"), ("kubernetes.io/cluster/C", "shared")).Tags), Is.EqualTo(new[] { "A", "B" }));
    }
}
