
namespace IpPlanner.Core.Model;

/// <summary>The IP family of a cluster's pods and services.</summary>
public enum IpFamily
{
    /// <summary>Pods get IPv4 addresses from the VPC (the case IpPlanner is about).</summary>
    Ipv4,

    /// <summary>Pods get IPv6 addresses from a /80 per node; each node still takes one IPv4.</summary>
    Ipv6,
}

/// <summary>The EKS cluster itself: its name, IP family and the subnets its control plane ENIs go to.</summary>
public sealed record ClusterSpec
{
    /// <summary>The cluster name.</summary>
    public required string Name { get; init; }

    /// <summary>ipv4 or ipv6.</summary>
    public IpFamily IpFamily { get; init; } = IpFamily.Ipv4;

    /// <summary>Subnet ids of the cluster (control plane ENI) subnets: at least two zones.</summary>
    public required IReadOnlyList<string> ControlPlaneSubnets { get; init; }

    /// <summary>
    /// EKS Auto Mode (<c>computeConfig.enabled</c>): the NodePools' nodes run Auto Mode's networking, not the VPC CNI
    /// add-on of <c>cni</c> (docs/auto-mode.md).
    /// </summary>
    public bool AutoMode { get; init; }

    /// <summary>The line of the <c>cluster</c> section (0 when built in code).</summary>
    public int SourceLine { get; init; }
}
