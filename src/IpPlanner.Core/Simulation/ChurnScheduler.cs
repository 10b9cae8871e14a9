using IpPlanner.Core.Engine;

namespace IpPlanner.Core.Simulation;

/// <summary>
/// The scheduler of a churn run: a new pod goes to the least loaded node that can take one more (pods on it plus pods
/// waiting there for an IP), of its node group when the workload names one; ties go to the node that joined first.
/// Each group's nodes are kept in a <see cref="LeastLoadedIndex"/>, so a choice costs O(groups), not O(nodes).
/// </summary>
internal sealed class ChurnScheduler(bool scanAllNodes)
{
    private readonly List<ChurnNode> _nodes = [];
    private readonly Dictionary<string, LeastLoadedIndex> _schedulable = new(StringComparer.Ordinal);

    /// <summary>Every node the run started, in start order.</summary>
    public IReadOnlyList<ChurnNode> Nodes => _nodes;

    /// <summary>Adds a started node (its pods draw from subnet number <paramref name="podSubnet"/>) to its group's index.</summary>
    public ChurnNode Add(PlacedNode placed, int podSubnet)
    {
        if (!_schedulable.TryGetValue(placed.Group.Name, out var index))
        {
            index = new LeastLoadedIndex();
            _schedulable.Add(placed.Group.Name, index);
        }

        var node = new ChurnNode(placed, podSubnet, _nodes.Count, index, index.Add());
        _nodes.Add(node);
        Touch(node);
        return node;
    }

    /// <summary>
    /// The least loaded node that can take one more pod (pods on it plus pods waiting there), of the group when one is
    /// named; ties go to the node that joined first. O(groups) from the per-group indexes.
    /// </summary>
    public ChurnNode? Pick(string? group)
    {
        if (scanAllNodes)
        {
            return PickByScan(group);
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

    /// <summary>The same choice as <see cref="Pick"/> by looking at every node: the reference the tests hold the index to.</summary>
    private ChurnNode? PickByScan(string? group)
    {
        ChurnNode? best = null;
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

    /// <summary>The node's pods or pending pods changed: its place in the scheduling index follows.</summary>
    public static void Touch(ChurnNode node)
    {
        var ipamd = node.Placed.Node;
        var load = ipamd.PodsOnNode + node.Pending.Count;
        node.Index.Set(node.Slot, node.Order, ipamd.Terminated || !ipamd.Started || load >= ipamd.MaxPods ? null : load);
    }
}
