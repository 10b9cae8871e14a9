using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>
/// The one home of ipamd's warm-target arithmetic that more than the node engine needs: the /28 rounding of
/// MINIMUM_IP_TARGET in prefix mode, how far a pool grows without WARM_IP_TARGET, when aws-node refuses its
/// settings, and the targets the CNI's own guide advises for a pod count (docs/rules.md, "The warm pool").
/// </summary>
internal static class WarmPoolTargets
{
    /// <summary>Addresses in one delegated /28 prefix.</summary>
    public const int IpsPerPrefix = 16;

    /// <summary>The WARM_IP_TARGET the CNI's guide advises alongside a MINIMUM_IP_TARGET sized to the pods.</summary>
    public const int AdvisedWarmIpTarget = 2;

    /// <summary>How far above the expected pods the advised MINIMUM_IP_TARGET sits ("around 10 pods ... like 12").</summary>
    public const int AdvisedMinimumAbovePods = 2;

    /// <summary>
    /// MINIMUM_IP_TARGET as ipamd applies it: in prefix mode rounded up to whole /28s
    /// (<c>DivCeil(minimumIPTarget, 16) * 16</c>), else as set. 0 when unset.
    /// </summary>
    public static int EffectiveMinimumIpTarget(CniSettings settings, bool prefixMode)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return prefixMode && settings.MinimumIpTarget > 0 ? WholePrefixes(settings.MinimumIpTarget) * IpsPerPrefix : settings.MinimumIpTarget;
    }

    /// <summary>Whole /28 prefixes that hold <paramref name="ips"/> addresses.</summary>
    public static int WholePrefixes(int ips) => ips <= 0 ? 0 : ((ips - 1) / IpsPerPrefix) + 1;

    /// <summary>True when MINIMUM_IP_TARGET is set without WARM_IP_TARGET: the pool then stops growing at the minimum.</summary>
    public static bool MinimumWithoutWarm(CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.MinimumIpTarget > 0 && settings.WarmIpTarget == 0;
    }

    /// <summary>The most IPs a pool holds when <see cref="MinimumWithoutWarm"/>: the minimum, in whole /28s in prefix mode.</summary>
    public static int PoolCeiling(CniSettings settings, bool prefixMode) => EffectiveMinimumIpTarget(settings, prefixMode);

    /// <summary>True when WARM_IP_TARGET is a whole /28 or more on a node in prefix mode: a spare prefix is always held.</summary>
    public static bool WarmIpTargetWastesPrefix(CniSettings settings, bool prefixMode)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return prefixMode && settings.WarmIpTarget >= IpsPerPrefix;
    }

    /// <summary>
    /// aws-node's start-up check (main.go validateEnvVars, docs/rules.md): prefix delegation with WARM_PREFIX_TARGET,
    /// WARM_IP_TARGET and MINIMUM_IP_TARGET all 0 is rejected before the instance type is looked at, so on every type
    /// (Nitro or not) no pod gets an IP and no trunk ENI is attached. Releases before prefix delegation (1.9.0) had no
    /// such setting and so no such check; from 1.9.0 to 1.12.0 the check passed while WARM_IP_TARGET and
    /// MINIMUM_IP_TARGET were unset (0 here), and ipamd grew one /28 whenever the pool was empty
    /// (<see cref="CniBehaviour.RefusesUnsetPrefixTargets"/>).
    /// </summary>
    public static bool IpamdRefuses(CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.PrefixDelegation && settings.Behaviour.RefusesUnsetPrefixTargets
            && settings.WarmPrefixTarget <= 0 && settings.WarmIpTarget <= 0 && settings.MinimumIpTarget <= 0;
    }

    /// <summary>
    /// The warm-pool settings advised for <paramref name="nodes"/> (each an instance type and the VPC-IP pods its
    /// nodes run), by the mode they really run in (<see cref="CniMode"/>): when every node runs prefix delegation, one
    /// spare /28 (WARM_PREFIX_TARGET=1, no IP targets); otherwise MINIMUM_IP_TARGET slightly above the pods and
    /// WARM_IP_TARGET=2, the smallest pod count setting the floor (a larger group grows past it by WARM_IP_TARGET).
    /// <c>plan</c>, <c>node</c> and <c>recommend</c> all advise these numbers (docs/rules.md, "Knob advice").
    /// </summary>
    public static CniSettings Advise(CniSettings settings, IEnumerable<(InstanceType Type, int Pods)> nodes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(nodes);
        var list = nodes.ToList();
        if (list.Count > 0 && list.All(n => PrefixMode(n.Type, settings)))
        {
            return settings with { WarmPrefixTarget = 1, WarmIpTarget = 0, MinimumIpTarget = 0 };
        }

        var pods = list.Select(n => n.Pods).Where(p => p > 0).DefaultIfEmpty(0).Min();
        return settings with { MinimumIpTarget = pods + AdvisedMinimumAbovePods, WarmIpTarget = AdvisedWarmIpTarget };
    }

    /// <summary>True when <paramref name="advised"/> (from <see cref="Advise"/>) is the prefix-mode advice: one spare /28, no IP targets.</summary>
    public static bool IsPrefixAdvice(CniSettings advised)
    {
        ArgumentNullException.ThrowIfNull(advised);
        return !advised.IpTargetsDefined;
    }

    /// <summary>Whether a node of <paramref name="type"/> under <paramref name="settings"/> runs in prefix mode (<see cref="CniMode"/>).</summary>
    public static bool PrefixMode(InstanceType type, CniSettings settings) => CniMode.Of(type, settings).PrefixMode;
}
