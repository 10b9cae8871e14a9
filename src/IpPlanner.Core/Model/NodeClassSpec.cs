using IpPlanner.Core.Cni;

namespace IpPlanner.Core.Model;

/// <summary>
/// The EKS Auto Mode NodeClass (<c>eks.amazonaws.com/v1</c>) of a NodePool, as far as pod addresses go: the prefix
/// size and the pod subnets (<c>podSubnetSelectorTerms</c>). Only meaningful when <c>cluster.autoMode</c> is true.
/// </summary>
public sealed record NodeClassSpec
{
    /// <summary><c>advancedNetworking.ipv4PrefixSize</c>.</summary>
    public Ipv4PrefixSize Ipv4PrefixSize { get; init; } = Ipv4PrefixSize.Auto;

    /// <summary>The subnets <c>podSubnetSelectorTerms</c> select (pods off the node subnet); empty when not set.</summary>
    public IReadOnlyList<string> PodSubnets { get; init; } = [];

    /// <summary>The line of the <c>nodeClass</c> entry.</summary>
    public int SourceLine { get; init; }
}
