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
    public void CheckCluster(ScenarioDraft d)
    {
        if (d.Cluster is not { } cluster)
        {
            return;
        }

        var resolved = Resolve(cluster.ControlPlaneSubnets);
        if (resolved is not null && Bag.Positions.ContainsKey("cluster.controlPlaneSubnets"))
        {
            var zones = Zones(resolved);
            if (resolved.Count == 0 && cluster.ControlPlaneSubnets.Count == 0)
            {
                // An empty list is a cluster not created yet (import of a VPC without one): the plan still shows the
                // room the subnets have, so say what is missing instead of refusing the file.
                Bag.Warning(FindingCodes.ControlPlaneSubnetsUnchosen, "cluster.controlPlaneSubnets",
                    "no control plane subnets chosen yet: pick subnets in at least 2 Availability Zones (EKS puts up to 4 ENIs in them); until then the plan places no control plane ENIs");
            }
            else if (zones is not null && zones.Count < 2)
            {
                var which = zones.Count == 0 ? "none are given" : $"all are in {zones[0]}";
                Bag.Error(FindingCodes.ControlPlaneZones, "cluster.controlPlaneSubnets", $"EKS needs control plane subnets in at least 2 Availability Zones; {which}");
            }
        }

        var cni = d.Cni.Settings;
        if (cluster.IpFamily == IpFamily.Ipv6)
        {
            if (cni.CustomNetworking)
            {
                Bag.Error(FindingCodes.Ipv6CustomNetworking, "cni.customNetworking", "custom networking is not supported on IPv6 clusters (set customNetworking: false or ipFamily: ipv4)");
            }

            if (!cni.PrefixDelegation)
            {
                Bag.Error(FindingCodes.Ipv6RequiresPrefixDelegation, Bag.Positions.ContainsKey("cni.prefixDelegation") ? "cni.prefixDelegation" : "cluster.ipFamily", "IPv6 clusters always run the VPC CNI with prefix delegation (set cni.prefixDelegation: true)");
            }
        }
    }

    public void CheckCni(ScenarioDraft d)
    {
        var cni = d.Cni.Settings;
        foreach (var (zone, subnetRef) in d.Cni.EniConfigs)
        {
            if (Resolve(subnetRef) is { Zone: { } subnetZone } subnet && zone != CniSettings.DefaultEniConfig && subnetZone != zone)
            {
                Bag.Error(FindingCodes.EniConfigZoneMismatch, subnetRef.Path, $"subnet '{subnet.Id}' is in {subnetZone}, but this ENIConfig serves nodes in {zone}; an ENIConfig's subnet must be in its nodes' zone");
            }
        }

        if (d.Cni.EniConfigs.Count > 0 && !cni.CustomNetworking)
        {
            Bag.Warning(FindingCodes.EniConfigIgnored, "cni.eniConfigs", "ENIConfigs only take effect with customNetworking: true; pods get IPs from the node subnets");
        }

        if (CniFindings.UnmodelledVersion(cni.Version, "cni") is { } unmodelled)
        {
            Bag.Warning(FindingCodes.CniVersionUnmodelled, "cni.version", unmodelled.Message);
        }

        if (cni.PrefixDelegation && !cni.Behaviour.PrefixDelegation)
        {
            Bag.Warning(FindingCodes.PrefixDelegationVersion, CniFindings.CniVersionField, CniFindings.PrefixDelegationVersionMessage(cni.Version));
        }

        // A warning, not an input error: the scenario is valid and the plan shows what it means (no pod starts).
        if (WarmPoolTargets.IpamdRefuses(cni))
        {
            Bag.Warning(FindingCodes.PrefixTargetsZero, Bag.Positions.ContainsKey("cni.warmPrefixTarget") ? "cni.warmPrefixTarget" : "cni.prefixDelegation",
                CniFindings.PrefixTargetsZeroMessage);
        }

        if (cni.MultiNic && cni.Version < CniVersion.MultiNic)
        {
            Bag.Warning(FindingCodes.MultiNicIgnored, "cni.multiNic", $"ENABLE_MULTI_NIC needs VPC CNI {CniVersion.MultiNic} or later; {cni.Version} uses the default network card only");
        }
        else if (cni.MultiNic && d.Cluster?.AutoMode == true)
        {
            Bag.Warning(FindingCodes.MultiNicIgnored, "cni.multiNic", "EKS Auto Mode nodes do not run the VPC CNI add-on, so ENABLE_MULTI_NIC does not apply to them");
        }
        else if (!cni.MultiNic && cni.EfaOnlyCards.Count > 0)
        {
            Bag.Warning(FindingCodes.MultiNicIgnored, "cni.efaOnlyCards", "efaOnlyCards only matters with cni.multiNic: true (without it ipamd manages the default network card only)");
        }

        if (cni.ExternalSnat && d.NatGateways.Count == 0)
        {
            Bag.Warning(FindingCodes.ExternalSnatWithoutNat, "cni.externalSnat", "external SNAT sends pod traffic through a NAT gateway, but the scenario has none (add natGateways)");
        }
    }
}
