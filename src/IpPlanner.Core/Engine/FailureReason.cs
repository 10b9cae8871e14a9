using System.Globalization;
using IpPlanner.Core.Cni;

namespace IpPlanner.Core.Engine;

/// <summary>
/// What stopped the next pod (or node): a subnet that ran out, or a limit of the node itself. Verdicts, firstExhausted,
/// scale curves and the HTML report all blame through this type, so only a subnet that really ran out is called one
/// (docs/rules.md, "Failure reasons").
/// </summary>
public enum FailureReason
{
    /// <summary>The pod subnet had no free address for an ENI or a secondary IP.</summary>
    SubnetAddresses,

    /// <summary>Prefix mode: the pod subnet had free addresses but no fully free aligned /28.</summary>
    SubnetNoFreePrefix,

    /// <summary>The node subnet had no address left for the node's own primary IP: the node never started.</summary>
    NodeSubnetFull,

    /// <summary>Kubelet's max pods for the instance type was reached.</summary>
    MaxPods,

    /// <summary>Every ENI the instance type allows was attached and full.</summary>
    EniLimit,

    /// <summary>Security groups for pods: no branch ENI left on the node.</summary>
    BranchEniLimit,

    /// <summary>aws-node refused to start (prefix delegation with every warm target 0, on any instance type).</summary>
    IpamdRefused,

    /// <summary>The warm pool would not grow (MINIMUM_IP_TARGET without WARM_IP_TARGET, back-off, cooling IPs).</summary>
    PoolNotGrowing,

    /// <summary>The node's launch or its next ENI, address or prefix would pass the VPC's Network Address Usage quota.</summary>
    NetworkAddressUsage,

    /// <summary>As <see cref="NetworkAddressUsage"/>, for the quota of the VPC and its same-Region peers.</summary>
    PeeredNetworkAddressUsage,

    /// <summary>Subnet discovery finds no subnet the cluster's VPC CNI may put the ENI in (the tags exclude them all).</summary>
    NoEligibleSubnet,
}

/// <summary>Reading a <see cref="FailureReason"/>: where it comes from, whether a subnet ran out, and its words.</summary>
internal static class FailureReasons
{
    /// <summary>The reason behind a pod or node failure of the engine; null for <see cref="PodFailure.None"/>.</summary>
    public static FailureReason? From(PodFailure failure) => failure switch
    {
        PodFailure.None => null,
        PodFailure.InsufficientFreeAddressesInSubnet => FailureReason.SubnetAddresses,
        PodFailure.InsufficientCidrBlocks => FailureReason.SubnetNoFreePrefix,
        PodFailure.NodeNotStarted => FailureReason.NodeSubnetFull,
        PodFailure.MaxPods => FailureReason.MaxPods,
        PodFailure.EniLimit => FailureReason.EniLimit,
        PodFailure.BranchEniLimit => FailureReason.BranchEniLimit,
        PodFailure.IpamdRefused => FailureReason.IpamdRefused,
        PodFailure.PoolNotGrowing => FailureReason.PoolNotGrowing,
        PodFailure.NetworkAddressUsage => FailureReason.NetworkAddressUsage,
        PodFailure.PeeredNetworkAddressUsage => FailureReason.PeeredNetworkAddressUsage,
        PodFailure.NoEligibleSubnet => FailureReason.NoEligibleSubnet,
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown pod failure"),
    };

    /// <summary>True when a subnet ran out (addresses, /28s or the node's own IP); false for the node's own limits.</summary>
    public static bool IsSubnetExhausted(this FailureReason reason) =>
        reason is FailureReason.SubnetAddresses or FailureReason.SubnetNoFreePrefix or FailureReason.NodeSubnetFull;

    /// <summary>True when the VPC's Network Address Usage quota (its own, or with its peers) stopped the node: a limit of the VPC, neither a subnet nor the node.</summary>
    public static bool IsNetworkAddressUsage(this FailureReason reason) =>
        reason is FailureReason.NetworkAddressUsage or FailureReason.PeeredNetworkAddressUsage;

    /// <summary>The short words the verdicts, tables and HTML print: the one vocabulary of <see cref="PodFailures.Words"/>.</summary>
    public static string Words(this FailureReason reason) => ToPodFailure(reason).Words();

    /// <summary>The engine failure a reason stands for.</summary>
    private static PodFailure ToPodFailure(FailureReason reason) => reason switch
    {
        FailureReason.SubnetAddresses => PodFailure.InsufficientFreeAddressesInSubnet,
        FailureReason.SubnetNoFreePrefix => PodFailure.InsufficientCidrBlocks,
        FailureReason.NodeSubnetFull => PodFailure.NodeNotStarted,
        FailureReason.MaxPods => PodFailure.MaxPods,
        FailureReason.EniLimit => PodFailure.EniLimit,
        FailureReason.BranchEniLimit => PodFailure.BranchEniLimit,
        FailureReason.IpamdRefused => PodFailure.IpamdRefused,
        FailureReason.PoolNotGrowing => PodFailure.PoolNotGrowing,
        FailureReason.NetworkAddressUsage => PodFailure.NetworkAddressUsage,
        FailureReason.PeeredNetworkAddressUsage => PodFailure.PeeredNetworkAddressUsage,
        FailureReason.NoEligibleSubnet => PodFailure.NoEligibleSubnet,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown failure reason"),
    };

    /// <summary>
    /// "node 3 of group g in subnet a (addresses)" for a subnet that ran out, "node 3 of group g (max pods 29)" for a
    /// node limit: the one sentence every verb uses to say what stopped a node.
    /// </summary>
    public static string DescribeFailure(PlacedNode node) => DescribeFailure(node, node?.Group.Name ?? "");

    /// <summary>
    /// As <see cref="DescribeFailure(PlacedNode)"/>, for a group that starts nodes alike to <paramref name="node"/>'s
    /// group (the planner answers alike groups from one run) and so fails at the same node.
    /// </summary>
    public static string DescribeFailure(PlacedNode node, string groupName)
    {
        ArgumentNullException.ThrowIfNull(node);
        var reason = node.Reason ?? throw new ArgumentException("the node did not fail", nameof(node));
        var where = $"node {(node.IndexInGroup + 1).ToString("N0", CultureInfo.InvariantCulture)} of group {groupName}";
        return reason.IsSubnetExhausted()
            ? $"{where} in subnet {(node.FailureSubnet ?? node.Subnet).Spec.Id} ({reason.Words()})"
            : $"{where} ({NodeLimitWords(node)})";
    }

    /// <summary>A node limit with its number where there is one: "max pods 29".</summary>
    public static string NodeLimitWords(PlacedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var reason = node.Reason ?? throw new ArgumentException("the node did not fail", nameof(node));
        return reason switch
        {
            FailureReason.NetworkAddressUsage when node.Subnet.Space.Usage is { } usage =>
                $"{reason.Words()} {usage.Quota.ToString("N0", CultureInfo.InvariantCulture)}",
            FailureReason.PeeredNetworkAddressUsage when node.Subnet.Space.Usage is { } usage =>
                $"{reason.Words()} {usage.PeeredQuota.ToString("N0", CultureInfo.InvariantCulture)}",
            _ => ToPodFailure(reason).Detail(node.Node.MaxPods),
        };
    }
}
