using System.Globalization;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// What a NodePool's <c>limits</c> must be for all its pending pods to launch (docs/nodepools.md, "recommend"):
/// the capacity of every node Karpenter launches for them with no limits, as the limits count it (vCPUs; memory
/// after the VM overhead), rounded up to whole cores and whole GiB; a limit is only ever raised.
/// </summary>
internal static class NodePoolLimits
{
    private const long Gibibyte = 1024L * 1024 * 1024;

    /// <summary>"NodePool default leaves 65 of 440 pending pods unscheduled: its limits (cpu 200, memory 800Gi) stop it".</summary>
    public static string Pending(ProvisionedNodePool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var provisioning = pool.Provisioning;
        var what = provisioning.Stop switch
        {
            NodePoolStop.NoTypeFits => "no allowed instance type fits one pod",
            NodePoolStop.NoTypes => "its requirements match no instance type, so Karpenter skips it",
            _ => $"its limits ({Describe(pool.LimitCpuMillicores, pool.LimitMemoryBytes)}) stop it",
        };
        return string.Create(CultureInfo.InvariantCulture, $"NodePool {pool.Name} leaves {provisioning.PodsPending:N0} of {pool.PodCount:N0} pending pods unscheduled: {what}");
    }

    /// <summary>
    /// The limits <paramref name="pool"/> needs for every pending pod, or null when its limits do not bind (or no
    /// type fits, which no limit cures).
    /// </summary>
    public static (long? CpuMillicores, long? MemoryBytes)? Needed(ProvisionedNodePool pool, NodePoolEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(environment);
        var vmMemoryOverheadPercent = environment.VmMemoryOverheadPercent;
        if (pool.Provisioning is not { Stop: NodePoolStop.Limits })
        {
            return null;
        }

        var unlimited = KarpenterProvisioner.Provision(pool.Spec with { LimitCpuMillicores = null, LimitMemoryBytes = null }, environment);
        var cpu = unlimited.NodeClaims.Sum(c => KarpenterProvisioner.CapacityCpu(c.Type));
        var memory = unlimited.NodeClaims.Sum(c => KarpenterProvisioner.CapacityMemory(c.Type, vmMemoryOverheadPercent));
        long? RaiseCpu(long? limit) => limit is { } l && l < cpu ? (cpu + 999) / 1000 * 1000 : limit;
        long? RaiseMemory(long? limit) => limit is { } l && l < memory ? (memory + Gibibyte - 1) / Gibibyte * Gibibyte : limit;
        return (RaiseCpu(pool.LimitCpuMillicores), RaiseMemory(pool.LimitMemoryBytes));
    }

    /// <summary>"cpu 200, memory 800Gi" (the limits given).</summary>
    public static string Describe(long? cpuMillicores, long? memoryBytes)
    {
        var parts = new List<string>();
        if (cpuMillicores is { } cpu)
        {
            parts.Add("cpu " + ResourceQuantity.FormatCpu(cpu));
        }

        if (memoryBytes is { } memory)
        {
            parts.Add("memory " + ResourceQuantity.FormatMemory(memory));
        }

        return string.Join(", ", parts);
    }
}
