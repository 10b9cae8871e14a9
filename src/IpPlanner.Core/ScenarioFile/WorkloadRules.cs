using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The time simulation's workloads (a known node group, what each kind needs), and whether the scenario has
/// anything to place at all.
/// </summary>
internal sealed class WorkloadRules(ValidationScope scope) : ScenarioRules(scope)
{
    public void CheckWorkloads(ClusterScopeDraft c)
    {
        // A workload runs in its own cluster: it names one of that cluster's node groups.
        var groups = c.NodeGroups.Where(g => g.Name is not null).Select(g => g.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var w in c.Workloads)
        {
            if (w.NodeGroup is { } name && !groups.Contains(name))
            {
                var which = c.Path.Length == 0 ? "" : $" in cluster {c.Cluster?.Name}";
                Bag.Error(FindingCodes.UnknownNodeGroup, $"{w.Path}.nodeGroup", $"no node group{which} is named '{name}'{(groups.Count > 0 ? $" (node groups: {string.Join(", ", groups.Order(StringComparer.Ordinal))})" : "")}");
            }

            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                    if (w.Replicas < 1)
                    {
                        Bag.Error(FindingCodes.MissingField, $"{w.Path}.replicas", "a deployment needs replicas: 1 or more");
                    }

                    if (WorkloadText.ResolveSurge(w.MaxSurge, (int)Math.Min(w.Replicas, int.MaxValue)) is null)
                    {
                        Bag.Error(FindingCodes.InvalidValue, $"{w.Path}.maxSurge", $"'{w.MaxSurge}' is not a maxSurge (expected a count such as 2 or a percentage such as 25%)");
                    }

                    break;
                case WorkloadKind.Jobs:
                    if (w.PerMinute is null or <= 0)
                    {
                        Bag.Error(FindingCodes.MissingField, $"{w.Path}.perMinute", "jobs need perMinute: the mean arrivals per minute, above 0");
                    }

                    if (w.Duration is null or <= 0)
                    {
                        Bag.Error(FindingCodes.MissingField, $"{w.Path}.duration", "jobs need a duration: {distribution: exponential, mean: 2m} or {distribution: lognormal, median: 2m, sigma: 0.5}");
                    }

                    break;
                case WorkloadKind.Scale:
                    if (w.NodeGroup is null)
                    {
                        Bag.Error(FindingCodes.MissingField, $"{w.Path}.nodeGroup", "a scale event needs the nodeGroup it scales");
                    }

                    if (w.At is null || w.Nodes is null)
                    {
                        Bag.Error(FindingCodes.MissingField, w.Path, "a scale event needs at (a time such as 30m) and nodes (the new node count)");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A scenario with no nodes, no NodePools and no Fargate pods (a VPC imported for a new cluster) plans only free room.</summary>
    public void CheckSomethingToPlan(ClusterScopeDraft c)
    {
        if (c.Cluster is not null && c.NodeGroups.Count == 0 && c.NodePools.Count == 0 && c.FargateProfiles.Count == 0)
        {
            Bag.Warning(FindingCodes.NoNodeGroups, c.ClusterPath,
                "no nodeGroups (or nodePools or fargateProfiles) yet: the plan shows only the free room per subnet and zone; add node groups (name, instanceType, subnets, nodes) to plan pods");
        }
    }
}
