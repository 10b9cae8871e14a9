using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>The rules of DOMAIN.md §10 applied to a planned cluster; each finding states the rule and the numbers.</summary>
public static class PlanWarnings
{
    /// <summary>Findings for a plan.</summary>
    public static IEnumerable<Finding> For(Scenario scenario, ClusterState planned, IReadOnlyList<SubnetPlan> subnets, IReadOnlyList<NodeGroupPlan> groups, ExhaustionPoint? exhausted)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(subnets);
        ArgumentNullException.ThrowIfNull(groups);
        var byId = subnets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var cni = scenario.Cni;

        foreach (var state in planned.Subnets)
        {
            foreach (var what in state.Shortfalls)
            {
                yield return new Finding("subnet-infrastructure-shortfall", Severity.Error, $"subnet {state.Spec.Id}",
                    $"subnet {state.Spec.Id} has no room for its {what}");
            }
        }

        foreach (var id in scenario.Cluster.ControlPlaneSubnets.Distinct(StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(id, out var s))
            {
                continue;
            }

            if (s.Free < 5)
            {
                yield return new Finding("control-plane-upgrade-blocked", Severity.Error, $"subnet {id}",
                    $"cluster subnet {id} has {N(s.Free)} free IPs; a version upgrade needs 5");
            }
            else if (s.Free < 6)
            {
                yield return new Finding("control-plane-subnet-full", Severity.Error, $"subnet {id}",
                    $"cluster subnet {id} has {N(s.Free)} free IPs; EKS needs at least 6 in each cluster subnet");
            }
            else if (s.Free < 16)
            {
                yield return new Finding("control-plane-subnet-low", Severity.Warning, $"subnet {id}",
                    $"cluster subnet {id} has {N(s.Free)} free IPs; AWS recommends at least 16 (an upgrade needs 5, the control plane 6)");
            }
        }

        foreach (var node in planned.Nodes.Where(n => n.Failure != PodFailure.None).GroupBy(n => n.Group.Name))
        {
            var first = node.First();
            yield return new Finding("planned-pods-do-not-fit", Severity.Error, $"node group {node.Key}",
                $"{N(node.Count())} of {N(first.Group.Nodes)} planned nodes of {node.Key} cannot get their {N(first.Group.PodsPerNode)} pods; " +
                $"the first is node {first.IndexInGroup + 1} in subnet {first.FailureSubnet?.Spec.Id} ({CapacityPlanner.Reason(first.Failure)})");
        }

        if (exhausted is not null)
        {
            var group = scenario.NodeGroups.FirstOrDefault(g => g.Name == exhausted.NodeGroup);
            if (group is not null && exhausted.AtNodes <= group.MaxNodes && exhausted.AtNodes > group.Nodes)
            {
                yield return new Finding("subnet-exhausts-before-max-nodes", Severity.Warning, $"subnet {exhausted.Subnet}",
                    $"subnet {exhausted.Subnet} runs out at node {N(exhausted.AtNodes)} of group {group.Name} ({exhausted.Reason}), before its maxNodes of {N(group.MaxNodes)}");
            }
        }

        // Looked up once: a plan may have thousands of groups.
        var specs = scenario.NodeGroups.ToDictionary(x => x.Name, StringComparer.Ordinal);
        var running = planned.Nodes.Where(n => n.Failure == PodFailure.None).ToLookup(n => n.Group.Name, StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var spec = specs[g.Name];
            if (spec.PodsPerNode > g.PodIpsPerNode)
            {
                yield return new Finding("pods-per-node-above-capacity", Severity.Error, $"node group {g.Name}",
                    $"podsPerNode {N(spec.PodsPerNode)} is more than one {g.InstanceType} can hold ({N(g.PodIpsPerNode)} VPC-IP pods: max pods {N(g.MaxPodsPerNode)} minus {N(spec.HostNetworkPodsPerNode)} host-network pods, within what its ENIs supply)");
            }

            var maxPods = MaxPodsCalculator.Calculate(spec.Type, MaxPodsOptions.For(cni, spec.MaxPods));
            if (maxPods.MaxPods > maxPods.Uncapped)
            {
                yield return new Finding("max-pods-above-eni-supply", Severity.Warning, $"node group {g.Name}",
                    $"kubelet max pods {N(maxPods.MaxPods)} on {g.InstanceType} is above the {N(maxPods.Uncapped)} its ENIs can supply{(cni.CustomNetworking ? " with custom networking (the primary ENI carries no pods)" : "")}: pods beyond that stay in ContainerCreating");
            }

            // The CNI version reason is the scenario's own warning (prefix-delegation-version); this one is the type's.
            if (cni.PrefixDelegation && !spec.Type.SupportsPrefixDelegation)
            {
                yield return new Finding("prefix-delegation-fallback", Severity.Warning, $"node group {g.Name}",
                    $"{g.InstanceType} is not a Nitro or bare-metal type: prefix delegation silently falls back to secondary IPs");
            }

            var nodes = running[g.Name].ToList();
            var idle = nodes.Sum(n => n.Node.TotalIps - n.Node.AssignedIps);
            if (!cni.PrefixDelegation && !cni.IpTargetsDefined && cni.WarmEniTarget >= 1 && nodes.Count > 0 && idle >= nodes.Count * Math.Min(spec.Type.SlotsPerEni, 8) && spec.Type.SlotsPerEni >= 9)
            {
                var perNode = idle / nodes.Count;
                var mit = spec.PodsPerNode + 2;
                yield return new Finding("warm-eni-target-idle-ips", Severity.Info, $"node group {g.Name}",
                    $"WARM_ENI_TARGET={cni.WarmEniTarget} holds {N(perNode)} idle IPs per node on {N(nodes.Count)} nodes ({N(idle)} addresses); MINIMUM_IP_TARGET={N(mit)}, WARM_IP_TARGET=2 would keep about 2 per node");
            }
        }

        if (cni.MinimumIpTarget > 0 && cni.WarmIpTarget == 0)
        {
            yield return new Finding("minimum-ip-target-alone", Severity.Warning, "cni",
                $"MINIMUM_IP_TARGET={cni.MinimumIpTarget} without WARM_IP_TARGET: a node's pool never grows past {N(cni.MinimumIpTarget)} IPs, so pods beyond that fail");
        }

        if (cni.PrefixDelegation && cni.WarmIpTarget >= 16)
        {
            yield return new Finding("warm-ip-target-wastes-prefix", Severity.Warning, "cni",
                $"WARM_IP_TARGET={cni.WarmIpTarget} with prefix delegation keeps at least one whole spare /28 per node; use WARM_PREFIX_TARGET=1 or a WARM_IP_TARGET below 16");
        }

        if (cni.PrefixDelegation)
        {
            var nodeSubnets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in scenario.NodeGroups)
            {
                foreach (var id in g.Subnets)
                {
                    nodeSubnets.Add(byId.TryGetValue(id, out var s) ? cni.PodSubnetFor(id, s.Zone) : id);
                }
            }

            foreach (var id in nodeSubnets.Order(StringComparer.Ordinal))
            {
                if (!byId.TryGetValue(id, out var s))
                {
                    continue;
                }

                if (s.FreePrefixes == 0)
                {
                    yield return new Finding("no-free-prefix", Severity.Error, $"subnet {id}",
                        $"subnet {id} has no fully free aligned /28 ({N(s.Free)} single IPs free): the next prefix fails with InsufficientCidrBlocks; add a prefix CIDR reservation or a fresh subnet");
                }
                else if (s.FragmentationScore >= 0.5 && s.FreePrefixes < 8)
                {
                    yield return new Finding("prefix-fragmentation", Severity.Warning, $"subnet {id}",
                        $"subnet {id} is fragmented (score {s.FragmentationScore:0.00}): only {N(s.FreePrefixes)} fully free /28s remain among {N(s.Free)} free IPs");
                }
            }
        }

        foreach (var lb in scenario.LoadBalancers)
        {
            foreach (var id in lb.Subnets)
            {
                if (!byId.TryGetValue(id, out var s))
                {
                    continue;
                }

                var spec = scenario.GetSubnet(id);
                if (lb.Type == LoadBalancerType.Alb && spec.PrefixLength > 27)
                {
                    yield return new Finding("load-balancer-subnet-too-small", Severity.Warning, $"subnet {id}",
                        $"ALB {lb.Name} uses subnet {id} ({spec.Cidr}); AWS needs /27 or larger for an ALB");
                }

                if (lb.Type == LoadBalancerType.Alb && s.Free < 8)
                {
                    yield return new Finding("load-balancer-subnet-full", Severity.Warning, $"subnet {id}",
                        $"ALB {lb.Name} needs at least 8 free IPs in subnet {id} to scale; it has {N(s.Free)}");
                }

                var isInternal = lb.Internal ?? !spec.Public;
                var tag = isInternal ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb";
                if (!spec.HasTag(tag))
                {
                    yield return new Finding("load-balancer-subnet-untagged", Severity.Info, $"subnet {id}",
                        $"{(isInternal ? "internal" : "public")} load balancer {lb.Name} uses subnet {id}, which lacks the {tag} tag that the AWS Load Balancer Controller discovers subnets by");
                }
            }
        }

        if (cni.ExternalSnat && scenario.NatGateways.Count == 0)
        {
            yield return new Finding("external-snat-without-nat", Severity.Warning, "cni",
                "externalSnat is on but the scenario has no NAT gateway: pods' traffic leaving the VPC needs one reachable from their subnets");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
