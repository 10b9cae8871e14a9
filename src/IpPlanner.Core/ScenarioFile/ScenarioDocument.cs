using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// Turns a <see cref="Scenario"/> back into a scenario document (keys in the file's order, defaults left out), so a
/// patched scenario can be written as an ordinary file that validates and plans.
/// </summary>
public static class ScenarioDocument
{
    /// <summary>The document for <paramref name="scenario"/>, with <paramref name="header"/> as its leading comment lines.</summary>
    public static DocMap From(Scenario scenario, IEnumerable<string> header)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(header);
        var root = new DocMap();
        foreach (var line in header)
        {
            root.Comment(line);
        }

        var several = scenario.HasSeveralClusters;
        if (!several)
        {
            WriteClusterFields(root.Set("cluster", new DocMap()), scenario.Cluster);
        }

        WriteVpc(root.Set("vpc", new DocMap()), scenario.Vpc);

        var subnets = root.Set("subnets", new DocList());
        foreach (var s in scenario.Subnets)
        {
            var subnet = subnets.Add(new DocMap());
            subnet.Set("id", s.Id);
            subnet.Set("cidr", s.Cidr);
            subnet.Set("zone", s.Zone);
            if (s.Public)
            {
                subnet.Set("public", true);
            }

            if (s.Tags.Count > 0)
            {
                var tags = subnet.Set("tags", new DocMap());
                foreach (var (key, value) in s.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    tags.Set(key, value);
                }
            }

            if (s.Reservations.Count > 0)
            {
                var reservations = subnet.Set("reservations", new DocList());
                foreach (var r in s.Reservations)
                {
                    var item = reservations.Add(new DocMap());
                    item.Set("cidr", r.Block.Text);
                    item.Set("type", r.Type == ReservationType.Prefix ? "prefix" : "explicit");
                }
            }

            if (s.InUse > 0)
            {
                subnet.Set("inUse", s.InUse);
            }

            if (s.Taken.Count > 0)
            {
                subnet.Set("taken", DocList.OfStrings(s.Taken.Select(t => t.Text)));
            }
        }

        if (!several)
        {
            WriteClusterSections(root, scenario, scenario.Cluster.Name, scenario.Cni, scenario.Karpenter, scenario.DaemonSets, withWorkloads: false);
        }

        if (scenario.LoadBalancers.Count > 0)
        {
            var lbs = root.Set("loadBalancers", new DocList());
            foreach (var lb in scenario.LoadBalancers)
            {
                var item = lbs.Add(new DocMap());
                item.Set("name", lb.Name);
                item.Set("type", lb.Type == LoadBalancerType.Alb ? "alb" : "nlb");
                item.Set("subnets", DocList.OfStrings(lb.Subnets));
                if (lb.Internal is { } isInternal)
                {
                    item.Set("internal", isInternal);
                }
            }
        }

        if (scenario.Endpoints.Count > 0)
        {
            var endpoints = root.Set("endpoints", new DocList());
            foreach (var e in scenario.Endpoints)
            {
                var item = endpoints.Add(new DocMap());
                item.Set("service", e.Service);
                if (e.Type == EndpointType.Gateway)
                {
                    item.Set("type", "gateway");
                }
                else
                {
                    item.Set("subnets", DocList.OfStrings(e.Subnets));
                }
            }
        }

        if (scenario.NatGateways.Count > 0)
        {
            var nats = root.Set("natGateways", new DocList());
            foreach (var n in scenario.NatGateways)
            {
                var item = nats.Add(new DocMap());
                if (n.Name is not null)
                {
                    item.Set("name", n.Name);
                }

                item.Set("subnet", n.Subnet);
            }
        }

        if (!several)
        {
            WriteWorkloads(root, scenario, scenario.Cluster.Name);
        }
        else
        {
            var clusters = root.Set("clusters", new DocList());
            foreach (var name in scenario.ClusterNames)
            {
                var entry = clusters.Add(new DocMap());
                WriteClusterFields(entry, scenario.ClusterSpecOf(name));
                WriteClusterSections(entry, scenario, name, scenario.CniOf(name), scenario.KarpenterOf(name), scenario.DaemonSetsOf(name), withWorkloads: true);
            }
        }

        return root;
    }

    private static void WriteClusterFields(DocMap map, ClusterSpec cluster)
    {
        map.Set("name", cluster.Name);
        if (cluster.IpFamily == IpFamily.Ipv6)
        {
            map.Set("ipFamily", "ipv6");
        }

        map.Set("controlPlaneSubnets", DocList.OfStrings(cluster.ControlPlaneSubnets));
        if (cluster.AutoMode)
        {
            map.Set("autoMode", true);
        }
    }

    private static void WriteVpc(DocMap map, VpcSpec vpc)
    {
        map.Set("cidrs", DocList.OfStrings(vpc.Cidrs.Select(c => c.Text)));
        if (vpc.CidrBlockQuota != VpcSpec.DefaultCidrBlockQuota)
        {
            map.Set("cidrBlockQuota", vpc.CidrBlockQuota);
        }

        if (vpc.NetworkAddressUsageQuota != VpcSpec.DefaultNetworkAddressUsageQuota)
        {
            map.Set("networkAddressUsageQuota", vpc.NetworkAddressUsageQuota);
        }

        if (vpc.PeeredNetworkAddressUsage is { } peered)
        {
            map.Set("peeredNetworkAddressUsage", peered);
        }

        if (vpc.PeeredNetworkAddressUsageQuota != VpcSpec.DefaultPeeredNetworkAddressUsageQuota)
        {
            map.Set("peeredNetworkAddressUsageQuota", vpc.PeeredNetworkAddressUsageQuota);
        }

        if (vpc.OtherNetworkAddressUsage > 0)
        {
            map.Set("otherNetworkAddressUsage", vpc.OtherNetworkAddressUsage);
        }
    }

    /// <summary>One cluster's sections (cni, daemonSets, nodePools, nodeGroups, fargateProfiles and, in a <c>clusters:</c> entry, workloads).</summary>
    private static void WriteClusterSections(DocMap root, Scenario scenario, string cluster, CniSettings cni, KarpenterSpec karpenter, IReadOnlyList<DaemonSetSpec>? daemonSets, bool withWorkloads)
    {
        WriteCni(root, cni);
        if (karpenter.ReservedEnis > 0)
        {
            root.Set("karpenter", new DocMap()).Set("reservedEnis", karpenter.ReservedEnis);
        }

        if (daemonSets is not null)
        {
            var sets = root.Set("daemonSets", new DocList());
            foreach (var d in daemonSets)
            {
                var set = sets.Add(new DocMap());
                set.Set("name", d.Name);
                set.Set("cpu", Kubernetes.ResourceQuantity.FormatCpu(d.CpuMillicores));
                set.Set("memory", Kubernetes.ResourceQuantity.FormatMemory(d.MemoryBytes));
                set.Set("hostNetwork", d.HostNetwork);
            }
        }

        var pools = scenario.NodePools.Where(p => scenario.ClusterNameOf(p.Cluster) == cluster).ToList();
        if (pools.Count > 0)
        {
            var poolList = root.Set("nodePools", new DocList());
            foreach (var p in pools)
            {
                var pool = poolList.Add(new DocMap());
                pool.Set("name", p.Name);
                pool.Set("instanceTypes", DocList.OfStrings(p.InstanceTypes.Select(t => t.Name)));
                pool.Set("subnets", DocList.OfStrings(p.Subnets));
                if (p.LimitCpuMillicores is not null || p.LimitMemoryBytes is not null)
                {
                    var limits = pool.Set("limits", new DocMap());
                    if (p.LimitCpuMillicores is { } cpu)
                    {
                        limits.Set("cpu", Kubernetes.ResourceQuantity.FormatCpu(cpu));
                    }

                    if (p.LimitMemoryBytes is { } memory)
                    {
                        limits.Set("memory", Kubernetes.ResourceQuantity.FormatMemory(memory));
                    }
                }

                if (p.MaxPods is { } poolMaxPods)
                {
                    pool.Set("maxPods", poolMaxPods);
                }

                if (p.NodeClass is { } nodeClass)
                {
                    var map = pool.Set("nodeClass", new DocMap());
                    map.Set("ipv4PrefixSize", AutoModeNetworking.Name(nodeClass.Ipv4PrefixSize));
                    if (nodeClass.PodSubnets.Count > 0)
                    {
                        map.Set("podSubnets", DocList.OfStrings(nodeClass.PodSubnets));
                    }
                }

                var pods = pool.Set("pods", new DocMap());
                pods.Set("count", p.PodCount);
                pods.Set("cpu", Kubernetes.ResourceQuantity.FormatCpu(p.PodRequests.CpuMillicores));
                pods.Set("memory", Kubernetes.ResourceQuantity.FormatMemory(p.PodRequests.MemoryBytes));
                if (p.Growth is { } growth)
                {
                    pool.Set("growth", growth.ToString());
                }

                if (p.DisruptionBudgets is { } budgets)
                {
                    var list = pool.Set("disruption", new DocMap()).Set("budgets", new DocList());
                    foreach (var b in budgets)
                    {
                        var budget = list.Add(new DocMap());
                        budget.Set("nodes", b.Nodes);
                        if (b.Reasons.Count > 0)
                        {
                            budget.Set("reasons", DocList.OfStrings(b.Reasons));
                        }
                    }
                }
            }
        }

        var nodeGroups = scenario.NodeGroups.Where(g => scenario.ClusterNameOf(g.Cluster) == cluster).ToList();
        if (nodeGroups.Count > 0)
        {
            var groups = root.Set("nodeGroups", new DocList());
            foreach (var g in nodeGroups)
            {
                var group = groups.Add(new DocMap());
                group.Set("name", g.Name);
                if (g.InstanceTypes.Count > 0)
                {
                    group.Set("instanceTypes", DocList.OfStrings(g.InstanceTypes.Select(t => t.Name)));
                }
                else
                {
                    group.Set("instanceType", g.InstanceType);
                }

                group.Set("subnets", DocList.OfStrings(g.Subnets));
                group.Set("nodes", g.Nodes);
                group.Set("maxNodes", g.MaxNodes);
                if (g.MaxPods is { } maxPods)
                {
                    group.Set("maxPods", maxPods);
                }

                if (g.PodRequests is { } requests)
                {
                    var map = group.Set("podRequests", new DocMap());
                    map.Set("cpu", Kubernetes.ResourceQuantity.FormatCpu(requests.CpuMillicores));
                    map.Set("memory", Kubernetes.ResourceQuantity.FormatMemory(requests.MemoryBytes));
                }
                else
                {
                    group.Set("podsPerNode", g.PodsPerNode);
                }

                if (daemonSets is null && g.HostNetworkPodsPerNode != NodeGroupSpec.DefaultHostNetworkPodsPerNode)
                {
                    group.Set("hostNetworkPodsPerNode", g.HostNetworkPodsPerNode);
                }

                if (g.SecurityGroupPodsPerNode > 0)
                {
                    group.Set("securityGroupPodsPerNode", g.SecurityGroupPodsPerNode);
                }

                if (g.UnmanagedEnis > 0)
                {
                    group.Set("unmanagedEnis", g.UnmanagedEnis);
                }

                if (g.Growth is { } growth)
                {
                    group.Set("growth", growth.ToString());
                }

                if (g.UpdateConfig is { } update)
                {
                    var map = group.Set("updateConfig", new DocMap());
                    if (update.MaxUnavailable is { } count)
                    {
                        map.Set("maxUnavailable", count);
                    }

                    if (update.MaxUnavailablePercentage is { } percent)
                    {
                        map.Set("maxUnavailablePercentage", percent);
                    }

                    if (update.Strategy == UpdateStrategy.Minimal)
                    {
                        map.Set("updateStrategy", "MINIMAL");
                    }
                }
            }
        }

        var fargate = scenario.FargateProfiles.Where(f => scenario.ClusterNameOf(f.Cluster) == cluster).ToList();
        if (fargate.Count > 0)
        {
            var profiles = root.Set("fargateProfiles", new DocList());
            foreach (var f in fargate)
            {
                var profile = profiles.Add(new DocMap());
                profile.Set("name", f.Name);
                profile.Set("subnets", DocList.OfStrings(f.Subnets));
                profile.Set("pods", f.Pods);
            }
        }

        if (withWorkloads)
        {
            WriteWorkloads(root, scenario, cluster);
        }
    }

    private static void WriteWorkloads(DocMap root, Scenario scenario, string cluster)
    {
        var workloads = scenario.Workloads.Where(w => scenario.ClusterNameOf(w.Cluster) == cluster).ToList();
        if (workloads.Count > 0)
        {
            var list = root.Set("workloads", new DocList());
            foreach (var w in workloads)
            {
                WriteWorkload(list.Add(new DocMap()), w);
            }
        }
    }

    private static void WriteCni(DocMap root, CniSettings cni)
    {
        var d = CniSettings.Default;
        var map = root.Set("cni", new DocMap());
        map.Set("version", cni.Version.ToString());
        if (cni.PrefixDelegation)
        {
            map.Set("prefixDelegation", true);
        }

        if (cni.WarmEniTarget != d.WarmEniTarget)
        {
            map.Set("warmEniTarget", cni.WarmEniTarget);
        }

        if (cni.WarmIpTarget != d.WarmIpTarget)
        {
            map.Set("warmIpTarget", cni.WarmIpTarget);
        }

        if (cni.MinimumIpTarget != d.MinimumIpTarget)
        {
            map.Set("minimumIpTarget", cni.MinimumIpTarget);
        }

        if (cni.WarmPrefixTarget != d.WarmPrefixTarget)
        {
            map.Set("warmPrefixTarget", cni.WarmPrefixTarget);
        }

        if (cni.MaxEni is { } maxEni)
        {
            map.Set("maxEni", maxEni);
        }

        if (cni.CustomNetworking)
        {
            map.Set("customNetworking", true);
        }

        if (cni.EniConfigs.Count > 0)
        {
            var configs = map.Set("eniConfigs", new DocMap());
            foreach (var (zone, subnet) in cni.EniConfigs.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                configs.Set(zone, subnet);
            }
        }

        if (cni.SecurityGroupsForPods)
        {
            map.Set("securityGroupsForPods", true);
        }

        if (cni.SubnetDiscovery != d.SubnetDiscovery)
        {
            map.Set("subnetDiscovery", cni.SubnetDiscovery);
        }

        if (cni.IpCooldownSeconds != d.IpCooldownSeconds)
        {
            map.Set("ipCooldownSeconds", cni.IpCooldownSeconds);
        }

        if (cni.ExternalSnat)
        {
            map.Set("externalSnat", true);
        }

        if (cni.MultiNic)
        {
            map.Set("multiNic", true);
        }

        if (cni.EfaOnlyCards.Count > 0)
        {
            var cards = map.Set("efaOnlyCards", new DocList { Flow = true });
            foreach (var card in cni.EfaOnlyCards)
            {
                cards.Add(DocScalar.Of(card));
            }
        }

        if (cni.ClusterName is { } clusterName)
        {
            map.Set("clusterName", clusterName);
        }
    }

    private static void WriteWorkload(DocMap map, WorkloadSpec w)
    {
        map.Set("kind", w.Kind switch { WorkloadKind.Jobs => "jobs", WorkloadKind.Scale => "scale", _ => "deployment" });
        map.Set("name", w.Name);
        if (w.NodeGroup is not null)
        {
            map.Set("nodeGroup", w.NodeGroup);
        }

        switch (w.Kind)
        {
            case WorkloadKind.Deployment:
                map.Set("replicas", w.Replicas);
                if (w.RolloutEverySeconds > 0)
                {
                    map.Set("rolloutEvery", Seconds(w.RolloutEverySeconds));
                }

                map.Set("maxSurge", w.MaxSurge);
                map.Set("podReadySeconds", (long)w.PodReadySeconds);
                break;
            case WorkloadKind.Jobs:
                map.Set("perMinute", DocScalar.Of(w.PerMinute));
                var duration = map.Set("duration", new DocMap());
                duration.Set("distribution", w.Duration == DurationDistribution.LogNormal ? "lognormal" : "exponential");
                duration.Set(w.Duration == DurationDistribution.LogNormal ? "median" : "mean", Seconds(w.DurationSeconds));
                if (w.Duration == DurationDistribution.LogNormal)
                {
                    duration.Set("sigma", DocScalar.Of(w.Sigma));
                }

                break;
            case WorkloadKind.Scale:
                map.Set("at", Seconds(w.AtSeconds));
                map.Set("nodes", w.Nodes);
                break;
            default:
                break;
        }
    }

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
