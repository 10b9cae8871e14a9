using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.AwsImport;

/// <summary>A subnet from <c>aws ec2 describe-subnets</c>.</summary>
internal sealed record AwsSubnet
{
    /// <summary>The subnet id.</summary>
    public required string Id { get; init; }

    /// <summary>The VPC it belongs to.</summary>
    public required string VpcId { get; init; }

    /// <summary>Its IPv4 block.</summary>
    public required Ipv4Cidr Cidr { get; init; }

    /// <summary>The Availability Zone name.</summary>
    public required string Zone { get; init; }

    /// <summary>Free addresses as EC2 counts them, when the output has it.</summary>
    public long? AvailableIpAddressCount { get; init; }

    /// <summary>MapPublicIpOnLaunch.</summary>
    public bool MapPublicIpOnLaunch { get; init; }

    /// <summary>Tags by key.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Where it was in the file, e.g. <c>Subnets[3] (subnet-0abc)</c>.</summary>
    public required string Where { get; init; }

    /// <summary>The Name tag, if any.</summary>
    public string? Name => Tags.TryGetValue("Name", out var name) && name.Length > 0 ? name : null;

    /// <summary>Usable addresses: the block less the five AWS keeps.</summary>
    public long Usable => Addressing.AwsReservedAddresses.Usable(Cidr.Size);
}

/// <summary>Reads the output of <c>aws ec2 describe-subnets --output json</c>.</summary>
internal static class DescribeSubnetsReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws ec2 describe-subnets";

    /// <summary>Reads <paramref name="path"/>; IPv6-only subnets (no IPv4 block) are skipped and named in <paramref name="skipped"/>.</summary>
    public static IReadOnlyList<AwsSubnet> Read(string path, out IReadOnlyList<string> skipped)
    {
        var json = AwsJsonInput.Read(path, "Subnets", Command, AwsCliJsonContext.Default.DescribeSubnetsJson);
        var subnets = new List<AwsSubnet>();
        var ipv6Only = new List<string>();
        for (var i = 0; i < json.Subnets!.Count; i++)
        {
            var s = json.Subnets[i];
            var where = AwsFields.Where("Subnets", i, s.SubnetId);
            var id = AwsFields.Require(s.SubnetId, path, $"{where}.SubnetId", "every subnet has its id");
            if (string.IsNullOrWhiteSpace(s.CidrBlock))
            {
                ipv6Only.Add(id);
                continue;
            }

            subnets.Add(new AwsSubnet
            {
                Id = id,
                VpcId = AwsFields.Require(s.VpcId, path, $"{where}.VpcId", "every subnet names its VPC"),
                Cidr = AwsFields.Cidr(s.CidrBlock, path, $"{where}.CidrBlock"),
                Zone = AwsFields.Require(s.AvailabilityZone, path, $"{where}.AvailabilityZone", "every subnet lives in one Availability Zone"),
                AvailableIpAddressCount = s.AvailableIpAddressCount,
                MapPublicIpOnLaunch = s.MapPublicIpOnLaunch ?? false,
                Tags = AwsFields.Tags(s.Tags),
                Where = where,
            });
        }

        skipped = ipv6Only;
        return subnets;
    }
}
