using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>
/// One node run alone to steady state at its pods, in an empty /16 (and an empty pod /16 under custom networking),
/// so that nothing but the node's own rules limits it: what one node of a group costs in addresses
/// (docs/rules.md, "One scratch node").
/// </summary>
internal static class ScratchNode
{
    /// <summary>The scratch node subnet: big enough that no single node runs it out.</summary>
    public const string NodeSubnet = "10.0.0.0/16";

    /// <summary>The scratch ENIConfig subnet under custom networking.</summary>
    public const string PodSubnet = "10.1.0.0/16";

    /// <summary>Starts one node, reconciles its warm pool, then adds its VPC-IP and security-group pods one by one.</summary>
    public static VpcCniNode Run(InstanceType type, CniSettings settings, int pods, int securityGroupPods = 0, int? kubeletMaxPods = null, int hostNetworkPods = MaxPodsCalculator.HostNetworkPods)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        var placement = new NodePlacement(SubnetAddressSpace.Parse(NodeSubnet))
        {
            EniConfigSubnet = settings.CustomNetworking ? SubnetAddressSpace.Parse(PodSubnet) : null,
        };
        var node = new VpcCniNode(type, settings, placement, kubeletMaxPods, hostNetworkPods);
        node.ReconcileToSteadyState();
        for (var i = 0; i < pods && node.AddPod(out _) == PodFailure.None; i++)
        {
        }

        for (var i = 0; i < securityGroupPods && node.AddBranchPod(out _) == PodFailure.None; i++)
        {
        }

        return node;
    }
}
