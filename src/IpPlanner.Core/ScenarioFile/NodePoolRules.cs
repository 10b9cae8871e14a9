using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The Karpenter NodePool rules: unique names, subnets, instanceTypes or requirements (not both), and types the
/// catalog has (docs/nodepools.md).
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
            if (pool.InstanceTypesGiven && pool.RequirementsGiven)
            {
                Bag.Error(FindingCodes.NodePoolTypesAndRequirements, $"{pool.Path}.requirements", "give instanceTypes or requirements, not both");
            }
            else if (pool.Allowed(d.Catalog).Count == 0 && !(pool.InstanceTypesGiven && pool.InstanceTypes.Count == 0 && Bag.HasErrors))
            {
                var where = pool.InstanceTypesGiven ? $"{pool.Path}.instanceTypes" : $"{pool.Path}.requirements";
                Bag.Error(FindingCodes.NodePoolNoTypes, where, "allows no instance type of the catalog (check the names and label values, e.g. categories: [m], families: [m5], sizes: [large])");
            }

            if (pool.Pods is { } pods && pods.CpuMillicores == 0 && pods.MemoryBytes == 0 && pods.Count > 0)
            {
                Bag.Error(FindingCodes.EmptyPodRequests, pods.Path, "pending pods need cpu or memory above 0 (e.g. {count: 100, cpu: 250m, memory: 512Mi})");
            }
        }
    }
}
