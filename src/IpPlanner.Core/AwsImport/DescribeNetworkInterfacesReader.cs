using IpPlanner.Core.Addressing;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.AwsImport;

/// <summary>One private IPv4 address of an ENI.</summary>
internal readonly record struct EniAddress(uint Address, string Text, bool Primary);

/// <summary>An ENI from <c>aws ec2 describe-network-interfaces</c>: where it is, who owns it and every IPv4 address and /28 it holds.</summary>
internal sealed record AwsNetworkInterface
{
    /// <summary>The ENI id.</summary>
    public required string Id { get; init; }

    /// <summary>Its subnet.</summary>
    public required string SubnetId { get; init; }

    /// <summary>Its VPC, when printed.</summary>
    public string? VpcId { get; init; }

    /// <summary>EC2's InterfaceType: interface, nat_gateway, vpc_endpoint, lambda, trunk, branch, network_load_balancer, …</summary>
    public string InterfaceType { get; init; } = "interface";

    /// <summary>The description (often the only clue to the owner: "Amazon EKS prod", "RDSNetworkInterface", "aws-K8S-i-…").</summary>
    public string Description { get; init; } = "";

    /// <summary>in-use, available (attached to nothing), …</summary>
    public string Status { get; init; } = "";

    /// <summary>The AWS service or account that created it, when it is requester-managed.</summary>
    public string? RequesterId { get; init; }

    /// <summary>The instance it is attached to, if any.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The attachment's device index (0 for an instance's primary ENI).</summary>
    public int? DeviceIndex { get; init; }

    /// <summary>Private IPv4 addresses, the primary first as EC2 lists them.</summary>
    public IReadOnlyList<EniAddress> Addresses { get; init; } = [];

    /// <summary>Delegated /28 prefixes.</summary>
    public IReadOnlyList<Ipv4Cidr> Prefixes { get; init; } = [];

    /// <summary>Tags by key.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Where it was in the file.</summary>
    public required string Where { get; init; }

    /// <summary>Addresses the ENI takes from its subnet: one per private IP, 16 per prefix.</summary>
    public long AddressCount => Addresses.Count + 16L * Prefixes.Count;

    /// <summary>IPs a node's ipamd holds on this ENI for pods: the secondary addresses and every prefix address.</summary>
    public int PodAddresses => Addresses.Count(a => !a.Primary) + 16 * Prefixes.Count;
}

/// <summary>Reads the output of <c>aws ec2 describe-network-interfaces --output json</c>.</summary>
internal static class DescribeNetworkInterfacesReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws ec2 describe-network-interfaces";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static IReadOnlyList<AwsNetworkInterface> Read(string path)
    {
        var json = AwsJsonInput.Read(path, "NetworkInterfaces", Command, AwsCliJsonContext.Default.DescribeNetworkInterfacesJson);
        var enis = new List<AwsNetworkInterface>();
        for (var i = 0; i < json.NetworkInterfaces!.Count; i++)
        {
            var e = json.NetworkInterfaces[i];
            var where = AwsFields.Where("NetworkInterfaces", i, e.NetworkInterfaceId);
            var addresses = new List<EniAddress>();
            var ips = e.PrivateIpAddresses ?? [];
            for (var j = 0; j < ips.Count; j++)
            {
                var field = $"{where}.PrivateIpAddresses[{j}].PrivateIpAddress";
                var text = AwsFields.Require(ips[j].PrivateIpAddress, path, field, "every private IP entry has its address");
                addresses.Add(new EniAddress(AwsFields.Address(text, path, field), text, ips[j].Primary ?? false));
            }

            var prefixes = new List<Ipv4Cidr>();
            var delegated = e.Ipv4Prefixes ?? [];
            for (var j = 0; j < delegated.Count; j++)
            {
                var field = $"{where}.Ipv4Prefixes[{j}].Ipv4Prefix";
                var prefix = AwsFields.Cidr(AwsFields.Require(delegated[j].Ipv4Prefix, path, field, "every prefix entry has its CIDR"), path, field);
                if (prefix.PrefixLength != 28)
                {
                    throw InputException.At(path, null, null, field, $"{prefix} is a /{prefix.PrefixLength}; EC2 delegates IPv4 prefixes as /28 blocks");
                }

                prefixes.Add(prefix);
            }

            enis.Add(new AwsNetworkInterface
            {
                Id = AwsFields.Require(e.NetworkInterfaceId, path, $"{where}.NetworkInterfaceId", "every ENI has its id"),
                SubnetId = AwsFields.Require(e.SubnetId, path, $"{where}.SubnetId", "every ENI lives in one subnet"),
                VpcId = e.VpcId,
                InterfaceType = string.IsNullOrEmpty(e.InterfaceType) ? "interface" : e.InterfaceType,
                Description = e.Description ?? "",
                Status = e.Status ?? "",
                RequesterId = e.RequesterId,
                InstanceId = string.IsNullOrEmpty(e.Attachment?.InstanceId) ? null : e.Attachment.InstanceId,
                DeviceIndex = e.Attachment?.DeviceIndex,
                Addresses = addresses,
                Prefixes = prefixes,
                Tags = AwsFields.Tags(e.TagSet),
                Where = where,
            });
        }

        return enis;
    }
}
