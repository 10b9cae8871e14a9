namespace IpPlanner.Core.Model;

/// <summary>A NAT gateway: one IP in its (public) subnet.</summary>
public sealed record NatGatewaySpec
{
    /// <summary>An optional name.</summary>
    public string? Name { get; init; }

    /// <summary>The subnet id it lives in.</summary>
    public required string Subnet { get; init; }

    /// <summary>The line of the NAT gateway's entry.</summary>
    public int SourceLine { get; init; }
}
