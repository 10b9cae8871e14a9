namespace IpPlanner.Core.Simulation;

/// <summary>
/// What a churn run needs besides the cluster, kept by one Monte Carlo worker from run to run: the event queue, the
/// pod table, the pods waiting for a node and the deployments. A run empties them when it starts, so what one run
/// leaves behind never reaches the next, and the worker's later runs allocate none of it again.
/// </summary>
internal sealed class ChurnWorkspace
{
    private readonly List<ChurnDeployment> _deployments = [];

    public PriorityQueue<ChurnEvent, ChurnEventTime> Queue { get; } = new();

    public ChurnPods Pods { get; } = new();

    /// <summary>Pods (by number) no node could take when they were created: pending in the scheduler's queue, on no node.</summary>
    public List<int> Unscheduled { get; } = [];

    /// <summary>The run's deployments, in workload order.</summary>
    public List<ChurnDeployment> Deployments { get; } = [];

    /// <summary>Empties everything for the next run.</summary>
    public void Reset()
    {
        Queue.Clear();
        Pods.Clear();
        Unscheduled.Clear();
        Deployments.Clear();
    }

    /// <summary>The run's next deployment, a reused one when an earlier run had as many.</summary>
    public ChurnDeployment AddDeployment(Model.WorkloadSpec spec)
    {
        if (Deployments.Count == _deployments.Count)
        {
            _deployments.Add(new ChurnDeployment());
        }

        var deployment = _deployments[Deployments.Count].Reset(spec);
        Deployments.Add(deployment);
        return deployment;
    }
}
