using IpPlanner.Core.Addressing;

namespace IpPlanner.Core.AwsImport;

/// <summary>A VPC from <c>aws ec2 describe-vpcs</c>: its id and the IPv4 blocks associated with it, the primary first.</summary>
internal sealed record AwsVpc(string Id, IReadOnlyList<Ipv4Cidr> Cidrs);

/// <summary>Reads the output of <c>aws ec2 describe-vpcs --output json</c>.</summary>
internal static class DescribeVpcsReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "aws ec2 describe-vpcs";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static IReadOnlyList<AwsVpc> Read(string path)
    {
        var json = AwsJsonInput.Read(path, "Vpcs", Command, AwsCliJsonContext.Default.DescribeVpcsJson);
        var vpcs = new List<AwsVpc>();
        for (var i = 0; i < json.Vpcs!.Count; i++)
        {
            var vpc = json.Vpcs[i];
            var where = AwsFields.Where("Vpcs", i, vpc.VpcId);
            var id = AwsFields.Require(vpc.VpcId, path, $"{where}.VpcId", "every VPC has its id");
            var primaryText = AwsFields.Require(vpc.CidrBlock, path, $"{where}.CidrBlock", "every VPC has a primary IPv4 CIDR block");
            var primary = AwsFields.Cidr(primaryText, path, $"{where}.CidrBlock");
            var cidrs = new List<Ipv4Cidr> { primary };
            var associations = vpc.CidrBlockAssociationSet ?? [];
            for (var j = 0; j < associations.Count; j++)
            {
                var association = associations[j];
                // Blocks being removed or that failed to attach hold no subnets: only "associated" ones count.
                if (association.CidrBlockState?.State is not "associated" || string.IsNullOrWhiteSpace(association.CidrBlock))
                {
                    continue;
                }

                var block = AwsFields.Cidr(association.CidrBlock, path, $"{where}.CidrBlockAssociationSet[{j}].CidrBlock");
                if (!cidrs.Any(c => c.First == block.First && c.PrefixLength == block.PrefixLength))
                {
                    cidrs.Add(block);
                }
            }

            vpcs.Add(new AwsVpc(id, cidrs));
        }

        return vpcs;
    }
}
