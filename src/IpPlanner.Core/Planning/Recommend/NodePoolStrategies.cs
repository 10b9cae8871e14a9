using IpPlanner.Core.Scheduling;

namespace IpPlanner.Core.Planning;

/// <summary>
/// Raise the limits of each NodePool whose limits leave pending pods at the target, by what the pods' nodes need
/// (<see cref="NodePoolLimits.Needed"/>): a NodePool setting, no node is replaced.
/// </summary>
public sealed class NodePoolLimitsStrategy : RecommendStrategy
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
            if (NodePoolLimits.Needed(pool, atTarget) is not { } needed)
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

            return pool with { LimitCpuMillicores = needed.CpuMillicores, LimitMemoryBytes = needed.MemoryBytes };
        }).ToList();
        yield return Evaluate(
            "each NodePool's limits raised to the capacity of the nodes its pending pods need (vCPUs, and memory after the VM overhead)",
            atTarget with { NodePools = pools }, changes, context.Original);
    }
}
