using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>A deployment of a churn run: its pods, the surge batch of a rollout in progress and how many old pods it still replaces.</summary>
internal sealed class ChurnDeployment
{
    public WorkloadSpec Spec { get; private set; } = null!;

    /// <summary>Its running (or waiting) pods by number, oldest first.</summary>
    public Queue<int> Pods { get; } = new();

    /// <summary>The pods of the surge batch in progress, by number.</summary>
    public List<int> Surge { get; } = [];

    public int ToReplace { get; set; }

    /// <summary>Starts over as a deployment of <paramref name="spec"/> with no pods, keeping the queues' room.</summary>
    public ChurnDeployment Reset(WorkloadSpec spec)
    {
        Spec = spec;
        Pods.Clear();
        Surge.Clear();
        ToReplace = 0;
        return this;
    }
}
