using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>A deployment of a churn run: its pods, the surge batch of a rollout in progress and how many old pods it still replaces.</summary>
internal sealed class ChurnDeployment(WorkloadSpec spec)
{
    public WorkloadSpec Spec { get; } = spec;

    public Queue<ChurnPod> Pods { get; } = new();

    public List<ChurnPod> Surge { get; } = [];

    public int ToReplace { get; set; }
}
