using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The address rules: the VPC's CIDR blocks (sizes, quota, overlaps), zone names, and each subnet: inside the
/// VPC, no overlaps, its taken addresses and reservations inside it and apart. Registers every subnet by id for the
/// rules after it (<see cref="ScenarioRules.Resolve(SubnetRef)"/>).
/// </summary>
internal sealed partial class AddressRules(ValidationScope scope) : ScenarioRules(scope)
{
    public void CheckVpc(ScenarioDraft d)
    {
        if (d.Vpc is not { } vpc)
        {
            return;
        }

        if (vpc.Cidrs.Count == 0 && Bag.Positions.ContainsKey("vpc.cidrs"))
        {
            Bag.Error(FindingCodes.MissingField, "vpc.cidrs", "a VPC has at least its primary CIDR block (e.g. cidrs: [10.0.0.0/16])");
        }

        // vpc.cidrBlockQuota is the account's quota when the file gives it (AWS raises it up to 50), else AWS's default.
        var quota = vpc.CidrBlockQuota ?? Model.VpcSpec.DefaultCidrBlockQuota;
        if (vpc.Cidrs.Count > quota)
        {
            Bag.Warning(FindingCodes.VpcCidrQuota, "vpc.cidrs", vpc.CidrBlockQuota is null
                ? $"{vpc.Cidrs.Count} CIDR blocks is more than the default quota of {quota} per VPC (a quota increase is needed, up to {Model.VpcSpec.MaxCidrBlockQuota}; give it as vpc.cidrBlockQuota)"
                : $"{vpc.Cidrs.Count} CIDR blocks is more than the VPC's quota of {quota} (vpc.cidrBlockQuota; a quota increase is needed, up to {Model.VpcSpec.MaxCidrBlockQuota})");
        }

        for (var i = 0; i < vpc.Cidrs.Count; i++)
        {
            if (vpc.Cidrs[i].Cidr is not { } network)
            {
                continue;
            }

            _ = CheckBlockSize(vpc.Cidrs[i], "a VPC CIDR block");
            for (var j = 0; j < i; j++)
            {
                if (vpc.Cidrs[j].Cidr is { } earlier && earlier.Overlaps(network))
                {
                    Bag.Error(FindingCodes.VpcCidrOverlap, vpc.Cidrs[i].Path, $"{vpc.Cidrs[i].Text} overlaps {vpc.Cidrs[j].Path} ({vpc.Cidrs[j].Text}); a VPC's CIDR blocks must not overlap");
                }
            }
        }
    }

    /// <summary>
    /// AWS zone names: a region (us-east-1, us-gov-west-1, eu-central-2) and a letter (us-east-1a), or a Local or
    /// Wavelength Zone after it (us-east-1-bos-1a, us-east-1-wl1-bos-wlz-1).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<region>[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+)([a-z]|-[a-z0-9]+(-[a-z0-9]+)*)$")]
    private static partial System.Text.RegularExpressions.Regex AwsZoneName();

    /// <summary>Warns once per zone name AWS would not have, and once when the zones span several regions.</summary>
    private void CheckZoneNames(ScenarioDraft d)
    {
        var regions = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subnet in d.Subnets)
        {
            if (subnet.Zone is not { Length: > 0 } zone || !seen.Add(zone))
            {
                continue;
            }

            var match = AwsZoneName().Match(zone);
            if (match.Success)
            {
                regions.Add(match.Groups["region"].Value);
            }
            else
            {
                Bag.Warning(FindingCodes.ZoneNameUnknown, $"{subnet.Path}.zone", $"'{zone}' is not an AWS zone name (like us-east-1a); zones are still told apart by name");
            }
        }

        if (regions.Count > 1)
        {
            Bag.Warning(FindingCodes.ZonesInSeveralRegions, "subnets", $"the subnets' zones are in {regions.Count} regions ({string.Join(", ", regions)}); a VPC and its subnets live in one region");
        }
    }

    public void CheckSubnets(ScenarioDraft d)
    {
        CheckZoneNames(d);
        var vpcCidrs = d.Vpc?.Cidrs ?? [];
        var vpcKnown = vpcCidrs.Count > 0 && vpcCidrs.All(c => c.Cidr is not null);
        var placed = new List<SubnetDraft>();
        foreach (var subnet in d.Subnets)
        {
            if (subnet.Id is { } id && !Subnets.TryAdd(id, subnet))
            {
                var first = Subnets[id];
                Bag.Error(FindingCodes.DuplicateSubnetId, $"{subnet.Path}.id", $"subnet id '{id}' is already used by {first.Path} (line {first.Line}); ids must be unique");
            }

            if (subnet.Cidr?.Cidr is not { } network)
            {
                continue;
            }

            // A block EC2 would refuse has no usable addresses to count: its size is the one thing to say.
            var sizeOk = CheckBlockSize(subnet.Cidr, "a subnet");
            if (vpcKnown && !vpcCidrs.Any(c => c.Cidr!.Value.Contains(network)))
            {
                Bag.Error(FindingCodes.SubnetOutsideVpc, subnet.Cidr.Path, $"{subnet.Cidr.Text} is not inside any VPC CIDR block ({string.Join(", ", vpcCidrs.Select(c => c.Text))}); a subnet must lie inside one of them");
            }

            foreach (var other in placed)
            {
                if (other.Cidr!.Cidr!.Value.Overlaps(network))
                {
                    Bag.Error(FindingCodes.SubnetOverlap, subnet.Cidr.Path, $"{subnet.Cidr.Text} overlaps {other.Path} '{other.Id}' ({other.Cidr.Text}); subnets must not overlap");
                }
            }

            placed.Add(subnet);
            if (sizeOk)
            {
                CheckSubnetContents(subnet, network);
            }
        }
    }

    private void CheckSubnetContents(SubnetDraft subnet, Ipv4Cidr network)
    {
        var size = network.Size;
        var usable = size - SubnetSpec.AwsReservedAddresses;
        if (subnet.InUse > usable)
        {
            Bag.Error(FindingCodes.InUseExceedsSubnet, $"{subnet.Path}.inUse", $"{subnet.InUse} addresses in use is more than the {usable} usable addresses of {subnet.Cidr!.Text}");
        }

        // Each taken entry goes into a scratch copy of the subnet by the very call the engine makes
        // (SubnetAddressSpace.TryMarkInUse), so what the loader accepts the engine can build: an AWS-reserved address
        // or an address listed twice is refused here, with the entry's line, never later by a plan.
        var space = subnet.Taken.Count > 0 ? SubnetAddressSpace.Parse(network.ToString()) : null;
        var inside = new List<CidrDraft>();
        foreach (var block in subnet.Taken)
        {
            if (block.Cidr is not { } blockNetwork)
            {
                continue;
            }

            switch (space!.TryMarkInUse(block.Text))
            {
                case InUseRefusal.OutsideSubnet:
                    Bag.Error(FindingCodes.TakenOutsideSubnet, block.Path, $"{block.Text} is not inside this subnet ({subnet.Cidr!.Text})");
                    continue;
                case InUseRefusal.AwsReserved:
                    Bag.Error(FindingCodes.TakenReserved, block.Path, $"{block.Text} is one of the 5 addresses AWS reserves in {subnet.Cidr!.Text} (the first four and the last), which nothing else can hold; leave it out of taken");
                    continue;
                case InUseRefusal.AlreadyInUse:
                    var other = inside.First(o => o.Cidr!.Value.Overlaps(blockNetwork));
                    Bag.Error(FindingCodes.TakenOverlap, block.Path, $"{block.Text} overlaps {other.Path} ({other.Text}); list each address once");
                    continue;
            }

            inside.Add(block);
        }

        var taken = space?.InUse ?? 0;
        if (subnet.InUse <= usable && taken > 0 && subnet.InUse + taken > usable)
        {
            Bag.Error(FindingCodes.InUseExceedsSubnet, $"{subnet.Path}.taken", $"taken ({taken} usable addresses) plus inUse ({subnet.InUse}) is more than the {usable} usable addresses of {subnet.Cidr!.Text}");
        }

        var reservations = new List<ReservationDraft>();
        foreach (var reservation in subnet.Reservations)
        {
            if (reservation.Cidr?.Cidr is not { } reserved)
            {
                continue;
            }

            if (!network.Contains(reserved))
            {
                Bag.Error(FindingCodes.ReservationOutsideSubnet, reservation.Cidr.Path, $"{reservation.Cidr.Text} is not inside this subnet ({subnet.Cidr!.Text}); a CIDR reservation must lie inside its subnet");
                continue;
            }

            foreach (var other in reservations)
            {
                if (other.Cidr!.Cidr!.Value.Overlaps(reserved))
                {
                    Bag.Error(FindingCodes.ReservationOverlap, reservation.Cidr.Path, $"{reservation.Cidr.Text} overlaps {other.Path} ({other.Cidr.Text}); EC2 does not allow overlapping reservations");
                }
            }

            reservations.Add(reservation);
        }
    }

    /// <summary>False (and one error) when the block is outside what EC2 takes.</summary>
    private bool CheckBlockSize(CidrDraft cidr, string what)
    {
        var prefix = cidr.Cidr!.Value.PrefixLength;
        if (prefix is < ScenarioLimits.LargestPrefix or > ScenarioLimits.SmallestPrefix)
        {
            Bag.Error(FindingCodes.CidrSize, cidr.Path, $"/{prefix} is not allowed for {what}: EC2 takes /{ScenarioLimits.LargestPrefix} to /{ScenarioLimits.SmallestPrefix}");
            return false;
        }

        return true;
    }
}
