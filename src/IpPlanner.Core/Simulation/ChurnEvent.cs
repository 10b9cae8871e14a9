using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>What happens at a point of a churn run's simulated time.</summary>
internal enum ChurnEventKind
{
    Sample,
    Reconcile,
    Start,
    Rollout,
    RolloutReady,
    JobArrival,
    Delete,
    Scale,
}

/// <summary>One event of a churn run: its kind and what it is about (a sample, a node, a deployment, a workload or a pod).</summary>
internal sealed class ChurnEvent
{
    public ChurnEventKind Kind { get; private init; }

    public int Index { get; private init; }

    public ChurnNode? Node { get; private init; }

    public ChurnDeployment? Deployment { get; private init; }

    public WorkloadSpec? Workload { get; private init; }

    public ChurnPod? Pod { get; private init; }

    public static ChurnEvent Sample(int index) => new() { Kind = ChurnEventKind.Sample, Index = index };

    public static ChurnEvent Reconcile(ChurnNode node) => new() { Kind = ChurnEventKind.Reconcile, Node = node };

    public static ChurnEvent Start(ChurnDeployment d) => new() { Kind = ChurnEventKind.Start, Deployment = d };

    public static ChurnEvent Rollout(ChurnDeployment d) => new() { Kind = ChurnEventKind.Rollout, Deployment = d };

    public static ChurnEvent RolloutReady(ChurnDeployment d) => new() { Kind = ChurnEventKind.RolloutReady, Deployment = d };

    public static ChurnEvent JobArrival(WorkloadSpec w) => new() { Kind = ChurnEventKind.JobArrival, Workload = w };

    public static ChurnEvent Delete(ChurnPod pod) => new() { Kind = ChurnEventKind.Delete, Pod = pod };

    public static ChurnEvent Scale(WorkloadSpec w) => new() { Kind = ChurnEventKind.Scale, Workload = w };
}
