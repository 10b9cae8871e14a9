using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>A pod of a churn run: its workload, its node and IP once it has them, and whether it runs or was deleted.</summary>
internal sealed class ChurnPod(WorkloadSpec workload)
{
    public WorkloadSpec Workload { get; } = workload;

    public ChurnNode? Node { get; set; }

    public PodIp Ip { get; set; }

    public bool Running { get; set; }

    public bool Deleted { get; set; }

    public double CreatedAt { get; init; }
}
