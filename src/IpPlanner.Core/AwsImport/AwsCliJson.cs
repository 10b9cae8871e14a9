using System.Text.Json.Serialization;

namespace IpPlanner.Core.AwsImport;

// The shapes the AWS CLI v2 (--output json) and kubectl (-o json) print, only the fields the import reads.
// Every field is nullable: what is missing is reported by the reader with the field's path, not by the serializer.

internal sealed class TagJson
{
    public string? Key { get; set; }
    public string? Value { get; set; }
}

internal sealed class DescribeVpcsJson
{
    public List<VpcJson>? Vpcs { get; set; }
}

internal sealed class VpcJson
{
    public string? VpcId { get; set; }
    public string? CidrBlock { get; set; }
    public List<VpcCidrAssociationJson>? CidrBlockAssociationSet { get; set; }
}

internal sealed class VpcCidrAssociationJson
{
    public string? CidrBlock { get; set; }
    public CidrBlockStateJson? CidrBlockState { get; set; }
}

internal sealed class CidrBlockStateJson
{
    public string? State { get; set; }
}

internal sealed class DescribeSubnetsJson
{
    public List<SubnetJson>? Subnets { get; set; }
}

internal sealed class SubnetJson
{
    public string? SubnetId { get; set; }
    public string? VpcId { get; set; }
    public string? CidrBlock { get; set; }
    public string? AvailabilityZone { get; set; }
    public long? AvailableIpAddressCount { get; set; }
    public bool? MapPublicIpOnLaunch { get; set; }
    public List<TagJson>? Tags { get; set; }
}

internal sealed class DescribeNetworkInterfacesJson
{
    public List<NetworkInterfaceJson>? NetworkInterfaces { get; set; }
}

internal sealed class NetworkInterfaceJson
{
    public string? NetworkInterfaceId { get; set; }
    public string? SubnetId { get; set; }
    public string? VpcId { get; set; }
    public string? InterfaceType { get; set; }
    public string? Description { get; set; }
    public string? Status { get; set; }
    public string? RequesterId { get; set; }
    public AttachmentJson? Attachment { get; set; }
    public List<PrivateIpJson>? PrivateIpAddresses { get; set; }
    public List<Ipv4PrefixJson>? Ipv4Prefixes { get; set; }
    public List<TagJson>? TagSet { get; set; }
}

internal sealed class AttachmentJson
{
    public string? InstanceId { get; set; }
    public int? DeviceIndex { get; set; }
}

internal sealed class PrivateIpJson
{
    public string? PrivateIpAddress { get; set; }
    public bool? Primary { get; set; }
}

internal sealed class Ipv4PrefixJson
{
    public string? Ipv4Prefix { get; set; }
}

internal sealed class DescribeInstancesJson
{
    public List<ReservationJson>? Reservations { get; set; }
}

internal sealed class ReservationJson
{
    public List<InstanceJson>? Instances { get; set; }
}

internal sealed class InstanceJson
{
    public string? InstanceId { get; set; }
    public string? InstanceType { get; set; }
    public string? SubnetId { get; set; }
    public string? VpcId { get; set; }
    public InstanceStateJson? State { get; set; }
    public List<TagJson>? Tags { get; set; }
}

internal sealed class InstanceStateJson
{
    public string? Name { get; set; }
}

internal sealed class SubnetCidrReservationsJson
{
    public List<SubnetCidrReservationJson>? SubnetIpv4CidrReservations { get; set; }
}

internal sealed class SubnetCidrReservationJson
{
    public string? SubnetId { get; set; }
    public string? Cidr { get; set; }
    public string? ReservationType { get; set; }
}

internal sealed class DescribeClusterJson
{
    [JsonPropertyName("cluster")]
    public ClusterJson? Cluster { get; set; }
}

internal sealed class ClusterJson
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("resourcesVpcConfig")]
    public ResourcesVpcConfigJson? ResourcesVpcConfig { get; set; }

    [JsonPropertyName("kubernetesNetworkConfig")]
    public KubernetesNetworkConfigJson? KubernetesNetworkConfig { get; set; }

    [JsonPropertyName("computeConfig")]
    public ComputeConfigJson? ComputeConfig { get; set; }
}

/// <summary>EKS Auto Mode's compute settings: <c>enabled</c> is true on an Auto Mode cluster.</summary>
internal sealed class ComputeConfigJson
{
    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }
}

/// <summary><c>aws eks describe-nodegroup</c>: the managed node group's instance types, in the order EKS tries them.</summary>
internal sealed class DescribeNodegroupJson
{
    [JsonPropertyName("nodegroup")]
    public NodegroupJson? Nodegroup { get; set; }
}

internal sealed class NodegroupJson
{
    [JsonPropertyName("nodegroupName")]
    public string? NodegroupName { get; set; }

    [JsonPropertyName("instanceTypes")]
    public List<string>? InstanceTypes { get; set; }

    [JsonPropertyName("capacityType")]
    public string? CapacityType { get; set; }
}

internal sealed class ResourcesVpcConfigJson
{
    [JsonPropertyName("subnetIds")]
    public List<string>? SubnetIds { get; set; }

    [JsonPropertyName("vpcId")]
    public string? VpcId { get; set; }
}

internal sealed class KubernetesNetworkConfigJson
{
    [JsonPropertyName("ipFamily")]
    public string? IpFamily { get; set; }
}

internal sealed class DaemonSetJson
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("metadata")]
    public ObjectMetaJson? Metadata { get; set; }

    [JsonPropertyName("spec")]
    public DaemonSetSpecJson? Spec { get; set; }
}

internal sealed class ObjectMetaJson
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

internal sealed class DaemonSetSpecJson
{
    [JsonPropertyName("template")]
    public PodTemplateJson? Template { get; set; }
}

internal sealed class PodTemplateJson
{
    [JsonPropertyName("spec")]
    public PodSpecJson? Spec { get; set; }
}

internal sealed class PodSpecJson
{
    [JsonPropertyName("containers")]
    public List<ContainerJson>? Containers { get; set; }
}

internal sealed class ContainerJson
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("env")]
    public List<EnvVarJson>? Env { get; set; }
}

internal sealed class EnvVarJson
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(DescribeVpcsJson))]
[JsonSerializable(typeof(DescribeSubnetsJson))]
[JsonSerializable(typeof(DescribeNetworkInterfacesJson))]
[JsonSerializable(typeof(DescribeInstancesJson))]
[JsonSerializable(typeof(SubnetCidrReservationsJson))]
[JsonSerializable(typeof(DescribeClusterJson))]
[JsonSerializable(typeof(DescribeNodegroupJson))]
[JsonSerializable(typeof(DaemonSetJson))]
internal sealed partial class AwsCliJsonContext : JsonSerializerContext;
