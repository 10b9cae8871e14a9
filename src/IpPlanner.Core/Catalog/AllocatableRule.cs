namespace IpPlanner.Core.Catalog;

/// <summary>
/// Allocatable CPU, memory and pods of a node, computed the way Karpenter does for AL2023 nodes
/// (aws/karpenter-provider-aws pkg/providers/instancetype/types.go; rules and line citations in docs/allocatable.md).
/// </summary>
public static class AllocatableRule
{
    /// <summary>Karpenter's default <c>--vm-memory-overhead-percent</c> (0.075 = 7.5 % of nominal memory).</summary>
    public const double DefaultVmMemoryOverheadPercent = 0.075;

    /// <summary>
    /// The largest VM overhead a scenario or <c>catalog</c> accepts (half the memory): Karpenter itself only refuses a
    /// negative value, but a figure above this is a percentage written where the fraction belongs (7.5 for 0.075).
    /// </summary>
    public const double MaxVmMemoryOverheadPercent = 0.5;

    /// <summary>The kubelet's default hard eviction threshold for <c>memory.available</c>, in MiB.</summary>
    public const int EvictionHardMemoryMiB = 100;

    /// <summary>Graviton types keep 64 MiB of CMA memory that no pod can use.</summary>
    public const int GravitonCmaReservedMiB = 64;

    // kube-reserved CPU: 6 % of the first core, 1 % of the second, 0.5 % of the third and fourth, 0.25 % above.
    private static readonly (long Start, long End, double Percentage)[] s_cpuTiers =
    [
        (0, 1000, 0.06),
        (1000, 2000, 0.01),
        (2000, 4000, 0.005),
        (4000, 1L << 31, 0.0025),
    ];

    /// <summary>
    /// The allocatable resources of <paramref name="type"/>: capacity less kube-reserved and the hard eviction
    /// threshold. <paramref name="maxPods"/> replaces the ENI-limited pod count when given (a kubelet
    /// <c>maxPods</c>); kube-reserved memory still follows the ENI-limited count, as Karpenter's AL2023 family does.
    /// </summary>
    public static Allocatable Karpenter(InstanceType type, double vmMemoryOverheadPercent = DefaultVmMemoryOverheadPercent, int? maxPods = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (vmMemoryOverheadPercent is < 0 or >= 1 || double.IsNaN(vmMemoryOverheadPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(vmMemoryOverheadPercent), vmMemoryOverheadPercent, "expected a fraction in [0, 1)");
        }

        var eniLimitedPods = EniLimitedPods(type);
        int? cpu = type.Vcpus is { } vcpus ? vcpus * 1000 - KubeReservedCpuMillicores(vcpus * 1000L) : null;
        long? memory = type.MemoryMiB is { } mib
            ? CapacityMemoryMiB(mib, type.Architecture, vmMemoryOverheadPercent) - KubeReservedMemoryMiB(eniLimitedPods) - EvictionHardMemoryMiB
            : null;
        return new Allocatable(cpu, memory, maxPods ?? eniLimitedPods);
    }

    /// <summary>max ENIs x (IPv4 per ENI - 1) + 2 on the default card: the AL2023 pod density Karpenter uses.</summary>
    public static int EniLimitedPods(InstanceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.MaxEnis * (type.Ipv4PerEni - 1) + 2;
    }

    /// <summary>kube-reserved CPU in millicores for a node of <paramref name="cpuMillicores"/>, tier by tier, each truncated.</summary>
    public static int KubeReservedCpuMillicores(long cpuMillicores)
    {
        long reserved = 0;
        foreach (var (start, end, percentage) in s_cpuTiers)
        {
            if (cpuMillicores >= start)
            {
                // float64(range) * percentage, truncated by int64(...) per tier, exactly as Karpenter does.
                var range = (double)(cpuMillicores < end ? cpuMillicores - start : end - start);
                reserved += (long)(range * percentage);
            }
        }

        return (int)reserved;
    }

    /// <summary>kube-reserved memory in MiB: 11 MiB per pod plus 255 MiB.</summary>
    public static long KubeReservedMemoryMiB(int pods) => 11L * pods + 255;

    /// <summary>
    /// Memory capacity Karpenter assumes before reservations: nominal MiB, less 64 MiB on Graviton, less the VM
    /// overhead rounded up to a whole MiB.
    /// </summary>
    public static long CapacityMemoryMiB(long nominalMiB, string architecture, double vmMemoryOverheadPercent)
    {
        var mib = architecture == ArchitectureRule.Arm64 ? nominalMiB - GravitonCmaReservedMiB : nominalMiB;
        // Karpenter: ceil(float64(bytes) * percent / 1024 / 1024), in that order of operations.
        var bytes = (double)(mib * 1024 * 1024);
        var overhead = (long)Math.Ceiling(bytes * vmMemoryOverheadPercent / 1024 / 1024);
        return mib - overhead;
    }
}
