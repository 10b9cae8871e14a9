using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>Deployments of a churn run: rollouts in surge batches, and their pods recreated when a scale-in takes their nodes.</summary>
internal sealed partial class ChurnRun
{
    /// <summary>One surge batch: create up to maxSurge new pods now; the next step retires as many old ones once they are ready.</summary>
    private void RolloutStep(ChurnDeployment d)
    {
        var batch = Math.Min(d.Spec.MaxSurge, d.ToReplace);
        if (batch <= 0)
        {
            return;
        }

        d.ToReplace -= batch;
        d.Surge.Clear();
        for (var i = 0; i < batch; i++)
        {
            d.Surge.Add(CreatePod(d.Spec));
        }

        Schedule(_now + d.Spec.PodReadySeconds, ChurnEvent.RolloutReady(d));
    }

    /// <summary>
    /// The surge pods are ready once they have IPs and PodReadySeconds passed: then the old pods go (their IPs start
    /// cooling) and the next batch starts. A surge pod still waiting for an IP holds the rollout, as Kubernetes would.
    /// </summary>
    private void RolloutReady(ChurnDeployment d)
    {
        // A surge pod no node could take holds the rollout too: Kubernetes never retires old pods for a pending one.
        foreach (var id in d.Surge)
        {
            if (!_pods[id].Running && !_pods[id].Deleted)
            {
                Schedule(_now + ReconcileSeconds, ChurnEvent.RolloutReady(d));
                return;
            }
        }

        for (var i = 0; i < d.Surge.Count && d.Pods.Count > 0; i++)
        {
            DeletePod(d.Pods.Dequeue());
        }

        foreach (var pod in d.Surge)
        {
            d.Pods.Enqueue(pod);
        }

        d.Surge.Clear();
        RolloutStep(d);
    }

    /// <summary>
    /// Scale-in, after the nodes were terminated (every address they held is back in its subnet): their deployment
    /// pods are recreated on the remaining nodes (the ReplicaSet keeps its count); their jobs are lost. One pass over
    /// each deployment's pods finds what every leaving node held; the new pods are then created node by node,
    /// deployment by deployment, the order the scheduler has always seen them in.
    /// </summary>
    private void Reschedule(List<ChurnNode> leaving)
    {
        if (leaving.Count == 0)
        {
            return;
        }

        var position = new Dictionary<ChurnNode, int>(leaving.Count);
        for (var i = 0; i < leaving.Count; i++)
        {
            position[leaving[i]] = i;
        }

        var evicted = new int[_deployments.Count, leaving.Count];
        for (var di = 0; di < _deployments.Count; di++)
        {
            var d = _deployments[di];
            var kept = new Queue<int>(d.Pods.Count);
            foreach (var id in d.Pods)
            {
                ref var pod = ref _pods[id];
                if (!pod.Deleted && pod.Node is { } on && position.TryGetValue(on, out var at))
                {
                    pod.Deleted = true;
                    evicted[di, at]++;
                }
                else
                {
                    kept.Enqueue(id);
                }
            }

            d.Pods.Clear();
            foreach (var id in kept)
            {
                d.Pods.Enqueue(id);
            }
        }

        for (var at = 0; at < leaving.Count; at++)
        {
            for (var di = 0; di < _deployments.Count; di++)
            {
                var d = _deployments[di];
                for (var i = 0; i < evicted[di, at]; i++)
                {
                    d.Pods.Enqueue(CreatePod(d.Spec));
                }

                for (var i = 0; i < d.Surge.Count; i++)
                {
                    ref var surge = ref _pods[d.Surge[i]];
                    if (surge.Node == leaving[at] && !surge.Deleted)
                    {
                        surge.Deleted = true;
                        d.Surge[i] = CreatePod(d.Spec);
                    }
                }
            }
        }
    }
}
