using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Model;
using System.Globalization;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace IpPlanner.Core.Planning;

/// <summary>
/// One NodePool on the runway (docs/rules.md, "Runway of a NodePool"): its pending pods grow by the rate; each month the new ones go first
/// to the pool's nodes that still have room for a pod (Karpenter's scheduler tries existing nodes before new
/// NodeClaims), then the rest to new NodeClaims provisioned within what the limits leave after the nodes launched so
/// far, exactly as <see cref="KarpenterProvisioner"/> provisions the plan's pending pods.
/// </summary>
internal sealed class NodePoolGrowth
{
    private readonly ProvisionedNodePool _pool;
    private readonly ProvisionedScenario _scenario;
    private readonly int _hostNetwork;
    private readonly Dictionary<string, int> _fit = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, int Pods, string Subnet), NodeGroup> _shapes = [];
    private readonly List<(PlacedNode Node, int Pods)> _nodes = [];
    private double _pods;
    private int _scheduled;
    private long _launchedCpu;
    private long _launchedMemory;

    public NodePoolGrowth(ProvisionedNodePool pool, ProvisionedScenario scenario, ClusterState state)
    {
        _pool = pool;
        Name = pool.Name;
        _scenario = scenario;
        _hostNetwork = PodsPerNodeRule.HostNetworkPods(scenario.DaemonSets, NodeGroupSpec.DefaultHostNetworkPodsPerNode);
        _pods = pool.PodCount;
        var provisioning = pool.Provisioning;
        _scheduled = provisioning.PodsScheduled;
        foreach (var node in state.Nodes)
        {
            if (node.Group.NodePool == pool.Name)
            {
                var workload = node.Group.PodsPerNode - node.Group.DaemonSetIpPodsPerNode;
                _shapes.TryAdd((node.Group.Type.Name, workload, node.Group.Subnets[0]), node.Group);
                Launched(node, workload);
            }
        }

        Stop = StopWords(provisioning.Stop);
    }

    /// <summary>The NodePool's name.</summary>
    public string Name { get; }

    /// <summary>What left the plan's pods pending ("limits", "no type fits"), or null.</summary>
    public string? Stop { get; }

    /// <summary>The pending pods the pool is asked for, rounded to whole pods.</summary>
    public int PodsWanted => RunwayGrowth.WholePods(_pods);

    /// <summary>Pods still pending (no node for them).</summary>
    public int Pending => Math.Max(0, PodsWanted - _scheduled);

    /// <summary>The pool's nodes that started (a NodeClaim whose node found no address in its subnet runs nothing).</summary>
    public int NodesRunning => _nodes.Count(n => n.Node.Node.Started);

    /// <summary>The pool's pods that run: its nodes' pods that got an IP, DaemonSet pods left out, never more than wanted.</summary>
    public int PodsRunning => Math.Min(PodsWanted, _nodes.Sum(n => Math.Max(0, n.Node.PodsRunning - n.Node.Group.DaemonSetIpPodsPerNode)));

    /// <summary>Grows the pods a month and places the new ones; returns what left pods pending this month, or null.</summary>
    public string? Grow(GrowthRate rate, double step, ClusterState state, Action<PlacedNode> record, LaunchOrder launch = LaunchOrder.Sequential)
    {
        _pods = RunwayGrowth.Grow(_pods, rate, step);
        var pending = PodsWanted - _scheduled;
        if (pending <= 0)
        {
            return null;
        }

        // Existing nodes with room first, oldest first (a node that failed takes no more pods).
        for (var i = 0; i < _nodes.Count && pending > 0; i++)
        {
            var (node, pods) = _nodes[i];
            var room = Fit(node.Group.Type) - pods;
            if (room <= 0 || node.Failure != PodFailure.None)
            {
                continue;
            }

            var take = Math.Min(room, pending);
            state.AddPods(node, take);
            _nodes[i] = (node, pods + take);
            pending -= take;
            _scheduled += take;
            record(node);
        }

        if (pending == 0)
        {
            return null;
        }

        var remaining = _pool.Spec with
        {
            PodCount = pending,
            LimitCpuMillicores = _pool.LimitCpuMillicores - _launchedCpu,
            LimitMemoryBytes = _pool.LimitMemoryBytes - _launchedMemory,
        };
        var provisioning = KarpenterProvisioner.Provision(remaining, _scenario.NodePoolEnvironmentOf(_pool.Spec));
        if (provisioning.NodeClaims.Count > 0)
        {
            // Each claim's subnet as Karpenter picks it from the addresses available before the batch, as the plan's.
            // A batch's NodeClaims launch at once in a burst (Karpenter creates them in parallel).
            var subnets = NodePoolPlacement.ChooseSubnets(provisioning.NodeClaims, _pool.Spec, _scenario, state);
            var shapes = new List<NodeGroup>(provisioning.NodeClaims.Count);
            for (var c = 0; c < provisioning.NodeClaims.Count; c++)
            {
                shapes.Add(Shape(provisioning.NodeClaims[c], subnets[c]));
            }

            for (var c = 0; c < shapes.Count && launch == LaunchOrder.Sequential; c++)
            {
                var node = state.AddNode(shapes[c]);
                Launched(node, provisioning.NodeClaims[c].Pods);
                record(node);
            }

            var burst = launch == LaunchOrder.Burst ? state.Launch(shapes, launch) : [];
            for (var c = 0; c < burst.Count; c++)
            {
                Launched(burst[c], provisioning.NodeClaims[c].Pods);
                record(burst[c]);
            }
        }

        _scheduled += provisioning.PodsScheduled;
        return StopWords(provisioning.Stop);
    }

    private static string? StopWords(NodePoolStop stop) => stop.Code();

    private void Launched(PlacedNode node, int pods)
    {
        _nodes.Add((node, pods));
        _launchedCpu += KarpenterProvisioner.CapacityCpu(node.Group.Type);
        _launchedMemory += KarpenterProvisioner.CapacityMemory(node.Group.Type, _scenario.VmMemoryOverheadPercent);
    }

    private int Fit(InstanceType type)
    {
        if (!_fit.TryGetValue(type.Name, out var fit))
        {
            fit = KarpenterProvisioner.PodsPerNode(type, _pool.Spec, _scenario.NodePoolEnvironmentOf(_pool.Spec), _scenario.NodePoolEnvironmentOf(_pool.Spec).CniFor(_pool.Spec), _hostNetwork);
            _fit[type.Name] = fit;
        }

        return fit;
    }

    // The node group a NodeClaim's node belongs to: the plan's group of that type, pods and subnet
    // (NodePoolNodes.Groups), or a new one named as the plan names a type that carries a second pod count.
    private NodeGroup Shape(NodeClaimPlan claim, string subnet)
    {
        if (_shapes.TryGetValue((claim.Type.Name, claim.Pods, subnet), out var group))
        {
            return group;
        }

        var one = _pool with
        {
            Provisioning = new NodePoolProvisioning([claim], claim.Pods, 0, NodePoolStop.None),
            ClaimSubnets = [subnet],
        };
        group = NodePoolNodes.Groups(one, _scenario.NodePoolEnvironmentOf(_pool.Spec)).Single();
        if (_shapes.Values.Any(g => g.Name == group.Name))
        {
            var at = group.Name.IndexOf('@', StringComparison.Ordinal);
            group = group with { Spec = group.Spec with { Name = at < 0 ? $"{group.Name}/{claim.Pods}" : $"{group.Name[..at]}/{claim.Pods}{group.Name[at..]}" } };
        }

        _shapes[(claim.Type.Name, claim.Pods, subnet)] = group;
        return group;
    }
}
