using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// Turns a draft that validated without errors into the immutable <see cref="Scenario"/>. Every hole in the
/// draft was reported as an error, so a hole here is a bug in the reader or validator, not bad input.
/// </summary>
internal static class ScenarioBuilder
{
    public static Scenario Build(ScenarioDraft d, string file, SourceMap source)
    {
        var vpc = d.Vpc ?? throw Bug("vpc");
        var clusters = d.Clusters;
        var first = clusters[0];
        // With a clusters list every item names its cluster; a single-cluster file leaves it null (the only one).
        string? Owner(ClusterScopeDraft c) => d.ClustersGiven ? c.Cluster?.Name ?? throw Bug(c.Path) : null;
        return new Scenario
        {
            SourceFile = file,
            Source = source,
            Cluster = Cluster(first),
            OtherClusters = [.. clusters.Skip(1).Select(c => new OtherCluster { Spec = Cluster(c), Cni = Cni(c), DaemonSets = DaemonSets(c), Karpenter = Karpenter(c) })],
            Vpc = new VpcSpec
            {
                Cidrs = [.. vpc.Cidrs.Select(Block)],
                CidrBlockQuota = checked((int)(vpc.CidrBlockQuota ?? VpcSpec.DefaultCidrBlockQuota)),
                NetworkAddressUsageQuota = checked((int)vpc.NetworkAddressUsageQuota),
                PeeredNetworkAddressUsage = vpc.PeeredNetworkAddressUsage is { } peered ? checked((int)peered) : null,
                PeeredNetworkAddressUsageQuota = checked((int)vpc.PeeredNetworkAddressUsageQuota),
                OtherNetworkAddressUsage = checked((int)vpc.OtherNetworkAddressUsage),
                SourceLine = vpc.Line,
            },
            Subnets = [.. d.Subnets.Select(Subnet)],
            Cni = Cni(first),
            DaemonSets = DaemonSets(first),
            Karpenter = Karpenter(first),
            VmMemoryOverheadPercent = d.VmMemoryOverheadPercent,
            NodePools = [.. clusters.SelectMany(c => c.NodePools.Select(p => NodePool(p, d) with { Cluster = Owner(c) }))],
            NodeGroups = [.. clusters.SelectMany(c => c.NodeGroups.Select(g => NodeGroup(g) with { Cluster = Owner(c) }))],
            FargateProfiles = [.. clusters.SelectMany(c => c.FargateProfiles.Select(f => new FargateProfileSpec
            {
                Name = f.Name ?? throw Bug(f.Path),
                Subnets = Ids(f.Subnets),
                Pods = checked((int)f.Pods),
                Cluster = Owner(c),
                SourceLine = f.Line,
            }))],
            LoadBalancers = [.. d.LoadBalancers.Select(lb => new LoadBalancerSpec
            {
                Name = lb.Name ?? throw Bug(lb.Path),
                Type = lb.Type ?? throw Bug(lb.Path),
                Subnets = Ids(lb.Subnets),
                Internal = lb.Internal,
                SourceLine = lb.Line,
            })],
            Endpoints = [.. d.Endpoints.Select(e => new EndpointSpec
            {
                Service = e.Service ?? throw Bug(e.Path),
                Type = e.Type ?? throw Bug(e.Path),
                Subnets = Ids(e.Subnets),
                SourceLine = e.Line,
            })],
            Workloads = [.. clusters.SelectMany(c => c.Workloads.Select(w => Workload(w) with { Cluster = Owner(c) }))],
            NatGateways = [.. d.NatGateways.Select(n => new NatGatewaySpec
            {
                Name = n.Name,
                Subnet = n.Subnet?.Id ?? throw Bug(n.Path),
                SourceLine = n.Line,
            })],
        };
    }

    private static ClusterSpec Cluster(ClusterScopeDraft c)
    {
        var cluster = c.Cluster ?? throw Bug(c.ClusterPath);
        return new ClusterSpec
        {
            Name = cluster.Name ?? throw Bug(c.ClusterField("name")),
            IpFamily = cluster.IpFamily,
            AutoMode = cluster.AutoMode,
            ControlPlaneSubnets = Ids(cluster.ControlPlaneSubnets),
            SourceLine = cluster.Line,
        };
    }

    private static KarpenterSpec Karpenter(ClusterScopeDraft c) =>
        c.Karpenter is { } karpenter ? new KarpenterSpec { ReservedEnis = checked((int)karpenter.ReservedEnis), SourceLine = karpenter.Line } : KarpenterSpec.Default;

    private static Cni.CniSettings Cni(ClusterScopeDraft c) => c.Cni.Settings with
    {
        EniConfigs = c.Cni.EniConfigs.ToDictionary(e => e.Zone, e => e.Subnet.Id, StringComparer.Ordinal),
    };

    private static IReadOnlyList<DaemonSetSpec>? DaemonSets(ClusterScopeDraft c) => c.DaemonSetsGiven
        ? [.. c.DaemonSets.Select(s => new DaemonSetSpec
        {
            Name = s.Name ?? throw Bug(s.Path),
            CpuMillicores = s.CpuMillicores,
            MemoryBytes = s.MemoryBytes,
            HostNetwork = s.HostNetwork,
            SourceLine = s.Line,
        })]
        : null;

    private static SubnetSpec Subnet(SubnetDraft s) => new()
    {
        Id = s.Id ?? throw Bug(s.Path),
        Block = Block(s.Cidr ?? throw Bug(s.Path)),
        Zone = s.Zone ?? throw Bug(s.Path),
        Public = s.Public,
        Tags = new Dictionary<string, string>(s.Tags, StringComparer.Ordinal),
        Reservations = [.. s.Reservations.Select(r => new Reservation
        {
            Block = Block(r.Cidr ?? throw Bug(r.Path)),
            Type = r.Type ?? throw Bug(r.Path),
            SourceLine = r.Line,
        })],
        InUse = checked((int)s.InUse),
        Taken = [.. s.Taken.Select(Block)],
        SourceLine = s.Line,
    };

    private static NodeGroupSpec NodeGroup(NodeGroupDraft g)
    {
        var nodes = checked((int)(g.Nodes ?? throw Bug(g.Path)));
        return new NodeGroupSpec
        {
            Name = g.Name ?? throw Bug(g.Path),
            InstanceType = g.InstanceTypeName ?? throw Bug(g.Path),
            Type = g.Type ?? throw Bug(g.Path),
            InstanceTypes = g.InstanceTypesGiven ? [.. g.InstanceTypes] : [],
            PodRequests = g.PodRequests is { } r ? new PodRequests(r.CpuMillicores, r.MemoryBytes) : null,
            Subnets = Ids(g.Subnets),
            Nodes = nodes,
            MaxNodes = g.MaxNodes is { } max ? checked((int)max) : nodes,
            MaxPods = g.MaxPods is { } kubelet ? checked((int)kubelet) : null,
            PodsPerNode = checked((int)g.PodsPerNode),
            HostNetworkPodsPerNode = checked((int)g.HostNetworkPodsPerNode),
            SecurityGroupPodsPerNode = checked((int)g.SecurityGroupPodsPerNode),
            UnmanagedEnis = checked((int)g.UnmanagedEnis),
            Growth = g.Growth,
            UpdateConfig = g.UpdateConfig is { } u
                ? new UpdateConfigSpec
                {
                    MaxUnavailable = u.MaxUnavailable is { } count ? checked((int)count) : null,
                    MaxUnavailablePercentage = u.MaxUnavailablePercentage is { } percent ? checked((int)percent) : null,
                    Strategy = u.Strategy,
                    SourceLine = u.Line,
                }
                : null,
            SourceLine = g.Line,
        };
    }

    private static NodePoolSpec NodePool(NodePoolDraft p, ScenarioDraft d)
    {
        var pods = p.Pods ?? throw Bug(p.Path);
        return new NodePoolSpec
        {
            Name = p.Name ?? throw Bug(p.Path),
            InstanceTypes = p.Allowed(d.Catalog),
            TypesListed = p.InstanceTypesGiven,
            RequirementSizes = [.. p.Sizes],
            AnySizeTypes = p.AnySize(d.Catalog),
            Subnets = Ids(p.Subnets),
            LimitCpuMillicores = p.LimitCpuMillicores,
            LimitMemoryBytes = p.LimitMemoryBytes,
            PodCount = checked((int)pods.Count),
            PodRequests = new PodRequests(pods.CpuMillicores, pods.MemoryBytes),
            MaxPods = p.MaxPods is { } maxPods ? checked((int)maxPods) : null,
            NodeClass = p.NodeClass is { } nodeClass
                ? new NodeClassSpec { Ipv4PrefixSize = nodeClass.Ipv4PrefixSize, PodSubnets = Ids(nodeClass.PodSubnets), SourceLine = nodeClass.Line }
                : null,
            Growth = p.Growth,
            DisruptionBudgets = p.BudgetsGiven
                ? [.. p.Budgets.Select(b => new DisruptionBudgetSpec { Nodes = b.Nodes ?? throw Bug(b.Path), Reasons = [.. b.Reasons], SourceLine = b.Line })]
                : null,
            SourceLine = p.Line,
        };
    }

    private static AddressBlock Block(CidrDraft c) => new(c.Text.Trim(), c.Cidr ?? throw Bug(c.Path), c.Line);


    private static string[] Ids(List<SubnetRef> refs) => [.. refs.Select(r => r.Id)];

    private static InvalidOperationException Bug(string path) =>
        new($"scenario draft has no value at '{path}' but no error was reported for it");

    private static WorkloadSpec Workload(WorkloadDraft w)
    {
        var kind = w.Kind ?? throw Bug(w.Path);
        return new WorkloadSpec
        {
            Kind = kind,
            Name = w.Name ?? (kind == WorkloadKind.Scale ? $"scale {w.NodeGroup}" : $"workload {w.Line}"),
            NodeGroup = w.NodeGroup,
            Replicas = checked((int)w.Replicas),
            RolloutEverySeconds = w.RolloutEvery ?? 0,
            MaxSurge = WorkloadText.ResolveSurge(w.MaxSurge, checked((int)w.Replicas)) ?? 1,
            PodReadySeconds = w.PodReady,
            PerMinute = w.PerMinute ?? 0,
            Duration = w.Distribution,
            DurationSeconds = w.Duration ?? 60,
            Sigma = w.Sigma,
            AtSeconds = w.At ?? 0,
            Nodes = checked((int)(w.Nodes ?? 0)),
            SourceLine = w.Line,
        };
    }
}
