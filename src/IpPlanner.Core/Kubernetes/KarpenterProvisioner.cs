using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// One NodeClaim Karpenter launches: the instance type chosen, the pending pods it was made for, and
/// <see cref="InflightIps"/>, the smallest pod capacity (ENI-limited pods) among the instance types that could hold
/// them, which Karpenter takes off the chosen subnet's available addresses while the launch is in flight.
/// </summary>
public readonly record struct NodeClaimPlan(InstanceType Type, int Pods, int InflightIps);

/// <summary>Why a NodePool left pods pending.</summary>
public enum NodePoolStop
{
    /// <summary>Every pending pod got a node.</summary>
    None,

    /// <summary>The NodePool's cpu or memory limits leave no allowed type that can launch.</summary>
    Limits,

    /// <summary>No allowed instance type can hold even one pod beside the DaemonSets.</summary>
    NoTypeFits,
}

/// <summary>The nodes one NodePool launches for its pending pods, and what left pods pending, if anything.</summary>
public sealed record NodePoolProvisioning(IReadOnlyList<NodeClaimPlan> NodeClaims, int PodsScheduled, int PodsPending, NodePoolStop Stop);

/// <summary>
/// Karpenter's provisioning for a batch of identical pending pods (kubernetes-sigs/karpenter
/// pkg/controllers/provisioning/scheduling, docs/nodepools.md): each pod goes to the in-flight NodeClaim with the
/// fewest pods that can still take it, else to a new NodeClaim whose instance-type options are the allowed types that
/// fit it and stay within the NodePool's remaining limits; a NodeClaim keeps the options that fit all its pods, and
/// at launch EC2 Fleet's lowest-price strategy picks the cheapest of them. Limits are charged the largest option's
/// capacity while scheduling (<c>subtractMax</c>), so a batch can take more than one round; later rounds see the
/// launched nodes' real capacity.
/// </summary>
internal static class KarpenterProvisioner
{
    /// <summary>The most pending pods one NodePool is provisioned for (a scale curve's end, a recommendation's target).</summary>
    public const int MaxPendingPods = 100_000;

    /// <summary>Provisions <paramref name="pool"/>'s pending pods.</summary>
    public static NodePoolProvisioning Provision(
        NodePoolSpec pool,
        CniSettings cni,
        IReadOnlyList<DaemonSetSpec>? daemonSets,
        double vmMemoryOverheadPercent = AllocatableRule.DefaultVmMemoryOverheadPercent)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(cni);
        var hostNetwork = PodsPerNodeRule.HostNetworkPods(daemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);

        // Karpenter only launches types it has a price for (an offering); the order breaks price ties by name.
        var options = pool.InstanceTypes
            .Where(t => t.OnDemandUsdPerHour is not null)
            .Select(t => (Type: t, Fit: PodsPerNode(t, cni, pool.PodRequests, daemonSets, hostNetwork, vmMemoryOverheadPercent), Cpu: CapacityCpu(t), Memory: CapacityMemory(t, vmMemoryOverheadPercent)))
            .Where(o => o.Fit > 0)
            .OrderBy(o => o.Type.OnDemandUsdPerHour)
            .ThenBy(o => o.Type.Name, StringComparer.Ordinal)
            .ToList();
        if (options.Count == 0)
        {
            return new NodePoolProvisioning([], 0, pool.PodCount, pool.PodCount > 0 ? NodePoolStop.NoTypeFits : NodePoolStop.None);
        }

        var claims = new List<NodeClaimPlan>();
        var pending = pool.PodCount;
        long launchedCpu = 0, launchedMemory = 0;
        var stop = NodePoolStop.None;
        while (pending > 0)
        {
            // One scheduling round: remaining limits start from what launched nodes really use.
            var remainingCpu = pool.LimitCpuMillicores - launchedCpu;
            var remainingMemory = pool.LimitMemoryBytes - launchedMemory;
            var scheduledThisRound = 0;
            var launches = new List<(InstanceType Type, int Pods, int InflightIps)>();
            while (pending > 0)
            {
                var allowed = options.Where(o => Within(o.Cpu, remainingCpu) && Within(o.Memory, remainingMemory)).ToList();
                if (allowed.Count == 0)
                {
                    break;
                }

                // The claim fills until no option fits one more pod; it launches the cheapest option that fits them.
                var pods = Math.Min(pending, allowed.Max(o => o.Fit));
                var cheapest = allowed.First(o => o.Fit >= pods);
                var inflight = allowed.Where(o => o.Fit >= pods).Min(o => AllocatableRule.EniLimitedPods(o.Type));
                launches.Add((cheapest.Type, pods, inflight));
                pending -= pods;
                scheduledThisRound += pods;
                remainingCpu -= allowed.Max(o => o.Cpu);
                remainingMemory -= allowed.Max(o => o.Memory);
            }

            foreach (var (type, pods, inflight) in launches)
            {
                claims.Add(new NodeClaimPlan(type, pods, inflight));
                launchedCpu += CapacityCpu(type);
                launchedMemory += CapacityMemory(type, vmMemoryOverheadPercent);
            }

            if (scheduledThisRound == 0)
            {
                stop = NodePoolStop.Limits;
                break;
            }
        }

        return new NodePoolProvisioning(claims, pool.PodCount - pending, pending, stop);
    }

    /// <summary>Pods of <paramref name="requests"/> one node of <paramref name="type"/> holds, with kubelet max pods at Karpenter's ENI-limited value.</summary>
    public static int PodsPerNode(InstanceType type, CniSettings cni, PodRequests requests, IReadOnlyList<DaemonSetSpec>? daemonSets, int hostNetworkPods, double vmMemoryOverheadPercent = AllocatableRule.DefaultVmMemoryOverheadPercent)
    {
        ArgumentNullException.ThrowIfNull(type);
        if ((requests.CpuMillicores > 0 && type.Vcpus is null) || (requests.MemoryBytes > 0 && type.MemoryMiB is null))
        {
            return 0;
        }

        return PodsPerNodeRule.Fit(type, cni, AllocatableRule.EniLimitedPods(type), requests, daemonSets, hostNetworkPods, 0, vmMemoryOverheadPercent).Pods;
    }

    /// <summary>The node's CPU capacity in millicores, as NodePool limits count it.</summary>
    public static long CapacityCpu(InstanceType type) => (type?.Vcpus ?? 0) * 1000L;

    /// <summary>The node's memory capacity in bytes, as NodePool limits count it (after the VM overhead).</summary>
    public static long CapacityMemory(InstanceType type, double vmMemoryOverheadPercent = AllocatableRule.DefaultVmMemoryOverheadPercent)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.MemoryMiB is { } mib ? AllocatableRule.CapacityMemoryMiB(mib, type.Architecture, vmMemoryOverheadPercent) * ResourceQuantity.Mebibyte : 0;
    }

    private static bool Within(long capacity, long? remaining) => remaining is not { } r || capacity <= r;
}
