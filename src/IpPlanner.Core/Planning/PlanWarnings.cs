using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Planning;

/// <summary>The plan's findings (docs/rules.md): each states the rule and the numbers, and none repeats a loader or node finding under another code.</summary>
internal static class PlanWarnings
{
    /// <summary>Findings for a plan.</summary>
    public static IEnumerable<Finding> For(ProvisionedScenario scenario, ClusterState planned, IReadOnlyList<SubnetPlan> subnets, IReadOnlyList<NodeGroupPlan> groups, ExhaustionPoint? exhausted)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(subnets);
        ArgumentNullException.ThrowIfNull(groups);
        var byId = subnets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var cni = scenario.Cni;
        var advised = WarmPoolTargets.Advise(cni, scenario.AllNodeGroups.Select(g => g.PodsPerNode));

        foreach (var state in planned.Subnets)
        {
            foreach (var what in state.Shortfalls)
            {
                yield return new Finding(FindingCodes.SubnetInfrastructureShortfall, Severity.Error, $"subnet {state.Spec.Id}",
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
                yield return new Finding(FindingCodes.ControlPlaneUpgradeBlocked, Severity.Error, $"subnet {id}",
                    $"cluster subnet {id} has {N(s.Free)} free IPs; a version upgrade needs 5");
            }
            else if (s.Free < 6)
            {
                yield return new Finding(FindingCodes.ControlPlaneSubnetFull, Severity.Error, $"subnet {id}",
                    $"cluster subnet {id} has {N(s.Free)} free IPs; EKS needs at least 6 in each cluster subnet");
            }
            else if (s.Free < 16)
            {
                yield return new Finding(FindingCodes.ControlPlaneSubnetLow, Severity.Warning, $"subnet {id}",
                    $"cluster subnet {id} has {N(s.Free)} free IPs; AWS recommends at least 16 (an upgrade needs 5, the control plane 6)");
            }
        }

        foreach (var node in planned.Nodes.Where(n => n.Failure != PodFailure.None).GroupBy(n => n.Group.Name))
        {
            var first = node.First();
            yield return new Finding(FindingCodes.PlannedPodsDoNotFit, Severity.Error, $"node group {node.Key}",
                $"{N(node.Count())} of {N(first.Group.Nodes)} planned nodes of {node.Key} cannot get their {N(first.Group.PodsPerNode)} pods; " +
                $"the first is {FailureReasons.DescribeFailure(first)}");
        }

        // Pods a NodePool leaves pending have not been placed: the plan does not fit now (CapacityPlanner's verdict says
        // so with the same words), so the finding is an error and `plan --fail-on` sees it.
        foreach (var pool in scenario.NodePools.Where(p => p.Provisioning is { PodsPending: > 0 }))
        {
            yield return new Finding(FindingCodes.NodePoolPodsPending, Severity.Error, $"nodepool {pool.Name}", NodePoolLimits.Pending(pool));
        }

        if (exhausted is not null)
        {
            var group = scenario.AllNodeGroups.FirstOrDefault(g => g.Name == exhausted.NodeGroup);
            if (group is not null && exhausted.SubnetRanOut && exhausted.AtNodes <= group.MaxNodes && exhausted.AtNodes > group.Nodes)
            {
                yield return new Finding(FindingCodes.SubnetExhaustsBeforeMaxNodes, Severity.Warning, $"subnet {exhausted.Subnet}",
                    $"subnet {exhausted.Subnet} runs out at node {N(exhausted.AtNodes)} of group {group.Name} ({exhausted.Reason}), before its maxNodes of {N(group.MaxNodes)}");
            }
        }

        // Looked up once: a plan may have thousands of groups.
        var specs = scenario.AllNodeGroups.ToDictionary(x => x.Name, StringComparer.Ordinal);
        var runningByGroup = planned.Nodes.Where(n => n.Failure == PodFailure.None).CountBy(n => n.Group.Name, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var spec = specs[g.Name];
            if (spec.PodsPerNode > g.PodIpsPerNode)
            {
                yield return new Finding(FindingCodes.PodsPerNodeAboveCapacity, Severity.Error, $"node group {g.Name}",
                    $"podsPerNode {N(spec.PodsPerNode)} is more than one {g.InstanceType} can hold ({N(g.PodIpsPerNode)} VPC-IP pods: max pods {N(g.MaxPodsPerNode)} minus {N(spec.HostNetworkPodsPerNode)} host-network pods, within what its ENIs supply)");
            }

            var maxPods = MaxPodsCalculator.Calculate(spec.Type, MaxPodsOptions.For(cni, spec.MaxPods));
            if (CniFindings.MaxPodsAboveEniSupplyFinding(maxPods, cni, $"node group {g.Name}") is { } above)
            {
                yield return above;
            }

            // Prefix delegation on a type that cannot use it is the loader's finding (prefix-delegation-unsupported), raised once per group there.
            var running = runningByGroup.GetValueOrDefault(g.Name);
            if (running > 0 && CniFindings.WarmEniTargetIdle(Shape(spec), cni, advised, running, $"node group {g.Name}", g.Name) is { } idle)
            {
                yield return idle;
            }
        }

        var modes = scenario.AllNodeGroups.Select(g => WarmPoolTargets.PrefixMode(g.Type, cni, g.MaxPods)).ToList();
        if (CniFindings.MinimumIpTargetAloneFinding(cni, modes, "cni") is { } alone)
        {
            yield return alone;
        }

        if (CniFindings.WarmIpTargetWastesPrefixFinding(cni, modes.Contains(true), "cni") is { } wastes)
        {
            yield return wastes;
        }

        if (cni.PrefixDelegation)
        {
            var nodeSubnets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in scenario.AllNodeGroups)
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
                    yield return new Finding(FindingCodes.NoFreePrefix, Severity.Error, $"subnet {id}",
                        $"subnet {id} has no fully free aligned /28 ({N(s.Free)} single IPs free): the next prefix fails with InsufficientCidrBlocks; add a prefix CIDR reservation or a fresh subnet");
                }
                else if (s.FragmentationScore >= 0.5 && s.FreePrefixes < 8)
                {
                    yield return new Finding(FindingCodes.PrefixFragmentation, Severity.Warning, $"subnet {id}",
                        $"subnet {id} is fragmented (score {s.FragmentationScore.ToString("0.00", CultureInfo.InvariantCulture)}): only {N(s.FreePrefixes)} fully free /28s remain among {N(s.Free)} free IPs");
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
                    yield return new Finding(FindingCodes.LoadBalancerSubnetTooSmall, Severity.Warning, $"subnet {id}",
                        $"ALB {lb.Name} uses subnet {id} ({spec.Cidr}); AWS needs /27 or larger for an ALB");
                }

                if (lb.Type == LoadBalancerType.Alb && s.Free < 8)
                {
                    yield return new Finding(FindingCodes.LoadBalancerSubnetFull, Severity.Warning, $"subnet {id}",
                        $"ALB {lb.Name} needs at least 8 free IPs in subnet {id} to scale; it has {N(s.Free)}");
                }

                var isInternal = lb.Internal ?? !spec.Public;
                var tag = isInternal ? SubnetTags.InternalLoadBalancer : SubnetTags.PublicLoadBalancer;
                if (!spec.HasTag(tag))
                {
                    yield return new Finding(FindingCodes.LoadBalancerSubnetUntagged, Severity.Info, $"subnet {id}",
                        $"{(isInternal ? "internal" : "public")} load balancer {lb.Name} uses subnet {id}, which lacks the {tag} tag that the AWS Load Balancer Controller discovers subnets by");
                }
            }
        }

        // External SNAT without a NAT gateway is the loader's finding (external-snat-no-nat); the plan carries it.
    }

    private static NodeGroupShape Shape(NodeGroup spec) => new(spec.Type, spec.PodsPerNode)
    {
        SecurityGroupPods = spec.SecurityGroupPodsPerNode,
        KubeletMaxPods = spec.MaxPods,
        HostNetworkPods = spec.HostNetworkPodsPerNode,
    };

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
