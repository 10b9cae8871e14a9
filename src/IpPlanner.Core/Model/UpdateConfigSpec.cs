namespace IpPlanner.Core.Model;

/// <summary>How EKS replaces a managed node group's nodes in a version update (the EKS API's <c>updateStrategy</c>).</summary>
public enum UpdateStrategy
{
    /// <summary>DEFAULT: new nodes launch before old ones terminate (the group surges).</summary>
    Default,

    /// <summary>MINIMAL: old nodes terminate before new ones launch (no surge).</summary>
    Minimal,
}

/// <summary>
/// A managed node group's <c>updateConfig</c> as the scenario file writes it (EKS API, NodegroupUpdateConfig): at most
/// one of <see cref="MaxUnavailable"/> and <see cref="MaxUnavailablePercentage"/>, and the update strategy. What EKS
/// makes of it (the surge) is <c>Kubernetes.ManagedNodeGroupUpdate</c>'s.
/// </summary>
public sealed record UpdateConfigSpec
{
    /// <summary><c>maxUnavailable</c>: nodes updated at once (1 to 100); null when not given.</summary>
    public int? MaxUnavailable { get; init; }

    /// <summary><c>maxUnavailablePercentage</c>: the share of nodes updated at once (1 to 100); null when not given.</summary>
    public int? MaxUnavailablePercentage { get; init; }

    /// <summary><c>updateStrategy</c>: DEFAULT (surge) or MINIMAL.</summary>
    public UpdateStrategy Strategy { get; init; } = UpdateStrategy.Default;

    /// <summary>The line of the <c>updateConfig</c> entry.</summary>
    public int SourceLine { get; init; }
}

/// <summary>
/// One entry of a NodePool's <c>disruption.budgets</c> as written: <see cref="Nodes"/>, a node count ("5") or a
/// percentage ("10%"), and the disruption reasons it applies to (every reason when empty). What Karpenter makes of it
/// is <c>Kubernetes.DisruptionBudgets</c>'s.
/// </summary>
public sealed record DisruptionBudgetSpec
{
    /// <summary>The budget's <c>nodes</c> as written: "10%" or "5".</summary>
    public required string Nodes { get; init; }

    /// <summary><c>reasons</c>: Underutilized, Empty, Drifted; empty means every reason.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The line of the budget's entry.</summary>
    public int SourceLine { get; init; }
}
