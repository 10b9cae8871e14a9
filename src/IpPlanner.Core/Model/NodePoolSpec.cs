using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Model;

/// <summary>
/// A Karpenter NodePool with its EC2NodeClass's subnets, as the scenario file writes it: the instance types it may
/// launch, its limits, and the pending pods it provisions nodes for (all alike: <see cref="PodCount"/> pods of
/// <see cref="PodRequests"/>). What Karpenter launches for them is the <c>ProvisionedNodePool</c>
/// (Kubernetes/ProvisionedNodePool.cs).
/// </summary>
public sealed record NodePoolSpec
{
    /// <summary>The NodePool's name, unique in the scenario.</summary>
    public required string Name { get; init; }

    /// <summary>The instance types its requirements allow, resolved from the catalog, sorted by name.</summary>
    public required IReadOnlyList<InstanceType> InstanceTypes { get; init; }

    /// <summary>The EC2NodeClass's subnets.</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary><c>limits.cpu</c> in millicores; null when not limited.</summary>
    public long? LimitCpuMillicores { get; init; }

    /// <summary><c>limits.memory</c> in bytes; null when not limited.</summary>
    public long? LimitMemoryBytes { get; init; }

    /// <summary>True when the file lists <c>instanceTypes</c>; false when it gives <c>requirements</c>.</summary>
    public bool TypesListed { get; init; }

    /// <summary><c>requirements.sizes</c> as written; empty when not given (every size) or for an instanceTypes list.</summary>
    public IReadOnlyList<string> RequirementSizes { get; init; } = [];

    /// <summary>The types the pool would allow at any size (for recommending larger sizes).</summary>
    public IReadOnlyList<InstanceType> AnySizeTypes { get; init; } = [];

    /// <summary>Pending pods to provision for.</summary>
    public int PodCount { get; init; }

    /// <summary>What each pending pod requests.</summary>
    public PodRequests PodRequests { get; init; }

    /// <summary>
    /// The EC2NodeClass's <c>kubelet.maxPods</c>: every node of the pool gets this max pods, whatever its type; null
    /// means Karpenter's ENI-limited count.
    /// </summary>
    public int? MaxPods { get; init; }

    /// <summary>The EKS Auto Mode NodeClass (prefix size, pod subnets); null when not given (Auto Mode's defaults).</summary>
    public NodeClassSpec? NodeClass { get; init; }

    /// <summary>How the pending pods grow a month, for the runway; null when they do not.</summary>
    public GrowthRate? Growth { get; init; }

    /// <summary><c>disruption.budgets</c>; null when not given (Karpenter's default: one budget of 10%).</summary>
    public IReadOnlyList<DisruptionBudgetSpec>? DisruptionBudgets { get; init; }

    /// <summary>The cluster of the file this NodePool belongs to; null for the scenario's first (or only) cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>The line of the entry in the scenario file.</summary>
    public int SourceLine { get; init; }
}
