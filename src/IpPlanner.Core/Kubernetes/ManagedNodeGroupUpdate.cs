using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// How EKS rolls a managed node group's nodes in a version update (docs/rules.md, "Node group updates"): it raises
/// the Auto Scaling group's desired and maximum size by the larger of twice the group's Availability Zones and
/// maxUnavailable (DEFAULT strategy; MINIMAL adds none), replaces the old nodes maxUnavailable at a time, then scales
/// back. EKS User Guide, "Understand each phase of node updates"; EKS API, NodegroupUpdateConfig.
/// </summary>
public static class ManagedNodeGroupUpdate
{
    /// <summary>The most nodes EKS updates at once ("The maximum unavailable has a quota of 100 nodes").</summary>
    public const int MaxUnavailableLimit = 100;

    /// <summary>
    /// Nodes updated at once: <c>maxUnavailable</c>, or <c>maxUnavailablePercentage</c> of <paramref name="nodes"/>
    /// rounded up (AWS does not say how it rounds; up never under-counts the surge), at least 1 and at most 100; 1
    /// when neither is given (EKS's default).
    /// </summary>
    public static int MaxUnavailable(UpdateConfigSpec? config, int nodes)
    {
        if (config?.MaxUnavailable is { } count)
        {
            return Math.Clamp(count, 1, MaxUnavailableLimit);
        }

        if (config?.MaxUnavailablePercentage is { } percent)
        {
            var scaled = ((percent * (long)Math.Max(nodes, 0)) + 99) / 100;
            return (int)Math.Clamp(scaled, 1, MaxUnavailableLimit);
        }

        return 1;
    }

    /// <summary>
    /// Nodes the group grows by while old and new run side by side: max(2 x <paramref name="zones"/>, maxUnavailable)
    /// under DEFAULT, 0 under MINIMAL. The documentation says "up to" twice the zones; reports see the full number
    /// (aws/containers-roadmap#1560), so the plan counts it.
    /// </summary>
    public static int Surge(UpdateConfigSpec? config, int nodes, int zones)
    {
        if (config?.Strategy == UpdateStrategy.Minimal || nodes <= 0)
        {
            return 0;
        }

        return Math.Max(2 * Math.Max(zones, 1), MaxUnavailable(config, nodes));
    }
}
