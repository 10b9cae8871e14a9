using System.Net;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Import.Scenarios;

/// <summary>
/// The checks that look at more than one field: address space, references, names and the CNI rules of
/// DOMAIN.md. Works on a draft with holes (fields that failed to read are null and skipped), and stays quiet
/// where an earlier error would make a finding a mere echo of it.
/// </summary>
internal sealed class ScenarioValidator(DiagnosticBag bag)
{
    private readonly Dictionary<string, SubnetDraft> _subnets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public void Validate(ScenarioDraft d)
    {
        CheckVpc(d);
        CheckSubnets(d);
        CheckCluster(d);
        CheckCni(d);
        CheckNodeGroups(d);
        CheckFargate(d);
        CheckLoadBalancers(d);
        CheckEndpoints(d);
        CheckNatGateways(d);
        CheckWorkloads(d);
    }

    private void CheckWorkloads(ScenarioDraft d)
    {
        var groups = d.NodeGroups.Where(g => g.Name is not null).Select(g => g.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var w in d.Workloads)
        {
            if (w.NodeGroup is { } name && !groups.Contains(name))
            {
                bag.Error(DiagnosticCodes.UnknownNodeGroup, $"{w.Path}.nodeGroup", $"no node group is named '{name}'{(groups.Count > 0 ? $" (node groups: {string.Join(", ", groups.Order(StringComparer.Ordinal))})" : "")}");
            }

            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                    if (w.Replicas < 1)
                    {
                        bag.Error(DiagnosticCodes.MissingField, $"{w.Path}.replicas", "a deployment needs replicas: 1 or more");
                    }

                    if (WorkloadText.ResolveSurge(w.MaxSurge, (int)Math.Min(w.Replicas, int.MaxValue)) is null)
                    {
                        bag.Error(DiagnosticCodes.InvalidValue, $"{w.Path}.maxSurge", $"'{w.MaxSurge}' is not a maxSurge (expected a count such as 2 or a percentage such as 25%)");
                    }

                    break;
                case WorkloadKind.Jobs:
                    if (w.PerMinute is null or <= 0)
                    {
                        bag.Error(DiagnosticCodes.MissingField, $"{w.Path}.perMinute", "jobs need perMinute: the mean arrivals per minute, above 0");
                    }

                    if (w.Duration is null or <= 0)
                    {
                        bag.Error(DiagnosticCodes.MissingField, $"{w.Path}.duration", "jobs need a duration: {distribution: exponential, mean: 2m} or {distribution: lognormal, median: 2m, sigma: 0.5}");
                    }

                    break;
                case WorkloadKind.Scale:
                    if (w.NodeGroup is null)
                    {
                        bag.Error(DiagnosticCodes.MissingField, $"{w.Path}.nodeGroup", "a scale event needs the nodeGroup it scales");
                    }

                    if (w.At is null || w.Nodes is null)
                    {
                        bag.Error(DiagnosticCodes.MissingField, w.Path, "a scale event needs at (a time such as 30m) and nodes (the new node count)");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void CheckVpc(ScenarioDraft d)
    {
        if (d.Vpc is not { } vpc)
        {
            return;
        }

        if (vpc.Cidrs.Count == 0 && bag.Positions.ContainsKey("vpc.cidrs"))
        {
            bag.Error(DiagnosticCodes.MissingField, "vpc.cidrs", "a VPC has at least its primary CIDR block (e.g. cidrs: [10.0.0.0/16])");
        }

        if (vpc.Cidrs.Count > ScenarioLimits.VpcCidrQuota)
        {
            bag.Warning(DiagnosticCodes.VpcCidrQuota, "vpc.cidrs", $"{vpc.Cidrs.Count} CIDR blocks is more than the default quota of {ScenarioLimits.VpcCidrQuota} per VPC (a quota increase is needed)");
        }

        for (var i = 0; i < vpc.Cidrs.Count; i++)
        {
            if (vpc.Cidrs[i].Network is not { } network)
            {
                continue;
            }

            CheckBlockSize(vpc.Cidrs[i], "a VPC CIDR block");
            for (var j = 0; j < i; j++)
            {
                if (vpc.Cidrs[j].Network is { } earlier && earlier.Overlap(network))
                {
                    bag.Error(DiagnosticCodes.VpcCidrOverlap, vpc.Cidrs[i].Path, $"{vpc.Cidrs[i].Text} overlaps {vpc.Cidrs[j].Path} ({vpc.Cidrs[j].Text}); a VPC's CIDR blocks must not overlap");
                }
            }
        }
    }

    private void CheckSubnets(ScenarioDraft d)
    {
        var vpcCidrs = d.Vpc?.Cidrs ?? [];
        var vpcKnown = vpcCidrs.Count > 0 && vpcCidrs.All(c => c.Network is not null);
        var placed = new List<SubnetDraft>();
        foreach (var subnet in d.Subnets)
        {
            if (subnet.Id is { } id && !_subnets.TryAdd(id, subnet))
            {
                var first = _subnets[id];
                bag.Error(DiagnosticCodes.DuplicateSubnetId, $"{subnet.Path}.id", $"subnet id '{id}' is already used by {first.Path} (line {first.Line}); ids must be unique");
            }

            if (subnet.Cidr?.Network is not { } network)
            {
                continue;
            }

            CheckBlockSize(subnet.Cidr, "a subnet");
            if (vpcKnown && !vpcCidrs.Any(c => c.Network!.Contains(network)))
            {
                bag.Error(DiagnosticCodes.SubnetOutsideVpc, subnet.Cidr.Path, $"{subnet.Cidr.Text} is not inside any VPC CIDR block ({string.Join(", ", vpcCidrs.Select(c => c.Text))}); a subnet must lie inside one of them");
            }

            foreach (var other in placed)
            {
                if (other.Cidr!.Network!.Overlap(network))
                {
                    bag.Error(DiagnosticCodes.SubnetOverlap, subnet.Cidr.Path, $"{subnet.Cidr.Text} overlaps {other.Path} '{other.Id}' ({other.Cidr.Text}); subnets must not overlap");
                }
            }

            placed.Add(subnet);
            CheckSubnetContents(subnet, network);
        }
    }

    private void CheckSubnetContents(SubnetDraft subnet, IPNetwork2 network)
    {
        var size = (long)network.Total;
        var usable = size - SubnetSpec.AwsReservedAddresses;
        if (subnet.InUse > usable)
        {
            bag.Error(DiagnosticCodes.InUseExceedsSubnet, $"{subnet.Path}.inUse", $"{subnet.InUse} addresses in use is more than the {usable} usable addresses of {subnet.Cidr!.Text}");
        }

        long taken = 0;
        var inside = new List<CidrDraft>();
        foreach (var block in subnet.Taken)
        {
            if (block.Network is not { } blockNetwork)
            {
                continue;
            }

            if (!network.Contains(blockNetwork))
            {
                bag.Error(DiagnosticCodes.TakenOutsideSubnet, block.Path, $"{block.Text} is not inside this subnet ({subnet.Cidr!.Text})");
                continue;
            }

            foreach (var other in inside)
            {
                if (other.Network!.Overlap(blockNetwork))
                {
                    bag.Warning(DiagnosticCodes.TakenOverlap, block.Path, $"{block.Text} overlaps {other.Path} ({other.Text}); the shared addresses are counted once");
                }
            }

            inside.Add(block);
            taken += UsableIn(blockNetwork, network);
        }

        // Overlapping taken entries would double count; an upper bound is fine for a sanity check, so only
        // complain when even the distinct addresses cannot fit.
        if (subnet.InUse <= usable && inside.Count > 0 && subnet.InUse + taken > usable && !HasOverlap(inside))
        {
            bag.Error(DiagnosticCodes.InUseExceedsSubnet, $"{subnet.Path}.taken", $"taken ({taken} usable addresses) plus inUse ({subnet.InUse}) is more than the {usable} usable addresses of {subnet.Cidr!.Text}");
        }

        var reservations = new List<ReservationDraft>();
        foreach (var reservation in subnet.Reservations)
        {
            if (reservation.Cidr?.Network is not { } reserved)
            {
                continue;
            }

            if (!network.Contains(reserved))
            {
                bag.Error(DiagnosticCodes.ReservationOutsideSubnet, reservation.Cidr.Path, $"{reservation.Cidr.Text} is not inside this subnet ({subnet.Cidr!.Text}); a CIDR reservation must lie inside its subnet");
                continue;
            }

            foreach (var other in reservations)
            {
                if (other.Cidr!.Network!.Overlap(reserved))
                {
                    bag.Error(DiagnosticCodes.ReservationOverlap, reservation.Cidr.Path, $"{reservation.Cidr.Text} overlaps {other.Path} ({other.Cidr.Text}); EC2 does not allow overlapping reservations");
                }
            }

            reservations.Add(reservation);
        }
    }

    /// <summary>Addresses of <paramref name="block"/> that AWS does not already keep (network, +1..+3, last).</summary>
    private static long UsableIn(IPNetwork2 block, IPNetwork2 subnet)
    {
        var first = Addressing.Ipv4.FromIPAddress(subnet.Network);
        var last = first + (uint)((long)subnet.Total - 1);
        var start = Addressing.Ipv4.FromIPAddress(block.Network);
        var end = start + (uint)((long)block.Total - 1);
        long count = end - start + 1L;
        foreach (var reserved in (ReadOnlySpan<uint>)[first, first + 1, first + 2, first + 3, last])
        {
            if (reserved >= start && reserved <= end)
            {
                count--;
            }
        }

        return count;
    }

    private static bool HasOverlap(List<CidrDraft> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (blocks[i].Network!.Overlap(blocks[j].Network!))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void CheckBlockSize(CidrDraft cidr, string what)
    {
        var prefix = cidr.Network!.Cidr;
        if (prefix is < ScenarioLimits.LargestPrefix or > ScenarioLimits.SmallestPrefix)
        {
            bag.Error(DiagnosticCodes.CidrSize, cidr.Path, $"/{prefix} is not allowed for {what}: EC2 takes /{ScenarioLimits.LargestPrefix} to /{ScenarioLimits.SmallestPrefix}");
        }
    }

    private void CheckCluster(ScenarioDraft d)
    {
        if (d.Cluster is not { } cluster)
        {
            return;
        }

        var resolved = Resolve(cluster.ControlPlaneSubnets);
        if (resolved is not null && bag.Positions.ContainsKey("cluster.controlPlaneSubnets"))
        {
            var zones = Zones(resolved);
            if (zones is not null && zones.Count < 2)
            {
                var which = zones.Count == 0 ? "none are given" : $"all are in {zones[0]}";
                bag.Error(DiagnosticCodes.ControlPlaneZones, "cluster.controlPlaneSubnets", $"EKS needs control plane subnets in at least 2 Availability Zones; {which}");
            }
        }

        var cni = d.Cni.Settings;
        if (cluster.IpFamily == IpFamily.Ipv6)
        {
            if (cni.CustomNetworking)
            {
                bag.Error(DiagnosticCodes.Ipv6CustomNetworking, "cni.customNetworking", "custom networking is not supported on IPv6 clusters (set customNetworking: false or ipFamily: ipv4)");
            }

            if (!cni.PrefixDelegation)
            {
                bag.Error(DiagnosticCodes.Ipv6RequiresPrefixDelegation, bag.Positions.ContainsKey("cni.prefixDelegation") ? "cni.prefixDelegation" : "cluster.ipFamily", "IPv6 clusters always run the VPC CNI with prefix delegation (set cni.prefixDelegation: true)");
            }
        }
    }

    private void CheckCni(ScenarioDraft d)
    {
        var cni = d.Cni.Settings;
        foreach (var (zone, subnetRef) in d.Cni.EniConfigs)
        {
            if (Resolve(subnetRef) is { Zone: { } subnetZone } subnet && zone != "default" && subnetZone != zone)
            {
                bag.Error(DiagnosticCodes.EniConfigZoneMismatch, subnetRef.Path, $"subnet '{subnet.Id}' is in {subnetZone}, but this ENIConfig serves nodes in {zone}; an ENIConfig's subnet must be in its nodes' zone");
            }
        }

        if (d.Cni.EniConfigs.Count > 0 && !cni.CustomNetworking)
        {
            bag.Warning(DiagnosticCodes.EniConfigIgnored, "cni.eniConfigs", "ENIConfigs only take effect with customNetworking: true; pods get IPs from the node subnets");
        }

        if (cni.PrefixDelegation && cni.Version < CniVersion.PrefixDelegation)
        {
            bag.Warning(DiagnosticCodes.PrefixDelegationVersion, "cni.version", $"prefix delegation needs VPC CNI {CniVersion.PrefixDelegation} or later; {cni.Version} ignores it and uses secondary IPs");
        }

        // A warning, not an input error: the scenario is valid and the plan shows what it means (no pod starts).
        if (VpcCniNode.RefusesToStart(cni))
        {
            bag.Warning(DiagnosticCodes.PrefixTargetsZero, bag.Positions.ContainsKey("cni.warmPrefixTarget") ? "cni.warmPrefixTarget" : "cni.prefixDelegation",
                "with prefix delegation, aws-node refuses to start when warmPrefixTarget, warmIpTarget and minimumIpTarget are all 0, on every instance type: no pod gets an IP (set warmPrefixTarget: 1)");
        }

        if (cni.ExternalSnat && d.NatGateways.Count == 0)
        {
            bag.Warning(DiagnosticCodes.ExternalSnatWithoutNat, "cni.externalSnat", "external SNAT sends pod traffic through a NAT gateway, but the scenario has none (add natGateways)");
        }
    }

    private void CheckNodeGroups(ScenarioDraft d)
    {
        var cni = d.Cni.Settings;
        var ipv6 = d.Cluster?.IpFamily == IpFamily.Ipv6;
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var group in d.NodeGroups)
        {
            CheckUniqueName(names, group.Name, group, "node group");
            var resolved = Resolve(group.Subnets);
            RequireSome(group.Subnets, $"{group.Path}.subnets", "a node group needs at least one subnet");

            if (group.Nodes is { } nodes && group.MaxNodes is { } max && max < nodes)
            {
                bag.Error(DiagnosticCodes.MaxNodesBelowNodes, $"{group.Path}.maxNodes", $"maxNodes {max} is less than nodes {nodes} (maxNodes is the most the group scales to; leave it out to mean {nodes})");
            }

            if (group.Type is { } type)
            {
                if ((cni.PrefixDelegation || ipv6) && !type.SupportsPrefixDelegation)
                {
                    var severity = ipv6 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                    var effect = ipv6
                        ? "IPv6 clusters need Nitro-based instance types"
                        : "the VPC CNI silently falls back to secondary IPs on it";
                    bag.Add(severity, DiagnosticCodes.PrefixDelegationUnsupported, bag.Locate($"{group.Path}.instanceType"), $"{group.Path}.instanceType",
                        $"{type.Name} is not Nitro-based, so it cannot use prefix delegation: {effect}");
                }

                if (group.SecurityGroupPodsPerNode > 0)
                {
                    CheckSecurityGroupPods(group, type, cni);
                }
            }
            else if (group.SecurityGroupPodsPerNode > 0 && !cni.SecurityGroupsForPods)
            {
                CheckSecurityGroupPods(group, null, cni);
            }

            if (cni.CustomNetworking && !ipv6 && resolved is not null && (group.Nodes > 0 || group.MaxNodes > 0))
            {
                CheckEniConfigsCover(d, group, resolved);
            }
        }
    }

    private void CheckSecurityGroupPods(NodeGroupDraft group, Catalog.InstanceType? type, CniSettings cni)
    {
        var path = $"{group.Path}.securityGroupPodsPerNode";
        if (!cni.SecurityGroupsForPods)
        {
            bag.Error(DiagnosticCodes.SecurityGroupsForPodsDisabled, path, "pods with their own security groups need cni.securityGroupsForPods: true (ENABLE_POD_ENI)");
        }

        if (type is null)
        {
            return;
        }

        if (type.BranchEnis is null)
        {
            bag.Warning(DiagnosticCodes.SecurityGroupsForPodsUnsupported, path, $"the catalog does not know whether {type.Name} supports trunking (branch ENIs); security groups for pods may not work on it");
        }
        else if (!type.SupportsTrunking)
        {
            bag.Error(DiagnosticCodes.SecurityGroupsForPodsUnsupported, path, $"{type.Name} cannot trunk (0 branch ENIs), so it cannot run pods with their own security groups (use a Nitro type such as m5.large)");
        }
        else if (group.SecurityGroupPodsPerNode > type.BranchEnis)
        {
            bag.Warning(DiagnosticCodes.SecurityGroupsForPodsExceedBranches, path, $"{group.SecurityGroupPodsPerNode} security-group pods per node is more than the {type.BranchEnis} branch ENIs of {type.Name}; the rest stay Pending");
        }
    }

    private void CheckEniConfigsCover(ScenarioDraft d, NodeGroupDraft group, List<SubnetDraft> subnets)
    {
        var configs = new Dictionary<string, SubnetRef>(StringComparer.Ordinal);
        foreach (var (zone, subnetRef) in d.Cni.EniConfigs)
        {
            configs.TryAdd(zone, subnetRef);
        }

        foreach (var zone in subnets.Select(s => s.Zone).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (configs.ContainsKey(zone))
            {
                continue;
            }

            if (configs.TryGetValue("default", out var fallback))
            {
                if (Resolve(fallback) is { Zone: { } fallbackZone } && fallbackZone != zone)
                {
                    bag.Error(DiagnosticCodes.EniConfigZoneMismatch, $"{group.Path}.subnets", $"nodes in {zone} fall back to the 'default' ENIConfig, whose subnet '{fallback.Id}' is in {fallbackZone}; add cni.eniConfigs[{zone}] with a subnet in {zone}");
                }

                continue;
            }

            bag.Error(DiagnosticCodes.EniConfigMissing, $"{group.Path}.subnets", $"custom networking is on, but no ENIConfig covers {zone}, where this node group has nodes: their pods get no IPs (add cni.eniConfigs[{zone}]: a subnet in {zone})");
        }
    }

    private void CheckFargate(ScenarioDraft d)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var profile in d.FargateProfiles)
        {
            CheckUniqueName(names, profile.Name, profile, "Fargate profile");
            RequireSome(profile.Subnets, $"{profile.Path}.subnets", "a Fargate profile needs at least one (private) subnet");
            foreach (var subnetRef in profile.Subnets)
            {
                if (Resolve(subnetRef) is { Public: true } subnet)
                {
                    bag.Error(DiagnosticCodes.FargatePublicSubnet, subnetRef.Path, $"subnet '{subnet.Id}' is public; Fargate runs pods in private subnets only");
                }
            }
        }
    }

    private void CheckLoadBalancers(ScenarioDraft d)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var lb in d.LoadBalancers)
        {
            CheckUniqueName(names, lb.Name, lb, "load balancer");
            RequireSome(lb.Subnets, $"{lb.Path}.subnets", "a load balancer needs at least one subnet");
            if (Resolve(lb.Subnets) is { } subnets)
            {
                CheckOneSubnetPerZone(lb.Subnets, subnets, "a load balancer");
                if (lb.Type == LoadBalancerType.Alb && Zones(subnets) is { Count: < 2 } && lb.Subnets.Count > 0)
                {
                    bag.Error(DiagnosticCodes.AlbZones, $"{lb.Path}.subnets", "an Application Load Balancer needs subnets in at least 2 Availability Zones");
                }
            }
        }
    }

    private void CheckEndpoints(ScenarioDraft d)
    {
        foreach (var endpoint in d.Endpoints)
        {
            var path = $"{endpoint.Path}.subnets";
            if (endpoint.Type == EndpointType.Gateway)
            {
                if (endpoint.Subnets.Count > 0)
                {
                    bag.Warning(DiagnosticCodes.GatewayEndpointSubnets, path, "a gateway endpoint attaches to route tables and takes no subnet IPs; these subnets are ignored");
                }

                continue;
            }

            if (!endpoint.SubnetsGiven)
            {
                bag.Error(DiagnosticCodes.MissingField, path, "an interface endpoint needs subnets (one per zone); for S3 or DynamoDB without IPs use type: gateway");
                continue;
            }

            RequireSome(endpoint.Subnets, path, "an interface endpoint needs at least one subnet");
            if (Resolve(endpoint.Subnets) is { } subnets)
            {
                CheckOneSubnetPerZone(endpoint.Subnets, subnets, "an interface endpoint");
            }
        }
    }

    private void CheckNatGateways(ScenarioDraft d)
    {
        foreach (var nat in d.NatGateways)
        {
            if (nat.Subnet is { } subnetRef && Resolve(subnetRef) is { Public: false } subnet)
            {
                bag.Warning(DiagnosticCodes.NatPrivateSubnet, subnetRef.Path, $"subnet '{subnet.Id}' is private; a public NAT gateway belongs in a public subnet");
            }
        }
    }

    // Helpers.

    private void CheckUniqueName(Dictionary<string, ElementDraft> names, string? name, ElementDraft element, string what)
    {
        if (name is null)
        {
            return;
        }

        if (!names.TryAdd(name, element))
        {
            var first = names[name];
            bag.Error(DiagnosticCodes.DuplicateName, $"{element.Path}.name", $"{what} name '{name}' is already used by {first.Path} (line {first.Line}); names must be unique");
        }
    }

    private void RequireSome(List<SubnetRef> refs, string path, string message)
    {
        if (refs.Count == 0 && bag.Positions.ContainsKey(path) && !bag.HasErrorAt(path))
        {
            bag.Error(DiagnosticCodes.MissingField, path, message);
        }
    }

    private void CheckOneSubnetPerZone(List<SubnetRef> refs, List<SubnetDraft> subnets, string what)
    {
        var zones = new Dictionary<string, SubnetDraft>(StringComparer.Ordinal);
        for (var i = 0; i < subnets.Count; i++)
        {
            if (subnets[i].Zone is { } zone && !zones.TryAdd(zone, subnets[i]) && !ReferenceEquals(zones[zone], subnets[i]))
            {
                bag.Error(DiagnosticCodes.OneSubnetPerZone, refs[i].Path, $"'{subnets[i].Id}' and '{zones[zone].Id}' are both in {zone}; {what} takes one subnet per Availability Zone");
            }
        }
    }

    /// <summary>The subnets of <paramref name="refs"/>, reporting each unknown id; null when any is unknown.</summary>
    private List<SubnetDraft>? Resolve(List<SubnetRef> refs)
    {
        var result = new List<SubnetDraft>(refs.Count);
        var complete = true;
        foreach (var subnetRef in refs)
        {
            if (Resolve(subnetRef) is { } subnet)
            {
                result.Add(subnet);
            }
            else
            {
                complete = false;
            }
        }

        return complete ? result : null;
    }

    private SubnetDraft? Resolve(SubnetRef subnetRef)
    {
        if (_subnets.TryGetValue(subnetRef.Id, out var subnet))
        {
            return subnet;
        }

        // Several checks resolve the same reference; say so once.
        if (_reported.Add(subnetRef.Path))
        {
            var suggestion = ScenarioReader.Closest(subnetRef.Id, _subnets.Keys);
            var hint = suggestion is not null ? $"did you mean '{suggestion}'?"
                : _subnets.Count is > 0 and <= 8 ? $"defined: {string.Join(", ", _subnets.Keys)}"
                : _subnets.Count == 0 ? "none are defined" : "";
            bag.Error(DiagnosticCodes.UnknownSubnet, subnetRef.Path, $"subnet '{subnetRef.Id}' is not defined under subnets" + (hint.Length > 0 ? $" ({hint})" : ""));
        }

        return null;
    }

    /// <summary>The distinct zones, or null when a subnet's zone is unknown (already reported).</summary>
    private static List<string>? Zones(List<SubnetDraft> subnets)
    {
        if (subnets.Any(s => s.Zone is null))
        {
            return null;
        }

        return [.. subnets.Select(s => s.Zone!).Distinct(StringComparer.Ordinal)];
    }
}
