using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The cluster and CNI rules: control plane subnets in two zones, what IPv6 requires (prefix delegation, no custom
/// networking), ENIConfigs in their nodes' zone, prefix delegation on an old CNI or with every target 0, and external
/// SNAT without a NAT gateway (docs/rules.md).
/// </summary>
internal sealed class ClusterRules(ValidationScope scope) : ScenarioRules(scope)
{
    private static readonly string[] s_clusterSections = ["cluster", "cni", "karpenter", "daemonSets", "nodeGroups", "nodePools", "fargateProfiles", "workloads"];

    /// <summary>
    /// One cluster (<c>cluster</c> and its sections at the top level) or several (<c>clusters:</c>), not both; cluster
    /// names unique (docs/rules.md, "Several clusters in one VPC").
    /// </summary>
    public void CheckClusters(ScenarioDraft d)
    {
        if (!d.ClustersGiven)
        {
            if (d.Main.Cluster is null && !Bag.HasErrorAt("cluster"))
            {
                var what = Bag.Positions.ContainsKey("cluster") ? "is empty" : "is missing";
                Bag.Error(FindingCodes.MissingField, Bag.Locate("cluster"), "cluster", $"required field {what} (or list several under clusters)");
            }

            return;
        }

        foreach (var key in s_clusterSections.Where(Bag.Positions.ContainsKey))
        {
            Bag.Error(FindingCodes.ClustersWithTopLevelCluster, key,
                $"the file lists its clusters under clusters, so '{key}' belongs inside one of them (each entry has its own name, controlPlaneSubnets, autoMode, cni, karpenter, daemonSets, nodeGroups, nodePools, fargateProfiles and workloads)");
        }

        if (d.ClusterList.Count == 0 && Bag.Positions.ContainsKey("clusters") && !Bag.HasErrorAt("clusters"))
        {
            Bag.Error(FindingCodes.MissingField, "clusters", "clusters needs at least one cluster ({name, controlPlaneSubnets, nodeGroups, …})");
        }

        var names = new Dictionary<string, ElementDraft>(StringComparer.Ordinal);
        foreach (var c in d.ClusterList)
        {
            CheckUniqueName(names, c.Cluster?.Name, c, "cluster");
        }
    }

    public void CheckCluster(ScenarioDraft d, ClusterScopeDraft c)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (c.Cluster is not { } cluster)
        {
            return;
        }

        var cpPath = c.ClusterField("controlPlaneSubnets");
        var resolved = Resolve(cluster.ControlPlaneSubnets);
        if (resolved is not null && Bag.Positions.ContainsKey(cpPath))
        {
            var zones = Zones(resolved);
            if (resolved.Count == 0 && cluster.ControlPlaneSubnets.Count == 0)
            {
                // An empty list is a cluster not created yet (import of a VPC without one): the plan still shows the
                // room the subnets have, so say what is missing instead of refusing the file.
                Bag.Warning(FindingCodes.ControlPlaneSubnetsUnchosen, cpPath,
                    "no control plane subnets chosen yet: pick subnets in at least 2 Availability Zones (EKS puts up to 4 ENIs in them); until then the plan places no control plane ENIs");
            }
            else if (zones is not null && zones.Count < 2)
            {
                var which = zones.Count == 0 ? "none are given" : $"all are in {zones[0]}";
                Bag.Error(FindingCodes.ControlPlaneZones, cpPath, $"EKS needs control plane subnets in at least 2 Availability Zones; {which}");
            }
        }

        var cni = c.Cni.Settings;
        if (cluster.IpFamily == IpFamily.Ipv6)
        {
            if (cni.CustomNetworking)
            {
                Bag.Error(FindingCodes.Ipv6CustomNetworking, c.CniField("customNetworking"), "custom networking is not supported on IPv6 clusters (set customNetworking: false or ipFamily: ipv4)");
            }

            if (!cni.PrefixDelegation)
            {
                Bag.Error(FindingCodes.Ipv6RequiresPrefixDelegation, Bag.Positions.ContainsKey(c.CniField("prefixDelegation")) ? c.CniField("prefixDelegation") : c.ClusterField("ipFamily"), $"IPv6 clusters always run the VPC CNI with prefix delegation (set {c.CniField("prefixDelegation")}: true)");
            }
        }
    }

    public void CheckCni(ScenarioDraft d, ClusterScopeDraft c)
    {
        var cni = c.Cni.Settings;
        foreach (var (zone, subnetRef) in c.Cni.EniConfigs)
        {
            if (Resolve(subnetRef) is { Zone: { } subnetZone } subnet && zone != CniSettings.DefaultEniConfig && subnetZone != zone)
            {
                Bag.Error(FindingCodes.EniConfigZoneMismatch, subnetRef.Path, $"subnet '{subnet.Id}' is in {subnetZone}, but this ENIConfig serves nodes in {zone}; an ENIConfig's subnet must be in its nodes' zone");
            }
        }

        if (c.Cni.EniConfigs.Count > 0 && !cni.CustomNetworking)
        {
            Bag.Warning(FindingCodes.EniConfigIgnored, c.CniField("eniConfigs"), "ENIConfigs only take effect with customNetworking: true; pods get IPs from the node subnets");
        }

        if (CniFindings.UnmodelledVersion(cni.Version, "cni") is { } unmodelled)
        {
            Bag.Warning(FindingCodes.CniVersionUnmodelled, c.CniField("version"), unmodelled.Message);
        }

        if (cni.PrefixDelegation && !cni.Behaviour.PrefixDelegation)
        {
            Bag.Warning(FindingCodes.PrefixDelegationVersion, c.CniField("version"), CniFindings.PrefixDelegationVersionMessage(cni.Version));
        }

        // A warning, not an input error: the scenario is valid and the plan shows what it means (no pod starts).
        if (WarmPoolTargets.IpamdRefuses(cni))
        {
            Bag.Warning(FindingCodes.PrefixTargetsZero, Bag.Positions.ContainsKey(c.CniField("warmPrefixTarget")) ? c.CniField("warmPrefixTarget") : c.CniField("prefixDelegation"),
                CniFindings.PrefixTargetsZeroMessage);
        }

        if (cni.MultiNic && cni.Version < CniVersion.MultiNic)
        {
            Bag.Warning(FindingCodes.MultiNicIgnored, c.CniField("multiNic"), $"ENABLE_MULTI_NIC needs VPC CNI {CniVersion.MultiNic} or later; {cni.Version} uses the default network card only");
        }
        else if (cni.MultiNic && c.Cluster?.AutoMode == true)
        {
            Bag.Warning(FindingCodes.MultiNicIgnored, c.CniField("multiNic"), "EKS Auto Mode nodes do not run the VPC CNI add-on, so ENABLE_MULTI_NIC does not apply to them");
        }
        else if (!cni.MultiNic && cni.EfaOnlyCards.Count > 0)
        {
            Bag.Warning(FindingCodes.MultiNicIgnored, c.CniField("efaOnlyCards"), "efaOnlyCards only matters with cni.multiNic: true (without it ipamd manages the default network card only)");
        }

        if (cni.ExternalSnat && d.NatGateways.Count == 0)
        {
            Bag.Warning(FindingCodes.ExternalSnatWithoutNat, c.CniField("externalSnat"), "external SNAT sends pod traffic through a NAT gateway, but the scenario has none (add natGateways)");
        }
    }

    /// <summary>
    /// The VPC CNI's cluster tags (docs/rules.md, "The CNI's cluster tags"): a node subnet another cluster reserved
    /// (its nodes' primary ENIs give no pod an IP, and no ENI of theirs goes there), an ENIConfig subnet the tags
    /// exclude (its ENIs are attached but give no pod an IP), and tags a cluster's VPC CNI does not read.
    /// </summary>
    public void CheckClusterTags(ScenarioDraft d)
    {
        var tagged = Subnets.Values.Where(s => SubnetTags.ReservedFor(s.Tags).Count > 0).ToList();
        foreach (var c in d.Clusters)
        {
            if (c.Cluster?.Name is not { } name)
            {
                continue;
            }

            var cni = c.Cni.Settings;
            var clusterName = cni.ClusterNameFor(name);
            var discovery = cni.SubnetDiscovery && cni.Behaviour.SubnetDiscovery;
            var reads = cni.Behaviour.EnhancedSubnetDiscovery && clusterName.Length > 0;
            if (tagged.Count > 0 && !reads && (c.NodeGroups.Count > 0 || c.NodePools.Count > 0))
            {
                var why = !cni.Behaviour.EnhancedSubnetDiscovery
                    ? $"VPC CNI {cni.Version} is older than {CniVersion.EnhancedSubnetDiscovery}, the first to read them"
                    : "its CLUSTER_NAME is empty, so the VPC CNI skips the cluster tag check";
                Bag.Info(FindingCodes.ClusterTagIgnored, c.Cni.Path,
                    $"{Subjects(tagged)} carry {SubnetTags.ClusterTagPrefix}<name> tags, which cluster {name}'s VPC CNI does not read: {why}");
            }

            if (!cni.Behaviour.EnhancedSubnetDiscovery)
            {
                continue;
            }

            if (cni.CustomNetworking)
            {
                if (!discovery)
                {
                    continue;
                }

                foreach (var (zone, subnetRef) in c.Cni.EniConfigs)
                {
                    if (Subnets.TryGetValue(subnetRef.Id, out var subnet) && SubnetTags.ExcludesPods(subnet.Tags, cni.Version, clusterName))
                    {
                        Bag.Error(FindingCodes.EniConfigSubnetExcluded, subnetRef.Path,
                            $"ENIConfig {zone}'s subnet '{subnet.Id}' is {ExcludedBecause(subnet, clusterName)}: with subnet discovery on, ipamd marks every ENI there as excluded, so cluster {name}'s pods get no IP from it (pkg/ipamd/ipamd.go:1295-1299)");
                    }
                }

                continue;
            }

            foreach (var refs in c.NodeGroups.Select(g => g.Subnets).Concat(c.NodePools.Select(p => p.Subnets)))
            {
                foreach (var subnetRef in refs)
                {
                    if (Subnets.TryGetValue(subnetRef.Id, out var subnet) && SubnetTags.CniTagValue(subnet.Tags) != SubnetTags.CniExcluded
                        && SubnetTags.ExcludesPods(subnet.Tags, cni.Version, clusterName))
                    {
                        Bag.Warning(FindingCodes.SubnetReservedForOtherCluster, subnetRef.Path,
                            $"subnet '{subnet.Id}' is {ExcludedBecause(subnet, clusterName)}: cluster {name}'s VPC CNI (CLUSTER_NAME {clusterName}) creates no ENI there{(discovery ? " and its nodes' primary ENIs give no pod an IP" : "")}");
                    }
                }
            }
        }
    }

    private static string ExcludedBecause(SubnetDraft subnet, string clusterName)
    {
        if (SubnetTags.CniTagValue(subnet.Tags) == SubnetTags.CniExcluded)
        {
            return $"tagged {SubnetTags.CniDiscovery}=0";
        }

        var others = SubnetTags.ReservedFor(subnet.Tags).Where(n => n != clusterName).ToList();
        return $"reserved for cluster{(others.Count == 1 ? "" : "s")} {string.Join(", ", others)} ({SubnetTags.ClusterTagPrefix}{others[0]}{(others.Count == 1 ? "" : ", …")})";
    }

    private static string Subjects(List<SubnetDraft> subnets) =>
        subnets.Count == 1 ? $"subnet '{subnets[0].Id}'" : $"subnets {string.Join(", ", subnets.Take(4).Select(s => $"'{s.Id}'"))}{(subnets.Count > 4 ? $" and {subnets.Count - 4} more" : "")}";
}
