namespace IpPlanner.Core.AwsImport;

/// <summary>The saved outputs an import reads, by the command that printed them; only the subnets are required.</summary>
public sealed record AwsImportFiles
{
    /// <summary><c>aws ec2 describe-subnets</c>.</summary>
    public required string Subnets { get; init; }

    /// <summary><c>aws ec2 describe-vpcs</c>.</summary>
    public string? Vpcs { get; init; }

    /// <summary><c>aws ec2 describe-network-interfaces</c>.</summary>
    public string? NetworkInterfaces { get; init; }

    /// <summary><c>aws ec2 describe-instances</c>.</summary>
    public string? Instances { get; init; }

    /// <summary><c>aws ec2 get-subnet-cidr-reservations</c>, one file per subnet asked about.</summary>
    public IReadOnlyList<string> CidrReservations { get; init; } = [];

    /// <summary><c>aws eks describe-cluster</c>: the first of <see cref="Clusters"/>, or null.</summary>
    public string? Cluster
    {
        get => Clusters.Count > 0 ? Clusters[0] : null;
        init => Clusters = value is null ? [] : [value];
    }

    /// <summary>
    /// <c>aws eks describe-cluster</c>, one file per cluster of the VPC: with more than one the scenario lists them
    /// under <c>clusters:</c>, in this order, each with the node groups of its instances.
    /// </summary>
    public IReadOnlyList<string> Clusters { get; init; } = [];

    /// <summary><c>kubectl get eniconfigs -o yaml</c>.</summary>
    public string? EniConfigs { get; init; }

    /// <summary><c>kubectl -n kube-system get daemonset aws-node -o json</c>.</summary>
    public string? AwsNode { get; init; }

    /// <summary>The describe-instance-types file the catalog was extended with, to name in the scenario's comments.</summary>
    public string? InstanceTypes { get; init; }

    /// <summary>The VPC to import when the files hold several.</summary>
    public string? VpcId { get; init; }

    /// <summary><c>kubectl get nodepools -o json</c>, optional (needs <see cref="Ec2NodeClasses"/>).</summary>
    public string? NodePools { get; init; }

    /// <summary><c>kubectl get ec2nodeclasses -o json</c>, optional.</summary>
    public string? Ec2NodeClasses { get; init; }

    /// <summary><c>kubectl -n kube-system get deployment karpenter -o json</c>, optional: RESERVED_ENIS.</summary>
    public string? KarpenterController { get; init; }

    /// <summary><c>aws eks describe-nodegroup</c>, one file per managed node group, optional: their instance types.</summary>
    public IReadOnlyList<string> Nodegroups { get; init; } = [];

    /// <summary>
    /// How the caller names each input to its user (the CLI: its flags); an input without a label is named by
    /// <see cref="AwsImportInputs.DefaultLabel"/>.
    /// </summary>
    public IReadOnlyDictionary<AwsImportInput, string> InputLabels { get; init; } = new Dictionary<AwsImportInput, string>();

    /// <summary>The caller's label for <paramref name="input"/>, or Core's default wording.</summary>
    public string Label(AwsImportInput input) =>
        InputLabels.TryGetValue(input, out var label) ? label : AwsImportInputs.DefaultLabel(input);
}
