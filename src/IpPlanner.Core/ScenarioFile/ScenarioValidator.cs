using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The checks that look at more than one field: address space, references, names and the CNI rules of
/// docs/rules.md. Works on a draft with holes (fields that failed to read are null and skipped), and stays quiet
/// where an earlier error would make a finding a mere echo of it.
/// </summary>
internal sealed partial class ScenarioValidator(DiagnosticBag bag)
{
    private readonly Dictionary<string, SubnetDraft> _subnets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public void Validate(ScenarioDraft d)
    {
        CheckVpc(d);
        CheckSubnets(d);
        CheckCluster(d);
        CheckCni(d);
        CheckDaemonSets(d);
        CheckNodePools(d);
        CheckNodeGroups(d);
        CheckFargate(d);
        CheckLoadBalancers(d);
        CheckEndpoints(d);
        CheckNatGateways(d);
        CheckWorkloads(d);
        CheckSomethingToPlan(d);
    }

    /// <summary>A scenario with no nodes, no NodePools and no Fargate pods (a VPC imported for a new cluster) plans only free room.</summary>
    private void CheckSomethingToPlan(ScenarioDraft d)
    {
        if (d.Cluster is not null && d.NodeGroups.Count == 0 && d.NodePools.Count == 0 && d.FargateProfiles.Count == 0)
        {
            bag.Warning(FindingCodes.NoNodeGroups, "cluster",
                "no nodeGroups (or nodePools or fargateProfiles) yet: the plan shows only the free room per subnet and zone; add node groups (name, instanceType, subnets, nodes) to plan pods");
        }
    }

    private void CheckWorkloads(ScenarioDraft d)
    {
        var groups = d.NodeGroups.Where(g => g.Name is not null).Select(g => g.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var w in d.Workloads)
        {
            if (w.NodeGroup is { } name && !groups.Contains(name))
            {
                bag.Error(FindingCodes.UnknownNodeGroup, $"{w.Path}.nodeGroup", $"no node group is named '{name}'{(groups.Count > 0 ? $" (node groups: {string.Join(", ", groups.Order(StringComparer.Ordinal))})" : "")}");
            }

            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                    if (w.Replicas < 1)
                    {
                        bag.Error(FindingCodes.MissingField, $"{w.Path}.replicas", "a deployment needs replicas: 1 or more");
                    }

                    if (WorkloadText.ResolveSurge(w.MaxSurge, (int)Math.Min(w.Replicas, int.MaxValue)) is null)
                    {
                        bag.Error(FindingCodes.InvalidValue, $"{w.Path}.maxSurge", $"'{w.MaxSurge}' is not a maxSurge (expected a count such as 2 or a percentage such as 25%)");
                    }

                    break;
                case WorkloadKind.Jobs:
                    if (w.PerMinute is null or <= 0)
                    {
                        bag.Error(FindingCodes.MissingField, $"{w.Path}.perMinute", "jobs need perMinute: the mean arrivals per minute, above 0");
                    }

                    if (w.Duration is null or <= 0)
                    {
                        bag.Error(FindingCodes.MissingField, $"{w.Path}.duration", "jobs need a duration: {distribution: exponential, mean: 2m} or {distribution: lognormal, median: 2m, sigma: 0.5}");
                    }

                    break;
                case WorkloadKind.Scale:
                    if (w.NodeGroup is null)
                    {
                        bag.Error(FindingCodes.MissingField, $"{w.Path}.nodeGroup", "a scale event needs the nodeGroup it scales");
                    }

                    if (w.At is null || w.Nodes is null)
                    {
                        bag.Error(FindingCodes.MissingField, w.Path, "a scale event needs at (a time such as 30m) and nodes (the new node count)");
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
            bag.Error(FindingCodes.MissingField, "vpc.cidrs", "a VPC has at least its primary CIDR block (e.g. cidrs: [10.0.0.0/16])");
        }

        if (vpc.Cidrs.Count > ScenarioLimits.VpcCidrQuota)
        {
            bag.Warning(FindingCodes.VpcCidrQuota, "vpc.cidrs", $"{vpc.Cidrs.Count} CIDR blocks is more than the default quota of {ScenarioLimits.VpcCidrQuota} per VPC (a quota increase is needed)");
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
                    bag.Error(FindingCodes.VpcCidrOverlap, vpc.Cidrs[i].Path, $"{vpc.Cidrs[i].Text} overlaps {vpc.Cidrs[j].Path} ({vpc.Cidrs[j].Text}); a VPC's CIDR blocks must not overlap");
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
                bag.Warning(FindingCodes.ZoneNameUnknown, $"{subnet.Path}.zone", $"'{zone}' is not an AWS zone name (like us-east-1a); zones are still told apart by name");
            }
        }

        if (regions.Count > 1)
        {
            bag.Warning(FindingCodes.ZonesInSeveralRegions, "subnets", $"the subnets' zones are in {regions.Count} regions ({string.Join(", ", regions)}); a VPC and its subnets live in one region");
        }
    }

    private void CheckSubnets(ScenarioDraft d)
    {
        CheckZoneNames(d);
        var vpcCidrs = d.Vpc?.Cidrs ?? [];
        var vpcKnown = vpcCidrs.Count > 0 && vpcCidrs.All(c => c.Cidr is not null);
        var placed = new List<SubnetDraft>();
        foreach (var subnet in d.Subnets)
        {
            if (subnet.Id is { } id && !_subnets.TryAdd(id, subnet))
            {
                var first = _subnets[id];
                bag.Error(FindingCodes.DuplicateSubnetId, $"{subnet.Path}.id", $"subnet id '{id}' is already used by {first.Path} (line {first.Line}); ids must be unique");
            }

            if (subnet.Cidr?.Cidr is not { } network)
            {
                continue;
            }

            // A block EC2 would refuse has no usable addresses to count: its size is the one thing to say.
            var sizeOk = CheckBlockSize(subnet.Cidr, "a subnet");
            if (vpcKnown && !vpcCidrs.Any(c => c.Cidr!.Value.Contains(network)))
            {
                bag.Error(FindingCodes.SubnetOutsideVpc, subnet.Cidr.Path, $"{subnet.Cidr.Text} is not inside any VPC CIDR block ({string.Join(", ", vpcCidrs.Select(c => c.Text))}); a subnet must lie inside one of them");
            }

            foreach (var other in placed)
            {
                if (other.Cidr!.Cidr!.Value.Overlaps(network))
                {
                    bag.Error(FindingCodes.SubnetOverlap, subnet.Cidr.Path, $"{subnet.Cidr.Text} overlaps {other.Path} '{other.Id}' ({other.Cidr.Text}); subnets must not overlap");
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
            bag.Error(FindingCodes.InUseExceedsSubnet, $"{subnet.Path}.inUse", $"{subnet.InUse} addresses in use is more than the {usable} usable addresses of {subnet.Cidr!.Text}");
        }

        long taken = 0;
        var inside = new List<CidrDraft>();
        foreach (var block in subnet.Taken)
        {
            if (block.Cidr is not { } blockNetwork)
            {
                continue;
            }

            if (!network.Contains(blockNetwork))
            {
                bag.Error(FindingCodes.TakenOutsideSubnet, block.Path, $"{block.Text} is not inside this subnet ({subnet.Cidr!.Text})");
                continue;
            }

            foreach (var other in inside)
            {
                if (other.Cidr!.Value.Overlaps(blockNetwork))
                {
                    bag.Warning(FindingCodes.TakenOverlap, block.Path, $"{block.Text} overlaps {other.Path} ({other.Text}); the shared addresses are counted once");
                }
            }

            inside.Add(block);
            taken += UsableIn(blockNetwork, network);
        }

        // Overlapping taken entries would double count; an upper bound is fine for a sanity check, so only
        // complain when even the distinct addresses cannot fit.
        if (subnet.InUse <= usable && inside.Count > 0 && subnet.InUse + taken > usable && !HasOverlap(inside))
        {
            bag.Error(FindingCodes.InUseExceedsSubnet, $"{subnet.Path}.taken", $"taken ({taken} usable addresses) plus inUse ({subnet.InUse}) is more than the {usable} usable addresses of {subnet.Cidr!.Text}");
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
                bag.Error(FindingCodes.ReservationOutsideSubnet, reservation.Cidr.Path, $"{reservation.Cidr.Text} is not inside this subnet ({subnet.Cidr!.Text}); a CIDR reservation must lie inside its subnet");
                continue;
            }

            foreach (var other in reservations)
            {
                if (other.Cidr!.Cidr!.Value.Overlaps(reserved))
                {
                    bag.Error(FindingCodes.ReservationOverlap, reservation.Cidr.Path, $"{reservation.Cidr.Text} overlaps {other.Path} ({other.Cidr.Text}); EC2 does not allow overlapping reservations");
                }
            }

            reservations.Add(reservation);
        }
    }

    /// <summary>Addresses of <paramref name="block"/> that AWS does not already keep (network, +1..+3, last).</summary>
    private static long UsableIn(Ipv4Cidr block, Ipv4Cidr subnet)
    {
        var (first, last) = (subnet.First, subnet.Last);
        var (start, end) = (block.First, block.Last);
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
                if (blocks[i].Cidr!.Value.Overlaps(blocks[j].Cidr!.Value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>False (and one error) when the block is outside what EC2 takes.</summary>
    private bool CheckBlockSize(CidrDraft cidr, string what)
    {
        var prefix = cidr.Cidr!.Value.PrefixLength;
        if (prefix is < ScenarioLimits.LargestPrefix or > ScenarioLimits.SmallestPrefix)
        {
            bag.Error(FindingCodes.CidrSize, cidr.Path, $"/{prefix} is not allowed for {what}: EC2 takes /{ScenarioLimits.LargestPrefix} to /{ScenarioLimits.SmallestPrefix}");
            return false;
        }

        return true;
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
            if (resolved.Count == 0 && cluster.ControlPlaneSubnets.Count == 0)
            {
                // An empty list is a cluster not created yet (import of a VPC without one): the plan still shows the
                // room the subnets have, so say what is missing instead of refusing the file.
                bag.Warning(FindingCodes.ControlPlaneSubnetsUnchosen, "cluster.controlPlaneSubnets",
                    "no control plane subnets chosen yet: pick subnets in at least 2 Availability Zones (EKS puts up to 4 ENIs in them); until then the plan places no control plane ENIs");
            }
            else if (zones is not null && zones.Count < 2)
            {
                var which = zones.Count == 0 ? "none are given" : $"all are in {zones[0]}";
                bag.Error(FindingCodes.ControlPlaneZones, "cluster.controlPlaneSubnets", $"EKS needs control plane subnets in at least 2 Availability Zones; {which}");
            }
        }

        var cni = d.Cni.Settings;
        if (cluster.IpFamily == IpFamily.Ipv6)
        {
            if (cni.CustomNetworking)
            {
                bag.Error(FindingCodes.Ipv6CustomNetworking, "cni.customNetworking", "custom networking is not supported on IPv6 clusters (set customNetworking: false or ipFamily: ipv4)");
            }

            if (!cni.PrefixDelegation)
            {
                bag.Error(FindingCodes.Ipv6RequiresPrefixDelegation, bag.Positions.ContainsKey("cni.prefixDelegation") ? "cni.prefixDelegation" : "cluster.ipFamily", "IPv6 clusters always run the VPC CNI with prefix delegation (set cni.prefixDelegation: true)");
            }
        }
    }

    private void CheckCni(ScenarioDraft d)
    {
        var cni = d.Cni.Settings;
        foreach (var (zone, subnetRef) in d.Cni.EniConfigs)
        {
            if (Resolve(subnetRef) is { Zone: { } subnetZone } subnet && zone != CniSettings.DefaultEniConfig && subnetZone != zone)
            {
                bag.Error(FindingCodes.EniConfigZoneMismatch, subnetRef.Path, $"subnet '{subnet.Id}' is in {subnetZone}, but this ENIConfig serves nodes in {zone}; an ENIConfig's subnet must be in its nodes' zone");
            }
        }

        if (d.Cni.EniConfigs.Count > 0 && !cni.CustomNetworking)
        {
            bag.Warning(FindingCodes.EniConfigIgnored, "cni.eniConfigs", "ENIConfigs only take effect with customNetworking: true; pods get IPs from the node subnets");
        }

        if (cni.PrefixDelegation && cni.Version < CniVersion.PrefixDelegation)
        {
            bag.Warning(FindingCodes.PrefixDelegationVersion, "cni.version", CniFindings.PrefixDelegationVersionMessage(cni.Version));
        }

        // A warning, not an input error: the scenario is valid and the plan shows what it means (no pod starts).
        if (WarmPoolTargets.IpamdRefuses(cni))
        {
            bag.Warning(FindingCodes.PrefixTargetsZero, bag.Positions.ContainsKey("cni.warmPrefixTarget") ? "cni.warmPrefixTarget" : "cni.prefixDelegation",
                CniFindings.PrefixTargetsZeroMessage);
        }

        if (cni.ExternalSnat && d.NatGateways.Count == 0)
        {
            bag.Warning(FindingCodes.ExternalSnatWithoutNat, "cni.externalSnat", "external SNAT sends pod traffic through a NAT gateway, but the scenario has none (add natGateways)");
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
                bag.Error(FindingCodes.MaxNodesBelowNodes, $"{group.Path}.maxNodes", $"maxNodes {max} is less than nodes {nodes} (maxNodes is the most the group scales to; leave it out to mean {nodes})");
            }

            if (group.Growth is not null && group.PodsPerNode == 0)
            {
                bag.Error(FindingCodes.GrowthWithoutPodsPerNode, $"{group.Path}.growth", "growth is in pods, so the group needs podsPerNode to turn pods into nodes (set podsPerNode)");
            }

            CheckPodRequests(d, group);
            if (group.Type is { } type)
            {
                if ((cni.PrefixDelegation || ipv6) && !type.SupportsPrefixDelegation)
                {
                    var severity = ipv6 ? Severity.Error : Severity.Warning;
                    bag.Add(severity, FindingCodes.PrefixDelegationUnsupported, bag.Locate($"{group.Path}.instanceType"), $"{group.Path}.instanceType",
                        CniFindings.PrefixDelegationUnsupportedMessage(type, ipv6));
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

    private void CheckDaemonSets(ScenarioDraft d)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var set in d.DaemonSets)
        {
            CheckUniqueName(names, set.Name, set, "DaemonSet");
        }
    }

    private void CheckNodePools(ScenarioDraft d)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var group in d.NodeGroups)
        {
            if (group.Name is { } name)
            {
                names.TryAdd(name, group);
            }
        }

        foreach (var pool in d.NodePools)
        {
            CheckUniqueName(names, pool.Name, pool, "NodePool");
            Resolve(pool.Subnets);
            RequireSome(pool.Subnets, $"{pool.Path}.subnets", "a NodePool needs at least one subnet (its EC2NodeClass's)");
            if (pool.InstanceTypesGiven && pool.RequirementsGiven)
            {
                bag.Error(FindingCodes.NodePoolTypesAndRequirements, $"{pool.Path}.requirements", "give instanceTypes or requirements, not both");
            }
            else if (pool.Allowed(d.Catalog).Count == 0 && !(pool.InstanceTypesGiven && pool.InstanceTypes.Count == 0 && bag.HasErrors))
            {
                var where = pool.InstanceTypesGiven ? $"{pool.Path}.instanceTypes" : $"{pool.Path}.requirements";
                bag.Error(FindingCodes.NodePoolNoTypes, where, "allows no instance type of the catalog (check the names and label values, e.g. categories: [m], families: [m5], sizes: [large])");
            }

            if (pool.Pods is { } pods && pods.CpuMillicores == 0 && pods.MemoryBytes == 0 && pods.Count > 0)
            {
                bag.Error(FindingCodes.EmptyPodRequests, pods.Path, "pending pods need cpu or memory above 0 (e.g. {count: 100, cpu: 250m, memory: 512Mi})");
            }
        }
    }

    private void CheckPodRequests(ScenarioDraft d, NodeGroupDraft group)
    {
        if (d.DaemonSetsGiven && group.HostNetworkPodsPerNodeGiven)
        {
            bag.Error(FindingCodes.HostNetworkWithDaemonSets, $"{group.Path}.hostNetworkPodsPerNode",
                "daemonSets already lists every pod on each node; mark host-network ones there with hostNetwork: true and delete this line");
        }

        if (group.PodRequests is not { } requests)
        {
            return;
        }

        if (group.PodsPerNodeGiven)
        {
            bag.Error(FindingCodes.PodsPerNodeAndRequests, $"{group.Path}.podRequests",
                "give podsPerNode or podRequests, not both (with podRequests the pods per node are derived from CPU, memory, max pods and IPs)");
            return;
        }

        if (requests.Unreadable)
        {
            return;
        }

        if (requests.CpuMillicores == 0 && requests.MemoryBytes == 0)
        {
            bag.Error(FindingCodes.EmptyPodRequests, requests.Path, "podRequests needs cpu or memory above 0 (e.g. {cpu: 250m, memory: 512Mi})");
            return;
        }

        if (group.Type is not { } type)
        {
            return;
        }

        if (requests.CpuMillicores > 0 && type.Vcpus is null)
        {
            bag.Error(FindingCodes.RequestsUnknownCapacity, $"{requests.Path}.cpu",
                $"the catalog does not know the vCPUs of {type.Name}; supply describe-instance-types output for it");
        }

        if (requests.MemoryBytes > 0 && type.MemoryMiB is null)
        {
            bag.Error(FindingCodes.RequestsUnknownCapacity, $"{requests.Path}.memory",
                $"the catalog does not know the memory of {type.Name}; supply describe-instance-types output for it");
        }
    }

    private void CheckSecurityGroupPods(NodeGroupDraft group, Catalog.InstanceType? type, CniSettings cni)
    {
        var path = $"{group.Path}.securityGroupPodsPerNode";
        if (!cni.SecurityGroupsForPods)
        {
            bag.Error(FindingCodes.SecurityGroupsForPodsDisabled, path, "pods with their own security groups need cni.securityGroupsForPods: true (ENABLE_POD_ENI)");
        }

        if (type is null)
        {
            return;
        }

        if (type.BranchEnis is null)
        {
            bag.Warning(FindingCodes.SecurityGroupsForPodsUnsupported, path, $"the catalog does not know whether {type.Name} supports trunking (branch ENIs); security groups for pods may not work on it");
        }
        else if (!type.SupportsTrunking)
        {
            bag.Error(FindingCodes.SecurityGroupsForPodsUnsupported, path, $"{type.Name} cannot trunk (0 branch ENIs), so it cannot run pods with their own security groups (use a Nitro type such as m5.large)");
        }
        else if (group.SecurityGroupPodsPerNode > type.BranchEnis)
        {
            bag.Warning(FindingCodes.SecurityGroupsForPodsExceedBranches, path, $"{group.SecurityGroupPodsPerNode} security-group pods per node is more than the {type.BranchEnis} branch ENIs of {type.Name}; the rest stay Pending");
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

            if (configs.TryGetValue(CniSettings.DefaultEniConfig, out var fallback))
            {
                if (Resolve(fallback) is { Zone: { } fallbackZone } && fallbackZone != zone)
                {
                    bag.Error(FindingCodes.EniConfigZoneMismatch, $"{group.Path}.subnets", $"nodes in {zone} fall back to the '{CniSettings.DefaultEniConfig}' ENIConfig, whose subnet '{fallback.Id}' is in {fallbackZone}; add cni.eniConfigs[{zone}] with a subnet in {zone}");
                }

                continue;
            }

            bag.Error(FindingCodes.EniConfigMissing, $"{group.Path}.subnets", $"custom networking is on, but no ENIConfig covers {zone}, where this node group has nodes: their pods get no IPs (add cni.eniConfigs[{zone}]: a subnet in {zone})");
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
                    bag.Error(FindingCodes.FargatePublicSubnet, subnetRef.Path, $"subnet '{subnet.Id}' is public; Fargate runs pods in private subnets only");
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
                    bag.Error(FindingCodes.AlbZones, $"{lb.Path}.subnets", "an Application Load Balancer needs subnets in at least 2 Availability Zones");
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
                    bag.Warning(FindingCodes.GatewayEndpointSubnets, path, "a gateway endpoint attaches to route tables and takes no subnet IPs; these subnets are ignored");
                }

                continue;
            }

            if (!endpoint.SubnetsGiven)
            {
                bag.Error(FindingCodes.MissingField, path, "an interface endpoint needs subnets (one per zone); for S3 or DynamoDB without IPs use type: gateway");
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
                bag.Warning(FindingCodes.NatPrivateSubnet, subnetRef.Path, $"subnet '{subnet.Id}' is private; a public NAT gateway belongs in a public subnet");
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
            bag.Error(FindingCodes.DuplicateName, $"{element.Path}.name", $"{what} name '{name}' is already used by {first.Path} (line {first.Line}); names must be unique");
        }
    }

    private void RequireSome(List<SubnetRef> refs, string path, string message)
    {
        if (refs.Count == 0 && bag.Positions.ContainsKey(path) && !bag.HasErrorAt(path))
        {
            bag.Error(FindingCodes.MissingField, path, message);
        }
    }

    private void CheckOneSubnetPerZone(List<SubnetRef> refs, List<SubnetDraft> subnets, string what)
    {
        var zones = new Dictionary<string, SubnetDraft>(StringComparer.Ordinal);
        for (var i = 0; i < subnets.Count; i++)
        {
            if (subnets[i].Zone is { } zone && !zones.TryAdd(zone, subnets[i]) && !ReferenceEquals(zones[zone], subnets[i]))
            {
                bag.Error(FindingCodes.OneSubnetPerZone, refs[i].Path, $"'{subnets[i].Id}' and '{zones[zone].Id}' are both in {zone}; {what} takes one subnet per Availability Zone");
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
            bag.Error(FindingCodes.UnknownSubnet, subnetRef.Path, $"subnet '{subnetRef.Id}' is not defined under subnets" + (hint.Length > 0 ? $" ({hint})" : ""));
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
