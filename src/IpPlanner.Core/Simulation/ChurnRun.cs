using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>
/// One seeded time simulation of the scenario's workloads: deployments with rollouts and surge, Poisson job arrivals
/// with random durations, node scale events; ipamd reconciles each busy node on the 5 s loop, with IP cooldown, ENI
/// attach latency and the 120 s back-off. Events are processed in time order, so quiet nodes cost nothing. This file
/// holds the event loop and the pods' lives; rollouts, scaling and ipamd's reconcile are the run's other files, the
/// scheduler (<see cref="ChurnScheduler"/>) and what is recorded (<see cref="ChurnRecorder"/>) types of their own.
/// </summary>
internal sealed partial class ChurnRun
{
    public const double ReconcileSeconds = 5;

    private readonly ProvisionedScenario _scenario;
    private readonly double _duration;
    private readonly double _sampleEvery;
    private readonly double _eniAttachSeconds;
    private readonly Random _random;
    private readonly ClusterState _state;
    private readonly List<SubnetState> _subnets;
    private readonly Dictionary<string, int> _subnetIndex;
    private readonly PriorityQueue<ChurnEvent, ChurnEventTime> _queue;
    private readonly ChurnWorkspace _workspace;
    private readonly List<ChurnDeployment> _deployments;
    private readonly ChurnPods _pods;
    private readonly ChurnScheduler _scheduler;
    private readonly ChurnRecorder _recorder;
    private readonly RunResult _result;

    // Pods no node could take when they were created: pending in the scheduler's queue, not on a node.
    private readonly List<int> _unscheduled;
    private long _seq;
    private double _now;

    /// <summary>
    /// A run of <paramref name="scenario"/> with <paramref name="seed"/>; <paramref name="workspace"/> (emptied first)
    /// is a Monte Carlo worker's, kept from run to run, or a new one. The run's results never depend on it.
    /// </summary>
    public ChurnRun(ProvisionedScenario scenario, double durationSeconds, double sampleEverySeconds, double eniAttachSeconds, int seed, bool scanAllNodes = false, ChurnWorkspace? workspace = null)
    {
        workspace ??= new ChurnWorkspace();
        workspace.Reset();
        _workspace = workspace;
        _queue = workspace.Queue;
        _deployments = workspace.Deployments;
        _pods = workspace.Pods;
        _unscheduled = workspace.Unscheduled;
        _scheduler = new ChurnScheduler(scanAllNodes);
        _scenario = scenario;
        _duration = durationSeconds;
        _sampleEvery = sampleEverySeconds;
        _eniAttachSeconds = eniAttachSeconds;
        _random = new Xoshiro256StarStar(seed, threadSafe: false);
        _state = ClusterState.BuildPlanned(scenario);
        _subnets = [.. _state.Subnets];
        _subnetIndex = new Dictionary<string, int>(_subnets.Count, StringComparer.Ordinal);
        for (var i = 0; i < _subnets.Count; i++)
        {
            _subnetIndex[_subnets[i].Spec.Id] = i;
        }

        _result = new RunResult(_subnets.Count, SampleCount(durationSeconds, sampleEverySeconds));
        _recorder = new ChurnRecorder(_subnets, _result);
        foreach (var placed in _state.Nodes)
        {
            Track(placed);
        }
    }

    public static int SampleCount(double duration, double every) => (int)Math.Floor(duration / every) + 1;

    public RunResult Run()
    {
        foreach (var w in _scenario.Workloads)
        {
            switch (w.Kind)
            {
                case WorkloadKind.Deployment:
                    var deployment = _workspace.AddDeployment(w);
                    Schedule(0, ChurnEvent.Start(deployment));
                    if (w.RolloutEverySeconds > 0)
                    {
                        Schedule(w.RolloutEverySeconds, ChurnEvent.Rollout(deployment));
                    }

                    break;
                case WorkloadKind.Jobs:
                    Schedule(NextArrival(w), ChurnEvent.JobArrival(w));
                    break;
                case WorkloadKind.Scale:
                    Schedule(w.AtSeconds, ChurnEvent.Scale(w));
                    break;
                default:
                    break;
            }
        }

        for (var i = 0; i < _result.Samples.GetLength(0); i++)
        {
            Schedule(i * _sampleEvery, ChurnEvent.Sample(i));
        }

        while (_queue.TryDequeue(out var ev, out var key))
        {
            if (key.At > _duration)
            {
                break;
            }

            _now = key.At;
            Handle(ev);
            _recorder.UpdatePeaks(_now);
        }

        // Pods created in the last minute are still starting, not stuck.
        var pending = 0;
        foreach (var node in _scheduler.Nodes)
        {
            foreach (var pod in node.Pending)
            {
                pending += StuckAtEnd(pod) ? 1 : 0;
            }
        }

        foreach (var pod in _unscheduled)
        {
            pending += StuckAtEnd(pod) ? 1 : 0;
        }

        _result.PodsPendingAtEnd = pending;
        return _result;
    }

    private bool StuckAtEnd(int id) => !_pods[id].Deleted && _duration - _pods[id].CreatedAt > 60;

    private void Handle(ChurnEvent ev)
    {
        switch (ev.Kind)
        {
            case ChurnEventKind.Sample:
                _recorder.Sample(ev.Index);
                break;
            case ChurnEventKind.Reconcile:
                Reconcile(ev.Node!);
                break;
            case ChurnEventKind.Start:
                // The replicas were running before the window opens: place them as a steady state, not as a burst.
                for (var i = 0; i < ev.Deployment!.Spec.Replicas; i++)
                {
                    ev.Deployment.Pods.Enqueue(CreatePod(ev.Deployment.Spec, steady: true));
                }

                break;
            case ChurnEventKind.Rollout:
                // A rollout still in progress is superseded, as a new ReplicaSet would be: it starts over.
                ev.Deployment!.ToReplace = ev.Deployment.Spec.Replicas;
                if (ev.Deployment.Surge.Count == 0)
                {
                    RolloutStep(ev.Deployment);
                }

                Schedule(_now + ev.Deployment.Spec.RolloutEverySeconds, ChurnEvent.Rollout(ev.Deployment));
                break;
            case ChurnEventKind.RolloutReady:
                RolloutReady(ev.Deployment!);
                break;
            case ChurnEventKind.JobArrival:
                var job = CreatePod(ev.Workload!);
                Schedule(_now + JobDuration(ev.Workload!), ChurnEvent.Delete(job));
                Schedule(_now + NextArrival(ev.Workload!), ChurnEvent.JobArrival(ev.Workload!));
                break;
            case ChurnEventKind.Delete:
                DeletePod(ev.Index);
                break;
            case ChurnEventKind.Scale:
                ScaleGroup(ev.Workload!);
                break;
            default:
                break;
        }
    }

    private int CreatePod(WorkloadSpec w, bool steady = false)
    {
        _result.PodsCreated++;
        var pod = _pods.Add(w, _now);
        var node = _scheduler.Pick(w.NodeGroup);
        if (node is null)
        {
            // Nowhere to schedule: not an IP problem, but the pod is pending all the same (and holds a rollout).
            _result.PodsUnschedulable++;
            _unscheduled.Add(pod);
            return pod;
        }

        Place(pod, node, steady);
        return pod;
    }

    /// <summary>Binds a pod to a node and asks ipamd for its IP; without one it waits in the node's queue.</summary>
    private void Place(int id, ChurnNode node, bool steady = false)
    {
        ref var pod = ref _pods[id];
        pod.Node = node;

        // The node's clock moves only when something happens on it: cooldowns and ENI readiness are judged on it.
        node.Placed.Node.AdvanceTo(_now);
        var outcome = steady ? node.Placed.Node.AddPod(out var ip) : node.Placed.Node.TryAssignNow(out ip);
        if (outcome == PodFailure.None)
        {
            pod.Ip = ip;
            pod.Running = true;
        }
        else
        {
            node.Pending.Enqueue(id);
            _result.PodsFailedToStart[node.PodSubnet]++;
        }

        ChurnScheduler.Touch(node);
        WakeUp(node);
    }

    /// <summary>A node has room again (a pod left, a node joined): the scheduler places waiting pods that now fit.</summary>
    private void ScheduleWaiting()
    {
        var kept = 0;
        for (var i = 0; i < _unscheduled.Count; i++)
        {
            var pod = _unscheduled[i];
            if (_pods[pod].Deleted)
            {
                continue;
            }

            if (_scheduler.Pick(_pods[pod].Workload.NodeGroup) is { } node)
            {
                Place(pod, node);
            }
            else
            {
                _unscheduled[kept++] = pod;
            }
        }

        _unscheduled.RemoveRange(kept, _unscheduled.Count - kept);
    }

    private void DeletePod(int id)
    {
        ref var pod = ref _pods[id];
        if (pod.Deleted)
        {
            return;
        }

        pod.Deleted = true;
        if (pod.Node is not { } node)
        {
            return;
        }

        if (pod.Running && !node.Placed.Node.Terminated)
        {
            // The cooldown starts now, not at the node's last reconcile.
            node.Placed.Node.AdvanceTo(_now);
            node.Placed.Node.RemovePod(pod.Ip);
            ChurnScheduler.Touch(node);
            WakeUp(node);
            if (_unscheduled.Count > 0)
            {
                ScheduleWaiting();
            }
        }
    }

    private double NextArrival(WorkloadSpec w) => Exponential.Sample(_random, w.PerMinute / 60.0);

    private double JobDuration(WorkloadSpec w) => w.Duration == DurationDistribution.LogNormal
        ? LogNormal.Sample(_random, Math.Log(w.DurationSeconds), w.Sigma)
        : Exponential.Sample(_random, 1.0 / w.DurationSeconds);

    private void Schedule(double at, ChurnEvent ev) => _queue.Enqueue(ev, new ChurnEventTime(at, _seq++));
}
