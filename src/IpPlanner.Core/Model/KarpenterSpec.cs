namespace IpPlanner.Core.Model;

/// <summary>
/// The Karpenter controller's own settings, as the scenario's <c>karpenter</c> section writes them: one value for
/// every NodePool (the controller's options are global).
/// </summary>
public sealed record KarpenterSpec
{
    /// <summary>The settings of a default install (<c>RESERVED_ENIS</c> 0).</summary>
    public static KarpenterSpec Default { get; } = new();

    /// <summary>
    /// <c>RESERVED_ENIS</c> (<c>--reserved-enis</c>, chart value <c>settings.reservedENIs</c>): ENIs left out of the
    /// max-pods count of every instance type, for custom networking or security groups for pods.
    /// </summary>
    public int ReservedEnis { get; init; }

    /// <summary>The line of the <c>karpenter</c> section (0 when not written).</summary>
    public int SourceLine { get; init; }
}
