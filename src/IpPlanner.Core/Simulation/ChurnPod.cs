using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>A pod of a churn run: its workload, its node and IP once it has them, and whether it runs or was deleted.</summary>
internal struct ChurnPod
{
    public WorkloadSpec Workload;

    public ChurnNode? Node;

    public PodIp Ip;

    public bool Running;

    public bool Deleted;

    public double CreatedAt;
}

/// <summary>
/// Every pod of a churn run, by number in creation order: the run's queues and events hold numbers, not objects, and
/// the table is emptied, not freed, between the runs one worker does (<see cref="ChurnWorkspace"/>).
/// </summary>
internal sealed class ChurnPods
{
    private ChurnPod[] _pods = new ChurnPod[256];

    /// <summary>Pods created so far in this run.</summary>
    public int Count { get; private set; }

    /// <summary>Pod number <paramref name="id"/>. The reference is valid until the next <see cref="Add"/>.</summary>
    public ref ChurnPod this[int id] => ref _pods[id];

    /// <summary>A new pod of <paramref name="workload"/> created at <paramref name="now"/>; returns its number.</summary>
    public int Add(WorkloadSpec workload, double now)
    {
        if (Count == _pods.Length)
        {
            Array.Resize(ref _pods, _pods.Length * 2);
        }

        _pods[Count] = new ChurnPod { Workload = workload, CreatedAt = now };
        return Count++;
    }

    /// <summary>Forgets every pod (and the nodes and workloads they point at), keeping the table's room.</summary>
    public void Clear()
    {
        Array.Clear(_pods, 0, Count);
        Count = 0;
    }
}
