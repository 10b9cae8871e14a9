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
    public void CheckNodePools(ScenarioDraft d)
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
