using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// Max pods of a managed node group that lists several instance types: "If you create a node group with different
/// instance types, the smallest value calculated across all instance types is applied as the maximum number of Pods
/// that can run on every instance type in the node group" (EKS User Guide, "Create a managed node group",
/// <c>latest/ug/nodes/create-managed-node-group.adoc:103</c>), calculated "using the script referenced in Amazon EKS
/// recommended maximum Pods" (max-pods-calculator.sh: the 110/250 cap applies). Which VPC CNI options the managed node
/// group passes the script is not documented; IpPlanner passes the cluster's (docs/rules.md).
/// </summary>
internal static class ManagedNodeGroupMaxPods
{
    /// <summary>The smallest max pods of <paramref name="types"/> under <paramref name="cni"/>, applied to every node.</summary>
    public static int Smallest(IReadOnlyList<InstanceType> types, CniSettings cni)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(cni);
        if (types.Count == 0)
        {
            throw new ArgumentException("a node group has at least one instance type", nameof(types));
        }

        var options = MaxPodsOptions.For(cni, kubeletMaxPods: null);
        return types.Min(t => MaxPodsCalculator.Calculate(t, options).MaxPods);
    }
}
