using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// How many pods of given requests one node runs, by each limit, and the one that binds. <see cref="Pods"/> is the
/// smallest of the four; on a tie the first in the order CPU, memory, max pods, IPs is named.
/// </summary>
public sealed record PodsPerNodeFit(int Pods, PodsPerNodeLimit LimitedBy, int ByCpu, int ByMemory, int ByMaxPods, int ByIps);

/// <summary>
/// Pods per node from pod requests and the scenario's DaemonSets: the minimum over allocatable CPU and memory
/// (docs/allocatable.md) less the DaemonSets' requests, the kubelet's max pods less every pod that is not a workload
/// pod, and the VPC IPs the node's ENIs hold less the DaemonSet pods off the host network (docs/requests.md).
/// </summary>
internal static class PodsPerNodeRule
{
    /// <summary>Host-network pods per node: the host-network DaemonSets when the list is given, else <paramref name="fallback"/>.</summary>
    public static int HostNetworkPods(IReadOnlyList<DaemonSetSpec>? daemonSets, int fallback) =>
        daemonSets is null ? fallback : daemonSets.Count(d => d.HostNetwork);

    /// <summary>DaemonSet pods per node that take a VPC IP (those off the host network); 0 without a list.</summary>
    public static int DaemonSetIpPods(IReadOnlyList<DaemonSetSpec>? daemonSets) =>
        daemonSets is null ? 0 : daemonSets.Count(d => !d.HostNetwork);

    /// <summary>
    /// The pods of <paramref name="requests"/> one node of <paramref name="type"/> runs beside the DaemonSets.
    /// <paramref name="hostNetworkPods"/> counts every host-network pod (the DaemonSets' included). With
    /// <paramref name="ipsBind"/> false the IPs the ENIs hold are reported but bind nothing: Karpenter's scheduler
    /// packs by max pods, CPU and memory only, so a node may get pods its ENIs cannot address (docs/nodepools.md).
    /// </summary>
    public static PodsPerNodeFit Fit(
        InstanceType type,
        CniSettings cni,
        int? kubeletMaxPods,
        PodRequests requests,
        IReadOnlyList<DaemonSetSpec>? daemonSets,
        int hostNetworkPods,
        int securityGroupPods,
        double vmMemoryOverheadPercent = AllocatableRule.DefaultVmMemoryOverheadPercent,
        bool ipsBind = true)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(cni);
        var sets = daemonSets ?? [];
        var allocatable = AllocatableRule.Karpenter(type, vmMemoryOverheadPercent);
        var daemonCpu = sets.Sum(d => d.CpuMillicores);
        var daemonMemory = sets.Sum(d => d.MemoryBytes);
        var daemonIps = DaemonSetIpPods(daemonSets);

        var byCpu = requests.CpuMillicores <= 0
            ? int.MaxValue
            : Floor((allocatable.CpuMillicores ?? 0) - daemonCpu, requests.CpuMillicores);
        var byMemory = requests.MemoryBytes <= 0
            ? int.MaxValue
            : Floor(((allocatable.MemoryMiB ?? 0) * ResourceQuantity.Mebibyte) - daemonMemory, requests.MemoryBytes);

        var maxPods = MaxPodsCalculator.Calculate(type, MaxPodsOptions.For(cni, kubeletMaxPods));
        var byMaxPods = Math.Max(0, maxPods.MaxPods - hostNetworkPods - securityGroupPods - daemonIps);
        // The addresses the ENIs hold for pods: the formula's value less its "+ 2" for host-network pods.
        var byIps = Math.Max(0, maxPods.Uncapped - MaxPodsCalculator.HostNetworkPods - daemonIps);

        var pods = byCpu;
        var limit = PodsPerNodeLimit.Cpu;
        foreach (var (value, reason) in new[] { (byMemory, PodsPerNodeLimit.Memory), (byMaxPods, PodsPerNodeLimit.MaxPods), (ipsBind ? byIps : int.MaxValue, PodsPerNodeLimit.Ips) })
        {
            if (value < pods)
            {
                pods = value;
                limit = reason;
            }
        }

        return new PodsPerNodeFit(pods, limit, byCpu, byMemory, byMaxPods, byIps);
    }

    /// <summary>
    /// "the DaemonSets request 100.275 CPU, more than the 3.92 CPU one m5.xlarge can allocate" when the DaemonSets'
    /// requests alone do not fit on a node of <paramref name="type"/> (CPU or memory), so their pods stay pending on
    /// every node and the node has no room left; null when they fit.
    /// </summary>
    public static string? DaemonSetsOverflow(InstanceType type, IReadOnlyList<DaemonSetSpec>? daemonSets, double vmMemoryOverheadPercent = AllocatableRule.DefaultVmMemoryOverheadPercent)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (daemonSets is not { Count: > 0 })
        {
            return null;
        }

        var allocatable = AllocatableRule.Karpenter(type, vmMemoryOverheadPercent);
        var cpu = daemonSets.Sum(d => d.CpuMillicores);
        var memory = daemonSets.Sum(d => d.MemoryBytes);
        if (allocatable.CpuMillicores is { } cpuRoom && cpu > cpuRoom)
        {
            return $"the DaemonSets request {ResourceQuantity.FormatCpu(cpu)} CPU, more than the {ResourceQuantity.FormatCpu(cpuRoom)} CPU one {type.Name} can allocate";
        }

        if (allocatable.MemoryMiB is { } memoryRoom && memory > memoryRoom * ResourceQuantity.Mebibyte)
        {
            return $"the DaemonSets request {ResourceQuantity.FormatMemory(memory)} of memory, more than the {ResourceQuantity.FormatMemory(memoryRoom * ResourceQuantity.Mebibyte)} one {type.Name} can allocate";
        }

        return null;
    }

    /// <summary>
    /// The most pods (DaemonSet VPC-IP pods included, as <see cref="NodeGroup.PodsPerNode"/> counts them) one node
    /// of <paramref name="group"/> holds by its pod requests: the fit's pods plus the DaemonSet pods off the host
    /// network. Null when the group has no requests (then only max pods and IPs bound a node's pods). The plan's pod
    /// capacity and headroom stop a node here (docs/requests.md, "Pod capacity and headroom").
    /// </summary>
    public static int? PodCapacityPerNode(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.PodsPerNodeFit is { } fit ? fit.Pods + group.DaemonSetIpPodsPerNode : null;
    }

    /// <summary>
    /// "web: 13 pods per node from requests (250m CPU, 512Mi), limited by allocatable memory (CPU 15, memory 13,
    /// max pods 27, IPs 27); 1 DaemonSet pod per node takes a VPC IP, so 14 pod IPs per node". Null when the group
    /// has neither requests nor DaemonSet IPs to explain.
    /// </summary>
    public static string? Describe(NodeGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var parts = new List<string>();
        if (group.PodsPerNodeFit is { } fit && group.PodRequests is { } requests)
        {
            parts.Add($"{N(fit.Pods)} pods per node from requests of {RequestsText(requests)}, limited by {fit.LimitedBy.Words()} " +
                $"(by CPU {Bound(fit.ByCpu)}, by memory {Bound(fit.ByMemory)}, by max pods {N(fit.ByMaxPods)}, by IPs {N(fit.ByIps)})");
            if (group.WorkloadPodsPerNode < fit.Pods)
            {
                // A NodeClaim made for fewer pods than its type holds: the rest is the node's headroom.
                parts.Add($"these NodeClaims were made for {N(group.WorkloadPodsPerNode)} pending pods each, so {N(fit.Pods - group.WorkloadPodsPerNode)} more fit per node");
            }
        }

        if (group.DaemonSetIpPodsPerNode > 0)
        {
            var pods = group.DaemonSetIpPodsPerNode == 1 ? "1 DaemonSet pod per node off the host network takes a VPC IP" : $"{N(group.DaemonSetIpPodsPerNode)} DaemonSet pods per node off the host network take VPC IPs";
            parts.Add($"{pods}, so {N(group.PodsPerNode)} pod IPs per node in all");
        }

        return parts.Count == 0 ? null : $"{group.Name}: {string.Join("; ", parts)}";
    }

    /// <summary>"250m CPU and 512Mi memory": what a pod requests, as the plan's explanations say it.</summary>
    public static string RequestsText(PodRequests requests)
    {
        var asked = new List<string>();
        if (requests.CpuMillicores > 0)
        {
            asked.Add(ResourceQuantity.FormatCpu(requests.CpuMillicores) + " CPU");
        }

        if (requests.MemoryBytes > 0)
        {
            asked.Add(ResourceQuantity.FormatMemory(requests.MemoryBytes) + " memory");
        }

        return string.Join(" and ", asked);
    }

    private static string N(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Bound(int value) => value == int.MaxValue ? "no limit" : N(value);

    private static int Floor(long available, long each) =>
        available <= 0 ? 0 : (int)Math.Min(available / each, int.MaxValue);
}
