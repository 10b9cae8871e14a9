namespace IpPlanner.Core.Model;

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
