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

    /// <summary>The line of the profile's entry.</summary>
    public int SourceLine { get; init; }
}

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

/// <summary>The kind of VPC endpoint.</summary>
public enum EndpointType
{
    /// <summary>An ENI, so one IP, in every subnet it is attached to.</summary>
    Interface,

    /// <summary>A route-table entry (S3, DynamoDB): no subnet IPs.</summary>
    Gateway,
}

/// <summary>A VPC endpoint for an AWS service (ecr.api, ecr.dkr, s3, sts, …).</summary>
public sealed record EndpointSpec
{
    /// <summary>The service, e.g. <c>ecr.dkr</c> or <c>com.amazonaws.us-east-1.sts</c>.</summary>
    public required string Service { get; init; }

    /// <summary>interface (the default) or gateway.</summary>
    public EndpointType Type { get; init; } = EndpointType.Interface;

    /// <summary>Subnet ids it has an ENI in (empty for gateway endpoints).</summary>
    public required IReadOnlyList<string> Subnets { get; init; }

    /// <summary>The line of the endpoint's entry.</summary>
    public int SourceLine { get; init; }
}

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
