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

    /// <summary>Consumers that found no room here (an infrastructure shortfall).</summary>
    public List<string> Shortfalls { get; } = [];

    /// <summary>This subnet's record over another copy of its address space (for a fork of the cluster).</summary>
    internal SubnetState CopyWith(SubnetAddressSpace space)
    {
        var copy = new SubnetState(Spec, space)
        {
            InUse = InUse, ControlPlane = ControlPlane, NatGateways = NatGateways, Endpoints = Endpoints,
            LoadBalancers = LoadBalancers, Fargate = Fargate,
        };
        copy.Shortfalls.AddRange(Shortfalls);
        return copy;
    }
}
