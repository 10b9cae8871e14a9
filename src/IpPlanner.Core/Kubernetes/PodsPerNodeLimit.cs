namespace IpPlanner.Core.Kubernetes;

/// <summary>What caps the pods a node of a node group runs when they come from pod requests.</summary>
public enum PodsPerNodeLimit
{
    /// <summary>Allocatable CPU, less the DaemonSets' requests.</summary>
    Cpu,

    /// <summary>Allocatable memory, less the DaemonSets' requests.</summary>
    Memory,

    /// <summary>The kubelet's max pods, less DaemonSet, host-network and security-group pods.</summary>
    MaxPods,

    /// <summary>The VPC IPs the node's ENIs can hold, less the DaemonSets' own.</summary>
    Ips,
}

/// <summary>The words reports use for a <see cref="PodsPerNodeLimit"/>.</summary>
internal static class PodsPerNodeLimitText
{
    /// <summary><c>cpu</c>, <c>memory</c>, <c>max pods</c> or <c>ips</c>: the plan JSON's <c>podsPerNodeLimitedBy</c>.</summary>
    public static string Code(this PodsPerNodeLimit limit) => limit switch
    {
        PodsPerNodeLimit.Cpu => "cpu",
        PodsPerNodeLimit.Memory => "memory",
        PodsPerNodeLimit.MaxPods => "max pods",
        PodsPerNodeLimit.Ips => "ips",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    /// <summary>A phrase for text and HTML: "CPU requests", "the VPC IPs its ENIs hold", ...</summary>
    public static string Words(this PodsPerNodeLimit limit) => limit switch
    {
        PodsPerNodeLimit.Cpu => "allocatable CPU",
        PodsPerNodeLimit.Memory => "allocatable memory",
        PodsPerNodeLimit.MaxPods => "the kubelet's max pods",
        PodsPerNodeLimit.Ips => "the VPC IPs its ENIs hold",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };
}
