using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>What <see cref="PodPlacement.HighSide"/> found: the seed that holds the most, and the range of held IPs.</summary>
internal readonly record struct PlacementSpread(int HighSeed, int LowSubnetIps, int HighSubnetIps, int LowSlots, int HighSlots);

/// <summary>
/// ipamd hands a pod the first free IP its Go map walk reaches, in effect at random (docs/node-model.md); in prefix
/// mode that changes how many /28s a node holds. A plan must not under-count, so it runs a fresh node under
/// <see cref="Trials"/> seeded placements and plans every node of the group with the one that holds the most.
/// </summary>
internal static class PodPlacement
{
    /// <summary>Placements tried per node group.</summary>
    public const int Trials = 16;

    /// <summary>
    /// Runs a node of <paramref name="type"/> with <paramref name="pods"/> pods added one by one (in scratch subnets)
    /// under seeds 1..<see cref="Trials"/>; in secondary-IP mode, or when aws-node refuses to start, placement
    /// changes no count: nothing runs and the default seed comes back with an empty range.
    /// </summary>
    public static PlacementSpread HighSide(InstanceType type, CniSettings settings, MaxPodsResult maxPods, int hostNetworkPods, int pods)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(maxPods);
        if (!maxPods.PrefixDelegation || WarmPoolTargets.IpamdRefuses(settings))
        {
            return new PlacementSpread(VpcCniNode.DefaultPlacementSeed, 0, 0, 0, 0);
        }

        const int trials = Trials;
        var spread = new PlacementSpread(VpcCniNode.DefaultPlacementSeed, int.MaxValue, int.MinValue, int.MaxValue, int.MinValue);
        for (var seed = 1; seed <= trials; seed++)
        {
            var nodeSubnet = SubnetAddressSpace.Parse("10.0.0.0/16");
            var placement = new NodePlacement(nodeSubnet) { EniConfigSubnet = settings.CustomNetworking ? SubnetAddressSpace.Parse("100.64.0.0/16") : null };
            var node = new VpcCniNode(type, settings, placement, maxPods, hostNetworkPods) { PlacementSeed = seed };
            node.ReconcileToSteadyState();
            for (var p = 0; p < pods && node.AddPod(out _) == PodFailure.None; p++)
            {
            }

            var used = node.SubnetIpsUsed;
            var slots = node.SlotsInUse;
            spread = new PlacementSpread(
                used > spread.HighSubnetIps ? seed : spread.HighSeed,
                Math.Min(spread.LowSubnetIps, used),
                Math.Max(spread.HighSubnetIps, used),
                Math.Min(spread.LowSlots, slots),
                Math.Max(spread.HighSlots, slots));
        }

        return spread;
    }
}
