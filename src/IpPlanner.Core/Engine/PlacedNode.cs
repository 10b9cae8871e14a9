using IpPlanner.Core.Cni;
using IpPlanner.Core.Kubernetes;

namespace IpPlanner.Core.Engine;

/// <summary>A node the engine started, with where it went and how its pods fared.</summary>
public sealed class PlacedNode
{
    internal PlacedNode(NodeGroup group, int indexInGroup, SubnetState subnet, VpcCniNode node)
    {
        Group = group;
        IndexInGroup = indexInGroup;
        Subnet = subnet;
        Node = node;
    }

    /// <summary>The node's group.</summary>
    public NodeGroup Group { get; }

    /// <summary>0 for the group's first node.</summary>
    public int IndexInGroup { get; }

    /// <summary>The node subnet.</summary>
    public SubnetState Subnet { get; }

    /// <summary>ipamd on the node.</summary>
    public VpcCniNode Node { get; }

    /// <summary>VPC-IP pods running.</summary>
    public int PodsRunning { get; internal set; }

    /// <summary>
    /// Pods bound to this node (a NodePool's: Karpenter counts max pods, not addresses) that its ENIs cannot address:
    /// every ENI is attached and full, so they wait in ContainerCreating.
    /// </summary>
    public int PodsWithoutIp { get; internal set; }

    /// <summary>Security-group pods running.</summary>
    public int BranchPodsRunning { get; internal set; }

    /// <summary>
    /// The planned pods of a node that started but could not get an address (or a branch ENI, or a slot under max
    /// pods): they wait on the node. 0 for a node that never started (its pods have no node at all).
    /// </summary>
    public int PodsPending => Node.Started && !Node.Terminated
        ? Math.Max(0, Group.PodsPerNode - PodsRunning) + Math.Max(0, Group.SecurityGroupPodsPerNode - BranchPodsRunning)
        : 0;

    /// <summary>The first failure, or None when every pod started.</summary>
    public PodFailure Failure { get; internal set; }

    /// <summary>The subnet the failure happened in (the ENIConfig subnet under custom networking).</summary>
    public SubnetState? FailureSubnet { get; internal set; }

    /// <summary>What stopped the node's next pod (a subnet that ran out or a limit of the node), or null when every pod started.</summary>
    public FailureReason? Reason => FailureReasons.From(Failure);

    /// <summary>Where the node is in its cluster's start order.</summary>
    internal int Position { get; init; }
}
