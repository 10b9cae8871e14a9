using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// A NodePool's NodeClaims as node groups of identical nodes (same type, same pods, same subnet), so every verb plans
/// their warm pools like any node (the engine places them: Engine/NodePoolPlacement.cs).
/// </summary>
internal static class NodePoolNodes
{
    /// <summary>
    /// One node group per (instance type, pods, subnet) shape of <paramref name="pool"/>'s claims: <c>pool/type</c>,
    /// with <c>/pods</c> when a type carries two pod counts, and <c>@subnet</c> when the pool has more than one subnet.
    /// A claim without a subnet yet takes the pool's subnets in turn.
    /// </summary>
    internal static IEnumerable<NodeGroup> Groups(ProvisionedNodePool pool, NodePoolEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(environment);
        var daemonSets = environment.DaemonSets;
        var nodeCni = environment.CniFor(pool.Spec);
        var hostNetwork = PodsPerNodeRule.HostNetworkPods(daemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);
        var daemonIps = PodsPerNodeRule.DaemonSetIpPods(daemonSets);
        var claims = pool.Provisioning.NodeClaims;
        var oneSubnet = pool.Subnets.Distinct(StringComparer.Ordinal).Count() == 1;
        var shapes = claims
            .Select((c, i) => (Claim: c, Subnet: i < pool.ClaimSubnets.Count ? pool.ClaimSubnets[i] : pool.Subnets[i % pool.Subnets.Count]))
            .GroupBy(x => (x.Claim.Type.Name, x.Claim.Pods, x.Subnet))
            .ToList();
        foreach (var shape in shapes)
        {
            var type = shape.First().Claim.Type;
            var twoCounts = shapes.Where(s => s.Key.Name == type.Name).Select(s => s.Key.Pods).Distinct().Count() > 1;
            var count = shape.Count();
            yield return new NodeGroup
            {
                Spec = new NodeGroupSpec
                {
                    Name = pool.Name + "/" + type.Name + (twoCounts ? $"/{shape.Key.Pods}" : "") + (oneSubnet ? "" : "@" + shape.Key.Subnet),
                    InstanceType = type.Name,
                    Type = type,
                    Subnets = [shape.Key.Subnet],
                    Nodes = count,
                    MaxNodes = count,
                    // Karpenter hands nodeadm its own max pods as the kubelet's maxPods (KarpenterMaxPods).
                    MaxPods = environment.MaxPods(type, pool.Spec, nodeCni),
                    PodRequests = pool.PodRequests,
                    PodsPerNode = shape.Key.Pods,
                    Cluster = pool.Spec.Cluster,
                    SourceLine = pool.Spec.SourceLine,
                },
                // What a full node of the type holds by the pool's requests (its pod capacity); the claim may hold fewer.
                PodsPerNodeFit = KarpenterProvisioner.FitOf(type, pool.Spec, environment, nodeCni, hostNetwork),
                PodsPerNode = shape.Key.Pods + daemonIps,
                DaemonSetIpPodsPerNode = daemonIps,
                HostNetworkPodsPerNode = hostNetwork,
                NodePool = pool.Name,
                Cni = nodeCni.AutoMode ? nodeCni : null,
            };
        }
    }
}
