using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

// CIDR reservations, the AvailableIpAddressCount cross-check, and the scenario document with its comments.
public sealed partial class AwsImporter
{
    /// <summary>The name the generated text goes by in the loader's messages.</summary>
    public const string GeneratedSourceName = "imported scenario";

    private void PlaceReservations()
    {
        foreach (var reservation in _reservations)
        {
            if (!_subnetImports.TryGetValue(reservation.SubnetId, out var import))
            {
                var elsewhere = _allSubnets.Any(s => s.Id == reservation.SubnetId) ? $"is in another VPC than {_vpcId}" : $"is not in {_files.Subnets}";
                _warnings.Add($"{reservation.Source}: {reservation.Where}: subnet {reservation.SubnetId} {elsewhere}; the reservation {reservation.Cidr} is skipped");
                continue;
            }

            var cidr = import.Subnet.Cidr;
            if (!cidr.Contains(reservation.Cidr))
            {
                throw InputException.At(reservation.Source, null, null, $"{reservation.Where}.Cidr",
                    $"{reservation.Cidr} is outside subnet {import.Subnet.Id} ({cidr}); a CIDR reservation lies inside its subnet");
            }

            if (import.Reservations.FirstOrDefault(r => r.Cidr.First <= reservation.Cidr.Last && reservation.Cidr.First <= r.Cidr.Last) is { } other)
            {
                if (other.Cidr == reservation.Cidr && other.Type == reservation.Type)
                {
                    // The same reservation from two files (or one file given twice).
                    continue;
                }

                throw InputException.At(reservation.Source, null, null, $"{reservation.Where}.Cidr",
                    $"{reservation.Cidr} overlaps {other.Cidr} ({other.Source}) in subnet {import.Subnet.Id}; EC2 does not allow overlapping reservations");
            }

            import.Reservations.Add(reservation);
        }
    }

    /// <summary>Compares what EC2 says is free with what the ENIs found leave free: a gap means missing or stale input.</summary>
    private void CheckAvailableCounts()
    {
        if (_enis is null)
        {
            return;
        }

        foreach (var import in _subnetImports.Values)
        {
            var subnet = import.Subnet;
            if (subnet.AvailableIpAddressCount is not { } available)
            {
                continue;
            }

            var used = import.Used.Count;
            var free = subnet.Usable - used;
            if (free == available)
            {
                continue;
            }

            var gap = free - available;
            var why = gap > 0
                ? $"{gap} address(es) are in use by something describe-network-interfaces did not list (a filtered or partial listing, ENIs another account owns in a shared VPC) or the files were saved at different times; they are not in taken (add inUse: {gap} to the subnet if they are real)"
                : $"the ENIs hold {-gap} address(es) more than EC2 counts as used: the files were probably saved at different times";
            var message = string.Create(CultureInfo.InvariantCulture,
                $"subnet {subnet.Id} ({subnet.Cidr}): AvailableIpAddressCount is {available}, but the ENIs found leave {free} free ({subnet.Usable} usable - {used} on {Plural(import.EniCount, "ENI")}): {why}");
            import.Warnings.Add(message);
            _warnings.Add(message);
        }
    }

    private DocMap BuildDocument(CniImport cni, Dictionary<string, CniImport> clusterCni)
    {
        var root = new DocMap();
        root.Comment(ScenarioSchema.EditorHeader);
        root.Comment(HeaderComment());
        if (_otherClusters.Count == 0)
        {
            BuildCluster(root);
        }
        var vpc = root.Set("vpc", new DocMap());
        vpc.Comment(_vpcCidrsGuessed
            ? $"{_vpcId}: no describe-vpcs given ({_files.Label(AwsImportInput.Vpcs)}), so the /16 around each subnet stands in for the VPC's blocks (only validation reads them)."
            : $"{_vpcId} (describe-vpcs): the primary block, then the associated secondary ones.");
        vpc.Set("cidrs", DocList.OfStrings(_vpcCidrs.Select(c => c.Text)));

        var subnets = root.Set("subnets", new DocList());
        foreach (var subnet in _subnets)
        {
            subnets.Add(BuildSubnet(_subnetImports[subnet.Id]));
        }

        if (_otherClusters.Count > 0)
        {
            // Several clusters of the VPC, in the order their describe-cluster files were given.
            var clusters = root.Set("clusters", new DocList());
            foreach (var (name, cp) in ControlPlanes)
            {
                var entry = clusters.Add(new DocMap());
                var eks = name == _clusterName ? _cluster! : _otherClusters.First(c => c.Eks.Name == name).Eks;
                var file = name == _clusterName ? _files.Cluster : _otherClusters.First(c => c.Eks.Name == name).File;
                entry.Set("name", name).Trailing = $"describe-cluster ({file}): cluster.name";
                if (eks.IpFamilyGiven)
                {
                    entry.Set("ipFamily", eks.IpFamily == IpFamily.Ipv6 ? "ipv6" : "ipv4").Trailing = "kubernetesNetworkConfig.ipFamily";
                }

                entry.Set("controlPlaneSubnets", DocList.OfStrings(cp)).Trailing = "resourcesVpcConfig.subnetIds";
                entry.Set("cni", clusterCni[name].Section);
                var own = _groups.Where(g => g.Cluster == name).ToList();
                if (own.Count > 0)
                {
                    var groups = entry.Set("nodeGroups", new DocList());
                    foreach (var group in own)
                    {
                        groups.Add(BuildNodeGroup(group));
                    }
                }
            }

            return root;
        }

        root.Set("cni", cni.Section);
        if (_groups.Count > 0)
        {
            var groups = root.Set("nodeGroups", new DocList());
            foreach (var group in _groups)
            {
                groups.Add(BuildNodeGroup(group));
            }
        }

        if (_files.KarpenterController is { } controller)
        {
            var (reserved, source) = KarpenterControllerReader.Read(controller);
            var karpenter = root.Set("karpenter", new DocMap());
            karpenter.Set("reservedEnis", reserved ?? 0).Trailing = reserved is null
                ? "the controller sets no RESERVED_ENIS: Karpenter's default"
                : source;
        }

        if (_files.NodePools is { } poolsFile)
        {
            var pools = KarpenterReader.ReadNodePools(poolsFile);
            var classes = _files.Ec2NodeClasses is { } classesFile ? KarpenterReader.ReadNodeClasses(classesFile) : [];
            var imported = _subnets.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var list = KarpenterImport.Build(pools, classes, imported, _catalog, _warnings, _files.Label(AwsImportInput.Ec2NodeClasses));
            if (list.Items.Count > 0)
            {
                root.Set("nodePools", list);
            }
        }

        return root;
    }

    private string HeaderComment()
    {
        var lines = new List<string>
        {
            "Imported by 'ipplanner import' from saved AWS CLI and kubectl output; no AWS call was made.",
        };
        void Input(string what, string? file)
        {
            if (file is not null)
            {
                lines.Add($"  {what}: {file}");
            }
        }

        Input("describe-vpcs", _files.Vpcs);
        Input("describe-subnets", _files.Subnets);
        Input("describe-network-interfaces", _files.NetworkInterfaces);
        Input("describe-instances", _files.Instances);
        Input("describe-instance-types", _files.InstanceTypes);
        foreach (var file in _files.CidrReservations)
        {
            Input("get-subnet-cidr-reservations", file);
        }

        foreach (var file in _files.Clusters)
        {
            Input("eks describe-cluster", file);
        }

        Input("kubectl get eniconfigs", _files.EniConfigs);
        Input("kubectl get daemonset aws-node", _files.AwsNode);
        Input("kubectl get deployment karpenter", _files.KarpenterController);
        foreach (var file in _files.Nodegroups)
        {
            Input("eks describe-nodegroup", file);
        }
        lines.Add(NewCluster ? $"VPC {_vpcId}, a new cluster to plan in it (see the cluster section)."
            : _otherClusters.Count > 0 ? $"VPC {_vpcId}, clusters {string.Join(", ", ImportedClusters)} (planned in this order on the same subnets)."
            : $"VPC {_vpcId}, cluster {_clusterName}.");
        lines.Add("");
        if (NewCluster && _enis is not null)
        {
            lines.Add("taken: the exact addresses and /28 prefixes of every ENI in these subnets (other clusters' nodes and control planes, RDS, Lambda, load balancers, VPC endpoints, NAT gateways, leaked 'available' ENIs, instances), at their real positions, so /28 fragmentation is the real one. None of them belongs to the new cluster, so none is left out.");
            lines.Add("No node groups yet: 'ipplanner plan' shows the free room per subnet and zone; add nodeGroups to see whether the new cluster's nodes and pods fit.");
        }
        else if (_enis is null)
        {
            lines.Add($"No describe-network-interfaces given ({_files.Label(AwsImportInput.NetworkInterfaces)}): nothing is known of the addresses in use, so no subnet has a taken list; EC2's AvailableIpAddressCount is in each subnet's comment.");
        }
        else
        {
            lines.Add("taken: the exact addresses and /28 prefixes of every ENI in these subnets that the planner does not create itself (RDS, Lambda, load balancers, VPC endpoints, NAT gateways, leaked 'available' ENIs, instances outside the node groups, extra EKS control plane ENIs), at their real positions, so /28 fragmentation is the real one.");
            lines.Add($"Left out of taken: the ENIs of the running nodes of the node groups below, and one 'Amazon EKS <cluster>' ENI {(_otherClusters.Count > 0 ? "of each cluster " : "")}in each of the first {ModelledControlPlaneEnis} control plane subnets. The planner re-creates those itself from nodes, podsPerNode and the cluster section; listing them in taken as well would count them twice. It places them lowest-free, not where EC2 put them.");
            lines.Add("Load balancers, NAT gateways and endpoints are not listed under loadBalancers, natGateways or endpoints for the same reason: their ENIs are already in taken.");
            if (_instances is null)
            {
                lines.Add($"No describe-instances given ({_files.Label(AwsImportInput.Instances)}): no node groups, so the nodes' ENIs are in taken as well.");
            }
        }

        if (_enisOutsideVpc > 0)
        {
            lines.Add(_enisOutsideVpc == 1
                ? $"1 ENI of another VPC in {_files.NetworkInterfaces} was skipped."
                : $"{_enisOutsideVpc} ENIs of other VPCs in {_files.NetworkInterfaces} were skipped.");
        }

        if (_warnings.Count > 0)
        {
            lines.Add("");
            lines.Add("Warnings:");
            lines.AddRange(_warnings.Select(w => "  - " + w));
        }

        return string.Join('\n', lines);
    }

    private void BuildCluster(DocMap root)
    {
        var cluster = root.Set("cluster", new DocMap());
        if (NewCluster)
        {
            BuildNewCluster(cluster);
            return;
        }

        cluster.Set("name", _clusterName).Trailing = _clusterNameSource;
        if (_cluster is { IpFamilyGiven: true } eks)
        {
            cluster.Set("ipFamily", eks.IpFamily == IpFamily.Ipv6 ? "ipv6" : "ipv4").Trailing = "kubernetesNetworkConfig.ipFamily";
        }

        var cp = cluster.Set("controlPlaneSubnets", DocList.OfStrings(_controlPlaneSubnets));
        cp.Trailing = _cluster is not null
            ? "resourcesVpcConfig.subnetIds"
            : $"the subnets holding 'Amazon EKS {_clusterName}' ENIs (no describe-cluster given)";
        if (_cluster is { AutoMode: true })
        {
            cluster.Set("autoMode", true).Trailing = "computeConfig.enabled: EKS Auto Mode runs the NodePools' networking (docs/auto-mode.md)";
        }
    }

    /// <summary>The cluster section of a VPC-only import: a placeholder name and control plane subnets left to pick.</summary>
    private void BuildNewCluster(DocMap cluster)
    {
        cluster.Comment(string.Join('\n', [
            "A new cluster, to fill in:",
            "  name: the cluster's name.",
            "  controlPlaneSubnets: ids from the subnets below, in at least 2 Availability Zones; EKS puts up to 4 ENIs there",
            "    (2 to 4 per cluster, up to 4 more during an upgrade). Private subnets with room to spare are the usual choice.",
            .. SuggestedControlPlaneSubnets(),
            "Then add nodeGroups (name, instanceType, subnets, nodes) under the subnets. 'ipplanner validate' lists what is still missing.",
        ]));
        cluster.Set("name", _clusterName).Trailing = _clusterNameSource;
        cluster.Set("controlPlaneSubnets", new DocList { Flow = true }).Trailing = "not chosen yet: pick them (see above)";
    }

    /// <summary>The private subnet with the most free addresses in each zone, as an example line (none when under 2 zones).</summary>
    private IEnumerable<string> SuggestedControlPlaneSubnets()
    {
        var best = _subnets
            .Where(s => !s.MapPublicIpOnLaunch)
            .GroupBy(s => s.Zone, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.Usable - _subnetImports[s.Id].Used.Count).ThenBy(s => s.Cidr.First).First())
            .ToList();
        if (best.Count < 2)
        {
            return [];
        }

        var free = best.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Id} {s.Zone} {s.Usable - _subnetImports[s.Id].Used.Count} free"));
        return [
            $"  For example the private subnet with the most free addresses in each zone: [{string.Join(", ", best.Select(s => s.Id))}]",
            $"    ({string.Join("; ", free)}).",
        ];
    }

    private DocMap BuildSubnet(SubnetImport import)
    {
        var s = import.Subnet;
        var entry = new DocMap();
        var about = new List<string>();
        if (s.Name is { } name)
        {
            about.Add(name);
        }

        if (s.AvailableIpAddressCount is { } available)
        {
            about.Add(_enis is not null && import.Warnings.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"AvailableIpAddressCount {available} = {s.Usable} usable - {import.Used.Count} on {Plural(import.EniCount, "ENI")}")
                : string.Create(CultureInfo.InvariantCulture, $"AvailableIpAddressCount {available} of {s.Usable} usable"));
        }

        if (about.Count > 0)
        {
            entry.Comment(string.Join(". ", about) + ".");
        }

        foreach (var warning in import.Warnings)
        {
            entry.Comment("WARNING: " + warning);
        }

        entry.Set("id", s.Id);
        entry.Set("cidr", s.Cidr.Text);
        entry.Set("zone", s.Zone);
        var elb = s.Tags.TryGetValue(SubnetTags.PublicLoadBalancer, out var elbValue) && elbValue != "0";
        if (s.MapPublicIpOnLaunch || elb)
        {
            entry.Set("public", true).Trailing = s.MapPublicIpOnLaunch ? "MapPublicIpOnLaunch" : "tagged kubernetes.io/role/elb (MapPublicIpOnLaunch is off)";
        }

        var tags = s.Tags.Where(t => t.Key.StartsWith(KubernetesTagPrefix, StringComparison.Ordinal)).ToList();
        if (tags.Count > 0)
        {
            var map = entry.Set("tags", new DocMap());
            foreach (var (key, value) in tags)
            {
                map.Set(key, value);
            }
        }

        if (import.Reservations.Count > 0)
        {
            var list = entry.Set("reservations", new DocList());
            foreach (var reservation in import.Reservations.OrderBy(r => r.Cidr.First))
            {
                var item = list.Add(new DocMap());
                item.Set("cidr", reservation.Cidr.Text);
                item.Set("type", reservation.Type == ReservationType.Prefix ? "prefix" : "explicit").Trailing = $"get-subnet-cidr-reservations ({reservation.Source})";
            }
        }

        var leftOut = LeftOutComment(import);
        if (import.Taken.Count > 0)
        {
            var taken = entry.Set("taken", new DocList());
            if (leftOut is not null)
            {
                taken.Comment(leftOut);
            }

            foreach (var eni in import.Taken)
            {
                var first = true;
                foreach (var address in eni.Eni.Addresses.OrderBy(a => a.Address))
                {
                    var node = taken.Add(DocScalar.Of(address.Text));
                    if (first)
                    {
                        node.Comment(eni.Description);
                        first = false;
                    }
                }

                foreach (var prefix in eni.Eni.Prefixes.OrderBy(p => p.First))
                {
                    var node = taken.Add(DocScalar.Of(prefix.Text));
                    node.Trailing = "/28 prefix";
                    if (first)
                    {
                        node.Comment(eni.Description);
                        first = false;
                    }
                }
            }
        }
        else if (leftOut is not null)
        {
            entry.Comment(leftOut);
        }

        return entry;
    }

    private string? LeftOutComment(SubnetImport import)
    {
        var parts = new List<string>();
        if (import.NodeEnis.Count > 0)
        {
            var nodes = import.NodeEnis.Select(e => e.InstanceId!).Distinct(StringComparer.Ordinal).ToList();
            var groups = nodes.GroupBy(n => _groupOfInstance[n].Name).Select(g => $"{g.Key} x{g.Count()}");
            var addresses = import.NodeEnis.Sum(e => e.Addresses.Count);
            var prefixes = import.NodeEnis.Sum(e => e.Prefixes.Count);
            var holding = prefixes > 0
                ? $"{Plural(addresses, "address", "addresses")} and {Plural(prefixes, "/28 prefix", "/28 prefixes")}"
                : Plural(addresses, "address", "addresses");
            parts.Add($"{Plural(import.NodeEnis.Count, "ENI")} of {Plural(nodes.Count, "running node")} ({string.Join(", ", groups)}) holding {holding}");
        }

        foreach (var eni in import.ControlPlaneLeftOut)
        {
            parts.Add($"control plane ENI {eni.Id} ({string.Join(", ", eni.Addresses.Select(a => a.Text))}), which the planner places as this subnet's one");
        }

        var text = parts.Count == 0 ? "" : "Left out of taken, re-created by the planner: " + string.Join("; ", parts) + ".";
        if (_enis is not null && ControlPlanes.Any(c => c.ControlPlaneSubnets.IndexOf(import.Subnet.Id) is >= 0 and < ModelledControlPlaneEnis
            && !import.ControlPlaneLeftOut.Any(e => EniDescriber.IsEksControlPlane(e, c.Name))))
        {
            text += (text.Length > 0 ? " " : "") + "The planner places a control plane ENI here though none is here today (EKS may put one in any cluster subnet).";
        }

        return text.Length == 0 ? null : text;
    }

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");

    private DocMap BuildNodeGroup(NodeGroupDraft group)
    {
        var entry = new DocMap();
        var tag = group.TagKey.Length > 0 ? $"{group.Kind} '{group.TagValue}' (tag {group.TagKey})" : $"{group.Kind} in cluster {group.Cluster}";
        var split = group.Name != group.TagValue ? $", its {group.InstanceTypeName} nodes (a node group has one instance type)" : "";
        entry.Comment($"{tag}{split}: {Plural(group.Instances.Count, "running instance")} in describe-instances.");
        entry.Set("name", group.Name);
        if (ListedTypes(group) is { Count: > 1 } listed)
        {
            // EKS gives every node of a group listing several types the smallest max pods of the list; the nodes
            // running now are this type, so it comes first (the type the planner launches).
            entry.Set("instanceTypes", DocList.OfStrings(listed)).Trailing =
                $"describe-nodegroup instanceTypes, {group.InstanceTypeName} (running) first";
        }
        else
        {
            entry.Set("instanceType", group.InstanceTypeName);
        }

        var perSubnet = group.Instances
            .GroupBy(i => i.SubnetId!)
            .Select(g => (Subnet: _subnetById[g.Key], Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Subnet.Zone, StringComparer.Ordinal).ThenBy(x => x.Subnet.Cidr.First)
            .ToList();
        var subnets = entry.Set("subnets", DocList.OfStrings(perSubnet.Select(x => x.Subnet.Id)));
        subnets.Comment($"Where its nodes run now: {string.Join(", ", perSubnet.Select(x => $"{x.Count} in {x.Subnet.Id} ({x.Subnet.Zone})"))}; the planner spreads nodes over these round robin.");
        entry.Set("nodes", group.Instances.Count).Trailing = "running instances";
        entry.Set("maxNodes", group.Instances.Count).Trailing = "= nodes: EC2 does not show the group's maximum (eks describe-nodegroup scalingConfig.maxSize)";
        var pods = entry.Set("podsPerNode", group.PodsPerNode);
        pods.Comment(string.Join('\n', group.PodsComment));
        return entry;
    }

    /// <summary>
    /// A managed node group's instance types from its describe-nodegroup output (matched by name), this group's
    /// running type first, the others in the listed order; types the catalog does not know are left out with a
    /// warning. Null when no describe-nodegroup names the group.
    /// </summary>
    private List<string>? ListedTypes(NodeGroupDraft group)
    {
        if (group.TagKey != "eks:nodegroup-name" || _nodegroups.FirstOrDefault(n => n.Group.Name == group.TagValue) is not { Group: { } found } match)
        {
            return null;
        }

        var known = new List<string> { group.InstanceTypeName };
        foreach (var type in found.InstanceTypes.Where(t => t != group.InstanceTypeName))
        {
            if (_catalog.TryGet(type, out _))
            {
                known.Add(type);
            }
            else
            {
                _warnings.Add($"managed node group {found.Name} ({match.File}): instance type {type} is not in the catalog; left out of instanceTypes");
            }
        }

        return known;
    }

    /// <summary>Loads the generated text with the ordinary loader: what the user will run must validate.</summary>
    private Scenario Verify(string yaml)
    {
        var result = ScenarioLoader.LoadText(yaml, GeneratedSourceName, _catalog);
        if (result.HasErrors || result.Scenario is null)
        {
            var errors = result.Errors;
            var first = errors.Count > 0 ? errors[0].ToString() : "it could not be loaded";
            var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
            throw new InputException($"the inputs do not make a valid scenario: {first}{more}");
        }

        // What is still to fill in (node groups, control plane subnets) the comments already say; validate repeats it.
        foreach (var diagnostic in result.Diagnostics.Where(d => !d.IsError && d.Code is not (FindingCodes.NoNodeGroups or FindingCodes.ControlPlaneSubnetsUnchosen)))
        {
            _warnings.Add(diagnostic.ToString());
        }

        return result.Scenario;
    }
}
