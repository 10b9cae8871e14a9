using IpPlanner.Core.Cni;

namespace IpPlanner.Core.Model;

/// <summary>
/// The subnet tags the VPC CNI and the AWS Load Balancer Controller read, and what they mean to subnet discovery
/// (docs/rules.md, "The kubernetes.io/role/cni tag" and "The CNI's cluster tags"). The rules follow
/// aws/amazon-vpc-cni-k8s pkg/awsutils/awsutils.go at b521883 (1.23.1): <c>isSubnetValidForENICreation</c> (:1260),
/// <c>ValidSubnetTagsMatchingClusterName</c> (:1296), <c>getTagValue</c> (:1312), <c>checkClusterTags</c> (:1322) and
/// <c>IsSubnetExcluded</c> (:2578); releases from 1.18 up to 1.22.1 only asked whether the tag key is there
/// (<c>validTag</c>, pkg/awsutils/awsutils.go:1072@v1.21.1).
/// </summary>
public static class SubnetTags
{
    /// <summary>Subnet discovery: <c>kubernetes.io/role/cni</c> (awsutils.go:80@b521883).</summary>
    public const string CniDiscovery = "kubernetes.io/role/cni";

    /// <summary>The value of <see cref="CniDiscovery"/> that excludes a subnet (awsutils.go:82@b521883).</summary>
    public const string CniExcluded = "0";

    /// <summary>The prefix of the keys that reserve a subnet for one cluster: <c>cni.networking.k8s.aws/cluster/&lt;name&gt;</c> (awsutils.go:71@b521883).</summary>
    public const string ClusterTagPrefix = "cni.networking.k8s.aws/cluster/";

    /// <summary>Public load balancers' subnets.</summary>
    public const string PublicLoadBalancer = "kubernetes.io/role/elb";

    /// <summary>Internal load balancers' subnets.</summary>
    public const string InternalLoadBalancer = "kubernetes.io/role/internal-elb";

    /// <summary>
    /// <c>getTagValue</c>: the value of <see cref="CniDiscovery"/>, "" when the tag is missing; a tag written with an
    /// empty value reads "" too, so from 1.22.1 it counts as untagged.
    /// </summary>
    public static string CniTagValue(SubnetSpec subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return CniTagValue(subnet.Tags);
    }

    /// <summary><see cref="CniTagValue(SubnetSpec)"/> of a subnet's tags.</summary>
    public static string CniTagValue(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.TryGetValue(CniDiscovery, out var value) ? value : "";
    }

    /// <summary>
    /// Whether the VPC CNI of <paramref name="version"/> may create a new ENI in <paramref name="subnet"/>, the node's
    /// own subnet when <paramref name="isNodeSubnet"/> (subnet discovery on, no custom networking). From 1.22.1
    /// (<c>isSubnetValidForENICreation</c>): the value 0 excludes any subnet; an untagged or empty-valued one is
    /// valid only as the node's own; any other value is valid when <see cref="MatchesCluster"/>. Before 1.22.1
    /// (<c>validTag</c>): the node's own subnet always, another one when it carries the key with any value.
    /// </summary>
    public static bool IsValidForNewEni(SubnetSpec subnet, bool isNodeSubnet, CniVersion version, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return IsValidForNewEni(subnet.Tags, isNodeSubnet, version, clusterName);
    }

    /// <summary><see cref="IsValidForNewEni(SubnetSpec, bool, CniVersion, string)"/> of a subnet's tags.</summary>
    public static bool IsValidForNewEni(IReadOnlyDictionary<string, string> tags, bool isNodeSubnet, CniVersion version, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (version < CniVersion.EnhancedSubnetDiscovery)
        {
            return isNodeSubnet || tags.ContainsKey(CniDiscovery);
        }

        var value = CniTagValue(tags);
        if (value == CniExcluded)
        {
            return false;
        }

        return value.Length == 0 ? isNodeSubnet : MatchesCluster(tags, clusterName);
    }

    /// <summary>
    /// <c>IsSubnetExcluded</c>, which ipamd asks of every ENI it sets up, the primary included, while subnet discovery
    /// is on (pkg/ipamd/ipamd.go:1295-1299@b521883): an ENI in a subnet it excludes gives no pod an IP. Untagged or
    /// empty-valued: not excluded (cluster tags are not read); 0: excluded; any other value: excluded unless
    /// <see cref="MatchesCluster"/>. Releases before 1.22.1 exclude nothing.
    /// </summary>
    public static bool ExcludesPods(SubnetSpec subnet, CniVersion version, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return ExcludesPods(subnet.Tags, version, clusterName);
    }

    /// <summary><see cref="ExcludesPods(SubnetSpec, CniVersion, string)"/> of a subnet's tags.</summary>
    public static bool ExcludesPods(IReadOnlyDictionary<string, string> tags, CniVersion version, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (version < CniVersion.EnhancedSubnetDiscovery)
        {
            return false;
        }

        var value = CniTagValue(tags);
        return value.Length != 0 && (value == CniExcluded || !MatchesCluster(tags, clusterName));
    }

    /// <summary>
    /// <c>ValidSubnetTagsMatchingClusterName</c> with <c>checkClusterTags</c>: true when CLUSTER_NAME
    /// (<paramref name="clusterName"/>) is empty, when the subnet carries no key starting with
    /// <see cref="ClusterTagPrefix"/>, or when it carries this cluster's key. Only keys are read: the value of a
    /// cluster tag does not matter.
    /// </summary>
    public static bool MatchesCluster(SubnetSpec subnet, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return MatchesCluster(subnet.Tags, clusterName);
    }

    /// <summary><see cref="MatchesCluster(SubnetSpec, string)"/> of a subnet's tags.</summary>
    public static bool MatchesCluster(IReadOnlyDictionary<string, string> tags, string clusterName)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(clusterName);
        if (clusterName.Length == 0)
        {
            return true;
        }

        var own = ClusterTagPrefix + clusterName;
        var tagged = false;
        foreach (var key in tags.Keys)
        {
            if (key.StartsWith(ClusterTagPrefix, StringComparison.Ordinal))
            {
                if (string.Equals(key, own, StringComparison.Ordinal))
                {
                    return true;
                }

                tagged = true;
            }
        }

        return !tagged;
    }

    /// <summary>The clusters a subnet is reserved for by <see cref="ClusterTagPrefix"/> keys, sorted; empty when none.</summary>
    public static IReadOnlyList<string> ReservedFor(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return [.. tags.Keys
            .Where(k => k.StartsWith(ClusterTagPrefix, StringComparison.Ordinal) && k.Length > ClusterTagPrefix.Length)
            .Select(k => k[ClusterTagPrefix.Length..])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>True when the subnet is tagged for subnet discovery with a value the VPC CNI of <paramref name="version"/> reads as "may hold pod ENIs" (for a report's list of pod subnets).</summary>
    public static bool IsCniDiscoverable(SubnetSpec subnet, CniVersion version)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        if (version < CniVersion.EnhancedSubnetDiscovery)
        {
            return subnet.Tags.ContainsKey(CniDiscovery);
        }

        var value = CniTagValue(subnet);
        return value.Length != 0 && value != CniExcluded;
    }
}
