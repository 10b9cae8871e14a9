namespace IpPlanner.Core.Model;

/// <summary>A Fargate profile: each pod takes one IP in one of its (private) subnets.</summary>
public sealed record FargateProfileSpec
{
    /// <summary>The profile's name.</summary>
    public required string Name { get; init; }

    /// <summary>Subnet ids pods are spread over.</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>Fargate pods running.</summary>
    public int Pods { get; init; }

    /// <summary>The cluster of the file this Fargate profile belongs to; null for the scenario's first (or only) cluster.</summary>
    public string? Cluster { get; init; }

    /// <summary>The line of the profile's entry.</summary>
    public int SourceLine { get; init; }
}
