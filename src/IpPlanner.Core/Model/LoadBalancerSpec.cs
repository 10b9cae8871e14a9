namespace IpPlanner.Core.Model;

/// <summary>The kind of Elastic Load Balancer, which decides how many IPs it takes per subnet.</summary>
public enum LoadBalancerType
{
    /// <summary>Application Load Balancer: at least 8 free IPs per subnet, grows with load.</summary>
    Alb,

    /// <summary>Network Load Balancer: one IP per subnet.</summary>
    Nlb,
}

/// <summary>A load balancer and the subnets it has ENIs in.</summary>
public sealed record LoadBalancerSpec
{
    /// <summary>The load balancer's name.</summary>
    public required string Name { get; init; }

    /// <summary>alb or nlb.</summary>
    public required LoadBalancerType Type { get; init; }

    /// <summary>Subnet ids, one per zone.</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>True for an internal scheme, false for internet-facing, null when the file does not say.</summary>
    public bool? Internal { get; init; }

    /// <summary>The line of the load balancer's entry.</summary>
    public int SourceLine { get; init; }
}
