using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.AwsImport;

/// <summary>
/// An EKS cluster from <c>aws eks describe-cluster</c>: its name, VPC, cluster subnets and IP family, and whether EKS
/// Auto Mode runs its compute (<c>computeConfig.enabled</c>).
/// </summary>
internal sealed record EksCluster(string Name, string? VpcId, IReadOnlyList<string> SubnetIds, IpFamily IpFamily, bool IpFamilyGiven, bool AutoMode = false);

/// <summary>Reads the output of <c>aws eks describe-cluster --name … --output json</c>.</summary>
internal static class DescribeClusterReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws eks describe-cluster";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static EksCluster Read(string path)
    {
        var json = AwsJsonInput.Read(path, "cluster", Command, AwsCliJsonContext.Default.DescribeClusterJson);
        var cluster = json.Cluster!;
        var name = AwsFields.Require(cluster.Name, path, "cluster.name", "the cluster's name");
        var subnets = cluster.ResourcesVpcConfig?.SubnetIds?.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList() ?? [];
        if (subnets.Count == 0)
        {
            throw InputException.At(path, null, null, "cluster.resourcesVpcConfig.subnetIds", "missing: the cluster subnets (where EKS puts its control plane ENIs)");
        }

        var familyText = cluster.KubernetesNetworkConfig?.IpFamily;
        var family = familyText?.Trim().ToUpperInvariant() switch
        {
            null or "" => (IpFamily?)null,
            "IPV4" => IpFamily.Ipv4,
            "IPV6" => IpFamily.Ipv6,
            _ => throw InputException.At(path, null, null, "cluster.kubernetesNetworkConfig.ipFamily", $"'{familyText}' is not an IP family (expected ipv4 or ipv6)"),
        };
        return new EksCluster(name, cluster.ResourcesVpcConfig?.VpcId, subnets, family ?? IpFamily.Ipv4, family is not null, cluster.ComputeConfig?.Enabled == true);
    }
}

/// <summary>A managed node group from <c>aws eks describe-nodegroup</c>: its name and instance types, in order.</summary>
internal sealed record EksNodegroup(string Name, IReadOnlyList<string> InstanceTypes, string? CapacityType);

/// <summary>Reads the output of <c>aws eks describe-nodegroup --cluster-name … --nodegroup-name … --output json</c>.</summary>
internal static class DescribeNodegroupReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws eks describe-nodegroup";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static EksNodegroup Read(string path)
    {
        var json = AwsJsonInput.Read(path, "nodegroup", Command, AwsCliJsonContext.Default.DescribeNodegroupJson);
        var group = json.Nodegroup!;
        var name = AwsFields.Require(group.NodegroupName, path, "nodegroup.nodegroupName", "the node group's name");
        var types = group.InstanceTypes?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList() ?? [];
        return new EksNodegroup(name, types, group.CapacityType);
    }
}
