using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Cni;


/// <summary>The CNI settings that change the max-pods formula (the flags of AWS's max-pods-calculator.sh).</summary>
public sealed record MaxPodsOptions
{
    /// <summary>The VPC CNI release; prefix delegation needs 1.9 or later.</summary>
    public CniVersion CniVersion { get; init; } = CniVersion.Current;

    /// <summary>AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: the primary ENI carries no pods.</summary>
    public bool CustomNetworking { get; init; }

    /// <summary>ENABLE_PREFIX_DELEGATION: each slot holds a /28 (16 pods).</summary>
    public bool PrefixDelegation { get; init; }

    /// <summary>MAX_ENI, when set (must be >= 1).</summary>
    public int? MaxEni { get; init; }

    /// <summary>ENABLE_POD_ENI: the trunk ENI takes one ENI slot away from the IP pool.</summary>
    public bool SecurityGroupsForPods { get; init; }

    /// <summary>Skip the 110/250 cap, like the script's --show-max-allowed.</summary>
    public bool ShowMaxAllowed { get; init; }

    /// <summary>A kubelet maxPods set by the user; it wins over the formula.</summary>
    public int? KubeletMaxPods { get; init; }

    /// <summary>EKS Auto Mode: the formula's result, capped at 110 whatever the vCPUs (<see cref="AutoModeNetworking.MaxPodsCap"/>).</summary>
    public bool AutoMode { get; init; }

    /// <summary>The options a node with these CNI settings (and an optional kubelet override) runs under.</summary>
    public static MaxPodsOptions For(CniSettings settings, int? kubeletMaxPods)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new MaxPodsOptions
        {
            CniVersion = settings.Version,
            CustomNetworking = settings.CustomNetworking,
            PrefixDelegation = settings.PrefixDelegation,
            MaxEni = settings.MaxEni,
            SecurityGroupsForPods = settings.SecurityGroupsForPods,
            KubeletMaxPods = kubeletMaxPods,
            AutoMode = settings.AutoMode,
        };
    }
}

/// <summary>One line of the max-pods derivation, for JSON output and reports.</summary>
public sealed record MaxPodsStep(string Name, int Value, string Explanation);

/// <summary>The max-pods answer for one instance type and CNI mode, with every step of the formula.</summary>
public sealed record MaxPodsResult(
    string InstanceType,
    int Vcpus,
    int Enis,
    int PodEnis,
    int SlotsPerEni,
    int IpsPerSlot,
    bool PrefixDelegation,
    int Uncapped,
    int Cap,
    int MaxPods,
    IReadOnlyList<MaxPodsStep> Steps,
    IReadOnlyList<string> Notes);

/// <summary>
/// Max pods per node (docs/rules.md, "Max pods and host-network pods"), with the semantics of AWS's max-pods-calculator.sh:
/// <c>podEnis * slots * (16 with prefix delegation) + 2</c>, capped at 110 (<= 30 vCPUs) or 250.
/// </summary>
public static class MaxPodsCalculator
{
    /// <summary>Host-network pods (aws-node, kube-proxy) that use the node's own IP.</summary>
    public const int HostNetworkPods = 2;

    /// <summary>
    /// VPC-IP pods one node can run: kubelet max pods less its host-network and security-group pods, and never more
    /// than the ENIs supply (the uncapped formula less its own host-network allowance).
    /// </summary>
    public static int VpcIpPodsPerNode(MaxPodsResult maxPods, int hostNetworkPods, int securityGroupPods)
    {
        ArgumentNullException.ThrowIfNull(maxPods);
        var eniSupply = maxPods.Uncapped - HostNetworkPods;
        return Math.Max(0, Math.Min(maxPods.MaxPods - hostNetworkPods - securityGroupPods, eniSupply));
    }

    /// <summary>The max-pods cap AWS recommends for a type: 110 up to 30 vCPUs, 250 above.</summary>
    public static int RecommendedCap(InstanceType type) => type.Vcpus is > 30 ? 250 : 110;

    /// <summary>ENIs the CNI may attach: min(MAX_ENI, the default card's limit).</summary>
    public static int EffectiveEnis(InstanceType type, int? maxEni) =>
        maxEni is { } m ? Math.Min(m, type.MaxEnis) : type.MaxEnis;

    /// <summary>The CNI mode a node of <paramref name="type"/> runs in under <paramref name="options"/> (<see cref="Cni.CniMode"/>).</summary>
    public static CniMode Mode(InstanceType type, MaxPodsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CniMode.Of(type, options.PrefixDelegation, options.CniVersion);
    }

    /// <summary>Whether prefix delegation really applies (it silently falls back otherwise).</summary>
    public static bool PrefixDelegationApplies(InstanceType type, MaxPodsOptions options) => Mode(type, options).PrefixMode;

    /// <summary>Computes max pods. Throws <see cref="InputException"/> for impossible settings.</summary>
    public static MaxPodsResult Calculate(InstanceType type, MaxPodsOptions options)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxEni is < 1)
        {
            throw new InputException($"MAX_ENI: {options.MaxEni} is not valid (expected an ENI count of 1 or more)");
        }

        if (options.KubeletMaxPods is < 1)
        {
            throw new InputException($"maxPods: {options.KubeletMaxPods} is not valid (expected 1 or more)");
        }

        var steps = new List<MaxPodsStep>();
        var notes = new List<string>();
        var enis = EffectiveEnis(type, options.MaxEni);
        steps.Add(new MaxPodsStep("enis", enis, options.MaxEni is { } m && m < type.MaxEnis
            ? $"MAX_ENI={m} limits the {type.MaxEnis} ENIs of network card 0"
            : $"{type.MaxEnis} ENIs on network card 0"));

        var podEnis = enis;
        if (options.CustomNetworking)
        {
            podEnis--;
            steps.Add(new MaxPodsStep("customNetworking", podEnis, "custom networking: the primary ENI carries no pods"));
        }

        if (options.SecurityGroupsForPods)
        {
            var release = new CniBehaviour(options.CniVersion);
            if (type.SupportsTrunking && release.TrunkCarriesPods)
            {
                notes.Add($"before VPC CNI {CniVersion.TrunkCarriesNoPods} ipamd also puts pod IPs on the trunk ENI, so the trunk takes no ENI slot from pods");
            }
            else if (type.SupportsTrunking)
            {
                podEnis--;
                steps.Add(new MaxPodsStep("trunkEni", podEnis, "security groups for pods: the trunk ENI takes one ENI slot"));
            }
            else if (release.ReservesTrunkSlotOnAnyType)
            {
                podEnis--;
                steps.Add(new MaxPodsStep("trunkEni", podEnis, $"security groups for pods: before VPC CNI {CniVersion.TrunkSlotOnlyOnTrunkTypes} ipamd keeps one ENI for a trunk even on {type.Name}, which cannot trunk"));
            }
            else
            {
                notes.Add($"{type.Name} cannot trunk (no branch ENIs): security groups for pods does not apply");
            }
        }

        podEnis = Math.Max(podEnis, 0);
        var slots = type.SlotsPerEni;
        steps.Add(new MaxPodsStep("slotsPerEni", slots, $"{type.Ipv4PerEni} IPv4 addresses per ENI minus its primary"));

        var mode = Mode(type, options);
        var prefix = mode.PrefixMode;
        if (CniFindings.PrefixIgnoredMessage(type, mode, options.CniVersion) is { } fallback)
        {
            notes.Add(fallback);
        }
        else if (prefix && type.BareMetal && !type.IsNitro)
        {
            notes.Add($"{type.Name} is bare metal: the VPC CNI allows prefix delegation (AWS's old max-pods-calculator.sh does not and would print the secondary-IP value)");
        }

        var ipsPerSlot = prefix ? 16 : 1;
        if (prefix)
        {
            steps.Add(new MaxPodsStep("ipsPerSlot", 16, "prefix delegation: each slot holds a /28 prefix (16 addresses)"));
        }

        var uncapped = (podEnis * slots * ipsPerSlot) + HostNetworkPods;
        steps.Add(new MaxPodsStep("formula", uncapped, $"{podEnis} ENIs x {slots} slots x {ipsPerSlot} + {HostNetworkPods} host-network pods"));

        var cap = options.AutoMode ? AutoModeNetworking.MaxPodsCap : RecommendedCap(type);
        if (type.Vcpus is null && !options.AutoMode)
        {
            notes.Add($"{type.Name} has no known vCPU count: the 110 cap is assumed");
        }

        int maxPods;
        if (options.KubeletMaxPods is { } kubelet)
        {
            maxPods = kubelet;
            steps.Add(new MaxPodsStep("kubeletMaxPods", kubelet, "a kubelet maxPods set by the user wins over the formula"));
            if (kubelet > uncapped)
            {
                notes.Add($"kubelet maxPods {kubelet} is above the {uncapped} pods the ENIs can supply: pods beyond that stay in ContainerCreating");
            }
        }
        else if (options.AutoMode)
        {
            maxPods = Math.Min(uncapped, cap);
            steps.Add(new MaxPodsStep("maxPods", maxPods, $"EKS Auto Mode caps max pods at {cap}"));
        }
        else if (options.ShowMaxAllowed)
        {
            maxPods = uncapped;
            steps.Add(new MaxPodsStep("maxPods", uncapped, "the formula without the 110/250 cap (max-pods-calculator.sh's show-max-allowed)"));
        }
        else
        {
            maxPods = Math.Min(uncapped, cap);
            steps.Add(new MaxPodsStep("maxPods", maxPods, $"capped at {cap} ({(cap == 250 ? "more than 30 vCPUs" : "30 vCPUs or fewer")})"));
        }

        return new MaxPodsResult(type.Name, type.Vcpus ?? 0, enis, podEnis, slots, ipsPerSlot, prefix, uncapped, cap, maxPods, steps, notes);
    }
}
