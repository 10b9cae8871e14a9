using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>What one simulated run measured, per subnet in scenario order.</summary>
public sealed class RunResult
{
    internal RunResult(int subnets, int samples)
    {
        PeakUsed = new int[subnets];
        FirstFailureSeconds = new double[subnets];
        Array.Fill(FirstFailureSeconds, double.NaN);
        PodsFailedToStart = new int[subnets];
        Samples = new int[samples, subnets];
    }

    /// <summary>Highest used-address count seen.</summary>
    public int[] PeakUsed { get; }

    /// <summary>When the subnet first ran out: no free address left, or EC2 refused an ENI, IP or prefix (NaN: never).</summary>
    public double[] FirstFailureSeconds { get; }

    /// <summary>Pods whose first attempt found no IP, by the subnet their IP comes from.</summary>
    public int[] PodsFailedToStart { get; }

    /// <summary>Pods still without an IP when the run ended.</summary>
    public int PodsPendingAtEnd { get; internal set; }

    /// <summary>Pods created in the run (all workloads).</summary>
    public int PodsCreated { get; internal set; }

    /// <summary>
    /// Pods that found no node able to take them when created (every node of their group at max pods, or none
    /// running): they wait as pending, never counted as running, and are placed when a node has room again.
    /// </summary>
    public int PodsUnschedulable { get; internal set; }

    /// <summary>Used addresses at each sample time (rows) per subnet (columns).</summary>
    public int[,] Samples { get; }
}

/// <summary>
/// One seeded time simulation of the scenario's workloads: deployments with rollouts and surge, Poisson job arrivals
/// with random durations, node scale events; ipamd reconciles each busy node on the 5 s loop, with IP cooldown, ENI
/// attach latency and the 120 s back-off. Events are processed in time order, so quiet nodes cost nothing.
/// </summary>
internal sealed class ChurnRun
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
    private readonly PriorityQueue<Event, (double, long)> _queue = new();
    private readonly List<SimNode> _nodes = [];
    private readonly List<Deployment> _deployments = [];

    // Pods no node could take when they were created: pending in the scheduler's queue, not on a node.
    private readonly List<SimPod> _unscheduled = [];
    private readonly RunResult _result;
    private readonly bool[] _nodeSubnet;
    private readonly Dictionary<string, LeastLoadedIndex> _schedulable = new(StringComparer.Ordinal);
    private readonly bool _scanAllNodes;
    private long _seq;
    private double _now;

    public ChurnRun(ProvisionedScenario scenario, double durationSeconds, double sampleEverySeconds, double eniAttachSeconds, int seed, bool scanAllNodes = false)
    {
        _scanAllNodes = scanAllNodes;
        _scenario = scenario;
        _duration = durationSeconds;
        _sampleEvery = sampleEverySeconds;
        _eniAttachSeconds = eniAttachSeconds;
        _random = new Xoshiro256StarStar(seed, threadSafe: false);
        _state = ClusterState.BuildPlanned(scenario);
        _subnets = [.. _state.Subnets];
        _subnetIndex = _subnets.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _result = new RunResult(_subnets.Count, SampleCount(durationSeconds, sampleEverySeconds));
        _nodeSubnet = new bool[_subnets.Count];
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
                    var deployment = new Deployment(w);
                    _deployments.Add(deployment);
                    Schedule(0, Event.Start(deployment));
                    if (w.RolloutEverySeconds > 0)
                    {
                        Schedule(w.RolloutEverySeconds, Event.Rollout(deployment));
                    }

                    break;
                case WorkloadKind.Jobs:
                    Schedule(NextArrival(w), Event.JobArrival(w));
                    break;
                case WorkloadKind.Scale:
                    Schedule(w.AtSeconds, Event.Scale(w));
                    break;
                default:
                    break;
            }
        }

        for (var i = 0; i < _result.Samples.GetLength(0); i++)
        {
            Schedule(i * _sampleEvery, Event.Sample(i));
        }

        while (_queue.TryDequeue(out var ev, out var key))
        {
            if (key.Item1 > _duration)
            {
                break;
            }

            _now = key.Item1;
            Handle(ev);
            UpdatePeaks();
        }

        // Pods created in the last minute are still starting, not stuck.
        _result.PodsPendingAtEnd = _nodes.Sum(n => n.Pending.Count(p => !p.Deleted && _duration - p.CreatedAt > 60))
            + _unscheduled.Count(p => !p.Deleted && _duration - p.CreatedAt > 60);
        return _result;
    }

    private void Handle(Event ev)
    {
        switch (ev.Kind)
        {
            case EventKind.Sample:
                for (var s = 0; s < _subnets.Count; s++)
                {
                    _result.Samples[ev.Index, s] = _subnets[s].Space.InUse;
                }

                break;
            case EventKind.Reconcile:
                Reconcile(ev.Node!);
                break;
            case EventKind.Start:
                // The replicas were running before the window opens: place them as a steady state, not as a burst.
                for (var i = 0; i < ev.Deployment!.Spec.Replicas; i++)
                {
                    ev.Deployment.Pods.Enqueue(CreatePod(ev.Deployment.Spec, steady: true));
                }

                break;
            case EventKind.Rollout:
                // A rollout still in progress is superseded, as a new ReplicaSet would be: it starts over.
                ev.Deployment!.ToReplace = ev.Deployment.Spec.Replicas;
                if (ev.Deployment.Surge.Count == 0)
                {
                    RolloutStep(ev.Deployment);
                }

                Schedule(_now + ev.Deployment.Spec.RolloutEverySeconds, Event.Rollout(ev.Deployment));
                break;
            case EventKind.RolloutReady:
                RolloutReady(ev.Deployment!);
                break;
            case EventKind.JobArrival:
                var job = CreatePod(ev.Workload!);
                Schedule(_now + JobDuration(ev.Workload!), Event.Delete(job));
                Schedule(_now + NextArrival(ev.Workload!), Event.JobArrival(ev.Workload!));
                break;
            case EventKind.Delete:
                DeletePod(ev.Pod!);
                break;
            case EventKind.Scale:
                ScaleGroup(ev.Workload!);
                break;
            default:
                break;
        }
    }

    /// <summary>One surge batch: create up to maxSurge new pods now; the next step retires as many old ones once they are ready.</summary>
    private void RolloutStep(Deployment d)
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

        Schedule(_now + d.Spec.PodReadySeconds, Event.RolloutReady(d));
    }

    /// <summary>
    /// The surge pods are ready once they have IPs and PodReadySeconds passed: then the old pods go (their IPs start
    /// cooling) and the next batch starts. A surge pod still waiting for an IP holds the rollout, as Kubernetes would.
    /// </summary>
    private void RolloutReady(Deployment d)
    {
        // A surge pod no node could take holds the rollout too: Kubernetes never retires old pods for a pending one.
        if (d.Surge.Exists(p => !p.Running && !p.Deleted))
        {
            Schedule(_now + ReconcileSeconds, Event.RolloutReady(d));
            return;
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

    private SimPod CreatePod(WorkloadSpec w, bool steady = false)
    {
        _result.PodsCreated++;
        var pod = new SimPod(w) { CreatedAt = _now };
        var node = PickNode(w.NodeGroup);
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
    private void Place(SimPod pod, SimNode node, bool steady = false)
    {
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
            node.Pending.Enqueue(pod);
            _result.PodsFailedToStart[node.PodSubnet]++;
        }

        Touch(node);
        WakeUp(node);
    }

    /// <summary>A node has room again (a pod left, a node joined): the scheduler places waiting pods that now fit.</summary>
    private void ScheduleWaiting()
    {
        var kept = 0;
        for (var i = 0; i < _unscheduled.Count; i++)
        {
            var pod = _unscheduled[i];
            if (pod.Deleted)
            {
                continue;
            }

            if (PickNode(pod.Workload.NodeGroup) is { } node)
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

    private void DeletePod(SimPod pod)
    {
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
            Touch(node);
            WakeUp(node);
            if (_unscheduled.Count > 0)
            {
                ScheduleWaiting();
            }
        }
    }

    /// <summary>
    /// The least loaded node that can take one more pod (pods on it plus pods waiting there), of the group when one is
    /// named; ties go to the node that joined first. O(groups) from the per-group indexes.
    /// </summary>
    private SimNode? PickNode(string? group)
    {
        if (_scanAllNodes)
        {
            return PickNodeByScan(group);
        }

        var best = long.MaxValue;
        if (group is not null)
        {
            if (_schedulable.TryGetValue(group, out var index))
            {
                best = index.Min;
            }
        }
        else
        {
            foreach (var index in _schedulable.Values)
            {
                best = Math.Min(best, index.Min);
            }
        }

        return best == long.MaxValue ? null : _nodes[LeastLoadedIndex.OrderOf(best)];
    }

    /// <summary>The same choice as <see cref="PickNode"/> by looking at every node: the reference the tests hold the index to.</summary>
    private SimNode? PickNodeByScan(string? group)
    {
        SimNode? best = null;
        foreach (var node in _nodes)
        {
            if (node.Placed.Node.Terminated || !node.Placed.Node.Started || (group is not null && node.Placed.Group.Name != group))
            {
                continue;
            }

            var load = node.Placed.Node.PodsOnNode + node.Pending.Count;
            if (load >= node.Placed.Node.MaxPods)
            {
                continue;
            }

            if (best is null || load < best.Placed.Node.PodsOnNode + best.Pending.Count)
            {
                best = node;
            }
        }

        return best;
    }

    private void ScaleGroup(WorkloadSpec w)
    {
        var group = _scenario.AllNodeGroups.First(g => g.Name == w.NodeGroup);
        var live = _nodes.Where(n => n.Placed.Group.Name == group.Name && !n.Placed.Node.Terminated).ToList();
        for (var i = live.Count; i < w.Nodes; i++)
        {
            var placed = _state.AddNode(group);
            var node = Track(placed);
            // Only a subnet that ran out is blamed as one; a node stopped by max pods or its ENIs is not (docs/rules.md).
            if (placed.Reason?.IsSubnetExhausted() == true)
            {
                MarkFailure(_subnetIndex[(placed.FailureSubnet ?? placed.Subnet).Spec.Id]);
            }
        }

        // Terminate every node that goes before rescheduling, so no replica lands on a node about to go.
        var leaving = live.Skip(w.Nodes).ToList();
        foreach (var node in leaving)
        {
            node.Placed.Node.Terminate();
            node.Pending.Clear();
            Touch(node);
        }

        Reschedule(leaving);
        if (_unscheduled.Count > 0)
        {
            ScheduleWaiting();
        }
    }

    /// <summary>
    /// Scale-in, after the nodes were terminated (every address they held is back in its subnet): their deployment
    /// pods are recreated on the remaining nodes (the ReplicaSet keeps its count); their jobs are lost. One pass over
    /// each deployment's pods finds what every leaving node held; the new pods are then created node by node,
    /// deployment by deployment, the order the scheduler has always seen them in.
    /// </summary>
    private void Reschedule(List<SimNode> leaving)
    {
        if (leaving.Count == 0)
        {
            return;
        }

        var position = new Dictionary<SimNode, int>(leaving.Count);
        for (var i = 0; i < leaving.Count; i++)
        {
            position[leaving[i]] = i;
        }

        var evicted = new int[_deployments.Count, leaving.Count];
        for (var di = 0; di < _deployments.Count; di++)
        {
            var d = _deployments[di];
            var kept = new Queue<SimPod>(d.Pods.Count);
            foreach (var pod in d.Pods)
            {
                if (!pod.Deleted && pod.Node is { } on && position.TryGetValue(on, out var at))
                {
                    pod.Deleted = true;
                    evicted[di, at]++;
                }
                else
                {
                    kept.Enqueue(pod);
                }
            }

            d.Pods.Clear();
            foreach (var pod in kept)
            {
                d.Pods.Enqueue(pod);
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
                    if (d.Surge[i].Node == leaving[at] && !d.Surge[i].Deleted)
                    {
                        d.Surge[i].Deleted = true;
                        d.Surge[i] = CreatePod(d.Spec);
                    }
                }
            }
        }
    }

    private SimNode Track(PlacedNode placed)
    {
        placed.Node.EniAttachSeconds = _eniAttachSeconds;
        placed.Node.AdvanceTo(_now);
        var podSubnet = _scenario.Cni.EniConfigSubnetFor(placed.Subnet.Spec.Zone) is { } id && _subnetIndex.TryGetValue(id, out var ps)
            ? ps
            : _subnetIndex[placed.Subnet.Spec.Id];
        if (!_schedulable.TryGetValue(placed.Group.Name, out var index))
        {
            index = new LeastLoadedIndex();
            _schedulable.Add(placed.Group.Name, index);
        }

        var node = new SimNode(placed, podSubnet, _nodes.Count, index, index.Add());
        _nodeSubnet[podSubnet] = true;
        _nodeSubnet[_subnetIndex[placed.Subnet.Spec.Id]] = true;
        _nodes.Add(node);
        Touch(node);
        return node;
    }

    private void Reconcile(SimNode node)
    {
        node.ReconcileAt = double.NaN;
        var ipamd = node.Placed.Node;
        if (ipamd.Terminated)
        {
            return;
        }

        ipamd.AdvanceTo(_now);
        var outcome = ipamd.Reconcile();
        if (outcome == ReconcileOutcome.Blocked && ipamd.LastGrowthFailure is PodFailure.InsufficientFreeAddressesInSubnet or PodFailure.InsufficientCidrBlocks)
        {
            MarkFailure(node.PodSubnet);
        }

        while (node.Pending.Count > 0)
        {
            var pod = node.Pending.Peek();
            if (pod.Deleted)
            {
                node.Pending.Dequeue();
                continue;
            }

            if (ipamd.TryAssignNow(out var ip) != PodFailure.None)
            {
                break;
            }

            node.Pending.Dequeue();
            pod.Ip = ip;
            pod.Running = true;
        }

        Touch(node);
        if (outcome == ReconcileOutcome.Changed || node.Pending.Count > 0 || ipamd.CoolingIps > 0 || ipamd.WaitingOnClock)
        {
            ScheduleReconcile(node, _now + ReconcileSeconds);
        }
    }

    /// <summary>The node's pods or pending pods changed: its place in the scheduling index follows.</summary>
    private static void Touch(SimNode node)
    {
        var ipamd = node.Placed.Node;
        var load = ipamd.PodsOnNode + node.Pending.Count;
        node.Index.Set(node.Slot, node.Order, ipamd.Terminated || !ipamd.Started || load >= ipamd.MaxPods ? null : load);
    }

    private void MarkFailure(int subnet)
    {
        if (double.IsNaN(_result.FirstFailureSeconds[subnet]))
        {
            _result.FirstFailureSeconds[subnet] = _now;
        }
    }

    /// <summary>Something changed on the node: ipamd looks at it on its next 5 s tick.</summary>
    private void WakeUp(SimNode node)
    {
        var tick = (Math.Floor(_now / ReconcileSeconds) + 1) * ReconcileSeconds;
        ScheduleReconcile(node, tick);
    }

    private void ScheduleReconcile(SimNode node, double at)
    {
        if (!double.IsNaN(node.ReconcileAt) && node.ReconcileAt <= at)
        {
            return;
        }

        node.ReconcileAt = at;
        Schedule(at, Event.Reconcile(node));
    }

    private void UpdatePeaks()
    {
        for (var s = 0; s < _subnets.Count; s++)
        {
            var space = _subnets[s].Space;
            if (space.InUse > _result.PeakUsed[s])
            {
                _result.PeakUsed[s] = space.InUse;
            }

            // A subnet that nodes draw from with no address left is exhausted, whether or not ipamd has asked yet.
            if (_nodeSubnet[s] && space.Free == 0)
            {
                MarkFailure(s);
            }
        }
    }

    private double NextArrival(WorkloadSpec w) => Exponential.Sample(_random, w.PerMinute / 60.0);

    private double JobDuration(WorkloadSpec w) => w.Duration == DurationDistribution.LogNormal
        ? LogNormal.Sample(_random, Math.Log(w.DurationSeconds), w.Sigma)
        : Exponential.Sample(_random, 1.0 / w.DurationSeconds);

    private void Schedule(double at, Event ev) => _queue.Enqueue(ev, (at, _seq++));

    private sealed class SimNode(PlacedNode placed, int podSubnet, int order, LeastLoadedIndex index, int slot)
    {
        public PlacedNode Placed { get; } = placed;

        public int PodSubnet { get; } = podSubnet;

        /// <summary>Position in the run's node list: the scheduler's tie-break.</summary>
        public int Order { get; } = order;

        /// <summary>The node group's scheduling index and this node's slot in it.</summary>
        public LeastLoadedIndex Index { get; } = index;

        public int Slot { get; } = slot;

        public Queue<SimPod> Pending { get; } = new();

        public double ReconcileAt { get; set; } = double.NaN;
    }

    private sealed class SimPod(WorkloadSpec workload)
    {
        public WorkloadSpec Workload { get; } = workload;

        public SimNode? Node { get; set; }

        public PodIp Ip { get; set; }

        public bool Running { get; set; }

        public bool Deleted { get; set; }

        public double CreatedAt { get; init; }
    }

    private sealed class Deployment(WorkloadSpec spec)
    {
        public WorkloadSpec Spec { get; } = spec;

        public Queue<SimPod> Pods { get; } = new();

        public List<SimPod> Surge { get; } = [];

        public int ToReplace { get; set; }
    }

    private enum EventKind
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

    private sealed class Event
    {
        public EventKind Kind { get; private init; }

        public int Index { get; private init; }

        public SimNode? Node { get; private init; }

        public Deployment? Deployment { get; private init; }

        public WorkloadSpec? Workload { get; private init; }

        public SimPod? Pod { get; private init; }

        public static Event Sample(int index) => new() { Kind = EventKind.Sample, Index = index };

        public static Event Reconcile(SimNode node) => new() { Kind = EventKind.Reconcile, Node = node };

        public static Event Start(Deployment d) => new() { Kind = EventKind.Start, Deployment = d };

        public static Event Rollout(Deployment d) => new() { Kind = EventKind.Rollout, Deployment = d };

        public static Event RolloutReady(Deployment d) => new() { Kind = EventKind.RolloutReady, Deployment = d };

        public static Event JobArrival(WorkloadSpec w) => new() { Kind = EventKind.JobArrival, Workload = w };

        public static Event Delete(SimPod pod) => new() { Kind = EventKind.Delete, Pod = pod };

        public static Event Scale(WorkloadSpec w) => new() { Kind = EventKind.Scale, Workload = w };
    }
}
