using IpPlanner.Core.Addressing;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Engine;

/// <summary>One subnet in the running cluster: its address space and who took what from it outside the nodes.</summary>
public sealed class SubnetState
{
    internal SubnetState(SubnetSpec spec, SubnetAddressSpace space)
    {
        Spec = spec;
        Space = space;
    }

    /// <summary>The scenario's subnet.</summary>
    public SubnetSpec Spec { get; }

    /// <summary>The subnet's addresses.</summary>
    public SubnetAddressSpace Space { get; }

    /// <summary>Addresses taken outside the scenario (inUse count and the taken list).</summary>
    public int InUse { get; internal set; }

    /// <summary>EKS control plane ENIs.</summary>
    public int ControlPlane { get; internal set; }

    /// <summary>NAT gateways.</summary>
    public int NatGateways { get; internal set; }

    /// <summary>Interface VPC endpoints.</summary>
    public int Endpoints { get; internal set; }

    /// <summary>Load balancer addresses.</summary>
    public int LoadBalancers { get; internal set; }

    /// <summary>Fargate pods.</summary>
    public int Fargate { get; internal set; }

    /// <summary>Addresses held by the clusters not planned here (when one cluster of a shared VPC is planned alone).</summary>
    public int OtherClusters { get; internal set; }

    /// <summary>Consumers that found no room here (an infrastructure shortfall).</summary>
    public List<string> Shortfalls { get; } = [];

    // Addresses of what belongs to one cluster but is not a node (control plane ENIs, Fargate pods), by cluster, and
    // counts of other clusters' addresses when one cluster is planned alone.
    private Dictionary<string, List<uint>>? _clusterAddresses;
    private Dictionary<string, int>? _clusterCounts;

    /// <summary>Addresses of control plane ENIs and Fargate pods by cluster name, in the order they were taken.</summary>
    public IReadOnlyDictionary<string, List<uint>> ClusterAddresses => _clusterAddresses ?? (IReadOnlyDictionary<string, List<uint>>)new Dictionary<string, List<uint>>();

    /// <summary>Addresses held by other clusters' nodes and fixed consumers, by cluster (one cluster planned alone).</summary>
    public IReadOnlyDictionary<string, int> OtherClusterCounts => _clusterCounts ?? (IReadOnlyDictionary<string, int>)new Dictionary<string, int>();

    internal void AddClusterAddress(string cluster, uint address)
    {
        _clusterAddresses ??= new(StringComparer.Ordinal);
        if (!_clusterAddresses.TryGetValue(cluster, out var list))
        {
            _clusterAddresses[cluster] = list = [];
        }

        list.Add(address);
    }

    internal void AddClusterAddresses(string cluster, int count)
    {
        _clusterCounts ??= new(StringComparer.Ordinal);
        _clusterCounts[cluster] = _clusterCounts.GetValueOrDefault(cluster) + count;
    }

    /// <summary>This subnet's record over another copy of its address space (for a fork of the cluster).</summary>
    internal SubnetState CopyWith(SubnetAddressSpace space)
    {
        var copy = new SubnetState(Spec, space)
        {
            InUse = InUse, ControlPlane = ControlPlane, NatGateways = NatGateways, Endpoints = Endpoints,
            LoadBalancers = LoadBalancers, Fargate = Fargate, OtherClusters = OtherClusters,
            _clusterAddresses = _clusterAddresses?.ToDictionary(p => p.Key, p => new List<uint>(p.Value), StringComparer.Ordinal),
            _clusterCounts = _clusterCounts is null ? null : new(_clusterCounts, StringComparer.Ordinal),
        };
        copy.Shortfalls.AddRange(Shortfalls);
        return copy;
    }
}
