namespace IpPlanner.Core.Model;

/// <summary>What a workload entry does to the cluster over time.</summary>
public enum WorkloadKind
{
    /// <summary>Steady replicas, optionally rolled out every so often with a surge.</summary>
    Deployment,

    /// <summary>Pods arriving at a rate (Poisson) and running for a random time, then deleted.</summary>
    Jobs,

    /// <summary>A node group scaled to a node count at a point in time.</summary>
    Scale,
}

/// <summary>How long jobs run.</summary>
public enum DurationDistribution
{
    /// <summary>Exponential with the given mean.</summary>
    Exponential,

    /// <summary>Log-normal with the given median and sigma (of the log).</summary>
    LogNormal,
}

/// <summary>
/// One entry of the scenario's <c>workloads</c> section, used by the time simulation: pods in addition to each node
/// group's steady <c>podsPerNode</c>. Times are in seconds from the start of the simulation.
/// </summary>
public sealed record WorkloadSpec
{
    /// <summary>Deployment, jobs or scale.</summary>
    public required WorkloadKind Kind { get; init; }

    /// <summary>A name for reports.</summary>
    public required string Name { get; init; }

    /// <summary>The node group whose nodes run the pods (or that is scaled); null means any node group.</summary>
    public string? NodeGroup { get; init; }

    /// <summary>Deployment: steady replicas.</summary>
    public int Replicas { get; init; }

    /// <summary>Deployment: seconds between rollouts; 0 means never.</summary>
    public double RolloutEverySeconds { get; init; }

    /// <summary>Deployment: extra pods a rollout creates at once (maxSurge, resolved to a count, at least 1).</summary>
    public int MaxSurge { get; init; } = 1;

    /// <summary>Deployment: seconds from a new pod getting its IP to the old one being deleted (readiness).</summary>
    public double PodReadySeconds { get; init; } = 10;

    /// <summary>Jobs: mean arrivals per minute.</summary>
    public double PerMinute { get; init; }

    /// <summary>Jobs: the duration distribution.</summary>
    public DurationDistribution Duration { get; init; } = DurationDistribution.Exponential;

    /// <summary>Jobs: the mean (exponential) or median (log-normal) duration in seconds.</summary>
    public double DurationSeconds { get; init; } = 60;

    /// <summary>Jobs, log-normal: sigma of the log.</summary>
    public double Sigma { get; init; } = 0.5;

    /// <summary>Scale: when, in seconds.</summary>
    public double AtSeconds { get; init; }

    /// <summary>Scale: the node count to scale the group to.</summary>
    public int Nodes { get; init; }

    /// <summary>The cluster of the file this workload belongs to; null for the scenario's first (or only) cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>The line of the entry in the scenario file.</summary>
    public int SourceLine { get; init; }
}
