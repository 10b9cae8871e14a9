using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Engine;

/// <summary>
/// One cluster of a VPC that holds several, as a scenario of its own for the questions asked of one cluster (simulate,
/// runway, recommend): the other clusters stay exactly where the whole VPC's plan put them (their nodes, ENIs, pods,
/// control plane ENIs and Fargate pods, as <see cref="VpcBackground"/>), holding their addresses and Network Address
/// Usage, and only the cluster in focus grows or changes (docs/rules.md, "Several clusters in one VPC").
/// </summary>
public static class ClusterFocus
{
    /// <summary>
    /// Cluster <paramref name="name"/> of <paramref name="whole"/> planned alone on the VPC the other clusters leave;
    /// <paramref name="whole"/> itself when it holds one cluster. An unknown name, or no name for a scenario with several
    /// clusters, is an <see cref="InputException"/> naming the clusters there are.
    /// </summary>
    public static ProvisionedScenario Isolate(ProvisionedScenario whole, string? name)
    {
        ArgumentNullException.ThrowIfNull(whole);
        var names = whole.ClusterNames;
        if (name is null)
        {
            return whole.HasSeveralClusters
                ? throw new InputException($"{Describe(whole)} holds {names.Count} clusters ({string.Join(", ", names)}): choose one")
                : whole;
        }

        if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new InputException($"{Describe(whole)} has no cluster named '{name}' (clusters: {string.Join(", ", names)})");
        }

        if (!whole.HasSeveralClusters)
        {
            return whole;
        }

        var background = Background(ClusterState.BuildPlanned(whole), name);
        var scenario = whole.Scenario;
        bool Own(string? cluster) => string.Equals(scenario.ClusterNameOf(cluster), name, StringComparison.Ordinal);
        var focused = scenario with
        {
            Cluster = scenario.ClusterSpecOf(name),
            Cni = scenario.CniOf(name),
            DaemonSets = scenario.DaemonSetsOf(name),
            OtherClusters = [],
            NodeGroups = [.. scenario.NodeGroups.Where(g => Own(g.Cluster)).Select(g => g with { Cluster = null })],
            NodePools = [.. scenario.NodePools.Where(p => Own(p.Cluster)).Select(p => p with { Cluster = null })],
            FargateProfiles = [.. scenario.FargateProfiles.Where(f => Own(f.Cluster)).Select(f => f with { Cluster = null })],
            Workloads = [.. scenario.Workloads.Where(w => Own(w.Cluster)).Select(w => w with { Cluster = null })],
        };
        return ProvisionedScenario.Of(focused, background);
    }

    /// <summary>What every cluster but <paramref name="name"/> holds in the planned VPC, address by address, and its units.</summary>
    internal static VpcBackground Background(ClusterState planned, string name)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var scenario = planned.Scenario;
        var held = new Dictionary<string, (List<(uint First, int PrefixLength)> Blocks, Dictionary<string, int> ByCluster)>(StringComparer.Ordinal);
        void Hold(string subnet, string cluster, uint first, int prefixLength)
        {
            if (!held.TryGetValue(subnet, out var h))
            {
                held[subnet] = h = ([], new(StringComparer.Ordinal));
            }

            h.Blocks.Add((first, prefixLength));
            h.ByCluster[cluster] = h.ByCluster.GetValueOrDefault(cluster) + (1 << (32 - prefixLength));
        }

        var units = 0L;
        foreach (var placed in planned.Nodes)
        {
            var cluster = scenario.ClusterNameOf(placed.Group);
            if (string.Equals(cluster, name, StringComparison.Ordinal))
            {
                continue;
            }

            var node = placed.Node;
            units += node.NetworkAddressUnits;
            foreach (var eni in node.Enis)
            {
                var subnet = planned.SubnetIdOf(eni.Subnet);
                Hold(subnet, cluster, eni.PrimaryIp, 32);
                for (var s = 0; s < eni.SlotCapacity; s++)
                {
                    if (eni.SlotUsed[s])
                    {
                        Hold(subnet, cluster, eni.SlotBase[s], eni.IpsPerSlot == 1 ? 32 : 28);
                    }
                }
            }

            if (node.BranchPods > 0)
            {
                var podSubnet = planned.SubnetIdOf(node.BranchSubnet);
                foreach (var address in node.BranchAddresses)
                {
                    Hold(podSubnet, cluster, address, 32);
                }
            }
        }

        foreach (var subnet in planned.Subnets)
        {
            foreach (var (cluster, fixedAddresses) in subnet.ClusterAddresses)
            {
                if (!string.Equals(cluster, name, StringComparison.Ordinal))
                {
                    foreach (var address in fixedAddresses)
                    {
                        Hold(subnet.Spec.Id, cluster, address, 32);
                    }
                }
            }
        }

        units += scenario.FargateProfiles
            .Where(f => !string.Equals(scenario.ClusterNameOf(f.Cluster), name, StringComparison.Ordinal))
            .Sum(f => (long)f.Pods * NetworkAddressUnits.EksPod);
        var addresses = held.ToDictionary(
            h => h.Key,
            h => new HeldAddresses([.. h.Value.Blocks.Select(b => Ipv4.Format(b.First) + "/" + b.PrefixLength.ToString(CultureInfo.InvariantCulture))],
                h.Value.ByCluster.Values.Sum(), h.Value.ByCluster),
            StringComparer.Ordinal);
        return new VpcBackground(addresses, units);
    }

    private static string Describe(ProvisionedScenario whole) => whole.SourceFile.Length > 0 ? Path.GetFileName(whole.SourceFile) : "the scenario";
}
