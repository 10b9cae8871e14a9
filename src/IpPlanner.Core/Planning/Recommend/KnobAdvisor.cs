using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>
/// Warm-pool knob advice for a scenario at its current node counts: the advised targets
/// (<see cref="WarmPoolTargets.Advise"/>) planned next to the current ones, subnet by subnet, ranked by the
/// addresses they free.
/// </summary>
internal static class KnobAdvisor
{
    /// <summary>
    /// The advice, largest saving first; empty without node groups, or when every node really runs prefix delegation
    /// (the advised targets are then the WARM_PREFIX_TARGET=1 the warm-pool strategy plans), or the settings already
    /// are the advice, or when no group raises the plan's <c>warm-eni-target-idle-ips</c> (a node would free less than
    /// one ENI's addresses): recommend advises where plan and node do, no more.
    /// </summary>
    public static IReadOnlyList<KnobAdvice> For(ProvisionedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var advice = new List<KnobAdvice>();
        var advised = scenario.AdvisedCni();
        if (scenario.AllNodeGroups.Count == 0 || WarmPoolTargets.IsPrefixAdvice(advised) || advised == scenario.Cni)
        {
            return advice;
        }

        var now = ClusterState.BuildPlanned(scenario);
        var running = now.Nodes.Where(n => n.Failure == PodFailure.None).CountBy(n => n.Group.Name, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        if (!scenario.AllNodeGroups.Any(g => PlanWarnings.IdleWarmIps(scenario, g, advised, running.GetValueOrDefault(g.Name)) is not null))
        {
            return advice;
        }

        var change = $"MINIMUM_IP_TARGET={advised.MinimumIpTarget}, WARM_IP_TARGET={advised.WarmIpTarget}";
        var tuned = ClusterState.BuildPlanned(scenario with { Cni = advised });
        var before = now.Subnets.ToDictionary(s => s.Spec.Id, s => s.Space.InUse, StringComparer.Ordinal);
        foreach (var subnet in tuned.Subnets)
        {
            var freed = before[subnet.Spec.Id] - subnet.Space.InUse;
            if (freed <= 0)
            {
                continue;
            }

            var space = now.Subnet(subnet.Spec.Id).Space;
            var nodes = now.Nodes.Where(n => n.Node.Enis.ToArray().Any(e => e.Role == EniRole.Secondary && e.Subnet == space) || (n.Subnet.Spec.Id == subnet.Spec.Id && !scenario.Cni.CustomNetworking)).ToList();
            var idle = nodes.Count == 0 ? 0 : nodes.Sum(n => n.Node.AvailableIps) / nodes.Count;
            var current = scenario.Cni.IpTargetsDefined
                ? $"WARM_IP_TARGET={scenario.Cni.WarmIpTarget}, MINIMUM_IP_TARGET={scenario.Cni.MinimumIpTarget}"
                : $"WARM_ENI_TARGET={scenario.Cni.WarmEniTarget}";
            advice.Add(new KnobAdvice(
                change,
                subnet.Spec.Id,
                freed,
                string.Create(CultureInfo.InvariantCulture, $"{current} holds {idle:N0} idle IPs per node on {nodes.Count:N0} node{(nodes.Count == 1 ? "" : "s")}: {change} frees {freed:N0} addresses in {subnet.Spec.Id}")));
        }

        return [.. advice.OrderByDescending(a => a.AddressesFreed).ThenBy(a => a.Subnet, StringComparer.Ordinal)];
    }
}
