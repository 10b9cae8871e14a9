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
    public static IEnumerable<Finding> For(
        ProvisionedScenario scenario, ClusterState planned, IReadOnlyList<SubnetPlan> subnets, IReadOnlyList<NodeGroupPlan> groups, ExhaustionPoint? exhausted,
        IReadOnlyList<NodePoolPlan>? pools = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(subnets);
        ArgumentNullException.ThrowIfNull(groups);
        var byId = subnets.ToDictionary(s => s.Id, StringComparer.Ordinal);

        foreach (var state in planned.Subnets)
        {
            foreach (var what in state.Shortfalls)
            {
                yield return Finding.Of(FindingCodes.SubnetInfrastructureShortfall, $"subnet {state.Spec.Id}",
                    $"subnet {state.Spec.Id} has no room for its {what}");
            }
        }

        foreach (var id in scenario.ClusterNames.SelectMany(c => scenario.ClusterSpecOf(c).ControlPlaneSubnets).Distinct(StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(id, out var s))
            {
                continue;
            }

            if (ControlPlaneRoom.Check(id, s.Free) is { } room)
            {
                yield return room;
            }
        }

        foreach (var node in planned.Nodes.Where(n => n.Failure != PodFailure.None).GroupBy(n => n.Group.Name))
        {
            var first = node.First();
            yield return Finding.Of(FindingCodes.PlannedPodsDoNotFit, $"node group {node.Key}",
                $"{N(node.Count())} of {N(first.Group.Nodes)} planned nodes of {node.Key} cannot get their {N(first.Group.PodsPerNode)} pods; " +
                $"the first is {FailureReasons.DescribeFailure(first)}");
        }

        foreach (var pending in PodsPending(scenario))
        {
            yield return pending;
        }

        foreach (var pool in pools ?? [])
        {
            if (pool.PodsWithoutIp > 0)
            {
                var provisioned = scenario.NodePools.First(p => p.Name == pool.Name);
                var fix = scenario.ClusterSpecOf(provisioned.Spec.Cluster).AutoMode
                    ? "; a pod subnet with free /28s (a prefix CIDR reservation) keeps the nodes on prefixes, and ipv4PrefixSize \"32\" sets max pods to what single addresses hold"
                    : provisioned.Spec.MaxPods is null
                        ? "; Karpenter's RESERVED_ENIS (karpenter.reservedEnis) or the EC2NodeClass's kubelet maxPods (nodePools[].maxPods) lowers max pods to what the ENIs address"
                        : "";
                yield return new Finding(FindingCodes.PodsWithoutIp, Severity.Error, $"NodePool {pool.Name}",
                    $"NodePool {pool.Name} binds {N(pool.PodsWithoutIp)} pods to nodes whose ENIs cannot address them, so they wait in ContainerCreating " +
                    $"({NodePoolPlanner.WithoutIp(provisioned, planned).Why}){fix}");
            }
        }

        foreach (var fellBack in planned.Nodes.Where(n => n.Node.FellBackToSingleAddresses && n.Group.NodePool is not null).GroupBy(n => n.Group.NodePool!))
        {
            var count = fellBack.Count();
            yield return CniFindings.AutoModeSingleAddressesFinding($"NodePool {fellBack.Key}", $"{N(count)} node{(count == 1 ? "" : "s")} of NodePool {fellBack.Key}");
        }

        if (exhausted is not null)
        {
            var group = scenario.AllNodeGroups.FirstOrDefault(g => g.Name == exhausted.NodeGroup);
            if (group is not null && exhausted.SubnetRanOut && exhausted.AtNodes <= group.MaxNodes && exhausted.AtNodes > group.Nodes)
            {
                yield return Finding.Of(FindingCodes.SubnetExhaustsBeforeMaxNodes, $"subnet {exhausted.Subnet}",
                    $"subnet {exhausted.Subnet} runs out at node {N(exhausted.AtNodes)} of group {group.Name} ({exhausted.Reason}), before its maxNodes of {N(group.MaxNodes)}");
            }

            if (group is not null && exhausted.NetworkAddressUsageRanOut && exhausted.AtNodes <= group.MaxNodes && exhausted.AtNodes > group.Nodes)
            {
                yield return Finding.Of(FindingCodes.NetworkAddressUsageBeforeMaxNodes, "vpc",
                    $"the VPC's {exhausted.Reason} stops node {N(exhausted.AtNodes)} of group {group.Name} ({exhausted.Detail}), before its maxNodes of {N(group.MaxNodes)}: EC2 answers {ErrorCode(exhausted.Cause)}{PrefixHint(scenario)}");
            }
        }

        foreach (var finding in NetworkAddressUsage(scenario, planned))
        {
            yield return finding;
        }

        // Looked up once: a plan may have thousands of groups.
        var specs = scenario.AllNodeGroups.ToDictionary(x => x.Name, StringComparer.Ordinal);
        var runningByGroup = planned.Nodes.Where(n => n.Failure == PodFailure.None).CountBy(n => n.Group.Name, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var advisedByCluster = scenario.ClusterNames.ToDictionary(
            c => c,
            c => scenario.AdvisedCni(c),
            StringComparer.Ordinal);
        foreach (var g in groups)
        {
            var spec = specs[g.Name];
            var cni = scenario.CniOf(spec);
            var groupCni = spec.CniIn(cni);
            var advised = advisedByCluster[scenario.ClusterNameOf(spec)];
            // A NodePool's nodes take the pods Karpenter binds to them; those beyond the IPs are pods-without-ip above.
            if (spec.NodePool is null && spec.PodsPerNode > g.PodIpsPerNode)
            {
                yield return Finding.Of(FindingCodes.PodsPerNodeAboveCapacity, $"node group {g.Name}",
                    $"podsPerNode {N(spec.PodsPerNode)} is more than one {g.InstanceType} can hold ({N(g.PodIpsPerNode)} VPC-IP pods: max pods {N(g.MaxPodsPerNode)} minus {N(spec.HostNetworkPodsPerNode)} host-network pods, within what its ENIs supply)");
            }

            var maxPods = MaxPodsCalculator.Calculate(spec.Type, MaxPodsOptions.For(groupCni, spec.KubeletMaxPods(cni)));
            // A NodePool's nodes get Karpenter's max pods; where that strands pods the pool's pods-without-ip says so.
            if (spec.NodePool is null && CniFindings.MaxPodsAboveEniSupplyFinding(maxPods, groupCni, $"node group {g.Name}") is { } above)
            {
                yield return above;
            }

            if (CniFindings.UnmanagedEnisBelowMaxPodsFinding(maxPods, groupCni, spec.Type, spec.UnmanagedEnis, spec.HostNetworkPodsPerNode, $"node group {g.Name}") is { } unmanaged)
            {
                yield return unmanaged;
            }

            // Prefix delegation on a type that cannot use it is the loader's finding (prefix-delegation-unsupported), raised once per group there.
            var running = runningByGroup.GetValueOrDefault(g.Name);
            if (IdleWarmIps(scenario, spec, advised, running) is { } idle)
            {
                yield return idle;
            }

            if (running > 0 && !groupCni.AutoMode && CniFindings.UpgradeMovesPods(Shape(spec, cni), groupCni, running, $"node group {g.Name}") is { } moves)
            {
                yield return moves;
            }
        }

        for (var c = 0; c < scenario.ClusterNames.Count; c++)
        {
            foreach (var finding in ClusterCniFindings(scenario, c, byId))
            {
                yield return finding;
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
                    yield return Finding.Of(FindingCodes.LoadBalancerSubnetTooSmall, $"subnet {id}",
                        $"ALB {lb.Name} uses subnet {id} ({spec.Cidr}); AWS needs /27 or larger for an ALB");
                }

                if (lb.Type == LoadBalancerType.Alb && s.Free < 8)
                {
                    yield return Finding.Of(FindingCodes.LoadBalancerSubnetFull, $"subnet {id}",
                        $"ALB {lb.Name} needs at least 8 free IPs in subnet {id} to scale; it has {N(s.Free)}");
                }

                var isInternal = lb.Internal ?? !spec.Public;
                var tag = isInternal ? SubnetTags.InternalLoadBalancer : SubnetTags.PublicLoadBalancer;
                if (!spec.HasTag(tag))
                {
                    yield return Finding.Of(FindingCodes.LoadBalancerSubnetUntagged, $"subnet {id}",
                        $"{(isInternal ? "internal" : "public")} load balancer {lb.Name} uses subnet {id}, which lacks the {tag} tag that the AWS Load Balancer Controller discovers subnets by");
                }
            }
        }

        // External SNAT without a NAT gateway is the loader's finding (external-snat-no-nat); the plan carries it.
    }

    /// <summary>
    /// Pods that stay pending, which make a plan that does not fit whatever the subnets hold: a NodePool that launches
    /// too little (its limits, or no allowed type fits a pod), DaemonSets larger than a node, pod requests that leave
    /// no room for one pod beside the DaemonSets. The verdict names the first.
    /// </summary>
    public static IEnumerable<Finding> PodsPending(ProvisionedScenario scenario)
    {
        foreach (var pool in scenario.NodePools.Where(p => p.Provisioning.PodsPending > 0))
        {
            yield return new Finding(FindingCodes.PodsPending, Severity.Error, $"NodePool {pool.Name}", NodePoolLimits.Pending(pool));
        }

        foreach (var group in scenario.NodeGroups.Where(g => g.MaxNodes > 0))
        {
            if (PodsPerNodeRule.DaemonSetsOverflow(group.Type, scenario.DaemonSetsOf(group.Spec.Cluster), scenario.VmMemoryOverheadPercent) is { } overflow)
            {
                yield return new Finding(FindingCodes.PodsPending, Severity.Error, $"node group {group.Name}",
                    $"{overflow}: their pods stay pending on every node of group {group.Name}, and no other pod has room");
            }
            else if (group.PodsPerNodeFit is { Pods: 0 } fit && group.PodRequests is { } requests)
            {
                yield return new Finding(FindingCodes.PodsPending, Severity.Error, $"node group {group.Name}",
                    $"no pod of {PodsPerNodeRule.RequestsText(requests)} fits on one {group.InstanceType} beside the DaemonSets ({fit.LimitedBy.Words()} leaves room for 0): every pod of group {group.Name} stays pending");
            }
        }
    }

    /// <summary>
    /// The warm-pool finding (<c>warm-eni-target-idle-ips</c>) for <paramref name="running"/> nodes of a group, or null:
    /// the one gate for the plan's finding and recommend's knob advice, so both advise for the same groups.
    /// </summary>
    internal static Finding? IdleWarmIps(ProvisionedScenario scenario, NodeGroup spec, CniSettings advised, int running) =>
        running > 0 ? CniFindings.WarmEniTargetIdle(Shape(spec, scenario.CniOf(spec)), spec.CniIn(scenario.CniOf(spec)), advised, running, $"node group {spec.Name}", spec.Name) : null;

    /// <summary>The findings about one cluster's CNI settings as a whole (subject <c>cni</c>, or <c>clusters[i].cni</c> with several).</summary>
    private static IEnumerable<Finding> ClusterCniFindings(ProvisionedScenario scenario, int index, Dictionary<string, SubnetPlan> byId)
    {
        var name = scenario.ClusterNames[index];
        var cni = scenario.CniOf(name);
        var subject = scenario.HasSeveralClusters ? $"clusters[{index}].cni" : "cni";
        var own = scenario.AllNodeGroups.Where(g => scenario.ClusterNameOf(g) == name).ToList();
        var modes = own.Select(g => scenario.ModeOf(g).PrefixMode).ToList();
        if (CniFindings.MinimumIpTargetAloneFinding(cni, modes, subject) is { } alone)
        {
            yield return alone;
        }

        if (CniFindings.WarmIpTargetWastesPrefixFinding(cni, modes.Contains(true), subject) is { } wastes)
        {
            yield return wastes;
        }

        // Only the pod subnets of groups whose nodes really run prefix delegation ask for /28s (docs/rules.md): a Xen
        // type or a CNI before 1.9.0 takes single addresses whatever ENABLE_PREFIX_DELEGATION says.
        var prefixGroups = own.Where(g => scenario.ModeOf(g).PrefixMode).ToList();
        if (prefixGroups.Count > 0)
        {
            var nodeSubnets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in prefixGroups)
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
                    yield return Finding.Of(FindingCodes.NoFreePrefix, $"subnet {id}",
                        $"subnet {id} has no fully free aligned /28 ({N(s.Free)} single IPs free): the next prefix fails with InsufficientCidrBlocks; add a prefix CIDR reservation or a fresh subnet");
                }
                else if (s.FragmentationScore >= 0.5 && s.FreePrefixes < 8)
                {
                    yield return Finding.Of(FindingCodes.PrefixFragmentation, $"subnet {id}",
                        $"subnet {id} is fragmented (score {s.FragmentationScore.ToString("0.00", CultureInfo.InvariantCulture)}): only {N(s.FreePrefixes)} fully free /28s remain among {N(s.Free)} free IPs");
                }
            }
        }
    }

    /// <summary>
    /// The VPC's Network Address Usage against its quotas (docs/rules.md, "Network Address Usage"): what is not a node
    /// already past a quota, the first planned node a quota stops, and the network interfaces of the plan against the
    /// Region's default quota of 5,000.
    /// </summary>
    private static IEnumerable<Finding> NetworkAddressUsage(ProvisionedScenario scenario, ClusterState planned)
    {
        var usage = planned.Usage;
        if (planned.FixedNetworkAddressUnits > usage.Quota)
        {
            yield return Finding.Of(FindingCodes.NetworkAddressUsageQuota, "vpc",
                $"what is not a node (NAT gateways, endpoints, NLBs, Fargate pods, addresses marked in use, otherNetworkAddressUsage) already holds {planned.FixedNetworkAddressUnits.ToString("N0", CultureInfo.InvariantCulture)} Network Address Usage units, over the VPC's quota of {N(usage.Quota)}: no node can start");
        }

        var stopped = planned.Nodes.FirstOrDefault(n => n.Reason is { } r && r.IsNetworkAddressUsage());
        if (stopped is not null)
        {
            var peered = stopped.Reason == FailureReason.PeeredNetworkAddressUsage;
            var what = stopped.Node.Started ? "cannot get its pods" : "cannot start";
            var quota = peered
                ? $"the quota of {N(usage.PeeredQuota)} units for the VPC and its same-Region peers ({N(usage.PeeredUnits ?? 0)} units of the peers)"
                : $"the VPC's quota of {N(usage.Quota)} units";
            var count = planned.Nodes.Count(n => n.Reason == stopped.Reason);
            yield return Finding.Of(peered ? FindingCodes.PeeredNetworkAddressUsageQuota : FindingCodes.NetworkAddressUsageQuota, "vpc",
                $"node {N(stopped.IndexInGroup + 1)} of group {stopped.Group.Name}{Of(scenario, stopped.Group)} {what}: its next EC2 call would pass {quota}, so EC2 answers {ErrorCode(stopped.Reason!.Value)}" +
                $" ({N(count)} planned node{(count == 1 ? "" : "s")} stopped so){PrefixHint(scenario)}");
        }

        var enis = 0L;
        foreach (var node in planned.Nodes)
        {
            enis += node.Node.Enis.Length + node.Node.BranchPods;
        }

        enis += scenario.FargateProfiles.Sum(p => (long)p.Pods);
        enis += planned.Subnets.Sum(s => (long)s.ControlPlane + s.NatGateways + s.Endpoints);
        enis += scenario.LoadBalancers.Sum(lb => (long)lb.Subnets.Count);
        if (enis > NetworkInterfacesPerRegion)
        {
            yield return Finding.Of(FindingCodes.NetworkInterfacesRegionQuota, "vpc",
                $"the plan holds {enis.ToString("N0", CultureInfo.InvariantCulture)} network interfaces (nodes' ENIs, branch ENIs, Fargate pods, control plane, NAT gateways, endpoints and load balancers), over the default quota of {N(NetworkInterfacesPerRegion)} per Region (L-DF5E4CA3), which every VPC of the account in the Region shares: ask for an increase before scaling");
        }
    }

    /// <summary>Network interfaces per Region under AWS's default quota (L-DF5E4CA3).</summary>
    internal const int NetworkInterfacesPerRegion = 5_000;

    private static string ErrorCode(FailureReason reason) =>
        reason == FailureReason.PeeredNetworkAddressUsage ? "NetworkAddressUsagePeeredLimitExceeded" : "NetworkAddressUsageLimitExceeded";

    private static string Of(ProvisionedScenario scenario, NodeGroup group) =>
        scenario.HasSeveralClusters ? $" of cluster {scenario.ClusterNameOf(group)}" : "";

    private static string PrefixHint(ProvisionedScenario scenario) =>
        scenario.ClusterNames.Any(c => !scenario.CniOf(c).PrefixDelegation)
            ? "; prefix delegation counts a /28 as one unit instead of one per address, or ask AWS to raise the quota (up to 256,000)"
            : "; ask AWS to raise the quota (up to 256,000)";

    private static NodeGroupShape Shape(NodeGroup spec, CniSettings cni) => new(spec.Type, spec.PodsPerNode)
    {
        SecurityGroupPods = spec.SecurityGroupPodsPerNode,
        KubeletMaxPods = spec.KubeletMaxPods(cni),
        HostNetworkPods = spec.HostNetworkPodsPerNode,
    };

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
