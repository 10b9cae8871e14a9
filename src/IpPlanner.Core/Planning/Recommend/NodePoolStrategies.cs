using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>
/// Raise the limits of each NodePool whose limits leave pending pods at the target, by what the pods' nodes need
/// (<see cref="NodePoolLimits.Needed"/>): a NodePool setting, no node is replaced.
/// </summary>
internal sealed class NodePoolLimitsStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "raise NodePool limits";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <inheritdoc/>
    protected override bool Applies(StrategyContext context) =>
        context.AtTarget.NodePools.Any(p => p.Provisioning is { Stop: NodePoolStop.Limits });

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        if (!Applies(context))
        {
            yield break;
        }

        var atTarget = context.AtTarget;
        var changes = new List<string>();
        var pools = atTarget.NodePools.Select(pool =>
        {
            if (NodePoolLimits.Needed(pool, atTarget.Cni, atTarget.DaemonSets, atTarget.VmMemoryOverheadPercent) is not { } needed)
            {
                return pool;
            }

            if (needed.CpuMillicores != pool.LimitCpuMillicores)
            {
                changes.Add($"nodePools[{pool.Name}].limits.cpu: {ResourceQuantity.FormatCpu(needed.CpuMillicores!.Value)} (was {ResourceQuantity.FormatCpu(pool.LimitCpuMillicores!.Value)})");
            }

            if (needed.MemoryBytes != pool.LimitMemoryBytes)
            {
                changes.Add($"nodePools[{pool.Name}].limits.memory: {ResourceQuantity.FormatMemory(needed.MemoryBytes!.Value)} (was {ResourceQuantity.FormatMemory(pool.LimitMemoryBytes!.Value)})");
            }

            return pool with { Spec = pool.Spec with { LimitCpuMillicores = needed.CpuMillicores, LimitMemoryBytes = needed.MemoryBytes } };
        }).ToList();
        yield return Evaluate(
            "each NodePool's limits raised to the capacity of the nodes its pending pods need (vCPUs, and memory after the VM overhead)",
            atTarget with { NodePools = pools }, changes, context.Original);
    }
}

/// <summary>
/// Let each NodePool launch the next larger size of every family it allows (and raise its limits when they would
/// then bind): Karpenter fills a NodeClaim until no allowed type takes one more pod, so a larger size means fewer,
/// fuller nodes, and each node fewer costs an ENI primary, a node IP and its warm IPs.
/// </summary>
internal sealed class NodePoolLargerSizesStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "larger NodePool sizes";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <inheritdoc/>
    protected override bool Applies(StrategyContext context) => context.AtTarget.NodePools.Any(p => Larger(p.Spec) is not null);

    /// <summary>The pool allowed the next larger size of each of its families, or null when there is none.</summary>
    internal static Model.NodePoolSpec? Larger(Model.NodePoolSpec pool)
    {
        if (!pool.TypesListed && pool.RequirementSizes.Count == 0)
        {
            return null; // every size is allowed already
        }

        var next = new List<Catalog.InstanceType>();
        foreach (var family in pool.InstanceTypes.GroupBy(InstanceTypeLabels.Family))
        {
            var largest = family.Max(t => t.Vcpus ?? 0);
            var bigger = pool.AnySizeTypes.Where(t => InstanceTypeLabels.Family(t) == family.Key && t.Vcpus > largest && t.OnDemandUsdPerHour is not null).ToList();
            if (bigger.Count > 0)
            {
                var step = bigger.Min(t => t.Vcpus);
                next.AddRange(bigger.Where(t => t.Vcpus == step));
            }
        }

        if (next.Count == 0)
        {
            return null;
        }

        if (pool.TypesListed)
        {
            return pool with { InstanceTypes = [.. pool.InstanceTypes.Concat(next).DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal)] };
        }

        var sizes = pool.RequirementSizes.Concat(next.Select(InstanceTypeLabels.Size)).Distinct(StringComparer.Ordinal)
            .OrderBy(s => pool.AnySizeTypes.Where(t => InstanceTypeLabels.Size(t) == s).Select(t => t.Vcpus ?? 0).DefaultIfEmpty(0).Min())
            .ThenBy(s => s, StringComparer.Ordinal)
            .ToList();
        return pool with
        {
            RequirementSizes = sizes,
            InstanceTypes = [.. pool.AnySizeTypes.Where(t => sizes.Contains(InstanceTypeLabels.Size(t), StringComparer.Ordinal))],
        };
    }

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        if (!Applies(context))
        {
            yield break;
        }

        var atTarget = context.AtTarget;
        var changes = new List<string>();
        var baselinePools = new List<ProvisionedNodePool>();
        var pools = new List<ProvisionedNodePool>();
        foreach (var pool in atTarget.NodePools)
        {
            baselinePools.Add(WithLimitsRaised(pool.Spec, atTarget, null));
            if (Larger(pool.Spec) is not { } larger)
            {
                pools.Add(pool);
                continue;
            }

            changes.Add(pool.Spec.TypesListed
                ? $"nodePools[{pool.Name}].instanceTypes: [{string.Join(", ", larger.InstanceTypes.Select(t => t.Name))}] (was [{string.Join(", ", pool.InstanceTypes.Select(t => t.Name))}])"
                : $"nodePools[{pool.Name}].requirements.sizes: [{string.Join(", ", larger.RequirementSizes)}] (was [{string.Join(", ", pool.Spec.RequirementSizes)}])");
            pools.Add(WithLimitsRaised(larger, atTarget, changes));
        }

        // What the pools' current sizes use at the target (limits raised alike, so both reach it), to say what this saves.
        var baseline = Evaluate("", atTarget with { NodePools = baselinePools }, [], context.Original);
        var result = Evaluate("", atTarget with { NodePools = pools }, changes, context.Original);
        var saved = baseline.PodSubnetAddressesUsed - result.PodSubnetAddressesUsed;
        var summary = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"each NodePool may also launch the next larger size of its families: {result.Nodes:N0} nodes instead of {baseline.Nodes:N0}, ") +
            (saved > 0
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{saved:N0} fewer addresses in pod subnets (fewer node IPs, ENI primaries and warm IPs)")
                : saved == 0
                    ? "as many addresses in pod subnets"
                    : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{-saved:N0} more addresses in pod subnets"));
        yield return result with { Summary = summary };
    }

    private static ProvisionedNodePool WithLimitsRaised(Model.NodePoolSpec pool, ProvisionedScenario scenario, List<string>? changes)
    {
        var provisioned = NodePoolPlacement.Provision(scenario, pool);
        if (NodePoolLimits.Needed(provisioned, scenario.Cni, scenario.DaemonSets, scenario.VmMemoryOverheadPercent) is not { } needed)
        {
            return provisioned;
        }

        if (changes is not null && needed.CpuMillicores != pool.LimitCpuMillicores)
        {
            changes.Add($"nodePools[{pool.Name}].limits.cpu: {ResourceQuantity.FormatCpu(needed.CpuMillicores!.Value)} (was {ResourceQuantity.FormatCpu(pool.LimitCpuMillicores!.Value)})");
        }

        if (changes is not null && needed.MemoryBytes != pool.LimitMemoryBytes)
        {
            changes.Add($"nodePools[{pool.Name}].limits.memory: {ResourceQuantity.FormatMemory(needed.MemoryBytes!.Value)} (was {ResourceQuantity.FormatMemory(pool.LimitMemoryBytes!.Value)})");
        }

        return provisioned with { Spec = pool with { LimitCpuMillicores = needed.CpuMillicores, LimitMemoryBytes = needed.MemoryBytes } };
    }
}
