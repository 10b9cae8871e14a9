using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using IpPlanner.Core.Cni;

namespace IpPlanner.Core.Simulation;

/// <summary>ipamd on each node of a churn run: its reconcile on the 5 s loop, woken by what changed on the node.</summary>
internal sealed partial class ChurnRun
{
    private void Reconcile(ChurnNode node)
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
            _recorder.MarkFailure(node.PodSubnet, _now);
        }

        while (node.Pending.Count > 0)
        {
            ref var pod = ref _pods[node.Pending.Peek()];
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

        ChurnScheduler.Touch(node);
        if (outcome == ReconcileOutcome.Changed || node.Pending.Count > 0 || ipamd.CoolingIps > 0 || ipamd.WaitingOnClock)
        {
            ScheduleReconcile(node, _now + ReconcileSeconds);
        }
    }

    /// <summary>Something changed on the node: ipamd looks at it on its next 5 s tick.</summary>
    private void WakeUp(ChurnNode node)
    {
        var tick = (Math.Floor(_now / ReconcileSeconds) + 1) * ReconcileSeconds;
        ScheduleReconcile(node, tick);
    }

    private void ScheduleReconcile(ChurnNode node, double at)
    {
        if (!double.IsNaN(node.ReconcileAt) && node.ReconcileAt <= at)
        {
            return;
        }

        node.ReconcileAt = at;
        Schedule(at, ChurnEvent.Reconcile(node));
    }
}
