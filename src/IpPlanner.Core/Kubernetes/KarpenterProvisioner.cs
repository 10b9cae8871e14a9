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

    /// <summary>No allowed instance type (within the limits) can hold even one pod beside the DaemonSets.</summary>
    NoTypeFits,

    /// <summary>
    /// The NodePool's requirements match no instance type: Karpenter skips the pool ("NodePool requirements filtered
    /// out all compatible available instance types") and its pods stay pending.
    /// </summary>
    NoTypes,
}

/// <summary>The words every report uses for a <see cref="NodePoolStop"/> (the plan JSON's <c>nodePools[].stoppedBy</c>).</summary>
public static class NodePoolStopText
{
    /// <summary><c>limits</c>, <c>no type fits</c> or <c>matches no type</c>; null for <see cref="NodePoolStop.None"/>.</summary>
    public static string? Code(this NodePoolStop stop) => stop switch
    {
        NodePoolStop.Limits => "limits",
        NodePoolStop.NoTypeFits => "no type fits",
        NodePoolStop.NoTypes => "matches no type",
        _ => null,
    };
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

    /// <summary>Provisions <paramref name="pool"/>'s pending pods in <paramref name="environment"/>.</summary>
    public static NodePoolProvisioning Provision(NodePoolSpec pool, NodePoolEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(environment);
        if (pool.InstanceTypes.Count == 0)
        {
            // scheduler.go:154-171@226646810: "skipping, nodepool requirements filtered out all instance types".
            return new NodePoolProvisioning([], 0, pool.PodCount, pool.PodCount > 0 ? NodePoolStop.NoTypes : NodePoolStop.None);
        }

        var nodeCni = environment.CniFor(pool);
        var hostNetwork = PodsPerNodeRule.HostNetworkPods(environment.DaemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);

        // Karpenter only launches types it has a price for (an offering); the order breaks price ties by name.
        var options = pool.InstanceTypes
            .Where(t => t.OnDemandUsdPerHour is not null)
            .Select(t => (Type: t, Fit: PodsPerNode(t, pool, environment, nodeCni, hostNetwork), Cpu: CapacityCpu(t), Memory: CapacityMemory(t, environment.VmMemoryOverheadPercent),
                MaxPods: environment.MaxPods(t, pool, nodeCni)))
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
            var why = NodePoolStop.None;
            var launches = new List<(InstanceType Type, int Pods, int InflightIps)>();
            while (pending > 0)
            {
                // scheduler.go:709-731@226646810: the limit is the reason only when it removes every type; when it
                // leaves some and none of them holds the pod, the reason is the fit ("no instance type has enough
                // resources").
                var withinLimits = options.Where(o => Within(o.Cpu, remainingCpu) && Within(o.Memory, remainingMemory)).ToList();
                if (withinLimits.Count == 0)
                {
                    why = NodePoolStop.Limits;
                    break;
                }

                var allowed = withinLimits.Where(o => o.Fit > 0).ToList();
                if (allowed.Count == 0)
                {
                    why = NodePoolStop.NoTypeFits;
                    break;
                }

                // The claim fills until no option fits one more pod; it launches the cheapest option that fits them.
                var pods = Math.Min(pending, allowed.Max(o => o.Fit));
                var cheapest = allowed.First(o => o.Fit >= pods);
                // subnet.go:251-265@1d927085d (minPods): the smallest pod capacity Karpenter gives the claim's options.
                var inflight = allowed.Where(o => o.Fit >= pods).Min(o => o.MaxPods);
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
                launchedMemory += CapacityMemory(type, environment.VmMemoryOverheadPercent);
            }

            if (scheduledThisRound == 0)
            {
                stop = why;
                break;
            }
        }

        return new NodePoolProvisioning(claims, pool.PodCount - pending, pending, stop);
    }

    /// <summary>
    /// Pods of the pool's requests one node of <paramref name="type"/> holds as Karpenter packs it: allocatable CPU and
    /// memory less the DaemonSets', and Karpenter's max pods less every DaemonSet pod; the IPs its ENIs hold do not
    /// bind (<see cref="PodsPerNodeRule.Fit"/> with <c>ipsBind</c> false). <paramref name="nodeCni"/> is what the
    /// node runs (<see cref="NodePoolEnvironment.CniFor"/>).
    /// </summary>
    public static int PodsPerNode(InstanceType type, NodePoolSpec pool, NodePoolEnvironment environment, CniSettings nodeCni, int hostNetworkPods) =>
        FitOf(type, pool, environment, nodeCni, hostNetworkPods)?.Pods ?? 0;

    /// <summary>The fit behind <see cref="PodsPerNode"/>; null when the type cannot run a pod of the pool at all.</summary>
    public static PodsPerNodeFit? FitOf(InstanceType type, NodePoolSpec pool, NodePoolEnvironment environment, CniSettings nodeCni, int hostNetworkPods)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(environment);
        var requests = pool.PodRequests;
        if ((requests.CpuMillicores > 0 && type.Vcpus is null) || (requests.MemoryBytes > 0 && type.MemoryMiB is null))
        {
            return null;
        }

        var maxPods = environment.MaxPods(type, pool, nodeCni);
        if (maxPods < 1)
        {
            // RESERVED_ENIS leaves no ENI: Karpenter's max pods is 0 and the type takes no pod.
            return null;
        }

        return PodsPerNodeRule.Fit(type, nodeCni, maxPods, requests, environment.DaemonSets, hostNetworkPods, 0, environment.VmMemoryOverheadPercent, ipsBind: false);
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
