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
            if (NodePoolLimits.Needed(pool, atTarget.NodePoolEnvironmentOf(pool.Spec)) is not { } needed)
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
        if (NodePoolLimits.Needed(provisioned, scenario.NodePoolEnvironmentOf(pool)) is not { } needed)
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

/// <summary>
/// Lower Karpenter's max pods to what the nodes' ENIs address, where Karpenter binds pods they cannot (docs/nodepools.md,
/// "Max pods, reserved ENIs and pods without an IP"): <c>RESERVED_ENIS=1</c> (<c>karpenter.reservedEnis</c>) under custom
/// networking or security groups for pods, as Karpenter's own docs advise; then, for a pool whose nodes still strand
/// pods, the EC2NodeClass's kubelet <c>maxPods</c> at the host-network pods plus the fewest pod IPs among its types.
/// Karpenter settings: no subnet changes; nodes pick the new max pods up when they are replaced.
/// </summary>
internal sealed class KarpenterMaxPodsStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "Karpenter max pods";

    /// <inheritdoc/>
    public override int Disruption => 0;

    /// <inheritdoc/>
    protected override bool Applies(StrategyContext context) =>
        !context.AtTarget.Cluster.AutoMode && Stranded(context.AtTarget).Count > 0;

    /// <summary>The NodePools (not Auto Mode's) whose planned nodes hold pods without an IP.</summary>
    private static HashSet<string> Stranded(ProvisionedScenario scenario)
    {
        if (scenario.NodePools.Count == 0)
        {
            return [];
        }

        var state = ClusterState.BuildPlanned(NodePoolPlacement.Reprovision(scenario));
        return state.Nodes.Where(n => n.PodsWithoutIp > 0 && n.Group.NodePool is not null && n.Group.Cni is null)
            .Select(n => n.Group.NodePool!).ToHashSet(StringComparer.Ordinal);
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
        var patched = atTarget;
        var cni = atTarget.Cni;
        var reasons = new List<string>();
        if ((cni.CustomNetworking || cni.SecurityGroupsForPods) && atTarget.Karpenter.ReservedEnis == 0)
        {
            // Karpenter's docs: "RESERVED_ENIS should be set to "1" if using Custom Networking" (and with security
            // groups for pods), website/content/en/docs/concepts/nodeclasses.md:424@1d927085d.
            patched = patched with { Karpenter = patched.Karpenter with { ReservedEnis = 1 } };
            changes.Add("karpenter.reservedEnis: 1 (was 0)");
            reasons.Add($"RESERVED_ENIS=1: Karpenter's max pods leaves out the ENI {(cni.CustomNetworking ? "custom networking keeps from pods" : "the trunk takes")}");
        }

        // A pool still stranding pods (DaemonSet pods off the host network, fewer host-network pods than the "+ 2"):
        // its EC2NodeClass's maxPods at the host-network pods plus the fewest pod IPs any of its types holds.
        foreach (var name in Stranded(patched).Order(StringComparer.Ordinal))
        {
            var pool = patched.NodePools.First(p => p.Name == name);
            var environment = patched.NodePoolEnvironmentOf(pool.Spec);
            var nodeCni = environment.CniFor(pool.Spec);
            var hostNetwork = PodsPerNodeRule.HostNetworkPods(patched.DaemonSets, Model.NodeGroupSpec.DefaultHostNetworkPodsPerNode);
            var podIps = pool.InstanceTypes.Where(t => t.OnDemandUsdPerHour is not null)
                .Select(t => Cni.MaxPodsCalculator.Calculate(t, Cni.MaxPodsOptions.For(nodeCni, kubeletMaxPods: null)).Uncapped - Cni.MaxPodsCalculator.HostNetworkPods)
                .DefaultIfEmpty(0).Min();
            var maxPods = hostNetwork + podIps;
            if (maxPods < 1)
            {
                continue;
            }

            changes.Add(pool.Spec.MaxPods is { } was
                ? $"nodePools[{name}].maxPods: {maxPods} (was {was})"
                : $"nodePools[{name}].maxPods: {maxPods} ({hostNetwork} host-network pod{(hostNetwork == 1 ? "" : "s")} + {podIps} pod IPs, the fewest of its types)");
            reasons.Add($"NodePool {name}'s kubelet maxPods {maxPods}");
            patched = patched with { NodePools = [.. patched.NodePools.Select(p => p.Name == name ? p with { Spec = p.Spec with { MaxPods = maxPods } } : p)] };
        }

        yield return Evaluate(
            $"Karpenter's max pods lowered to what the ENIs address, so no pod waits without an IP ({string.Join("; ", reasons)}); nodes pick it up when they are replaced",
            patched, changes, context.Original);
    }
}
