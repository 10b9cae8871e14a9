using IpPlanner.Core.Engine;

namespace IpPlanner.Core.Simulation;

/// <summary>A node of a churn run: the engine's node, the subnet its pods draw from, its place in the scheduler's index, and the pods waiting on it for an IP.</summary>
internal sealed class ChurnNode(PlacedNode placed, int podSubnet, int order, LeastLoadedIndex index, int slot)
{
    public PlacedNode Placed { get; } = placed;

    public int PodSubnet { get; } = podSubnet;

    /// <summary>Position in the run's node list: the scheduler's tie-break.</summary>
    public int Order { get; } = order;

    /// <summary>The node group's scheduling index and this node's slot in it.</summary>
    public LeastLoadedIndex Index { get; } = index;

    public int Slot { get; } = slot;

    /// <summary>Pods (by number) bound to the node and waiting for an IP, first come first served.</summary>
    public Queue<int> Pending { get; } = new();

    public double ReconcileAt { get; set; } = double.NaN;
}
