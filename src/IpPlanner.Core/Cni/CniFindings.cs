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

    /// <summary>The message of <see cref="FindingCodes.PrefixDelegationVersion"/>.</summary>
    public static string PrefixDelegationVersionMessage(CniVersion version) =>
        $"prefix delegation needs VPC CNI {CniVersion.PrefixDelegation} or later; {version} ignores it and uses secondary IPs";

    /// <summary>Why <paramref name="mode"/> ignores prefix delegation asked for on <paramref name="type"/>, in words; null when it does not.</summary>
    public static string? PrefixIgnoredMessage(InstanceType type, CniMode mode, CniVersion version) => mode.Reason switch
    {
        CniModeReason.CniVersion => PrefixDelegationVersionMessage(version),
        CniModeReason.InstanceType => PrefixDelegationUnsupportedMessage(type, ipv6: false),
        _ => null,
    };

    /// <summary>The message of <see cref="PrefixTargetsZero"/>.</summary>
    public const string PrefixTargetsZeroMessage =
        "with prefix delegation, aws-node refuses to start when WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET are all 0, on every instance type: no pod gets an IP and no trunk ENI is attached (set WARM_PREFIX_TARGET=1)";

    /// <summary>The subject of <see cref="FindingCodes.PrefixDelegationVersion"/>: the setting it is about, as the loader names it.</summary>
    public const string CniVersionField = "cni.version";

    /// <summary>
    /// Why prefix delegation, though asked for, is not used on <paramref name="type"/> (the CNI release, or the type:
    /// <see cref="CniMode.Reason"/>, one finding for one reason): about the CNI release (<see cref="CniVersionField"/>,
    /// whatever node or group it is raised for), or about <paramref name="subject"/>, the node or group of the type;
    /// null when it is used or not asked for.
    /// </summary>
    public static Finding? PrefixDelegationFallback(InstanceType type, CniSettings settings, string subject)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        return CniMode.Of(type, settings).Reason switch
        {
            CniModeReason.CniVersion => Finding.Of(FindingCodes.PrefixDelegationVersion, CniVersionField, PrefixDelegationVersionMessage(settings.Version)),
            CniModeReason.InstanceType => Finding.Of(FindingCodes.PrefixDelegationUnsupported, subject, PrefixDelegationUnsupportedMessage(type, ipv6: false)),
            _ => null,
        };
    }

    /// <summary>
    /// A release older than <see cref="CniVersion.OldestModelled"/>: the model follows 1.8.0's rules, which such a
    /// release did not (<see cref="CniBehaviour.Modelled"/>); null for a modelled release.
    /// </summary>
    public static Finding? UnmodelledVersion(CniVersion version, string subject) =>
        new CniBehaviour(version).Modelled
            ? null
            : new Finding(FindingCodes.CniVersionUnmodelled, Severity.Warning, subject,
                $"VPC CNI {version} is older than {CniVersion.OldestModelled}, the oldest release IpPlanner models: before {CniVersion.OldestModelled} WARM_IP_TARGET grew the pool by whole ENIs " +
                $"(and before 1.6.0 there was no MINIMUM_IP_TARGET), so the figures follow {CniVersion.OldestModelled} and may hold fewer addresses than such a node did");

    /// <summary>
    /// Upgrading from the scenario's release to <see cref="CniVersion.Current"/> leaves pods of one node of the group
    /// without an address: both releases run on one <see cref="ScratchNode"/> each, and the changes crossed that move
    /// pods (<see cref="CniChange.MovesPods"/>) are named. Null when the upgrade moves no pod.
    /// </summary>
    public static Finding? UpgradeMovesPods(NodeGroupShape group, CniSettings settings, int nodes, string subject)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(settings);
        var target = CniVersion.Current;
        var crossed = settings.Behaviour.ChangesUpTo(target).Where(c => c.MovesPods).ToList();
        if (crossed.Count == 0)
        {
            return null;
        }

        var now = ScratchNode.Run(group.Type, settings, group.Pods, group.SecurityGroupPods, group.KubeletMaxPods, group.HostNetworkPods);
        var after = ScratchNode.Run(group.Type, settings with { Version = target }, group.Pods, group.SecurityGroupPods, group.KubeletMaxPods, group.HostNetworkPods);
        var lost = now.AssignedIps + now.BranchPods - (after.AssignedIps + after.BranchPods);
        if (lost <= 0)
        {
            return null;
        }

        var changes = string.Join("; ", crossed.Select(c => $"from {c.Version} {c.Summary}"));
        var total = nodes > 1 ? $" ({N(lost * nodes)} on its {N(nodes)} nodes)" : "";
        return new Finding(FindingCodes.CniUpgradeMovesPods, Severity.Warning, subject,
            $"upgrading the VPC CNI from {settings.Version} to {target} moves pods ({changes}): one {group.Type.Name} node then gets addresses for {N(after.AssignedIps + after.BranchPods)} of the " +
            $"{N(now.AssignedIps + now.BranchPods)} pods it runs now, so {N(lost)} pod{(lost == 1 ? "" : "s")} per node wait for an address{total}");
    }

    /// <summary>
    /// EKS Auto Mode nodes that found no fully free /28 and fell back to single addresses (<see cref="AutoModeNetworking"/>):
    /// they run, on fewer addresses per ENI than the /28s would give.
    /// </summary>
    /// <param name="subject">What the finding is about (<c>node m5.large</c>, <c>NodePool general</c>).</param>
    /// <param name="which">Which nodes, as the sentence's subject: "the node", "3 nodes of NodePool general".</param>
    public static Finding AutoModeSingleAddressesFinding(string subject, string which) =>
        new(FindingCodes.AutoModeSingleAddresses, Severity.Info, subject,
            $"{which} found no fully free /28 in the subnet (InsufficientCidrBlocks) and fell back to single secondary addresses, as EKS Auto Mode does; the /28s already held stay, and max pods stays what it was at launch");

    /// <summary>aws-node refuses these settings (<see cref="WarmPoolTargets.IpamdRefuses"/>).</summary>
    public static Finding PrefixTargetsZeroFinding(string subject) =>
        Finding.Of(FindingCodes.PrefixTargetsZero, subject, PrefixTargetsZeroMessage);

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
        return Finding.Of(FindingCodes.MinimumIpTargetAlone, subject,
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
            ? Finding.Of(FindingCodes.WarmIpTargetWastesPrefix, subject,
                $"WARM_IP_TARGET={N(settings.WarmIpTarget)} in prefix mode keeps at least one whole spare /28 ({WarmPoolTargets.IpsPerPrefix} IPs) per node; use WARM_PREFIX_TARGET=1 or a WARM_IP_TARGET below {WarmPoolTargets.IpsPerPrefix}")
            : null;
    }

    /// <summary>
    /// Why security-group pods cannot start on a node of <paramref name="type"/>, as (code, message), in one wording for
    /// the loader (validate, plan) and node: ENABLE_POD_ENI off (<c>sgp-disabled</c>), a type without branch ENIs
    /// (<c>sgp-unsupported-type</c>), or one whose branch-ENI count the catalog does not know (<c>sgp-trunking-unknown</c>,
    /// a warning). Empty when they can; <paramref name="type"/> null (not in the catalog) checks the setting only.
    /// </summary>
    public static IEnumerable<(string Code, string Message)> SecurityGroupPodBlockers(InstanceType? type, bool securityGroupsForPods)
    {
        if (!securityGroupsForPods)
        {
            yield return (FindingCodes.SecurityGroupsForPodsDisabled, "pods with their own security groups need cni.securityGroupsForPods: true (ENABLE_POD_ENI)");
        }

        if (type is null)
        {
            yield break;
        }

        if (type.BranchEnis is null)
        {
            yield return (FindingCodes.SecurityGroupsForPodsTrunkingUnknown, $"the catalog does not know whether {type.Name} supports trunking (branch ENIs); security groups for pods may not work on it");
        }
        else if (!type.SupportsTrunking)
        {
            yield return (FindingCodes.SecurityGroupsForPodsUnsupported, $"{type.Name} cannot trunk (0 branch ENIs), so it cannot run pods with their own security groups (use a Nitro type such as m5.large)");
        }
    }

    /// <summary>Kubelet max pods above what the node's ENIs can supply.</summary>
    public static Finding? MaxPodsAboveEniSupplyFinding(MaxPodsResult maxPods, CniSettings settings, string subject)
    {
        ArgumentNullException.ThrowIfNull(maxPods);
        ArgumentNullException.ThrowIfNull(settings);
        return maxPods.MaxPods > maxPods.Uncapped
            ? Finding.Of(FindingCodes.MaxPodsAboveEniSupply, subject,
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
        if (settings.IpTargetsDefined || settings.WarmEniTarget < 1 || WarmPoolTargets.PrefixMode(group.Type, settings) || WarmPoolTargets.IsPrefixAdvice(advised))
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
        return Finding.Of(FindingCodes.WarmEniTargetIdleIps, subject,
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
