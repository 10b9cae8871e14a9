using System.Net;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

// What the reader makes of a file before validation: every field nullable, because a file with errors is
// still checked as far as it can be (a subnet with a bad CIDR still defines its id, so references to it are fine).

/// <summary>A subnet id as written somewhere, with the field path to blame.</summary>
internal sealed record SubnetRef(string Id, string Path);

/// <summary>A CIDR or address as written; <see cref="Network"/> is null when it did not parse (already reported).</summary>
internal sealed record CidrDraft(string Text, Ipv4Cidr? Cidr, string Path, int Line);

internal abstract class ElementDraft(string path, int line)
{
    public string Path { get; } = path;

    public int Line { get; } = line;
}

internal sealed class ScenarioDraft() : ElementDraft("", 1)
{
    /// <summary>The one cluster of a file without <c>clusters:</c> (its sections at the top level).</summary>
    public ClusterScopeDraft Main { get; } = new("", 1);

    /// <summary>The entries of <c>clusters:</c>, in file order.</summary>
    public List<ClusterScopeDraft> ClusterList { get; } = [];

    /// <summary>True when the file has a <c>clusters:</c> list.</summary>
    public bool ClustersGiven { get; set; }

    /// <summary>Every cluster to check and build: the <c>clusters:</c> entries, else the top-level one.</summary>
    public IReadOnlyList<ClusterScopeDraft> Clusters => ClustersGiven ? ClusterList : [Main];

    public VpcDraft? Vpc { get; set; }

    public List<SubnetDraft> Subnets { get; } = [];

    public List<LoadBalancerDraft> LoadBalancers { get; } = [];

    public List<EndpointDraft> Endpoints { get; } = [];

    public List<NatDraft> NatGateways { get; } = [];

    /// <summary>The catalog the file was read against (NodePool requirements select from it).</summary>
    public InstanceCatalog Catalog { get; init; } = InstanceCatalog.Embedded;

    /// <summary>Karpenter's VM memory overhead, a fraction (docs/allocatable.md).</summary>
    public double VmMemoryOverheadPercent { get; set; } = IpPlanner.Core.Catalog.AllocatableRule.DefaultVmMemoryOverheadPercent;
}

/// <summary>
/// One cluster's sections: the top-level ones of a single-cluster file (path ""), or one entry of <c>clusters:</c>
/// (path <c>clusters[i]</c>), where the cluster's own name, ipFamily and controlPlaneSubnets sit beside its sections.
/// </summary>
internal sealed class ClusterScopeDraft : ElementDraft
{
    public ClusterScopeDraft(string path, int line)
        : base(path, line)
    {
        Cni = new CniDraft(Field("cni"), 0);
        if (path.Length > 0)
        {
            Cluster = new ClusterDraft(path, line);
        }
    }

    public ClusterDraft? Cluster { get; set; }

    public CniDraft Cni { get; }

    public KarpenterDraft? Karpenter { get; set; }

    public List<NodeGroupDraft> NodeGroups { get; } = [];

    public List<FargateDraft> FargateProfiles { get; } = [];

    public List<WorkloadDraft> Workloads { get; } = [];

    public List<DaemonSetDraft> DaemonSets { get; } = [];

    public List<NodePoolDraft> NodePools { get; } = [];

    public bool DaemonSetsGiven { get; set; }

    /// <summary>The path of one of the cluster's sections: <c>cni</c> or <c>clusters[1].cni</c>.</summary>
    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The path of the cluster itself (<c>cluster</c>, or <c>clusters[1]</c>).</summary>
    public string ClusterPath => Path.Length == 0 ? "cluster" : Path;

    /// <summary>The path of one of the cluster's own fields: <c>cluster.controlPlaneSubnets</c> or <c>clusters[1].controlPlaneSubnets</c>.</summary>
    public string ClusterField(string key) => $"{ClusterPath}.{key}";

    /// <summary>The path of one of the cluster's CNI settings: <c>cni.prefixDelegation</c> or <c>clusters[1].cni.prefixDelegation</c>.</summary>
    public string CniField(string key) => $"{Cni.Path}.{key}";

    /// <summary>True when anything cluster-scoped was written at this level (for a file that also has <c>clusters:</c>).</summary>
    public bool AnyGiven => Cluster is not null || Karpenter is not null || NodeGroups.Count > 0 || FargateProfiles.Count > 0 || Workloads.Count > 0 || DaemonSetsGiven || NodePools.Count > 0;
}

internal sealed class DaemonSetDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    public long CpuMillicores { get; set; }

    public long MemoryBytes { get; set; }

    public bool HostNetwork { get; set; }
}

internal sealed class NodePoolDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    /// <summary>instanceTypes as written, resolved (unknown names are reported and left out).</summary>
    public List<InstanceType> InstanceTypes { get; } = [];

    public bool InstanceTypesGiven { get; set; }

    public List<string> Categories { get; } = [];

    public List<string> Families { get; } = [];

    public List<string> Sizes { get; } = [];

    public List<string> Generations { get; } = [];

    public List<string> Architectures { get; } = [];

    public bool RequirementsGiven { get; set; }

    /// <summary>The allowed types: <see cref="InstanceTypes"/>, or the catalog's types that meet the requirements.</summary>
    public IReadOnlyList<InstanceType> Allowed(InstanceCatalog catalog) =>
        InstanceTypesGiven
            ? [.. InstanceTypes.DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal)]
            : [.. catalog.Types.Where(Meets)];

    /// <summary>The types the pool would allow if its sizes were not restricted (the same families for an instanceTypes list).</summary>
    public IReadOnlyList<InstanceType> AnySize(InstanceCatalog catalog)
    {
        if (InstanceTypesGiven)
        {
            var families = InstanceTypes.Select(Kubernetes.InstanceTypeLabels.Family).ToHashSet(StringComparer.Ordinal);
            return [.. catalog.Types.Where(t => families.Contains(Kubernetes.InstanceTypeLabels.Family(t)))];
        }

        return [.. catalog.Types.Where(t => Meets(t, anySize: true))];
    }

    private bool Meets(InstanceType type) => Meets(type, anySize: false);

    private bool Meets(InstanceType type, bool anySize) =>
        (Categories.Count == 0 || Categories.Contains(Kubernetes.InstanceTypeLabels.Category(type), StringComparer.Ordinal)) &&
        (Families.Count == 0 || Families.Contains(Kubernetes.InstanceTypeLabels.Family(type), StringComparer.Ordinal)) &&
        (anySize || Sizes.Count == 0 || Sizes.Contains(Kubernetes.InstanceTypeLabels.Size(type), StringComparer.Ordinal)) &&
        (Generations.Count == 0 || Generations.Contains(Kubernetes.InstanceTypeLabels.Generation(type), StringComparer.Ordinal)) &&
        (Architectures.Count == 0 || Architectures.Contains(type.Architecture, StringComparer.Ordinal));

    public List<SubnetRef> Subnets { get; } = [];

    public long? LimitCpuMillicores { get; set; }

    public long? LimitMemoryBytes { get; set; }

    public PendingPodsDraft? Pods { get; set; }

    public long? MaxPods { get; set; }

    public NodeClassDraft? NodeClass { get; set; }

    public GrowthRate? Growth { get; set; }

    public bool BudgetsGiven { get; set; }

    public List<BudgetDraft> Budgets { get; } = [];
}

internal sealed class BudgetDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Nodes { get; set; }

    public List<string> Reasons { get; } = [];
}

internal sealed class UpdateConfigDraft(string path, int line) : ElementDraft(path, line)
{
    public long? MaxUnavailable { get; set; }

    public long? MaxUnavailablePercentage { get; set; }

    public UpdateStrategy Strategy { get; set; } = UpdateStrategy.Default;
}

internal sealed class NodeClassDraft(string path, int line) : ElementDraft(path, line)
{
    public Ipv4PrefixSize Ipv4PrefixSize { get; set; } = Ipv4PrefixSize.Auto;

    public List<SubnetRef> PodSubnets { get; } = [];
}

internal sealed class KarpenterDraft(string path, int line) : ElementDraft(path, line)
{
    public long ReservedEnis { get; set; }
}

internal sealed class PendingPodsDraft(string path, int line) : ElementDraft(path, line)
{
    public long Count { get; set; }

    public long CpuMillicores { get; set; }

    public long MemoryBytes { get; set; }
}

internal sealed class RequestsDraft(string path, int line) : ElementDraft(path, line)
{
    /// <summary>A quantity failed to read (already reported).</summary>
    public bool Unreadable { get; set; }

    public long CpuMillicores { get; set; }

    public long MemoryBytes { get; set; }
}

internal sealed class ClusterDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    public IpFamily IpFamily { get; set; } = IpFamily.Ipv4;

    public bool AutoMode { get; set; }

    public List<SubnetRef> ControlPlaneSubnets { get; } = [];
}

internal sealed class VpcDraft(string path, int line) : ElementDraft(path, line)
{
    public List<CidrDraft> Cidrs { get; } = [];

    public long? CidrBlockQuota { get; set; }

    public long NetworkAddressUsageQuota { get; set; } = Model.VpcSpec.DefaultNetworkAddressUsageQuota;

    public long? PeeredNetworkAddressUsage { get; set; }

    public long PeeredNetworkAddressUsageQuota { get; set; } = Model.VpcSpec.DefaultPeeredNetworkAddressUsageQuota;

    public long OtherNetworkAddressUsage { get; set; }
}

internal sealed class SubnetDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Id { get; set; }

    public CidrDraft? Cidr { get; set; }

    public string? Zone { get; set; }

    public bool Public { get; set; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public List<ReservationDraft> Reservations { get; } = [];

    public long InUse { get; set; }

    public List<CidrDraft> Taken { get; } = [];
}

internal sealed class ReservationDraft(string path, int line) : ElementDraft(path, line)
{
    public CidrDraft? Cidr { get; set; }

    public ReservationType? Type { get; set; }
}

internal sealed class CniDraft(string path, int line) : ElementDraft(path, line)
{
    public CniSettings Settings { get; set; } = CniSettings.Default;

    public List<(string Zone, SubnetRef Subnet)> EniConfigs { get; } = [];
}

internal sealed class NodeGroupDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    public string? InstanceTypeName { get; set; }

    public InstanceType? Type { get; set; }

    /// <summary>instanceTypes as written, resolved (unknown names are reported and left out).</summary>
    public List<InstanceType> InstanceTypes { get; } = [];

    public bool InstanceTypesGiven { get; set; }

    public List<SubnetRef> Subnets { get; } = [];

    public long? Nodes { get; set; }

    public long? MaxNodes { get; set; }

    public long? MaxPods { get; set; }

    public long PodsPerNode { get; set; }

    public bool PodsPerNodeGiven { get; set; }

    public RequestsDraft? PodRequests { get; set; }

    public long HostNetworkPodsPerNode { get; set; } = NodeGroupSpec.DefaultHostNetworkPodsPerNode;

    public bool HostNetworkPodsPerNodeGiven { get; set; }

    public long SecurityGroupPodsPerNode { get; set; }

    public long UnmanagedEnis { get; set; }

    public GrowthRate? Growth { get; set; }

    public UpdateConfigDraft? UpdateConfig { get; set; }
}

internal sealed class FargateDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    public List<SubnetRef> Subnets { get; } = [];

    public long Pods { get; set; }
}

internal sealed class LoadBalancerDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    public LoadBalancerType? Type { get; set; }

    public List<SubnetRef> Subnets { get; } = [];

    public bool? Internal { get; set; }
}

internal sealed class EndpointDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Service { get; set; }

    public EndpointType? Type { get; set; } = EndpointType.Interface;

    public List<SubnetRef> Subnets { get; } = [];

    public bool SubnetsGiven { get; set; }
}

internal sealed class NatDraft(string path, int line) : ElementDraft(path, line)
{
    public string? Name { get; set; }

    public SubnetRef? Subnet { get; set; }
}

internal sealed class WorkloadDraft(string path, int line) : ElementDraft(path, line)
{
    public WorkloadKind? Kind { get; set; }

    public string? Name { get; set; }

    public string? NodeGroup { get; set; }

    public long Replicas { get; set; }

    public double? RolloutEvery { get; set; }

    public string? MaxSurge { get; set; }

    public double PodReady { get; set; } = 10;

    public double? PerMinute { get; set; }

    public DurationDistribution Distribution { get; set; } = DurationDistribution.Exponential;

    public double? Duration { get; set; }

    public double Sigma { get; set; } = 0.5;

    public double? At { get; set; }

    public long? Nodes { get; set; }
}
