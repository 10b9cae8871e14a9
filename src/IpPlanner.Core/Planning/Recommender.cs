using System.Globalization;
using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>
/// Compares ways to reach a target (current settings, warm-pool tuning, prefix delegation, custom networking on a
/// carved 100.64.0.0/10 block, more subnets, IPv6), each proven by planning the patched scenario: a strategy is only
/// called a fit when every node of the target, plus headroom, starts and gets its pods.
/// </summary>
public static class Recommender
{
    /// <summary>AWS's default quota of IPv4 CIDR blocks per VPC (primary included).</summary>
    public const int VpcCidrQuota = 5;

    private static readonly IPNetwork2 s_cgnat = IPNetwork2.Parse("100.64.0.0/10");

    /// <summary>The target: explicit node counts, or a pod count spread over the groups, or every group at maxNodes.</summary>
    public static RecommendTarget Target(Scenario scenario, IReadOnlyDictionary<string, int>? nodes, int? pods, double headroomPercent)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (headroomPercent is < 0 or > 1000 || double.IsNaN(headroomPercent))
        {
            throw new InputException($"--headroom: {headroomPercent} is not valid (expected a percentage from 0 to 1000)");
        }

        var counts = scenario.NodeGroups.ToDictionary(g => g.Name, g => g.MaxNodes, StringComparer.Ordinal);
        string description;
        if (nodes is { Count: > 0 })
        {
            foreach (var (name, count) in nodes)
            {
                if (!counts.ContainsKey(name))
                {
                    throw new InputException($"--target-nodes: no node group is named '{name}' (node groups: {string.Join(", ", counts.Keys)})");
                }

                if (count is < 0 or > CapacityPlanner.NodeSearchLimit)
                {
                    throw new InputException($"--target-nodes: {name}={count} is not valid (expected 0 to {CapacityPlanner.NodeSearchLimit.ToString("N0", CultureInfo.InvariantCulture)})");
                }
            }

            foreach (var g in scenario.NodeGroups)
            {
                counts[g.Name] = nodes.TryGetValue(g.Name, out var n) ? n : g.Nodes;
            }

            description = string.Join(", ", nodes.Select(n => $"{n.Key}={n.Value} nodes"));
        }
        else if (pods is { } wanted)
        {
            if (wanted is < 1 or > 10_000_000)
            {
                throw new InputException($"--target-pods: {wanted} is not valid (expected 1 to 10,000,000)");
            }

            var perNode = scenario.NodeGroups.Where(g => g.PodsPerNode > 0).ToList();
            if (perNode.Count == 0)
            {
                throw new InputException("--target-pods: no node group has podsPerNode set, so pods cannot be turned into nodes (use --target-nodes)");
            }

            // Grow every group in proportion to the pods it runs now (or evenly when none runs any yet).
            var planned = perNode.Sum(g => (double)g.Nodes * g.PodsPerNode);
            foreach (var g in scenario.NodeGroups)
            {
                var share = planned > 0 ? g.Nodes * g.PodsPerNode / planned : 1.0 / perNode.Count;
                counts[g.Name] = g.PodsPerNode > 0 ? (int)Math.Ceiling(wanted * share / g.PodsPerNode) : g.Nodes;
            }

            description = $"{wanted.ToString("N0", CultureInfo.InvariantCulture)} pods";
        }
        else
        {
            description = "every node group at maxNodes";
        }

        var withHeadroom = counts.ToDictionary(c => c.Key, c => (int)Math.Ceiling(c.Value * (1 + (headroomPercent / 100))), StringComparer.Ordinal);
        return new RecommendTarget(withHeadroom, headroomPercent, $"{description}, plus {headroomPercent.ToString("0.#", CultureInfo.InvariantCulture)}% headroom");
    }

    /// <summary>Plans every strategy at the target and ranks what fits by the addresses it uses.</summary>
    public static RecommendReport Recommend(Scenario scenario, RecommendTarget target)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var atTarget = scenario with
        {
            NodeGroups = [.. scenario.NodeGroups.Select(g => g with { Nodes = target.Nodes[g.Name], MaxNodes = Math.Max(g.MaxNodes, target.Nodes[g.Name]) })],
        };

        var strategies = new List<StrategyResult>
        {
            Evaluate("current settings", "the scenario as it is, scaled to the target", atTarget, [], scenario),
            WarmPoolTuning(atTarget, scenario),
        };
        strategies.AddRange(PrefixDelegation(atTarget, scenario));
        strategies.Add(MoreSubnets(atTarget, scenario, strategies[0]));
        strategies.Add(CustomNetworking(atTarget, scenario));
        strategies.Add(Ipv6(atTarget, scenario));

        // Least disruptive first (CNI settings, then new subnets or CIDRs, then a new cluster), then fewest addresses.
        var best = strategies.Where(s => s.Fits).OrderBy(Disruption).ThenBy(s => s.PodSubnetAddressesUsed).ThenBy(s => s.Changes.Count).FirstOrDefault();
        var advice = KnobAdvice(scenario);
        var insideVpc = strategies.Where(st => st.Fits && st.Patched is { } p && p.Vpc.Cidrs.Count == scenario.Vpc.Cidrs.Count && st.Name != "IPv6").ToList();
        var extraCidr = strategies.Where(st => st.Fits && st.Patched is { } p && p.Vpc.Cidrs.Count > scenario.Vpc.Cidrs.Count)
            .Select(st => (Strategy: st, Cidr: st.Patched!.Vpc.Cidrs[^1]))
            .OrderByDescending(x => x.Cidr.PrefixLength)
            .FirstOrDefault();
        var verdict = best is null
            ? $"nothing fits {target.Description}: {Closest(strategies)}"
            : insideVpc.Count == 0 && extraCidr.Strategy is not null
                ? $"nothing fits {target.Description} inside the VPC's current CIDRs; the smallest extra CIDR that would is {extraCidr.Cidr.Text} ('{extraCidr.Strategy.Name}')"
            : strategies[0].Fits
                ? $"the current settings fit {target.Description}; '{best.Name}' uses the fewest addresses ({best.PodSubnetAddressesUsed.ToString("N0", CultureInfo.InvariantCulture)} in pod subnets)"
                : $"the current settings do not fit {target.Description}; '{best.Name}' does, using {best.PodSubnetAddressesUsed.ToString("N0", CultureInfo.InvariantCulture)} addresses in pod subnets";
        return new RecommendReport(scenario.SourceFile, target, strategies, best?.Name, advice, verdict);
    }

    /// <summary>0: CNI settings only; 1: new subnets or VPC CIDRs and node replacement; 2: a new cluster.</summary>
    public static int Disruption(StrategyResult strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.Name switch
        {
            "IPv6" => 2,
            "more subnets" or "custom networking on 100.64.0.0/10" => 1,
            _ => 0,
        };
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

    private static string Closest(List<StrategyResult> strategies)
    {
        var sizing = strategies.Where(s => s.Name.StartsWith("more subnets", StringComparison.Ordinal)).Select(s => s.WhyNot).FirstOrDefault();
        return sizing ?? "see each strategy's reason";
    }

    private static StrategyResult WarmPoolTuning(Scenario atTarget, Scenario original)
    {
        var cni = atTarget.Cni;
        if (cni.PrefixDelegation)
        {
            var patched = atTarget with { Cni = cni with { WarmPrefixTarget = 1, WarmIpTarget = 0, MinimumIpTarget = 0 } };
            return Evaluate("warm-pool tuning", "WARM_PREFIX_TARGET=1 with no IP targets: one spare /28 per node", patched,
                ["cni.warmPrefixTarget: 1", "cni.warmIpTarget: 0 (unset)", "cni.minimumIpTarget: 0 (unset)"], original);
        }

        var (mit, wit) = TunedTargets(atTarget);
        var tuned = atTarget with { Cni = cni with { MinimumIpTarget = mit, WarmIpTarget = wit } };
        return Evaluate("warm-pool tuning", $"MINIMUM_IP_TARGET={mit} (the smallest podsPerNode) and WARM_IP_TARGET={wit} instead of whole spare ENIs", tuned,
            [$"cni.minimumIpTarget: {mit}", $"cni.warmIpTarget: {wit}"], original);
    }

    private static (int Mit, int Wit) TunedTargets(Scenario scenario)
    {
        var pods = scenario.NodeGroups.Where(g => g.PodsPerNode > 0).Select(g => g.PodsPerNode).DefaultIfEmpty(1).Min();
        return (Math.Max(1, pods), 2);
    }

    private static IEnumerable<StrategyResult> PrefixDelegation(Scenario atTarget, Scenario original)
    {
        if (atTarget.Cni.PrefixDelegation)
        {
            yield return PrefixReservations(atTarget, original);
            yield break;
        }

        var unsupported = atTarget.NodeGroups.Where(g => !g.Type.SupportsPrefixDelegation).Select(g => $"{g.Name} ({g.InstanceType})").ToList();
        var settings = atTarget.Cni with { PrefixDelegation = true, WarmPrefixTarget = 1, WarmIpTarget = 0, MinimumIpTarget = 0 };
        var patched = atTarget with { Cni = settings };
        var result = Evaluate("prefix delegation", "ENABLE_PREFIX_DELEGATION=true, WARM_PREFIX_TARGET=1: a /28 per slot; needs fully free aligned /28s", patched,
            ["cni.prefixDelegation: true", "cni.warmPrefixTarget: 1", "cni.warmIpTarget: 0 (unset)", "cni.minimumIpTarget: 0 (unset)"], original);
        if (unsupported.Count > 0)
        {
            result = result with { Fits = false, WhyNot = $"not a Nitro or bare-metal type, so prefix delegation would silently fall back: {string.Join(", ", unsupported)}" };
        }

        yield return result;
        if (unsupported.Count == 0)
        {
            yield return PrefixReservations(patched, original);
        }
    }

    /// <summary>Prefix delegation with a <c>prefix</c> CIDR reservation over the largest free aligned block of each node subnet.</summary>
    private static StrategyResult PrefixReservations(Scenario withPrefix, Scenario original)
    {
        var state = ClusterState.Build(withPrefix);
        var changes = new List<string>();
        var subnets = new List<SubnetSpec>();
        var podSubnetIds = PodSubnetIds(withPrefix);
        foreach (var spec in withPrefix.Subnets)
        {
            if (podSubnetIds.Contains(spec.Id) && LargestFreeAlignedBlock(state.Subnet(spec.Id).Space, spec) is { } block)
            {
                var reservation = new Reservation { Block = Block(block), Type = ReservationType.Prefix };
                subnets.Add(spec with { Reservations = [.. spec.Reservations, reservation] });
                changes.Add($"subnets[{spec.Id}].reservations: + {{ cidr: {block}, type: prefix }}");
            }
            else
            {
                subnets.Add(spec);
            }
        }

        var patched = withPrefix with { Subnets = subnets };
        return Evaluate("prefix delegation + prefix reservations",
            "prefix delegation, with each pod subnet's largest free aligned block reserved for /28 prefixes so node and ENI primary IPs cannot fragment it",
            patched, [.. PrefixChanges(withPrefix, original), .. changes], original);
    }

    private static IEnumerable<string> PrefixChanges(Scenario patched, Scenario original) =>
        original.Cni.PrefixDelegation ? [] : ["cni.prefixDelegation: true", "cni.warmPrefixTarget: 1", "cni.warmIpTarget: 0 (unset)", "cni.minimumIpTarget: 0 (unset)"];

    /// <summary>The largest block of whole free /28s, aligned to its size, at most half the subnet, highest address first.</summary>
    private static string? LargestFreeAlignedBlock(SubnetAddressSpace space, SubnetSpec spec)
    {
        var blocks = space.BlockCount;
        for (var size = blocks / 2; size >= 1; size /= 2)
        {
            for (var start = blocks - size; start >= 0; start -= size)
            {
                var free = true;
                for (var b = start; b < start + size && free; b++)
                {
                    free = space.GetBlockState(b) == BlockState.Free;
                }

                if (free)
                {
                    var prefix = 28 - (int)Math.Log2(size);
                    return $"{Ipv4.Format(spec.FirstAddress + ((uint)start * 16))}/{prefix}";
                }
            }
        }

        return null;
    }

    /// <summary>Custom networking with a /16 from 100.64.0.0/10 as a secondary VPC CIDR, carved into one pod subnet per zone.</summary>
    private static StrategyResult CustomNetworking(Scenario atTarget, Scenario original)
    {
        const string name = "custom networking on 100.64.0.0/10";
        if (atTarget.Cluster.IpFamily == IpFamily.Ipv6)
        {
            return NotPossible(name, "custom networking is not available on IPv6 clusters");
        }

        if (atTarget.Cni.CustomNetworking)
        {
            return NotPossible(name, "custom networking is already on; see 'more subnets' for more pod subnet room");
        }

        if (atTarget.Vpc.Cidrs.Count >= VpcCidrQuota)
        {
            return NotPossible(name, $"the VPC already has {atTarget.Vpc.Cidrs.Count} CIDR blocks, AWS's default quota");
        }

        var taken = atTarget.Vpc.Cidrs.Select(c => c.Network).ToList();
        var zones = atTarget.NodeGroups.SelectMany(g => g.Subnets).Select(id => atTarget.GetSubnet(id).Zone).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Size the pod subnets by what the zones need at the target (measured per node), the same size in every zone,
        // and take the smallest block of 100.64.0.0/10 that holds one per zone.
        var probe = atTarget with { Cni = atTarget.Cni with { CustomNetworking = true, EniConfigs = zones.ToDictionary(z => z, z => $"pods-{z}", StringComparer.Ordinal) } };
        var perZone = zones.Select(zone => CustomNetworkingDemand(probe, zone)).DefaultIfEmpty(16).Max();
        var zonePrefix = Math.Min(28, SmallestPrefixFor(perZone + 32));
        var blockPrefix = Math.Clamp(zonePrefix - (int)Math.Ceiling(Math.Log2(Math.Max(1, zones.Count))), 16, 28);
        var split = (byte)Math.Min(28, blockPrefix + (int)Math.Ceiling(Math.Log2(Math.Max(1, zones.Count))));
        var block = s_cgnat.Subnet((byte)blockPrefix).FirstOrDefault(candidate => !taken.Exists(t => t.Overlap(candidate)));
        if (block is null)
        {
            return NotPossible(name, "every block of 100.64.0.0/10 of that size overlaps the VPC already");
        }

        var carved = block.Subnet(split).Take(zones.Count).ToList();
        var newSubnets = zones.Select((zone, i) => new SubnetSpec
        {
            Id = $"pods-{zone}",
            Block = Block(carved[i].ToString()),
            Zone = zone,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal),
        }).ToList();
        var patched = atTarget with
        {
            Vpc = atTarget.Vpc with { Cidrs = [.. atTarget.Vpc.Cidrs, Block(block.ToString())] },
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
        return Evaluate(name, $"pods move to {block}, carved into one /{split} per zone; node IPs stay in the node subnets (nodes must be replaced to pick up custom networking)", patched, changes, original);
    }

    /// <summary>New subnets carved from free VPC space (or from a new secondary CIDR) in the zones that run out.</summary>
    private static StrategyResult MoreSubnets(Scenario atTarget, Scenario original, StrategyResult current)
    {
        const string name = "more subnets";
        var podSubnets = PodSubnetIds(atTarget);
        var zones = atTarget.Subnets.Where(s => podSubnets.Contains(s.Id)).GroupBy(s => s.Zone).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var sizing = current.SmallestPrefixPerZone.ToDictionary(z => z.Zone, StringComparer.Ordinal);
        var taken = atTarget.Subnets.Select(s => s.Network).ToList();
        var vpcCidrs = atTarget.Vpc.Cidrs.ToList();
        var newSubnets = new List<SubnetSpec>();
        var changes = new List<string>();
        foreach (var zone in zones)
        {
            var usable = zone.Sum(s => s.UsableAddressCount);
            var need = sizing.TryGetValue(zone.Key, out var z) ? z.AddressesNeeded : 0;
            var deficit = need - usable;
            if (deficit <= 0)
            {
                continue;
            }

            // Round robin gives the new subnet its share of the zone's nodes: it must hold that share, and at least the deficit.
            var (nodesInZone, costPerNode) = ZoneNodes(atTarget, zone.Key);
            var share = (int)Math.Ceiling(nodesInZone / (double)(zone.Count() + 1));
            var prefix = SmallestPrefixFor(Math.Max(deficit, share * costPerNode) + 16);
            var carved = Carve(vpcCidrs, taken, prefix);
            if (carved is null)
            {
                // No room inside the VPC: the smallest secondary CIDR that holds it, from 100.64.0.0/10.
                if (vpcCidrs.Count >= VpcCidrQuota)
                {
                    return NotPossible(name, $"zone {zone.Key} needs a /{prefix} but the VPC has no free space and no CIDR quota left ({VpcCidrQuota} blocks)");
                }

                var secondaryPrefix = Math.Min(prefix, 28);
                var secondary = s_cgnat.Subnet((byte)Math.Max(16, secondaryPrefix)).FirstOrDefault(c => !vpcCidrs.Exists(v => v.Network.Overlap(c)));
                if (secondary is null)
                {
                    return NotPossible(name, "no free block in 100.64.0.0/10 for a secondary VPC CIDR");
                }

                vpcCidrs.Add(Block(secondary.ToString()));
                changes.Add($"vpc.cidrs: + {secondary} (no free space left in the VPC; the smallest secondary CIDR that holds zone {zone.Key}'s overflow)");
                carved = Carve(vpcCidrs, taken, prefix);
                if (carved is null)
                {
                    return NotPossible(name, $"zone {zone.Key} needs a /{prefix}, which no VPC CIDR can hold");
                }
            }

            taken.Add(carved);
            var spec = new SubnetSpec { Id = $"nodes-{zone.Key}-2", Block = Block(carved.ToString()), Zone = zone.Key };
            newSubnets.Add(spec);
            changes.Add($"subnets: + {{ id: {spec.Id}, cidr: {spec.Cidr}, zone: {spec.Zone} }} ({deficit.ToString("N0", CultureInfo.InvariantCulture)} more addresses needed in {zone.Key})");
        }

        if (newSubnets.Count == 0)
        {
            return NotPossible(name, "no zone runs short of addresses at the target") with { Fits = current.Fits };
        }

        var byZone = newSubnets.ToDictionary(s => s.Zone, s => s.Id, StringComparer.Ordinal);
        var cni = atTarget.Cni;
        Scenario patched;
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
                    return extra.Count == 0 ? g : g with { Subnets = [.. g.Subnets, .. extra] };
                })],
            };
            changes.Add("nodeGroups[].subnets: + the new subnet of each zone they use");
        }

        return Evaluate(name, "new node subnets carved from free VPC space where zones run short", patched, changes, original);
    }

    /// <summary>Addresses the pod subnet of a zone needs under custom networking: every node's cost but its own IP.</summary>
    private static int CustomNetworkingDemand(Scenario probe, string zone)
    {
        var total = 0L;
        foreach (var g in probe.NodeGroups)
        {
            var cost = NodeCost(probe, g) - 1;
            for (var j = 0; j < g.Subnets.Count; j++)
            {
                if (probe.GetSubnet(g.Subnets[j]).Zone == zone)
                {
                    total += ClusterState.NodesPlacedIn(g.Nodes, g.Subnets.Count, j) * (long)cost;
                }
            }
        }

        return (int)Math.Min(int.MaxValue / 2, total);
    }

    /// <summary>Nodes the target puts in a zone's pod subnets, and the most addresses one of them takes.</summary>
    private static (int Nodes, int CostPerNode) ZoneNodes(Scenario scenario, string zone)
    {
        var nodes = 0;
        var cost = 0;
        foreach (var g in scenario.NodeGroups)
        {
            var here = 0;
            for (var j = 0; j < g.Subnets.Count; j++)
            {
                if (scenario.GetSubnet(g.Subnets[j]).Zone == zone)
                {
                    here += ClusterState.NodesPlacedIn(g.Nodes, g.Subnets.Count, j);
                }
            }

            if (here > 0)
            {
                nodes += here;
                cost = Math.Max(cost, NodeCost(scenario, g));
            }
        }

        return (nodes, cost);
    }

    private static IPNetwork2? Carve(List<AddressBlock> vpcCidrs, List<IPNetwork2> taken, int prefix)
    {
        foreach (var cidr in vpcCidrs)
        {
            if (cidr.PrefixLength > prefix)
            {
                continue;
            }

            foreach (var candidate in cidr.Network.Subnet((byte)prefix))
            {
                if (!taken.Exists(t => t.Overlap(candidate)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>IPv6: every pod address comes from the node's /80; each node still takes one IPv4 in its subnet.</summary>
    private static StrategyResult Ipv6(Scenario atTarget, Scenario original)
    {
        const string name = "IPv6";
        var noPrefix = atTarget.NodeGroups.Where(g => !g.Type.SupportsPrefixDelegation).Select(g => $"{g.Name} ({g.InstanceType})").ToList();
        if (noPrefix.Count > 0)
        {
            return NotPossible(name, $"IPv6 needs prefix delegation, which these types cannot do: {string.Join(", ", noPrefix)}");
        }

        var state = ClusterState.Build(atTarget);
        var failed = 0;
        var nodes = 0;
        foreach (var g in atTarget.NodeGroups)
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
        var podSubnets = PodSubnetIds(atTarget);
        return new StrategyResult(
            name,
            "an IPv6 cluster: pods get addresses from each node's /80 prefix; IPv4 is used only by nodes and the rest of the VPC (the IP family is set when a cluster is created: this means a new cluster)",
            fits,
            fits ? null : $"{failed.ToString("N0", CultureInfo.InvariantCulture)} nodes find no IPv4 address for themselves",
            ["cluster.ipFamily: ipv6 (new cluster)", "vpc: an IPv6 CIDR (/56) and a /64 per subnet", "cni.prefixDelegation: true (required)"],
            nodes,
            atTarget.NodeGroups.Sum(g => g.Nodes * g.PodsPerNode),
            subnets.Where(s => podSubnets.Contains(s.Id)).Sum(s => s.Used),
            subnets,
            [.. subnets.Where(s => podSubnets.Contains(s.Id)).GroupBy(s => s.Zone).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ZoneSizing(g.Key, g.Sum(s => s.Used), SmallestPrefixFor(g.Sum(s => s.Used))))]);
    }

    private static StrategyResult NotPossible(string name, string why) =>
        new(name, why, false, why, [], 0, 0, 0, [], []);

    /// <summary>Plans the patched scenario at the target: it fits when every node starts and gets its pods.</summary>
    private static StrategyResult Evaluate(string name, string summary, Scenario patched, IReadOnlyList<string> changes, Scenario original)
    {
        var state = ClusterState.BuildPlanned(patched);
        var failedNodes = state.Nodes.Where(n => n.Failure != PodFailure.None).ToList();
        var shortfalls = state.Subnets.Where(s => s.Shortfalls.Count > 0).ToList();
        var added = patched.Subnets.Where(s => original.FindSubnet(s.Id) is null).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var subnets = Describe(state, added);
        var podSubnets = PodSubnetIds(patched);
        string? why = null;
        if (failedNodes.Count > 0)
        {
            var first = failedNodes[0];
            why = $"{failedNodes.Count.ToString("N0", CultureInfo.InvariantCulture)} of {state.Nodes.Count.ToString("N0", CultureInfo.InvariantCulture)} nodes cannot get their pods; first: {FailureReasons.DescribeFailure(first)}";
        }
        else if (shortfalls.Count > 0)
        {
            why = $"subnet {shortfalls[0].Spec.Id} has no room for its {shortfalls[0].Shortfalls[0]}";
        }

        return new StrategyResult(
            name, summary, why is null, why, changes, state.Nodes.Count,
            state.Nodes.Sum(n => n.PodsRunning),
            subnets.Where(s => podSubnets.Contains(s.Id)).Sum(s => s.Used),
            subnets,
            Sizing(patched))
        {
            Patched = patched,
        };
    }

    private static List<StrategySubnet> Describe(ClusterState state, HashSet<string> added) =>
        [.. state.Subnets.Select(s => new StrategySubnet(s.Spec.Id, s.Spec.Zone, s.Spec.Cidr, s.Space.Usable, s.Space.InUse, s.Space.Free, s.Space.FreePrefixes, added.Contains(s.Spec.Id)))];

    /// <summary>
    /// Per zone: the addresses its pod subnets must hold at the target, whether or not they have them: what is there
    /// already (in use, load balancers, endpoints, control plane...) plus every node's steady-state cost, measured by
    /// running one node of each group in an empty subnet. Prefix mode adds two /28s of alignment slack.
    /// </summary>
    public static IReadOnlyList<ZoneSizing> Sizing(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var fixedUse = ClusterState.Build(scenario);
        var demand = new Dictionary<string, long>(StringComparer.Ordinal);
        var podSubnets = PodSubnetIds(scenario);
        foreach (var id in podSubnets)
        {
            demand[id] = fixedUse.Subnet(id).Space.InUse;
        }

        foreach (var g in scenario.NodeGroups)
        {
            var cost = NodeCost(scenario, g);
            for (var j = 0; j < g.Subnets.Count; j++)
            {
                var nodesHere = ClusterState.NodesPlacedIn(g.Nodes, g.Subnets.Count, j);
                var nodeSubnet = scenario.GetSubnet(g.Subnets[j]);
                var podSubnet = scenario.Cni.PodSubnetFor(nodeSubnet.Id, nodeSubnet.Zone);
                demand[podSubnet] = demand.GetValueOrDefault(podSubnet) + ((long)nodesHere * (podSubnet == nodeSubnet.Id ? cost : cost - 1));
            }
        }

        var slack = scenario.Cni.PrefixDelegation ? 32 : 0;
        return [.. demand.GroupBy(d => scenario.GetSubnet(d.Key).Zone).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var needed = (int)Math.Min(int.MaxValue, g.Sum(d => d.Value) + slack);
            return new ZoneSizing(g.Key, needed, SmallestPrefixFor(needed));
        })];
    }

    /// <summary>Addresses one node of the group takes at its pods, steady state, in a subnet with room to spare.</summary>
    private static int NodeCost(Scenario scenario, NodeGroupSpec g)
    {
        var scratch = SubnetAddressSpace.Parse("10.0.0.0/16");
        var podScratch = SubnetAddressSpace.Parse("10.1.0.0/16");
        var node = new VpcCniNode(g.Type, scenario.Cni, new NodePlacement(scratch) { EniConfigSubnet = scenario.Cni.CustomNetworking ? podScratch : null }, g.MaxPods, g.HostNetworkPodsPerNode);
        node.ReconcileToSteadyState();
        for (var i = 0; i < g.PodsPerNode && node.AddPod(out _) == PodFailure.None; i++)
        {
        }

        for (var i = 0; i < g.SecurityGroupPodsPerNode && node.AddBranchPod(out _) == PodFailure.None; i++)
        {
        }

        return node.SubnetIpsUsed;
    }

    /// <summary>The longest prefix (smallest subnet) with at least <paramref name="addresses"/> usable addresses, /16 at most.</summary>
    public static int SmallestPrefixFor(int addresses)
    {
        for (var prefix = 28; prefix >= 16; prefix--)
        {
            if ((1 << (32 - prefix)) - SubnetSpec.AwsReservedAddresses >= addresses)
            {
                return prefix;
            }
        }

        return 16;
    }

    private static HashSet<string> PodSubnetIds(Scenario scenario)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in scenario.NodeGroups)
        {
            foreach (var id in g.Subnets)
            {
                ids.Add(scenario.Cni.PodSubnetFor(id, scenario.GetSubnet(id).Zone));
            }
        }

        return ids;
    }

    /// <summary>Warm-pool knobs, ranked by the addresses they free at the current node counts.</summary>
    private static List<KnobAdvice> KnobAdvice(Scenario scenario)
    {
        var advice = new List<KnobAdvice>();
        if (scenario.Cni.PrefixDelegation || scenario.NodeGroups.Count == 0)
        {
            return advice;
        }

        var (mit, wit) = TunedTargets(scenario);
        var now = ClusterState.BuildPlanned(scenario);
        var tuned = ClusterState.BuildPlanned(scenario with { Cni = scenario.Cni with { MinimumIpTarget = mit, WarmIpTarget = wit } });
        var before = now.Subnets.ToDictionary(s => s.Spec.Id, s => s.Space.InUse, StringComparer.Ordinal);
        foreach (var subnet in tuned.Subnets)
        {
            var freed = before[subnet.Spec.Id] - subnet.Space.InUse;
            if (freed <= 0)
            {
                continue;
            }

            var space = now.Subnet(subnet.Spec.Id).Space;
            var nodes = now.Nodes.Where(n => n.Node.Enis.ToArray().Any(e => e.Role == EniRole.Secondary && e.Subnet == space) || (n.Subnet.Spec.Id == subnet.Spec.Id && !scenario.Cni.CustomNetworking)).ToList();
            var idle = nodes.Count == 0 ? 0 : nodes.Sum(n => n.Node.AvailableIps) / nodes.Count;
            var current = scenario.Cni.IpTargetsDefined
                ? $"WARM_IP_TARGET={scenario.Cni.WarmIpTarget}, MINIMUM_IP_TARGET={scenario.Cni.MinimumIpTarget}"
                : $"WARM_ENI_TARGET={scenario.Cni.WarmEniTarget}";
            advice.Add(new KnobAdvice(
                $"MINIMUM_IP_TARGET={mit}, WARM_IP_TARGET={wit}",
                subnet.Spec.Id,
                freed,
                $"{current} holds {idle.ToString("N0", CultureInfo.InvariantCulture)} idle IPs per node on {nodes.Count.ToString("N0", CultureInfo.InvariantCulture)} nodes: MINIMUM_IP_TARGET={mit}, WARM_IP_TARGET={wit} frees {freed.ToString("N0", CultureInfo.InvariantCulture)} addresses in {subnet.Spec.Id}"));
        }

        return [.. advice.OrderByDescending(a => a.AddressesFreed).ThenBy(a => a.Subnet, StringComparer.Ordinal)];
    }

    private static AddressBlock Block(string cidr) => new(cidr, Ipv4Cidr.Parse(cidr), 0);
}
