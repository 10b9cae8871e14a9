namespace IpPlanner.Core.AwsImport;

/// <summary>
/// The inputs of an import by their role. Core's messages name an input by its role only; a front end that knows
/// how the user gives each input (a command-line flag, a form field) supplies its own wording through
/// <see cref="AwsImportFiles.InputLabels"/>, so Core never names the flags of a user interface.
/// </summary>
public enum AwsImportInput
{
    /// <summary>The saved <c>aws ec2 describe-vpcs</c> output.</summary>
    Vpcs,

    /// <summary>The saved <c>aws ec2 describe-network-interfaces</c> output.</summary>
    NetworkInterfaces,

    /// <summary>The saved <c>aws ec2 describe-instances</c> output.</summary>
    Instances,

    /// <summary>The saved <c>aws eks describe-cluster</c> output.</summary>
    Cluster,

    /// <summary>The saved aws-node DaemonSet.</summary>
    AwsNode,

    /// <summary>The saved ENIConfigs.</summary>
    EniConfigs,

    /// <summary>The saved EC2NodeClasses.</summary>
    Ec2NodeClasses,

    /// <summary>The saved <c>aws ec2 describe-instance-types</c> output.</summary>
    InstanceTypes,

    /// <summary>The saved Karpenter controller Deployment.</summary>
    KarpenterController,

    /// <summary>The saved <c>aws eks describe-nodegroup</c> outputs.</summary>
    Nodegroups,

    /// <summary>The id of the VPC to import.</summary>
    VpcId,
}

/// <summary>Core's own wording for each <see cref="AwsImportInput"/>, used when the caller gives no label of its own.</summary>
internal static class AwsImportInputs
{
    /// <summary>"the describe-vpcs output", "the VPC id", ...</summary>
    public static string DefaultLabel(AwsImportInput input) => input switch
    {
        AwsImportInput.Vpcs => "the describe-vpcs output",
        AwsImportInput.NetworkInterfaces => "the describe-network-interfaces output",
        AwsImportInput.Instances => "the describe-instances output",
        AwsImportInput.Cluster => "the describe-cluster output",
        AwsImportInput.AwsNode => "the saved aws-node DaemonSet",
        AwsImportInput.EniConfigs => "the saved ENIConfigs",
        AwsImportInput.Ec2NodeClasses => "the saved EC2NodeClasses",
        AwsImportInput.InstanceTypes => "the describe-instance-types output",
        AwsImportInput.KarpenterController => "the saved Karpenter controller Deployment",
        AwsImportInput.Nodegroups => "the describe-nodegroup outputs",
        AwsImportInput.VpcId => "the VPC id",
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };
}
