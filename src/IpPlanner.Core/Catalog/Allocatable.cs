namespace IpPlanner.Core.Catalog;

/// <summary>
/// What one node offers pods after the system's share: CPU in millicores, memory in MiB, and the pod count the
/// kubelet admits. A field is null when the type's vCPUs or memory are unknown.
/// </summary>
public readonly record struct Allocatable(int? CpuMillicores, long? MemoryMiB, int Pods);
