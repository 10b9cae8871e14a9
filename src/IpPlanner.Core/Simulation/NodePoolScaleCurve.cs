using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;

namespace IpPlanner.Core.Simulation;

/// <summary>The cluster with a NodePool provisioned for one pending-pod count: its nodes, types and every subnet's used addresses.</summary>
public sealed record NodePoolScalePoint(
    int PendingPods,
    int Nodes,
    IReadOnlyDictionary<string, int> InstanceTypes,
    int PodsScheduled,
    IReadOnlyList<int> Used,
    int NodesFailed,
    string? StoppedBy);

/// <summary>
/// One subnet on a NodePool's scale curve: where (the fewest pending pods) a node of the pool first failed for want of
/// its addresses, and why in words; both null when it never ran out. A node stopped by its own limit marks no subnet.
/// </summary>
public sealed record NodePoolScaleSubnet(string Id, string Zone, int Usable, int? RunsOutAtPendingPods, string? Reason);

/// <summary>A NodePool's scale curve: pending pods from FROM to TO; <see cref="Subnets"/> and <see cref="Usable"/> give the columns of <see cref="NodePoolScalePoint.Used"/>.</summary>
public sealed record NodePoolScaleReport(string NodePool, int From, int To, IReadOnlyList<string> Subnets, IReadOnlyList<int> Usable, IReadOnlyList<NodePoolScalePoint> Points)
{
    /// <summary>The first point (fewest pending pods) where something stopped the pool, or null (one of <see cref="Points"/>, so not in the JSON twice).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public NodePoolScalePoint? FirstStopped => Points.FirstOrDefault(p => p.StoppedBy is not null);

    /// <summary>Where something first stops the NodePool on its curve, or that nothing does.</summary>
    public string Verdict => (FirstStopped is { } first
        ? $"first stopped at {first.PendingPods.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} pending pods: {first.StoppedBy}"
        : $"every pending pod up to {To.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} gets a node") + (Launch == "burst" ? " (NodeClaims launched at once)" : "");

    /// <summary>Every subnet (in <see cref="Subnets"/> order) with where it runs out on this curve, if it does.</summary>
    public IReadOnlyList<NodePoolScaleSubnet> SubnetsRunOut { get; init; } = [];

    /// <summary>How each point's NodeClaims started: <c>sequential</c> or <c>burst</c> (one batch at once).</summary>
    public string Launch { get; init; } = "sequential";
}

/// <summary>
/// The scale curve of a NodePool (POOL=FROM..TO pending pods): provisions the NodePool for each pending-pod count (at most
/// <see cref="MaxPoints"/> evenly spaced counts, TO always included) with the rest of the scenario in place, and
/// records what launched and what every subnet holds.
/// </summary>
public static class NodePoolScaleCurve
{
    /// <summary>Points on one curve at most.</summary>
    public const int MaxPoints = 101;

    /// <summary>Why FROM..TO is no range a curve can run, or null when it is one; the caller says which input gave it.</summary>
    public static string? RangeProblem(string poolName, int from, int to) =>
        from < 0 || to < from || to > KarpenterProvisioner.MaxPendingPods
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{poolName}={from}..{to} is not a valid range of pending pods (expected 0 <= FROM <= TO <= {KarpenterProvisioner.MaxPendingPods:N0})")
            : null;

    /// <summary>Runs the curve.</summary>
    public static NodePoolScaleReport Run(ProvisionedScenario scenario, string poolName, int from, int to, LaunchOrder launch = LaunchOrder.Sequential)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (RangeProblem(poolName, from, to) is { } problem)
        {
            throw new InputException($"NodePool scale curve: {problem}");
        }

        var step = Math.Max(1, (int)Math.Ceiling((to - from) / (double)(MaxPoints - 1)));
        var counts = new List<int>();
        for (var c = from; c < to; c += step)
        {
            counts.Add(c);
        }

        counts.Add(to);
        var points = new List<NodePoolScalePoint>(counts.Count);
        IReadOnlyList<string> ids = [];
        IReadOnlyList<int> usable = [];
        IReadOnlyList<string> zones = [];
        var runsOut = new Dictionary<string, (int At, string Reason)>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            var changed = NodePoolPlacement.WithPendingPods(scenario, poolName, count);
            var pool = changed.NodePools.First(p => p.Name == poolName);
            var state = ClusterState.BuildPlanned(changed, launch: launch);
            var subnets = state.Subnets.ToList();
            ids = [.. subnets.Select(s => s.Spec.Id)];
            usable = [.. subnets.Select(s => s.Space.Usable)];
            zones = [.. subnets.Select(s => s.Spec.Zone)];
            foreach (var node in state.Nodes)
            {
                if (node.Group.NodePool == poolName && node.Reason is { } reason && reason.IsSubnetExhausted())
                {
                    runsOut.TryAdd((node.FailureSubnet ?? node.Subnet).Spec.Id, (count, reason.Words()));
                }
            }

            var failed = state.Nodes.Count(n => n.Group.NodePool == poolName && n.Failure != PodFailure.None);
            var provisioning = pool.Provisioning!;
            var types = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var claim in provisioning.NodeClaims)
            {
                types[claim.Type.Name] = types.GetValueOrDefault(claim.Type.Name) + 1;
            }

            var stopped = provisioning.Stop.Code() ?? (failed > 0 ? "ips" : null);
            points.Add(new NodePoolScalePoint(count, provisioning.NodeClaims.Count, types, provisioning.PodsScheduled, [.. subnets.Select(s => s.Space.InUse)], failed, stopped));
        }

        var described = ids.Select((id, i) => runsOut.TryGetValue(id, out var r)
            ? new NodePoolScaleSubnet(id, zones[i], usable[i], r.At, r.Reason)
            : new NodePoolScaleSubnet(id, zones[i], usable[i], null, null)).ToList();
        return new NodePoolScaleReport(poolName, from, to, ids, usable, points) { SubnetsRunOut = described, Launch = launch.Name() };
    }
}
