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

/// <summary>
/// One event of a churn run: its kind and what it is about (a sample number or a pod number in <see cref="Index"/>,
/// or a node, a deployment or a workload). A value: a run queues tens of thousands, and an object each was most of
/// what a Monte Carlo run allocated.
/// </summary>
internal readonly struct ChurnEvent
{
    private ChurnEvent(ChurnEventKind kind, int index = 0, ChurnNode? node = null, ChurnDeployment? deployment = null, WorkloadSpec? workload = null)
    {
        Kind = kind;
        Index = index;
        Node = node;
        Deployment = deployment;
        Workload = workload;
    }

    public ChurnEventKind Kind { get; }

    /// <summary>The sample number (<see cref="ChurnEventKind.Sample"/>) or the pod (<see cref="ChurnEventKind.Delete"/>).</summary>
    public int Index { get; }

    public ChurnNode? Node { get; }

    public ChurnDeployment? Deployment { get; }

    public WorkloadSpec? Workload { get; }

    public static ChurnEvent Sample(int index) => new(ChurnEventKind.Sample, index);

    public static ChurnEvent Reconcile(ChurnNode node) => new(ChurnEventKind.Reconcile, node: node);

    public static ChurnEvent Start(ChurnDeployment d) => new(ChurnEventKind.Start, deployment: d);

    public static ChurnEvent Rollout(ChurnDeployment d) => new(ChurnEventKind.Rollout, deployment: d);

    public static ChurnEvent RolloutReady(ChurnDeployment d) => new(ChurnEventKind.RolloutReady, deployment: d);

    public static ChurnEvent JobArrival(WorkloadSpec w) => new(ChurnEventKind.JobArrival, workload: w);

    public static ChurnEvent Delete(int pod) => new(ChurnEventKind.Delete, pod);

    public static ChurnEvent Scale(WorkloadSpec w) => new(ChurnEventKind.Scale, workload: w);
}

/// <summary>
/// When an event happens, and the order it was queued in among events of the same time (first queued, first handled).
/// Its own comparison lets the event queue compare keys inline; a tuple went through the general comparer each time.
/// </summary>
internal readonly record struct ChurnEventTime(double At, long Seq) : IComparable<ChurnEventTime>
{
    public int CompareTo(ChurnEventTime other) =>
        At < other.At ? -1 : At > other.At ? 1 : Seq.CompareTo(other.Seq);
}
