using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>The scenario as it is, scaled to the target.</summary>
internal sealed class CurrentSettingsStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "current settings";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        yield return Evaluate("the scenario as it is, scaled to the target", context.AtTarget, [], context.Original);
    }
}

/// <summary>The warm pool sized to the pods: the advised IP targets (<see cref="WarmPoolTargets.Advise"/>), or one spare /28 in prefix mode.</summary>
internal sealed class WarmPoolTuningStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "warm-pool tuning";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        // The advice plan and node give (for the groups as they run today, by the mode each really runs in), applied
        // at the target: the same numbers whichever verb gives them.
        var atTarget = context.AtTarget;
        var advised = context.Original.AdvisedCni();
        if (WarmPoolTargets.IsPrefixAdvice(advised))
        {
            yield return Evaluate("WARM_PREFIX_TARGET=1 with no IP targets: one spare /28 per node",
                atTarget with { Cni = atTarget.Cni with { WarmPrefixTarget = 1, WarmIpTarget = 0, MinimumIpTarget = 0 } },
                ["cni.warmPrefixTarget: 1", "cni.warmIpTarget: 0 (unset)", "cni.minimumIpTarget: 0 (unset)"], context.Original);
            yield break;
        }

        var (mit, wit) = (advised.MinimumIpTarget, advised.WarmIpTarget);
        yield return Evaluate(
            $"MINIMUM_IP_TARGET={mit} (the smallest podsPerNode plus {WarmPoolTargets.AdvisedMinimumAbovePods}) and WARM_IP_TARGET={wit} instead of whole spare ENIs",
            atTarget with { Cni = atTarget.Cni with { MinimumIpTarget = mit, WarmIpTarget = wit } }, [$"cni.minimumIpTarget: {mit}", $"cni.warmIpTarget: {wit}"], context.Original);
    }
}

/// <summary>Prefix delegation with one warm /28 per node (when it is off and every type can use it).</summary>
internal sealed class PrefixDelegationStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "prefix delegation";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <inheritdoc/>
    protected override bool Applies(StrategyContext context) => !context.AtTarget.Cni.PrefixDelegation;

    /// <summary>
    /// Node groups that would not run prefix delegation if it were on (<see cref="CniMode"/>: the type, or a CNI before
    /// 1.9.0), as "name (type)"; for the CNI release every group, as the one reason.
    /// </summary>
    internal static List<string> Unsupported(ProvisionedScenario scenario) =>
        [.. scenario.AllNodeGroups.Where(g => CniMode.Of(g.Type, true, scenario.Cni.Version).PrefixIgnored).Select(g => $"{g.Name} ({g.InstanceType})")];

    /// <summary>Why prefix delegation would not run on <paramref name="unsupported"/> groups, in the words of the findings.</summary>
    internal static string WhyUnsupported(ProvisionedScenario scenario, List<string> unsupported) =>
        scenario.Cni.Version < CniVersion.PrefixDelegation
            ? CniFindings.PrefixDelegationVersionMessage(scenario.Cni.Version)
            : $"not a Nitro or bare-metal type, so prefix delegation would silently fall back: {string.Join(", ", unsupported)}";

    /// <summary>The scenario with prefix delegation on, one warm /28 and no IP targets.</summary>
    internal static ProvisionedScenario WithPrefixDelegation(ProvisionedScenario scenario) =>
        scenario with { Cni = scenario.Cni with { PrefixDelegation = true, WarmPrefixTarget = 1, WarmIpTarget = 0, MinimumIpTarget = 0 } };

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        if (!Applies(context))
        {
            yield break;
        }

        var unsupported = Unsupported(context.AtTarget);
        var result = Evaluate("ENABLE_PREFIX_DELEGATION=true, WARM_PREFIX_TARGET=1: a /28 per slot; needs fully free aligned /28s",
            WithPrefixDelegation(context.AtTarget), PrefixDelegationChanges, context.Original);

        // A /28 is one Network Address Usage unit where sixteen secondary IPs are sixteen (docs/rules.md).
        var before = UnitsWithoutQuota(context.AtTarget);
        if (result.NetworkAddressUnits < before)
        {
            result = result with
            {
                Summary = result.Summary + string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"; {result.NetworkAddressUnits:N0} Network Address Usage units instead of {before:N0} (a /28 counts one unit)"),
            };
        }
        if (unsupported.Count > 0)
        {
            result = result with { Fits = false, WhyNot = WhyUnsupported(context.AtTarget, unsupported) };
        }

        yield return result;
    }
}

/// <summary>Prefix delegation with a <c>prefix</c> CIDR reservation over the largest free aligned block of each pod subnet.</summary>
internal sealed class PrefixReservationsStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "prefix delegation + prefix reservations";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <summary>
    /// With prefix delegation on, when some group's nodes really run it (reserving /28s for nodes that take single
    /// addresses only takes room from them); with it off, when every group's nodes would.
    /// </summary>
    protected override bool Applies(StrategyContext context) =>
        context.AtTarget.Cni.PrefixDelegation
            ? context.AtTarget.AllNodeGroups.Any(g => context.AtTarget.ModeOf(g).PrefixMode)
            : PrefixDelegationStrategy.Unsupported(context.AtTarget).Count == 0;

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        if (!Applies(context))
        {
            yield break;
        }

        var withPrefix = context.AtTarget.Cni.PrefixDelegation ? context.AtTarget : PrefixDelegationStrategy.WithPrefixDelegation(context.AtTarget);
        var state = ClusterState.Build(withPrefix);
        var changes = new List<string>();
        var subnets = new List<Model.SubnetSpec>();
        var podSubnetIds = SubnetSizing.PodSubnetIds(withPrefix);
        foreach (var spec in withPrefix.Subnets)
        {
            if (podSubnetIds.Contains(spec.Id) && CidrCarver.LargestFreeAlignedBlock(state.Subnet(spec.Id).Space, spec) is { } block)
            {
                var reservation = new Model.Reservation { Block = CidrCarver.Block(block), Type = ReservationType.Prefix };
                subnets.Add(spec with { Reservations = [.. spec.Reservations, reservation] });
                changes.Add($"subnets[{spec.Id}].reservations: + {{ cidr: {block}, type: prefix }}");
            }
            else
            {
                subnets.Add(spec);
            }
        }

        var patched = withPrefix with { Subnets = subnets };
        IEnumerable<string> cniChanges = context.Original.Cni.PrefixDelegation ? [] : PrefixDelegationChanges;
        yield return Evaluate(
            "prefix delegation, with each pod subnet's largest free aligned block reserved for /28 prefixes so node and ENI primary IPs cannot fragment it",
            patched, [.. cniChanges, .. changes], context.Original);
    }
}
