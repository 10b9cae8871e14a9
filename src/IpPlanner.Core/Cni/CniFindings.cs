using System.Globalization;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Cni;

/// <summary>
/// The findings about CNI settings on a node type, each with its one code, severity and message, whichever verb
/// raises it: <c>node</c> for its one node, the plan for each node group (or once for the cluster when the rule is
/// about the settings alone), the scenario loader where it can point at a field. docs/rules.md lists each rule.
/// </summary>
internal static class CniFindings
{
    /// <summary>The message of <see cref="FindingCodes.PrefixDelegationUnsupported"/>; on IPv6 it is an error, not a fallback.</summary>
    public static string PrefixDelegationUnsupportedMessage(InstanceType type, bool ipv6)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"{type.Name} is not Nitro-based, so it cannot use prefix delegation: " +
            (ipv6 ? "IPv6 clusters need Nitro-based instance types" : "the VPC CNI silently falls back to secondary IPs on it");
    }

    /// <summary>The message of <see cref="PrefixDelegationVersion"/>.</summary>
    public static string PrefixDelegationVersionMessage(CniVersion version) =>
        $"prefix delegation needs VPC CNI {CniVersion.PrefixDelegation} or later; {version} ignores it and uses secondary IPs";

    /// <summary>The message of <see cref="PrefixTargetsZero"/>.</summary>
    public const string PrefixTargetsZeroMessage =
        "with prefix delegation, aws-node refuses to start when WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET are all 0, on every instance type: no pod gets an IP and no trunk ENI is attached (set WARM_PREFIX_TARGET=1)";

    /// <summary>
    /// Why prefix delegation, though asked for, is not used on <paramref name="type"/> (the type, or the CNI release),
    /// as a finding about <paramref name="subject"/>; null when it is used or not asked for.
    /// </summary>
    public static Finding? PrefixDelegationFallback(InstanceType type, CniSettings settings, string subject)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.PrefixDelegation)
        {
            return null;
        }

        if (settings.Version < CniVersion.PrefixDelegation)
        {
            return new Finding(FindingCodes.PrefixDelegationVersion, Severity.Warning, subject, PrefixDelegationVersionMessage(settings.Version));
        }

        return type.SupportsPrefixDelegation
            ? null
            : new Finding(FindingCodes.PrefixDelegationUnsupported, Severity.Warning, subject, PrefixDelegationUnsupportedMessage(type, ipv6: false));
    }

    /// <summary>aws-node refuses these settings (<see cref="WarmPoolTargets.IpamdRefuses"/>).</summary>
    public static Finding PrefixTargetsZeroFinding(string subject) =>
        new(FindingCodes.PrefixTargetsZero, Severity.Warning, subject, PrefixTargetsZeroMessage);

    /// <summary>
    /// MINIMUM_IP_TARGET without WARM_IP_TARGET: the pool stops at the minimum, rounded to whole /28s on nodes in
    /// prefix mode. <paramref name="prefixModes"/> says which modes the affected nodes run in.
    /// </summary>
    public static Finding? MinimumIpTargetAloneFinding(CniSettings settings, IEnumerable<bool> prefixModes, string subject)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(prefixModes);
        if (!WarmPoolTargets.MinimumWithoutWarm(settings))
        {
            return null;
        }

        var modes = prefixModes.Distinct().OrderByDescending(m => m).ToList();
        var ceilings = modes.Count == 0
            ? Ceiling(settings, prefixMode: false)
            : string.Join(" and ", modes.Select(m => modes.Count == 1
                ? Ceiling(settings, m)
                : $"{Ceiling(settings, m)} {(m ? "in prefix mode" : "in secondary-IP mode")}"));
        return new Finding(FindingCodes.MinimumIpTargetAlone, Severity.Warning, subject,
            $"MINIMUM_IP_TARGET={N(settings.MinimumIpTarget)} without WARM_IP_TARGET: a node's pool never grows past {ceilings}, so pods beyond that fail; set WARM_IP_TARGET too");
    }

    private static string Ceiling(CniSettings settings, bool prefixMode)
    {
        var ceiling = WarmPoolTargets.PoolCeiling(settings, prefixMode);
        return prefixMode && ceiling != settings.MinimumIpTarget
            ? $"{N(ceiling)} IPs ({N(WarmPoolTargets.WholePrefixes(ceiling))} whole /28s)"
            : $"{N(ceiling)} IPs";
    }

    /// <summary>WARM_IP_TARGET of 16 or more on nodes in prefix mode.</summary>
    public static Finding? WarmIpTargetWastesPrefixFinding(CniSettings settings, bool anyPrefixMode, string subject)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return WarmPoolTargets.WarmIpTargetWastesPrefix(settings, anyPrefixMode)
            ? new Finding(FindingCodes.WarmIpTargetWastesPrefix, Severity.Warning, subject,
                $"WARM_IP_TARGET={N(settings.WarmIpTarget)} in prefix mode keeps at least one whole spare /28 ({WarmPoolTargets.IpsPerPrefix} IPs) per node; use WARM_PREFIX_TARGET=1 or a WARM_IP_TARGET below {WarmPoolTargets.IpsPerPrefix}")
            : null;
    }

    /// <summary>Kubelet max pods above what the node's ENIs can supply.</summary>
    public static Finding? MaxPodsAboveEniSupplyFinding(MaxPodsResult maxPods, CniSettings settings, string subject)
    {
        ArgumentNullException.ThrowIfNull(maxPods);
        ArgumentNullException.ThrowIfNull(settings);
        return maxPods.MaxPods > maxPods.Uncapped
            ? new Finding(FindingCodes.MaxPodsAboveEniSupply, Severity.Warning, subject,
                $"kubelet max pods {N(maxPods.MaxPods)} on {maxPods.InstanceType} is above the {N(maxPods.Uncapped)} pods its ENIs can supply{(settings.CustomNetworking ? " with custom networking (the primary ENI carries no pods)" : "")}: pods beyond that stay in ContainerCreating")
            : null;
    }

    /// <summary>
    /// ENIs ipamd does not manage take ENI slots, but kubelet's max pods stays what the formula gives for the whole
    /// type (README.md:822-825@b521883: "Attaching an ENI with the no_manage tag will result in an incorrect value for
    /// the Kubelet's --max-pods"): a warning when the ENIs left for pods supply fewer pods than max pods.
    /// </summary>
    public static Finding? UnmanagedEnisBelowMaxPodsFinding(MaxPodsResult maxPods, CniSettings settings, Catalog.InstanceType type, int unmanagedEnis, int hostNetworkPods, string subject)
    {
        ArgumentNullException.ThrowIfNull(maxPods);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(type);
        if (unmanagedEnis <= 0)
        {
            return null;
        }

        var trunk = settings.SecurityGroupsForPods && type.SupportsTrunking ? 1 : 0;
        var forPods = Math.Max(0, MaxPodsCalculator.EffectiveEnis(type, settings.MaxEni) - unmanagedEnis - trunk - (settings.CustomNetworking ? 1 : 0));
        var podIps = forPods * type.SlotsPerEni * (maxPods.PrefixDelegation ? 16 : 1);
        return podIps + hostNetworkPods >= maxPods.MaxPods
            ? null
            : new Finding(FindingCodes.UnmanagedEnisBelowMaxPods, Severity.Warning, subject,
                $"{N(unmanagedEnis)} unmanaged ENI{(unmanagedEnis == 1 ? "" : "s")} leave{(unmanagedEnis == 1 ? "s" : "")} {type.Name} {N(forPods)} ENI{(forPods == 1 ? "" : "s")} for pods{(settings.CustomNetworking ? " (the primary ENI carries none under custom networking)" : "")}: {N(podIps)} pod IPs and {N(hostNetworkPods)} host-network pods, below kubelet max pods {N(maxPods.MaxPods)}, which the VPC CNI does not lower for them; pods beyond that stay in ContainerCreating");
    }

    /// <summary>
    /// WARM_ENI_TARGET (no IP targets, secondary-IP mode) on a node that would hold at least one whole ENI's worth
    /// of addresses fewer under the advised targets (<see cref="WarmPoolTargets.Advise"/>): both measured on one
    /// <see cref="ScratchNode"/> at <paramref name="pods"/>. With <paramref name="groupName"/> (the plan) the message
    /// ends with the total on the group's <paramref name="nodes"/> and names the group, so two groups of one type and
    /// pod count (a NodePool's per-subnet groups) read apart; without it (one node) <paramref name="nodes"/> above 1
    /// adds the total.
    /// </summary>
    public static Finding? WarmEniTargetIdle(NodeGroupShape group, CniSettings settings, CniSettings advised, int nodes, string subject, string? groupName = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(advised);
        if (settings.IpTargetsDefined || settings.WarmEniTarget < 1 || WarmPoolTargets.PrefixMode(group.Type, settings, group.KubeletMaxPods))
        {
            return null;
        }

        var now = ScratchNode.Run(group.Type, settings, group.Pods, group.SecurityGroupPods, group.KubeletMaxPods, group.HostNetworkPods);
        var tuned = ScratchNode.Run(group.Type, advised, group.Pods, group.SecurityGroupPods, group.KubeletMaxPods, group.HostNetworkPods);
        var freed = now.SubnetIpsUsed - tuned.SubnetIpsUsed;
        if (freed < group.Type.SlotsPerEni || tuned.AssignedIps < now.AssignedIps)
        {
            return null;
        }

        var total = groupName is not null ? $" ({N(freed * nodes)} on {N(nodes)} node{(nodes == 1 ? "" : "s")} of group {groupName})"
            : nodes > 1 ? $" ({N(freed * nodes)} on {N(nodes)} nodes)" : "";
        return new Finding(FindingCodes.WarmEniTargetIdleIps, Severity.Info, subject,
            $"WARM_ENI_TARGET={N(settings.WarmEniTarget)} keeps {N(now.TotalIps - now.AssignedIps)} idle IPs on one {group.Type.Name} node with {N(group.Pods)} pod{(group.Pods == 1 ? "" : "s")}; " +
            $"MINIMUM_IP_TARGET={N(advised.MinimumIpTarget)}, WARM_IP_TARGET={N(advised.WarmIpTarget)} would keep {N(tuned.TotalIps - tuned.AssignedIps)} and free {N(freed)} addresses per node{total}");
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>What one node of a group runs: its type and pods, as the warm-pool rules need them.</summary>
internal sealed record NodeGroupShape(InstanceType Type, int Pods)
{
    /// <summary>Security-group pods (branch ENIs).</summary>
    public int SecurityGroupPods { get; init; }

    /// <summary>A kubelet maxPods override.</summary>
    public int? KubeletMaxPods { get; init; }

    /// <summary>Host-network pods (they count against max pods only).</summary>
    public int HostNetworkPods { get; init; } = MaxPodsCalculator.HostNetworkPods;
}
