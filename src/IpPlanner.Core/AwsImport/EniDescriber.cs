namespace IpPlanner.Core.AwsImport;

/// <summary>
/// Says what an ENI is, from what EC2 prints about it (interface type, description, requester, attachment), for
/// the comment above its addresses in the scenario: "eni-0abc: NAT gateway (Interface for NAT Gateway nat-0def)".
/// </summary>
internal static class EniDescriber
{
    public const string EksDescriptionPrefix = "Amazon EKS ";

    public static string Describe(AwsNetworkInterface eni, IReadOnlyDictionary<string, AwsInstance> instances, Func<AwsInstance, string> instanceRole)
    {
        var kind = Kind(eni);
        var description = eni.Description.Trim();
        if (eni.Status == "available")
        {
            kind = kind == "VPC CNI ENI"
                ? "leaked VPC CNI ENI, attached to nothing (status available: its node is gone)"
                : $"{kind}, attached to nothing (status available)";
        }

        if (eni.InstanceId is { } id)
        {
            kind += instances.TryGetValue(id, out var instance)
                ? $" on {id} ({instance.InstanceType}{(instance.Name is { } name ? $" '{name}'" : "")}, {instanceRole(instance)})"
                : $" on {id} (not in describe-instances)";
        }

        var redundant = description.Length == 0 || kind.Contains(description, StringComparison.Ordinal);
        return redundant ? $"{eni.Id}: {kind}" : $"{eni.Id}: {kind} ({description})";
    }

    public static bool IsEksControlPlane(AwsNetworkInterface eni, string clusterName) =>
        eni.InterfaceType == "interface" && eni.Description == EksDescriptionPrefix + clusterName;

    private static string Kind(AwsNetworkInterface eni)
    {
        var d = eni.Description;
        switch (eni.InterfaceType)
        {
            case "nat_gateway":
                return "NAT gateway";
            case "vpc_endpoint":
                return "interface VPC endpoint";
            case "network_load_balancer":
                return "Network Load Balancer";
            case "gateway_load_balancer":
                return "Gateway Load Balancer";
            case "gateway_load_balancer_endpoint":
                return "Gateway Load Balancer endpoint";
            case "lambda":
                return "Lambda";
            case "efs":
                return "EFS mount target";
            case "branch":
                return "branch ENI (a pod with its own security group)";
            case "trunk":
                return "trunk ENI (security groups for pods)";
            case "transit_gateway":
                return "transit gateway attachment";
            case "interface" or "":
                break;
            default:
                return eni.InterfaceType.Replace('_', ' ');
        }

        return d switch
        {
            _ when d.StartsWith(EksDescriptionPrefix, StringComparison.Ordinal) => "EKS control plane",
            _ when d.StartsWith("ELB app/", StringComparison.Ordinal) => "Application Load Balancer",
            _ when d.StartsWith("ELB net/", StringComparison.Ordinal) => "Network Load Balancer",
            _ when d.StartsWith("ELB ", StringComparison.Ordinal) => "Classic Load Balancer",
            _ when d == "RDSNetworkInterface" || eni.RequesterId == "amazon-rds" => "RDS",
            _ when d.StartsWith("ElastiCache", StringComparison.Ordinal) => "ElastiCache",
            _ when d.StartsWith("AWS Lambda VPC ENI", StringComparison.Ordinal) => "Lambda",
            _ when d.StartsWith("aws-K8S-", StringComparison.Ordinal) => "VPC CNI ENI",
            _ when d.Contains("fargate", StringComparison.OrdinalIgnoreCase) => "Fargate pod",
            _ when eni.InstanceId is not null => "EC2 instance ENI",
            _ => "ENI",
        };
    }
}
