using System.Globalization;
using System.Net;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning.Recommend;

/// <summary>Custom networking with a block of 100.64.0.0/10 as a secondary VPC CIDR, carved into one pod subnet per zone.</summary>
internal sealed class CustomNetworkingStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "custom networking on 100.64.0.0/10";

    /// <inheritdoc/>
    public override int Disruption => 1;

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        yield return PlanOne(context.AtTarget, context.Original);
    }

    private StrategyResult PlanOne(ProvisionedScenario atTarget, ProvisionedScenario original)
    {
        if (atTarget.Cluster.IpFamily == IpFamily.Ipv6)
        {
            return NotPossible("custom networking is not available on IPv6 clusters");
        }

        if (atTarget.Cni.CustomNetworking)
        {
            return NotPossible("custom networking is already on; see 'more subnets' for more pod subnet room");
        }

        if (atTarget.Vpc.Cidrs.Count >= atTarget.Vpc.CidrBlockQuota)
        {
            return NotPossible($"the VPC already has {atTarget.Vpc.Cidrs.Count} CIDR blocks, {atTarget.Vpc.CidrBlockQuotaWords}");
        }

        var taken = atTarget.Vpc.Cidrs.Select(c => c.Network).ToList();
        var zones = atTarget.AllNodeGroups.SelectMany(g => g.Subnets).Select(id => atTarget.GetSubnet(id).Zone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Size the pod subnets by what the zones need at the target (measured per node), the same size in every zone,
        // and take the smallest block of 100.64.0.0/10 that holds one per zone.
        var probe = atTarget with { Cni = atTarget.Cni with { CustomNetworking = true, EniConfigs = zones.ToDictionary(z => z, z => $"pods-{z}", StringComparer.Ordinal) } };
        var perZone = zones.Select(zone => SubnetSizing.CustomNetworkingDemand(probe, zone)).DefaultIfEmpty(16).Max();
        var zoneBits = (int)Math.Ceiling(Math.Log2(Math.Max(1, zones.Count)));
        if (SubnetSizing.SmallestPrefixFor(perZone + 32) is not { } zonePrefix || zonePrefix - zoneBits < VpcSpec.LargestBlockPrefix)
        {
            return NotPossible(string.Create(CultureInfo.InvariantCulture, $"each zone's pod subnet needs {perZone:N0} addresses; one /{VpcSpec.LargestBlockPrefix} secondary CIDR, the largest a VPC takes, cannot hold a pod subnet that size for each of {zones.Count} zones"));
        }

        var blockPrefix = Math.Min(VpcSpec.SmallestBlockPrefix, zonePrefix - zoneBits);
        var split = (byte)Math.Min(VpcSpec.SmallestBlockPrefix, blockPrefix + zoneBits);
        var block = CidrCarver.SecondaryCidr(taken, blockPrefix);
        if (block is null)
        {
            return NotPossible("every block of 100.64.0.0/10 of that size overlaps the VPC already");
        }

        var carved = block.Subnet(split).Take(zones.Count).ToList();
        var newSubnets = zones.Select((zone, i) => new SubnetSpec
        {
            Id = $"pods-{zone}",
            Block = CidrCarver.Block(carved[i].ToString()),
            Zone = zone,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal),
        }).ToList();
        var patched = atTarget with
        {
            Vpc = atTarget.Vpc with { Cidrs = [.. atTarget.Vpc.Cidrs, CidrCarver.Block(block.ToString())] },
            Subnets = [.. atTarget.Subnets, .. newSubnets],
            Cni = atTarget.Cni with
            {
                CustomNetworking = true,
                EniConfigs = newSubnets.ToDictionary(s => s.Zone, s => s.Id, StringComparer.Ordinal),
            },
        };
        var changes = new List<string> { $"vpc.cidrs: + {block} (secondary CIDR from 100.64.0.0/10, the smallest that holds a /{split} pod subnet per zone)" };
        changes.AddRange(newSubnets.Select(s => $"subnets: + {{ id: {s.Id}, cidr: {s.Cidr}, zone: {s.Zone} }}"));
        changes.Add("cni.customNetworking: true");
        changes.AddRange(newSubnets.Select(s => $"cni.eniConfigs.{s.Zone}: {s.Id}"));
        return Evaluate($"pods move to {block}, carved into one /{split} per zone; node IPs stay in the node subnets (nodes must be replaced to pick up custom networking)", patched, changes, original);
    }
}

/// <summary>New subnets carved from free VPC space (or from a new secondary CIDR) in the zones that run out.</summary>
internal sealed class MoreSubnetsStrategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "more subnets";

    /// <inheritdoc/>
    public override int Disruption => 1;

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        var current = context.Earlier.FirstOrDefault(r => r.Strategy is CurrentSettingsStrategy);
        yield return PlanOne(context.AtTarget, context.Original, current);
    }

    private StrategyResult PlanOne(ProvisionedScenario atTarget, ProvisionedScenario original, StrategyResult? current)
    {
        var podSubnets = SubnetSizing.PodSubnetIds(atTarget);
        var zones = atTarget.Subnets.Where(s => podSubnets.Contains(s.Id)).GroupBy(s => s.Zone).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var sizing = (current?.SmallestPrefixPerZone ?? SubnetSizing.PerZone(atTarget)).ToDictionary(z => z.Zone, StringComparer.Ordinal);
        var taken = atTarget.Subnets.Select(s => s.Network).ToList();
        var vpcCidrs = atTarget.Vpc.Cidrs.ToList();
        var newSubnets = new List<SubnetSpec>();
        var changes = new List<string>();
        foreach (var zone in zones)
        {
            var usable = zone.Sum(s => (long)s.UsableAddressCount);
            var need = sizing.TryGetValue(zone.Key, out var z) ? z.AddressesNeeded : 0;
            var deficit = need - usable;
            if (deficit <= 0)
            {
                continue;
            }

            // Round robin gives the new subnet its share of the zone's nodes: it must hold that share, and at least the deficit.
            var (nodesInZone, costPerNode) = SubnetSizing.ZoneNodes(atTarget, zone.Key);
            var share = (long)Math.Ceiling(nodesInZone / (double)(zone.Count() + 1));
            var wanted = Math.Max(deficit, share * costPerNode) + 16;
            if (SubnetSizing.SmallestPrefixFor(wanted) is not { } prefix)
            {
                return NotPossible(string.Create(CultureInfo.InvariantCulture, $"zone {zone.Key} needs a new subnet of {wanted:N0} addresses; the largest subnet EC2 allows, a /{VpcSpec.LargestBlockPrefix}, holds {Addressing.AwsReservedAddresses.Usable(VpcSpec.LargestBlockAddresses):N0}"));
            }

            var carved = CidrCarver.Carve(vpcCidrs, taken, prefix);
            if (carved is null)
            {
                // No room inside the VPC: the smallest secondary CIDR that holds it, from 100.64.0.0/10.
                if (vpcCidrs.Count >= atTarget.Vpc.CidrBlockQuota)
                {
                    return NotPossible($"zone {zone.Key} needs a /{prefix} but the VPC has no free space and no CIDR quota left ({atTarget.Vpc.CidrBlockQuota} blocks)");
                }

                var secondary = CidrCarver.SecondaryCidr([.. vpcCidrs.Select(v => v.Network)], prefix);
                if (secondary is null)
                {
                    return NotPossible("no free block in 100.64.0.0/10 for a secondary VPC CIDR");
                }

                vpcCidrs.Add(CidrCarver.Block(secondary.ToString()));
                changes.Add($"vpc.cidrs: + {secondary} (no free space left in the VPC; the smallest secondary CIDR that holds zone {zone.Key}'s overflow)");
                carved = CidrCarver.Carve(vpcCidrs, taken, prefix);
                if (carved is null)
                {
                    return NotPossible($"zone {zone.Key} needs a /{prefix}, which no VPC CIDR can hold");
                }
            }

            taken.Add(carved);
            var spec = new SubnetSpec { Id = $"nodes-{zone.Key}-2", Block = CidrCarver.Block(carved.ToString()), Zone = zone.Key };
            newSubnets.Add(spec);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"subnets: + {{ id: {spec.Id}, cidr: {spec.Cidr}, zone: {spec.Zone} }} ({deficit:N0} more addresses needed in {zone.Key})"));
        }

        if (newSubnets.Count == 0)
        {
            // Nothing to add: the strategy is the scenario as it is, with its numbers and its runway (a result with
            // no scenario behind it printed 0 nodes, 0 pods and the IPv6 strategy's runway words).
            const string nothing = "no zone runs short of addresses at the target: no subnet to add";
            return current is { Patched: not null }
                ? current with { Name = Name, Summary = nothing, Changes = [], Strategy = this }
                : Evaluate(nothing, atTarget, [], original);
        }

        var byZone = newSubnets.ToDictionary(s => s.Zone, s => s.Id, StringComparer.Ordinal);
        var cni = atTarget.Cni;
        ProvisionedScenario patched;
        if (cni.CustomNetworking)
        {
            // Pods live in the ENIConfig subnets: point each short zone's ENIConfig at its new, larger subnet.
            patched = atTarget with
            {
                Vpc = atTarget.Vpc with { Cidrs = vpcCidrs },
                Subnets = [.. atTarget.Subnets, .. newSubnets],
                Cni = cni with { EniConfigs = WithZoneConfigs(cni.EniConfigs, byZone) },
            };
            changes.AddRange(byZone.Select(b => $"cni.eniConfigs.{b.Key}: {b.Value}"));
        }
        else
        {
            patched = atTarget with
            {
                Vpc = atTarget.Vpc with { Cidrs = vpcCidrs },
                Subnets = [.. atTarget.Subnets, .. newSubnets],
                NodeGroups = [.. atTarget.NodeGroups.Select(g =>
                {
                    var extra = g.Subnets.Select(id => atTarget.GetSubnet(id).Zone).Distinct(StringComparer.Ordinal)
                        .Where(byZone.ContainsKey).Select(zone => byZone[zone]).ToList();
                    return extra.Count == 0 ? g : g with { Spec = g.Spec with { Subnets = [.. g.Subnets, .. extra] } };
                })],
                // A NodePool's EC2NodeClass gets them too; Karpenter then launches where most addresses are free.
                NodePools = [.. atTarget.NodePools.Select(p =>
                {
                    var extra = p.Subnets.Select(id => atTarget.GetSubnet(id).Zone).Distinct(StringComparer.Ordinal)
                        .Where(byZone.ContainsKey).Select(zone => byZone[zone]).ToList();
                    return extra.Count == 0 ? p : p with { Spec = p.Spec with { Subnets = [.. p.Subnets, .. extra] } };
                })],
            };
            changes.Add("nodeGroups[].subnets: + the new subnet of each zone they use");
            if (atTarget.NodePools.Count > 0)
            {
                changes.Add("nodePools[].subnets: + the new subnet of each zone they use");
            }
        }

        return Evaluate("new node subnets carved from free VPC space where zones run short", patched, changes, original);
    }

    /// <summary>The ENIConfigs with each zone of <paramref name="byZone"/> pointed at its new subnet (a zone that used the default gets its own).</summary>
    private static Dictionary<string, string> WithZoneConfigs(IReadOnlyDictionary<string, string> configs, Dictionary<string, string> byZone)
    {
        var patched = new Dictionary<string, string>(configs, StringComparer.Ordinal);
        foreach (var (zone, subnet) in byZone)
        {
            patched[zone] = subnet;
        }

        return patched;
    }
}

/// <summary>IPv6: every pod address comes from the node's /80; each node still takes one IPv4 in its subnet.</summary>
internal sealed class Ipv6Strategy : RecommendStrategy
{
    /// <inheritdoc/>
    public override string Name => "IPv6";

    /// <inheritdoc/>
    public override int Disruption => 2;

    /// <inheritdoc/>
    public override bool UsesIpv4ForPods => false;

    /// <inheritdoc/>
    protected override IEnumerable<StrategyResult> PlanCore(StrategyContext context)
    {
        yield return PlanOne(context.AtTarget);
    }

    private StrategyResult PlanOne(ProvisionedScenario atTarget)
    {
        var noPrefix = atTarget.AllNodeGroups.Where(g => !g.Type.SupportsPrefixDelegation).Select(g => $"{g.Name} ({g.InstanceType})").ToList();
        if (noPrefix.Count > 0)
        {
            return NotPossible($"IPv6 needs prefix delegation, which these types cannot do: {string.Join(", ", noPrefix)}");
        }

        var state = ClusterState.Build(atTarget);
        var failed = 0;
        var nodes = 0;
        foreach (var g in atTarget.AllNodeGroups)
        {
            for (var i = 0; i < g.Nodes; i++)
            {
                nodes++;
                if (!state.Subnet(RoundRobin.SubnetFor(g.Subnets, i)).Space.TryTakeAddress(out _))
                {
                    failed++;
                }
            }
        }

        var subnets = Describe(state, []);
        var fits = failed == 0 && state.Subnets.All(s => s.Shortfalls.Count == 0);
        // Each node holds its IPv4 address, its IPv6 address and its /80 prefix: 3 Network Address Usage units, and a
        // public address in a public subnet one more (docs/rules.md, "Network Address Usage").
        var units = state.FixedNetworkAddressUnits + atTarget.AllNodeGroups.Sum(g => Enumerable.Range(0, g.Nodes)
            .Sum(i => (long)Ipv6NodeUnits + (atTarget.GetSubnet(RoundRobin.SubnetFor(g.Subnets, i)).Public ? 1 : 0)));
        var overQuota = units > atTarget.Vpc.NetworkAddressUsageQuota;
        // A NodePool whose limits leave pods pending does not reach the target on any address family.
        var stuck = atTarget.NodePools.FirstOrDefault(p => p.Provisioning is { PodsPending: > 0 });
        var why = !fits ? string.Create(CultureInfo.InvariantCulture, $"{failed:N0} nodes find no IPv4 address for themselves")
            : overQuota ? string.Create(CultureInfo.InvariantCulture, $"its nodes hold {units:N0} Network Address Usage units (an IPv4 address, an IPv6 address and a /80 prefix each), over the VPC's quota of {atTarget.Vpc.NetworkAddressUsageQuota:N0}")
            : stuck is not null ? Kubernetes.NodePoolLimits.Pending(stuck) : null;
        fits &= stuck is null && !overQuota;
        var podSubnets = SubnetSizing.PodSubnetIds(atTarget);
        return new StrategyResult(
            Name,
            "an IPv6 cluster: pods get addresses from each node's /80 prefix; IPv4 is used only by nodes and the rest of the VPC (the IP family is set when a cluster is created: this means a new cluster)",
            fits,
            why,
            ["cluster.ipFamily: ipv6 (new cluster)", "vpc: an IPv6 CIDR (/56) and a /64 per subnet", "cni.prefixDelegation: true (required)"],
            nodes,
            atTarget.AllNodeGroups.Sum(g => g.Nodes * g.PodsPerNode),
            subnets.Where(s => podSubnets.Contains(s.Id)).Sum(s => s.Used),
            subnets,
            [.. subnets.Where(s => podSubnets.Contains(s.Id)).GroupBy(s => s.Zone).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => SubnetSizing.Zone(g.Key, g.Sum(s => (long)s.Used)))])
        {
            Strategy = this,
            NetworkAddressUnits = units,
        };
    }

    /// <summary>An IPv6 node's Network Address Usage: its IPv4 address, its IPv6 address and its /80 prefix.</summary>
    private const int Ipv6NodeUnits = 3;
}
