using IpPlanner.Core.Catalog;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// A NodePool as Karpenter provisions it: the <see cref="Spec"/> as written, the NodeClaims launched for its pending
/// pods (<see cref="Provisioning"/>), the subnet each claim launched in and the node groups its claims make, which the
/// engine starts after the file's node groups.
/// </summary>
public sealed record ProvisionedNodePool
{
    /// <summary>The NodePool as written.</summary>
    public required NodePoolSpec Spec { get; init; }

    /// <summary>What Karpenter launches for the pending pods.</summary>
    public required NodePoolProvisioning Provisioning { get; init; }

    /// <summary>The subnet each NodeClaim of <see cref="Provisioning"/> launched in, in claim order (empty until placed).</summary>
    public IReadOnlyList<string> ClaimSubnets { get; init; } = [];

    /// <summary>The NodeClaims as node groups of one (type, pods, subnet) shape each (<see cref="NodePoolNodes"/>; empty until placed).</summary>
    public IReadOnlyList<NodeGroup> NodeGroups { get; init; } = [];

    /// <summary>The NodePool's name, unique in the scenario.</summary>
    public string Name => Spec.Name;

    /// <summary>The instance types its requirements allow, sorted by name.</summary>
    public IReadOnlyList<InstanceType> InstanceTypes => Spec.InstanceTypes;

    /// <summary>The EC2NodeClass's subnets.</summary>
    public IReadOnlyList<string> Subnets => Spec.Subnets;

    /// <summary><c>limits.cpu</c> in millicores; null when not limited.</summary>
    public long? LimitCpuMillicores => Spec.LimitCpuMillicores;

    /// <summary><c>limits.memory</c> in bytes; null when not limited.</summary>
    public long? LimitMemoryBytes => Spec.LimitMemoryBytes;

    /// <summary>Pending pods to provision for.</summary>
    public int PodCount => Spec.PodCount;

    /// <summary>What each pending pod requests.</summary>
    public PodRequests PodRequests => Spec.PodRequests;

    /// <summary>How the pending pods grow a month, for the runway; null when they do not.</summary>
    public GrowthRate? Growth => Spec.Growth;
}
