using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.AwsImport;

// Node groups from instance tags, which ENI belongs to whom, and how many pods explain what a node holds.
public sealed partial class AwsImporter
{
    /// <summary>The planner places one control plane ENI in each of the first this-many cluster subnets.</summary>
    private const int ModelledControlPlaneEnis = Engine.ClusterState.MaxControlPlaneEnis;

    private readonly Dictionary<string, int> _podAddressesOfInstance = new(StringComparer.Ordinal);
    private int _enisOutsideVpc;

    private void InferNodeGroups()
    {
        if (_instances is null)
        {
            return;
        }

        var byKey = new Dictionary<(string Cluster, string Tag, string Type), NodeGroupDraft>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instance in _instances)
        {
            if (ClusterOf(instance) is not { } cluster || !instance.IsRunning)
            {
                continue;
            }

            if (!seen.Add(instance.Id))
            {
                _warnings.Add($"{_files.Instances}: {instance.Where}: {instance.Id} is listed twice; counted once");
                continue;
            }

            if (instance.SubnetId is not { } subnetId || !_subnetById.ContainsKey(subnetId))
            {
                _warnings.Add($"{_files.Instances}: {instance.Where}: running node of {cluster} in subnet {instance.SubnetId ?? "(none)"}, which is not among the subnets of {_vpcId}; it is not modelled");
                continue;
            }

            var (kind, tagKey, tagValue) = GroupTag(instance);
            if (!byKey.TryGetValue((cluster, tagValue, instance.InstanceType), out var group))
            {
                group = new NodeGroupDraft(tagValue, kind, tagKey, tagValue, instance) { Cluster = cluster };
                byKey[(cluster, tagValue, instance.InstanceType)] = group;
                _groups.Add(group);
            }

            group.Instances.Add(instance);
        }

        // A Karpenter NodePool mixes instance types; a scenario node group has one, so the pool splits by type. Names
        // are unique in the whole file: a group whose name another cluster's group has too takes its cluster's name first.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in _groups)
        {
            var split = _groups.Count(g => g.TagValue == group.TagValue && g.Cluster == group.Cluster) > 1;
            var name = split ? $"{group.TagValue}-{group.InstanceTypeName}" : group.TagValue;
            if (_groups.Any(g => g.TagValue == group.TagValue && g.Cluster != group.Cluster))
            {
                name = $"{group.Cluster}-{name}";
            }

            var unique = name;
            for (var n = 2; !names.Add(unique); n++)
            {
                unique = string.Create(CultureInfo.InvariantCulture, $"{name}-{n}");
            }

            group.Name = unique;
            if (!_catalog.TryGet(group.InstanceTypeName, out var type))
            {
                var first = group.Instances[0];
                throw InputException.At(_files.Instances, null, null, $"{first.Where}.InstanceType",
                    $"{_catalog.UnknownTypeMessage(group.InstanceTypeName)}, the type of node group {group.Name}; give {_files.Label(AwsImportInput.InstanceTypes)} with the output of 'aws ec2 describe-instance-types --instance-types {group.InstanceTypeName}'");
            }

            group.Type = type;
            foreach (var instance in group.Instances)
            {
                _groupOfInstance[instance.Id] = group;
            }
        }
    }

    private static (string Kind, string TagKey, string TagValue) GroupTag(AwsInstance instance)
    {
        foreach (var (key, kind) in (ReadOnlySpan<(string, string)>)
            [("eks:nodegroup-name", "managed node group"), ("karpenter.sh/nodepool", "Karpenter NodePool"), ("aws:autoscaling:groupName", "Auto Scaling group")])
        {
            if (instance.Tags.TryGetValue(key, out var value) && value.Length > 0)
            {
                return (kind, key, value);
            }
        }

        return ("nodes without a node group tag", "", "self-managed");
    }

    /// <summary>Sorts every ENI of the VPC into node ENIs, the control plane ENIs the planner places, and taken ones.</summary>
    private void SortEnis()
    {
        if (_enis is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Lowest address first, so the taken list reads in address order and the choice of left-out ENIs is stable.
        foreach (var eni in _enis.OrderBy(LowestAddress).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            if (!seen.Add(eni.Id))
            {
                _warnings.Add($"{_files.NetworkInterfaces}: {eni.Where}: {eni.Id} is listed twice; counted once");
                continue;
            }

            if (!_subnetById.TryGetValue(eni.SubnetId, out var subnet))
            {
                if (eni.VpcId == _vpcId)
                {
                    _warnings.Add($"{_files.NetworkInterfaces}: {eni.Where}: subnet {eni.SubnetId} is not in {_files.Subnets}; the ENI's {eni.AddressCount} addresses are not imported");
                }
                else
                {
                    _enisOutsideVpc++;
                }

                continue;
            }

            var import = _subnetImports[subnet.Id];
            import.EniCount++;
            Claim(eni, import);
            if (eni.InstanceId is { } instance && _groupOfInstance.ContainsKey(instance))
            {
                import.NodeEnis.Add(eni);
                _podAddressesOfInstance[instance] = _podAddressesOfInstance.GetValueOrDefault(instance) + eni.PodAddresses;
                continue;
            }

            // One control plane ENI of each cluster in each of its first cluster subnets is the planner's to place.
            if (ControlPlanes.Any(c => c.ControlPlaneSubnets.IndexOf(subnet.Id) is >= 0 and < ModelledControlPlaneEnis && EniDescriber.IsEksControlPlane(eni, c.Name)
                && !import.ControlPlaneLeftOut.Any(e => EniDescriber.IsEksControlPlane(e, c.Name))))
            {
                import.ControlPlaneLeftOut.Add(eni);
                continue;
            }

            if (eni.AddressCount > 0)
            {
                import.Taken.Add(new TakenEni(eni, EniDescriber.Describe(eni, _instanceById, RoleOf)));
            }
        }
    }

    private static long LowestAddress(AwsNetworkInterface eni)
    {
        var lowest = long.MaxValue;
        foreach (var a in eni.Addresses)
        {
            lowest = Math.Min(lowest, a.Address);
        }

        foreach (var p in eni.Prefixes)
        {
            lowest = Math.Min(lowest, p.First);
        }

        return lowest;
    }

    /// <summary>Checks each address of the ENI lies in its subnet, is not AWS's, and is held by no other ENI.</summary>
    private void Claim(AwsNetworkInterface eni, SubnetImport import)
    {
        var cidr = import.Subnet.Cidr;
        foreach (var address in eni.Addresses)
        {
            if (!cidr.Contains(address.Address))
            {
                throw InputException.At(_files.NetworkInterfaces, null, null, $"{eni.Where}.PrivateIpAddresses",
                    $"{address.Text} is outside the ENI's subnet {import.Subnet.Id} ({cidr}) in {_files.Subnets}; were the files saved at different times?");
            }

            if (IsAwsReserved(cidr, address.Address))
            {
                throw InputException.At(_files.NetworkInterfaces, null, null, $"{eni.Where}.PrivateIpAddresses",
                    $"{address.Text} is one of the {AwsReservedAddresses.Count} addresses AWS reserves in {cidr}; no ENI can hold it");
            }

            ClaimOne(eni, import, address.Address);
        }

        foreach (var prefix in eni.Prefixes)
        {
            if (!cidr.Contains(prefix))
            {
                throw InputException.At(_files.NetworkInterfaces, null, null, $"{eni.Where}.Ipv4Prefixes",
                    $"{prefix} is outside the ENI's subnet {import.Subnet.Id} ({cidr}) in {_files.Subnets}; were the files saved at different times?");
            }

            for (var i = 0L; i < prefix.Size; i++)
            {
                var a = (uint)(prefix.First + i);
                if (!IsAwsReserved(cidr, a))
                {
                    ClaimOne(eni, import, a);
                }
            }
        }
    }

    private void ClaimOne(AwsNetworkInterface eni, SubnetImport import, uint address)
    {
        if (import.Used.TryGetValue(address, out var other))
        {
            throw InputException.At(_files.NetworkInterfaces, null, null, eni.Where,
                $"{Ipv4.Format(address)} is held by both {other} and {eni.Id}; EC2 gives an address to one ENI only (were two outputs pasted together?)");
        }

        import.Used[address] = eni.Id;
    }

    private static bool IsAwsReserved(Ipv4Cidr subnet, uint address) => AwsReservedAddresses.IsReserved(subnet.First, subnet.Last, address);

    /// <summary>Chooses podsPerNode for each group: the pod counts under which the planner's warm pool holds what the nodes hold.</summary>
    private void EstimatePods(Func<NodeGroupDraft, CniSettings> settingsOf)
    {
        foreach (var group in _groups)
        {
            var settings = settingsOf(group);
            var estimator = new PodsPerNodeEstimator(group.Type!, settings);
            var heldPerNode = group.Instances.Select(i => _podAddressesOfInstance.GetValueOrDefault(i.Id)).ToList();
            var bare = group.Instances.Where(i => !_subnetImports.Values.Any(s => s.NodeEnis.Any(e => e.InstanceId == i.Id))).Select(i => i.Id).ToList();
            if (bare.Count > 0)
            {
                _warnings.Add($"node group {group.Name}: {string.Join(", ", bare)} ha{(bare.Count == 1 ? "s" : "ve")} no ENI in {_files.NetworkInterfaces} (a filtered listing?); counted as holding no pod IPs");
            }

            var ranges = heldPerNode.Select(estimator.PodsFor).ToList();
            group.PodsPerNode = estimator.PodsForAll(heldPerNode);

            var held = ranges
                .GroupBy(r => r.Held)
                .OrderBy(g => g.Key)
                .Select(g =>
                {
                    var r = g.First();
                    var pods = r.Low == r.High ? $"{r.High} pods" : $"{r.Low}-{r.High} pods";
                    var exact = r.Exact ? "" : $"; the nearest it holds is {estimator.HeldFor(r.High)}";
                    return $"{g.Key} on {Plural(g.Count(), "node")} ({pods}{exact})";
                });
            var plannedHeld = (long)estimator.HeldFor(group.PodsPerNode) * heldPerNode.Count;
            group.PodsComment.Add("Estimated: EC2 shows the pod IPs a node holds (its ENIs' secondary IPs, 16 per /28 prefix), not its pods.");
            group.PodsComment.Add($"Held now, with the pods for which the planner's warm pool ({PoolDescription(settings, group.Type!)}) holds as much:");
            group.PodsComment.Add($"{string.Join("; ", held)}.");
            group.PodsComment.Add(string.Create(CultureInfo.InvariantCulture,
                $"podsPerNode is the most pods for which {Plural(heldPerNode.Count, "node")} would hold closest to their {heldPerNode.Sum()} IPs ({plannedHeld}), so the plan starts from today's addresses."));
            group.PodsComment.Add("For the real figure, count each node's pods that are not on the host network:");
            group.PodsComment.Add("  kubectl get pods -A -o wide --field-selector spec.nodeName=NODE");

            if (ranges.Any(r => !r.Exact))
            {
                _warnings.Add($"node group {group.Name}: no pod count makes the planner's warm pool hold exactly what {Plural(ranges.Count(r => !r.Exact), "node")} hold(s); the nearest was used (a CNI setting that differs from the aws-node given, or nodes still settling?)");
            }
        }
    }

    private static string PoolDescription(CniSettings settings, Catalog.InstanceType type)
    {
        var mode = CniMode.Of(type, settings);
        var pool = settings.IpTargetsDefined
            ? $"WARM_IP_TARGET={settings.WarmIpTarget}, MINIMUM_IP_TARGET={settings.MinimumIpTarget}"
            : mode.PrefixMode ? $"WARM_PREFIX_TARGET={settings.WarmPrefixTarget}" : $"WARM_ENI_TARGET={settings.WarmEniTarget}";
        var custom = settings.CustomNetworking ? ", custom networking" : "";
        return $"{type.Name}, {mode.Words}, {pool}{custom}";
    }
}
