using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The node group rules: unique names, subnets, maxNodes, growth, pod requests against the instance type's
/// catalog entry, prefix delegation and security-group pods on the type, and ENIConfigs covering every zone the
/// nodes run in under custom networking; and the DaemonSets' names.
/// </summary>
internal sealed class NodeGroupRules(ValidationScope scope) : ScenarioRules(scope)
{
    public void CheckDaemonSets(ClusterScopeDraft c)
    {
        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var set in c.DaemonSets)
        {
            CheckUniqueName(names, set.Name, set, "DaemonSet");
        }
    }

    /// <summary>Checks cluster <paramref name="c"/>'s node groups; <paramref name="names"/> holds the node group and NodePool names seen so far in the file.</summary>
    public void CheckNodeGroups(ScenarioDraft d, ClusterScopeDraft c, Dictionary<string, ElementDraft> names)
    {
        var cni = c.Cni.Settings;
        var ipv6 = c.Cluster?.IpFamily == IpFamily.Ipv6;
        foreach (var group in c.NodeGroups)
        {
            CheckUniqueName(names, group.Name, group, "node group");
            CheckInstanceTypes(group);
            var resolved = Resolve(group.Subnets);
            RequireSome(group.Subnets, $"{group.Path}.subnets", "a node group needs at least one subnet");

            if (group.Nodes is { } nodes && group.MaxNodes is { } max && max < nodes)
            {
                Bag.Error(FindingCodes.MaxNodesBelowNodes, $"{group.Path}.maxNodes", $"maxNodes {max} is less than nodes {nodes} (maxNodes is the most the group scales to; leave it out to mean {nodes})");
            }

            if (group.Growth is not null && group.PodsPerNode == 0)
            {
                Bag.Error(FindingCodes.GrowthWithoutPodsPerNode, $"{group.Path}.growth", "growth is in pods, so the group needs podsPerNode to turn pods into nodes (set podsPerNode)");
            }

            if (group.UpdateConfig is { MaxUnavailable: not null, MaxUnavailablePercentage: not null } update)
            {
                Bag.Error(FindingCodes.UpdateConfigConflict, $"{update.Path}.maxUnavailablePercentage",
                    "give maxUnavailable or maxUnavailablePercentage, not both (EKS takes one of them)");
            }

            CheckPodRequests(c, group);
            CheckUnmanagedEnis(group, cni);
            if (group.Type is { } type)
            {
                // One finding for one reason (CniMode): before 1.9.0 the CNI release ignores the setting on every
                // type, which cni.version's prefix-delegation-version says once; from 1.9.0 a type that is not Nitro
                // falls back. On IPv6 a type that cannot do prefix delegation is an error whatever the release.
                if (ipv6 && !type.SupportsPrefixDelegation)
                {
                    Bag.Error(FindingCodes.Ipv6InstanceTypeUnsupported, $"{group.Path}.instanceType", CniFindings.PrefixDelegationUnsupportedMessage(type, ipv6: true));
                }
                else if (!ipv6 && CniMode.Of(type, cni).Reason == CniModeReason.InstanceType)
                {
                    Bag.Warning(FindingCodes.PrefixDelegationUnsupported, $"{group.Path}.instanceType", CniFindings.PrefixDelegationUnsupportedMessage(type, ipv6: false));
                }

                if (group.SecurityGroupPodsPerNode > 0)
                {
                    CheckSecurityGroupPods(group, type, cni, c.Cni.Path);
                }
            }
            else if (group.SecurityGroupPodsPerNode > 0 && !cni.SecurityGroupsForPods)
            {
                CheckSecurityGroupPods(group, null, cni, c.Cni.Path);
            }

            if (cni.CustomNetworking && !ipv6 && resolved is not null && (group.Nodes > 0 || group.MaxNodes > 0))
            {
                CheckEniConfigsCover(c, group, resolved);
            }
        }
    }

    /// <summary>instanceType or instanceTypes (not both, not neither); a list's first type is the group's type.</summary>
    private void CheckInstanceTypes(NodeGroupDraft group)
    {
        var single = $"{group.Path}.instanceType";
        var list = $"{group.Path}.instanceTypes";
        if (group.InstanceTypesGiven && Bag.Positions.ContainsKey(single))
        {
            Bag.Error(FindingCodes.NodeGroupTypeAndTypes, list, "give instanceType or instanceTypes, not both");
        }
        else if (group.InstanceTypesGiven)
        {
            if (group.InstanceTypes.Count == 0 && !Bag.HasErrorAt(list) && !Bag.Positions.Keys.Any(k => k.StartsWith(list + "[", StringComparison.Ordinal)))
            {
                Bag.Error(FindingCodes.MissingField, list, "a node group needs at least one instance type (e.g. instanceTypes: [m5.large, m5.xlarge])");
            }
        }
        else if (group.InstanceTypeName is null && !Bag.HasErrorAt(single))
        {
            // The words the reader gives every required field, since instanceType is one unless instanceTypes is given.
            var what = Bag.Positions.ContainsKey(single) ? "is empty" : "is missing";
            Bag.Error(FindingCodes.MissingField, Bag.Locate(single), single, $"required field {what} (e.g. instanceType: m5.large)");
        }
    }

    /// <summary>
    /// ENIs ipamd does not manage: the primary ENI is always managed (pkg/ipamd/ipamd.go:281-282@b521883), so a type
    /// with E ENIs has room for at most E - 1 of them, and with as many the VPC CNI attaches no ENI of its own.
    /// </summary>
    private void CheckUnmanagedEnis(NodeGroupDraft group, CniSettings cni)
    {
        if (group.UnmanagedEnis == 0 || group.Type is not { } type)
        {
            return;
        }

        var enis = MaxPodsCalculator.EffectiveEnis(type, cni.MaxEni);
        var path = $"{group.Path}.unmanagedEnis";
        if (group.UnmanagedEnis > enis - 1)
        {
            Bag.Error(FindingCodes.UnmanagedEnisAboveLimit, path,
                $"{group.UnmanagedEnis} unmanaged ENIs do not fit on a {type.Name}: it attaches {enis} ENIs{(cni.MaxEni is { } max && max < type.MaxEnis ? $" (MAX_ENI {max})" : "")} and the primary is always the VPC CNI's, so at most {enis - 1} can be unmanaged");
        }
        else if (cni.CustomNetworking && group.UnmanagedEnis == enis - 1)
        {
            Bag.Warning(FindingCodes.UnmanagedEnisLeaveNoPodEni, path,
                $"with {group.UnmanagedEnis} unmanaged ENIs a {type.Name} has no ENI slot left for pods under custom networking (its primary ENI never carries pods): no pod off the host network gets an IP");
        }
    }

    private void CheckPodRequests(ClusterScopeDraft d, NodeGroupDraft group)
    {
        if (d.DaemonSetsGiven && group.HostNetworkPodsPerNodeGiven)
        {
            Bag.Error(FindingCodes.HostNetworkWithDaemonSets, $"{group.Path}.hostNetworkPodsPerNode",
                "daemonSets already lists every pod on each node; mark host-network ones there with hostNetwork: true and delete this line");
        }

        if (group.PodRequests is not { } requests)
        {
            return;
        }

        if (group.PodsPerNodeGiven)
        {
            Bag.Error(FindingCodes.PodsPerNodeAndRequests, $"{group.Path}.podRequests",
                "give podsPerNode or podRequests, not both (with podRequests the pods per node are derived from CPU, memory, max pods and IPs)");
            return;
        }

        if (requests.Unreadable)
        {
            return;
        }

        if (requests.CpuMillicores == 0 && requests.MemoryBytes == 0)
        {
            Bag.Error(FindingCodes.EmptyPodRequests, requests.Path, "podRequests needs cpu or memory above 0 (e.g. {cpu: 250m, memory: 512Mi})");
            return;
        }

        if (group.Type is not { } type)
        {
            return;
        }

        if (requests.CpuMillicores > 0 && type.Vcpus is null)
        {
            Bag.Error(FindingCodes.RequestsUnknownCapacity, $"{requests.Path}.cpu",
                $"the catalog does not know the vCPUs of {type.Name}; supply describe-instance-types output for it");
        }

        if (requests.MemoryBytes > 0 && type.MemoryMiB is null)
        {
            Bag.Error(FindingCodes.RequestsUnknownCapacity, $"{requests.Path}.memory",
                $"the catalog does not know the memory of {type.Name}; supply describe-instance-types output for it");
        }
    }

    private void CheckSecurityGroupPods(NodeGroupDraft group, Catalog.InstanceType? type, CniSettings cni, string cniPath)
    {
        var path = $"{group.Path}.securityGroupPodsPerNode";
        // The blockers are node's too (CniFindings.SecurityGroupPodBlockers): one code and wording in every verb.
        foreach (var (code, message) in CniFindings.SecurityGroupPodBlockers(type, cni.SecurityGroupsForPods))
        {
            // The one wording of node and plan, with this cluster's path to its CNI settings.
            var text = message.Replace("cni.securityGroupsForPods", $"{cniPath}.securityGroupsForPods", StringComparison.Ordinal);
            if (FindingCodes.SeverityOf(code) == Severity.Error)
            {
                Bag.Error(code, path, text);
            }
            else
            {
                Bag.Warning(code, path, text);
            }
        }

        if (type is { SupportsTrunking: true, BranchEnis: { } branches } && group.SecurityGroupPodsPerNode > branches)
        {
            Bag.Warning(FindingCodes.SecurityGroupsForPodsExceedBranches, path, $"{group.SecurityGroupPodsPerNode} security-group pods per node is more than the {branches} branch ENIs of {type.Name}; the rest stay Pending");
        }
    }

    private void CheckEniConfigsCover(ClusterScopeDraft c, NodeGroupDraft group, List<SubnetDraft> subnets)
    {
        var configs = new Dictionary<string, SubnetRef>(StringComparer.Ordinal);
        foreach (var (zone, subnetRef) in c.Cni.EniConfigs)
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
                    Bag.Error(FindingCodes.EniConfigZoneMismatch, $"{group.Path}.subnets", $"nodes in {zone} fall back to the '{CniSettings.DefaultEniConfig}' ENIConfig, whose subnet '{fallback.Id}' is in {fallbackZone}; add {c.Cni.Path}.eniConfigs[{zone}] with a subnet in {zone}");
                }

                continue;
            }

            Bag.Error(FindingCodes.EniConfigMissing, $"{group.Path}.subnets", $"custom networking is on, but no ENIConfig covers {zone}, where this node group has nodes: their pods get no IPs (add {c.Cni.Path}.eniConfigs[{zone}]: a subnet in {zone})");
        }
    }
}
