using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// The max pods Karpenter gives a node of an instance type, for scheduling and in the kubelet configuration it hands
/// the node (aws/karpenter-provider-aws <c>pkg/providers/instancetype/types.go</c> <c>pods()</c> and
/// <c>ENILimitedPods()</c>, :641-661 and :732-747@1d927085d; the kubelet gets the same figure,
/// <c>pkg/providers/amifamily/resolver.go:381-390@1d927085d</c>): the EC2NodeClass's <c>kubelet.maxPods</c> as
/// written, else <c>(ENIs - RESERVED_ENIS) x (IPv4 per ENI - 1) + 2</c> on the default card, 0 when no ENI is left.
/// Neither custom networking, security groups for pods nor prefix delegation enters it (docs/nodepools.md).
/// </summary>
internal static class KarpenterMaxPods
{
    /// <summary>Karpenter's max pods for <paramref name="type"/> under <c>RESERVED_ENIS</c> = <paramref name="reservedEnis"/>.</summary>
    public static int For(InstanceType type, int reservedEnis, int? kubeletMaxPods)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (kubeletMaxPods is { } maxPods)
        {
            // An explicit maxPods is used as written: no minimum with the ENI count, no 110/250 cap.
            return maxPods;
        }

        var usable = Math.Max(type.MaxEnis - reservedEnis, 0);
        return usable == 0 ? 0 : usable * (type.Ipv4PerEni - 1) + 2;
    }
}
