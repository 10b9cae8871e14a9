namespace IpPlanner.Core.Model;

/// <summary>
/// The subnet tags the VPC CNI and the AWS Load Balancer Controller read, and what they mean
/// (docs/rules.md, "The kubernetes.io/role/cni tag").
/// </summary>
public static class SubnetTags
{
    /// <summary>Subnet discovery: a same-zone subnet with this tag may get the node's new ENIs; the value 0 excludes a subnet.</summary>
    public const string CniDiscovery = "kubernetes.io/role/cni";

    /// <summary>Public load balancers' subnets.</summary>
    public const string PublicLoadBalancer = "kubernetes.io/role/elb";

    /// <summary>Internal load balancers' subnets.</summary>
    public const string InternalLoadBalancer = "kubernetes.io/role/internal-elb";

    /// <summary>True when the subnet is tagged for subnet discovery with any value but 0.</summary>
    public static bool IsCniDiscoverable(SubnetSpec subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return subnet.Tags.TryGetValue(CniDiscovery, out var value) && value != "0";
    }

    /// <summary>True when the subnet is tagged <c>kubernetes.io/role/cni=0</c>: no ENI of the CNI goes there, not even the node's own subnet's.</summary>
    public static bool ExcludesCni(SubnetSpec subnet)
    {
        ArgumentNullException.ThrowIfNull(subnet);
        return subnet.Tags.TryGetValue(CniDiscovery, out var value) && value == "0";
    }
}
