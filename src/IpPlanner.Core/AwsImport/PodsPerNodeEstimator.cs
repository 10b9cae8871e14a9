using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Core.AwsImport;

/// <summary>The pod counts that explain what one node holds, and the count chosen for the node.</summary>
internal readonly record struct PodRange(int Held, int Low, int High, bool Exact);

/// <summary>
/// EC2 shows the pod IPs a node holds, not the pods it runs: the warm pool sits on top. This inverts the planner's
/// own warm-pool model (<see cref="VpcCniNode"/>): it starts one node of the type, adds pods one by one, and
/// records the IPs held after each; the pod counts whose holding equals the node's are the ones that explain it.
/// Using the planner's model means the plan re-creates exactly the addresses the nodes hold today.
/// </summary>
internal sealed class PodsPerNodeEstimator
{
    private readonly int[] _heldByPods;

    /// <summary>Runs the model for one node of <paramref name="type"/> under <paramref name="settings"/>.</summary>
    public PodsPerNodeEstimator(InstanceType type, CniSettings settings, int? kubeletMaxPods = null, int hostNetworkPods = MaxPodsCalculator.HostNetworkPods)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        // Subnets far larger than any node needs, so only the warm-pool rules decide what is held.
        var placement = new NodePlacement(SubnetAddressSpace.Parse("10.0.0.0/16"))
        {
            EniConfigSubnet = settings.CustomNetworking ? SubnetAddressSpace.Parse("100.64.0.0/16") : null,
        };
        var node = new VpcCniNode(type, settings, placement, kubeletMaxPods, hostNetworkPods);
        var held = new List<int>();
        if (node.Started && !node.IpamdRefused)
        {
            node.ReconcileToSteadyState();
            held.Add(node.TotalIps);
            while (node.AddPod(out _) == PodFailure.None)
            {
                held.Add(node.TotalIps);
            }
        }
        else
        {
            held.Add(0);
        }

        _heldByPods = [.. held];
        MaxPods = node.MaxPods;
    }

    /// <summary>Kubelet max pods for the type under these settings.</summary>
    public int MaxPods { get; }

    /// <summary>The most VPC-IP pods the model could start on one node.</summary>
    public int MaxPodIps => _heldByPods.Length - 1;

    /// <summary>IPs held (16 per prefix) with <paramref name="pods"/> pods running.</summary>
    public int HeldFor(int pods) => _heldByPods[Math.Clamp(pods, 0, _heldByPods.Length - 1)];

    /// <summary>
    /// The pod counts for which the model holds exactly <paramref name="held"/> IPs; when none does, the counts whose
    /// holding is nearest (then <see cref="PodRange.Exact"/> is false).
    /// </summary>
    public PodRange PodsFor(int held)
    {
        var best = int.MaxValue;
        var low = 0;
        var high = 0;
        for (var pods = 0; pods < _heldByPods.Length; pods++)
        {
            var distance = Math.Abs(_heldByPods[pods] - held);
            if (distance < best)
            {
                (best, low, high) = (distance, pods, pods);
            }
            else if (distance == best)
            {
                high = pods;
            }
        }

        return new PodRange(held, low, high, best == 0);
    }

    /// <summary>
    /// One pod count for a whole group: the count for which every node holding the same would hold closest to what
    /// the nodes hold together (the most pods among equals, so headroom is not overstated).
    /// </summary>
    public int PodsForAll(IReadOnlyList<int> heldPerNode)
    {
        ArgumentNullException.ThrowIfNull(heldPerNode);
        long total = heldPerNode.Sum(h => (long)h);
        var best = long.MaxValue;
        var chosen = 0;
        for (var pods = 0; pods < _heldByPods.Length; pods++)
        {
            var distance = Math.Abs((long)heldPerNode.Count * _heldByPods[pods] - total);
            if (distance <= best)
            {
                (best, chosen) = (distance, pods);
            }
        }

        return chosen;
    }
}
