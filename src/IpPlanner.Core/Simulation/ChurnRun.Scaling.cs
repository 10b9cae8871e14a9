using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Simulation;

/// <summary>Nodes of a churn run: the scale events that start and terminate them, and each new node joining the run.</summary>
internal sealed partial class ChurnRun
{
    private void ScaleGroup(WorkloadSpec w)
    {
        NodeGroup? group = null;
        foreach (var g in _scenario.AllNodeGroups)
        {
            if (g.Name == w.NodeGroup)
            {
                group = g;
                break;
            }
        }

        if (group is null)
        {
            throw new InvalidOperationException($"no node group {w.NodeGroup}");
        }

        var live = new List<ChurnNode>();
        foreach (var n in _scheduler.Nodes)
        {
            if (n.Placed.Group.Name == group.Name && !n.Placed.Node.Terminated)
            {
                live.Add(n);
            }
        }

        for (var i = live.Count; i < w.Nodes; i++)
        {
            var placed = _state.AddNode(group);
            var node = Track(placed);
            // Only a subnet that ran out is blamed as one; a node stopped by max pods or its ENIs is not (docs/rules.md).
            if (placed.Reason?.IsSubnetExhausted() == true)
            {
                _recorder.MarkFailure(_subnetIndex[(placed.FailureSubnet ?? placed.Subnet).Spec.Id], _now);
            }
        }

        // Terminate every node that goes before rescheduling, so no replica lands on a node about to go.
        var leaving = live.Count > w.Nodes ? live.GetRange(w.Nodes, live.Count - w.Nodes) : [];
        foreach (var node in leaving)
        {
            node.Placed.Node.Terminate();
            node.Pending.Clear();
            ChurnScheduler.Touch(node);
        }

        Reschedule(leaving);
        if (_unscheduled.Count > 0)
        {
            ScheduleWaiting();
        }
    }

    private ChurnNode Track(PlacedNode placed)
    {
        placed.Node.EniAttachSeconds = _eniAttachSeconds;
        placed.Node.AdvanceTo(_now);
        var podSubnet = _scenario.Cni.EniConfigSubnetFor(placed.Subnet.Spec.Zone) is { } id && _subnetIndex.TryGetValue(id, out var ps)
            ? ps
            : _subnetIndex[placed.Subnet.Spec.Id];
        _recorder.ServesNodes(podSubnet);
        _recorder.ServesNodes(_subnetIndex[placed.Subnet.Spec.Id]);
        return _scheduler.Add(placed, podSubnet);
    }
}
