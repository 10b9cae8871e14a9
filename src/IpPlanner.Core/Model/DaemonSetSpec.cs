namespace IpPlanner.Core.Model;

/// <summary>
/// One DaemonSet of the scenario's <c>daemonSets</c> list: a pod on every node, with its requests. Off the host
/// network it takes a VPC IP from the node's warm pool like any pod; on it, it shares the node's IP.
/// </summary>
public sealed record DaemonSetSpec
{
    /// <summary>The DaemonSet's name.</summary>
    public required string Name { get; init; }

    /// <summary>CPU request in millicores (0 when not given).</summary>
    public long CpuMillicores { get; init; }

    /// <summary>Memory request in bytes (0 when not given).</summary>
    public long MemoryBytes { get; init; }

    /// <summary>True when the pod runs on the host network (no VPC IP of its own).</summary>
    public bool HostNetwork { get; init; }

    /// <summary>The line of the entry in the scenario file.</summary>
    public int SourceLine { get; init; }
}

/// <summary>What one pod of a node group or NodePool requests: CPU in millicores and memory in bytes.</summary>
public readonly record struct PodRequests(long CpuMillicores, long MemoryBytes);
