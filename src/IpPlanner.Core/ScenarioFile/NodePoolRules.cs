using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The Karpenter NodePool rules: unique names, subnets, instanceTypes or requirements (not both), types the catalog
/// has (a pool that matches none loads: Karpenter skips it, docs/nodepools.md), and EKS Auto Mode's NodeClass, pod
/// subnets and the settings Auto Mode does not have (docs/auto-mode.md).
/// </summary>
internal sealed class NodePoolRules(ValidationScope scope) : ScenarioRules(scope)
{
    /// <summary>Checks cluster <paramref name="c"/>'s NodePools; <paramref name="names"/> holds the node group and NodePool names seen so far in the file.</summary>
    public void CheckNodePools(ScenarioDraft d, ClusterScopeDraft c, Dictionary<string, ElementDraft> names)
    {
        foreach (var pool in c.NodePools)
        {
            CheckUniqueName(names, pool.Name, pool, "NodePool");
            Resolve(pool.Subnets);
            RequireSome(pool.Subnets, $"{pool.Path}.subnets", "a NodePool needs at least one subnet (its EC2NodeClass's)");
            foreach (var budget in pool.Budgets)
            {
                if (budget.Nodes is { } nodes && !Kubernetes.DisruptionBudgets.IsValidNodes(nodes))
                {
                    Bag.Error(FindingCodes.InvalidValue, $"{budget.Path}.nodes", $"'{nodes}' is not valid (expected a node count such as \"5\" or a percentage from 0% to 100% such as \"10%\")");
                }

                for (var r = 0; r < budget.Reasons.Count; r++)
                {
                    if (!Kubernetes.DisruptionBudgets.Reasons.Contains(budget.Reasons[r], StringComparer.Ordinal))
                    {
                        Bag.Error(FindingCodes.InvalidValue, $"{budget.Path}.reasons[{r}]", $"'{budget.Reasons[r]}' is not valid (expected Underutilized, Empty or Drifted)");
                    }
                }
            }

            if (pool.InstanceTypesGiven && pool.RequirementsGiven)
            {
                Bag.Error(FindingCodes.NodePoolTypesAndRequirements, $"{pool.Path}.requirements", "give instanceTypes or requirements, not both");
            }
            else if (pool.Allowed(d.Catalog).Count == 0 && !(pool.InstanceTypesGiven && pool.InstanceTypes.Count == 0 && Bag.HasErrors))
            {
                // scheduler.go:154-171@226646810: Karpenter skips such a pool and schedules the others; its pods stay
                // pending. A warning, so the rest of the cluster still plans.
                var where = pool.InstanceTypesGiven ? $"{pool.Path}.instanceTypes" : $"{pool.Path}.requirements";
                Bag.Warning(FindingCodes.NodePoolNoTypes, where, "allows no instance type of the catalog, so Karpenter skips this NodePool (\"NodePool requirements filtered out all compatible available instance types\") and its pods stay pending (check the names and label values, e.g. categories: [m], families: [m5], sizes: [large])");
            }

            CheckAutoMode(c, pool);

            if (pool.Pods is { } pods && pods.CpuMillicores == 0 && pods.MemoryBytes == 0 && pods.Count > 0)
            {
                Bag.Error(FindingCodes.EmptyPodRequests, pods.Path, "pending pods need cpu or memory above 0 (e.g. {count: 100, cpu: 250m, memory: 512Mi})");
            }
        }

        CheckAutoModeCluster(c);
    }

    /// <summary>One NodePool's Auto Mode settings: a nodeClass needs Auto Mode, kubelet maxPods is not Auto Mode's, and pod subnets cover the nodes' zones.</summary>
    private void CheckAutoMode(ClusterScopeDraft c, NodePoolDraft pool)
    {
        var autoMode = c.Cluster?.AutoMode == true;
        if (pool.NodeClass is { } nodeClass && !autoMode)
        {
            Bag.Warning(FindingCodes.AutoModeSettingIgnored, nodeClass.Path, "nodeClass is EKS Auto Mode's NodeClass and only applies with cluster.autoMode: true; this NodePool's nodes run the VPC CNI of cni");
        }

        if (pool.MaxPods is not null && autoMode)
        {
            Bag.Warning(FindingCodes.AutoModeSettingIgnored, $"{pool.Path}.maxPods", $"EKS Auto Mode's NodeClass has no kubelet maxPods: Auto Mode sets max pods itself (at most {AutoModeNetworking.MaxPodsCap}), so this value is ignored");
        }

        if (!autoMode || pool.NodeClass is not { PodSubnets.Count: > 0 } withPods || Resolve(withPods.PodSubnets) is not { } podSubnets || Resolve(pool.Subnets) is not { } nodeSubnets)
        {
            return;
        }

        var podZones = podSubnets.Select(s => s.Zone).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var zone in nodeSubnets.Select(s => s.Zone).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!podZones.Contains(zone))
            {
                Bag.Error(FindingCodes.AutoModePodSubnetMissing, $"{withPods.Path}.podSubnets",
                    $"this NodePool launches nodes in {zone}, but no pod subnet is in {zone}: Auto Mode puts pod ENIs only in a pod subnet of the node's zone, so their pods fail with \"failed to assign an IP address to container\" (add a pod subnet in {zone})");
            }
        }
    }

    /// <summary>The settings an Auto Mode cluster does not have: the VPC CNI's warm-pool knobs and Karpenter's RESERVED_ENIS.</summary>
    private void CheckAutoModeCluster(ClusterScopeDraft c)
    {
        if (c.Cluster?.AutoMode != true)
        {
            return;
        }

        // "EKS Auto Mode does not support: ... Warm IP, warm prefix, and warm ENI configurations. Minimum IP targets
        // configuration." (EKS User Guide, auto-networking). The knobs still size the file's node groups.
        string[] knobs = ["warmEniTarget", "warmIpTarget", "minimumIpTarget", "warmPrefixTarget"];
        var given = knobs.Where(k => Bag.Positions.ContainsKey(c.CniField(k))).ToList();
        if (given.Count > 0 && c.NodePools.Count > 0)
        {
            Bag.Warning(FindingCodes.AutoModeWarmPoolSettings, c.CniField(given[0]),
                $"EKS Auto Mode has no warm IP, warm prefix, warm ENI or minimum IP settings: cni.{string.Join(", cni.", given)} size the node groups' VPC CNI only, never the NodePools' Auto Mode nodes");
        }

        if (c.Karpenter is { ReservedEnis: > 0 })
        {
            Bag.Warning(FindingCodes.AutoModeSettingIgnored, c.Field("karpenter.reservedEnis"), $"EKS Auto Mode runs Karpenter for you and sets max pods itself (at most {AutoModeNetworking.MaxPodsCap}): karpenter.reservedEnis is ignored");
        }
    }
}
