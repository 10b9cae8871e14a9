using System.Globalization;
using System.Text.Json.Serialization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Planning;

namespace IpPlanner.Core.Simulation;

/// <summary>
/// One subnet on the scale curve: its size and where (and why) it first ran out, if it did. A node stopped by its own
/// limit (max pods, ENIs) never marks a subnet. <see cref="FullAtStart"/>: the group's node or pod subnet had no room
/// left before the group's first node (shown at row 0).
/// </summary>
public sealed record ScaleSubnet(string Id, string Zone, int Usable, int? ExhaustedAtNodes, [property: JsonIgnore] FailureReason? Cause, string? Detail)
{
    /// <summary>The cause in the words every verb uses, or null when the subnet did not run out.</summary>
    public string? Reason => Cause?.Words();

    /// <summary>True when the subnet was already full (no free address, or no free /28 in prefix mode) at 0 nodes of the group.</summary>
    public bool FullAtStart { get; init; }
}

/// <summary>The first node of the curve stopped by its own limit rather than by a subnet: which node and why.</summary>
public sealed record ScaleNodeLimit(int AtNodes, [property: JsonIgnore] FailureReason Cause, string Detail)
{
    /// <summary>The cause in words.</summary>
    public string Reason => Cause.Words();
}

/// <summary>The cluster at one node count of the scaled group: used addresses and fully free /28s per subnet (in <see cref="ScaleCurveReport.Subnets"/> order).</summary>
public sealed record ScalePoint(int Nodes, IReadOnlyList<int> Used, IReadOnlyList<int> FreePrefixes, int NodesFailed);

/// <summary>The scale curve of one node group from FROM to TO nodes.</summary>
public sealed record ScaleCurveReport(string NodeGroup, int From, int To, IReadOnlyList<ScaleSubnet> Subnets, IReadOnlyList<ScalePoint> Points)
{
    /// <summary>The CNI mode the group's nodes really run in (<see cref="CniMode.Name(bool)"/>), as <c>node</c> and the plan name it.</summary>
    public string Mode { get; init; } = "";

    /// <summary>The first node stopped by a limit of its own (max pods, the ENI limit, ipamd refusing), or null.</summary>
    public ScaleNodeLimit? FirstNodeLimit { get; init; }

    /// <summary>
    /// How the nodes started: <c>sequential</c> (one more per point) or <c>burst</c> (FROM nodes at once, then each point
    /// the group raised from FROM to its count in one burst).
    /// </summary>
    public string Launch { get; init; } = "sequential";

    /// <summary>The first exhaustion on the curve (lowest node count), or null (one of <see cref="Subnets"/>, so not in the JSON twice).</summary>
    [JsonIgnore]
    public ScaleSubnet? FirstExhausted =>
        Subnets.Where(s => s.ExhaustedAtNodes is not null).OrderBy(s => s.ExhaustedAtNodes).ThenBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>What stops the curve first: a subnet that runs out, or a node stopped by its own limit (which blames no subnet).</summary>
    public string Verdict => Launch == "burst" ? $"{Words} (nodes launched at once: a node that starts without its pods' addresses counts as failed)" : Words;

    private string Words
    {
        get
        {
            var subnet = FirstExhausted;
            var limit = FirstNodeLimit;
            if (limit is not null && (subnet is null || limit.AtNodes < subnet.ExhaustedAtNodes))
            {
                // The VPC's Network Address Usage quota is neither the node's limit nor a subnet's (docs/rules.md).
                var by = limit.Cause.IsNetworkAddressUsage() ? $"the VPC's {limit.Reason}" : "its own limit";
                return $"node {N(limit.AtNodes)} of {NodeGroup} is stopped first by {by} ({limit.Detail}), not by a subnet; "
                    + (subnet is null ? $"no subnet runs out up to {N(To)} nodes" : $"subnet {subnet.Id} runs out later, at node {N(subnet.ExhaustedAtNodes!.Value)} ({subnet.Reason})");
            }

            return subnet switch
            {
                null => $"no subnet runs out up to {N(To)} nodes of {NodeGroup}",
                { FullAtStart: true } => $"subnet {subnet.Id} is already full at 0 nodes of {NodeGroup}; node {N(subnet.ExhaustedAtNodes!.Value)} is the first that cannot get its pods ({subnet.Reason}: {subnet.Detail})",
                _ => $"subnet {subnet.Id} runs out first, at node {N(subnet.ExhaustedAtNodes!.Value)} of {NodeGroup} ({subnet.Reason}: {subnet.Detail})",
            };
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>
/// Adds a node group's nodes one at a time (round robin over its subnets, everything else in the scenario in place)
/// and records every subnet after each node: the "which subnet runs out first, at what node count, and why" curve.
/// </summary>
public static class ScaleCurve
{
    /// <summary>
    /// The widest FROM..TO a burst curve runs: each of its points is a burst of its own, so the work grows with the
    /// square of the range.
    /// </summary>
    public const int BurstRangeLimit = 500;

    /// <summary>
    /// Runs the curve. <paramref name="from"/> nodes are placed first, then one node per point up to
    /// <paramref name="to"/>; with <paramref name="launch"/> <see cref="LaunchOrder.Burst"/> the FROM nodes start at
    /// once and each point is the group raised from FROM to its count in one burst (docs/rules.md, "Launch order").
    /// </summary>
    public static ScaleCurveReport Run(ProvisionedScenario scenario, string groupName, int from, int to, LaunchOrder launch = LaunchOrder.Sequential)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var group = scenario.AllNodeGroups.FirstOrDefault(g => g.Name == groupName)
            ?? throw new InputException($"scale: no node group is named '{groupName}' (node groups: {string.Join(", ", scenario.AllNodeGroups.Select(g => g.Name))})");
        if (from < 0 || to < from || to > CapacityPlanner.NodeSearchLimit)
        {
            throw new InputException($"scale: {groupName}={from}..{to} is not a valid range (expected 0 <= FROM <= TO <= {CapacityPlanner.NodeSearchLimit.ToString("N0", CultureInfo.InvariantCulture)})");
        }

        if (launch == LaunchOrder.Burst && to - from > BurstRangeLimit)
        {
            throw new InputException($"scale: {groupName}={from}..{to} spans more than {BurstRangeLimit.ToString("N0", CultureInfo.InvariantCulture)} nodes, the most a burst curve runs (each point is a burst of its own); narrow FROM..TO");
        }

        var state = ClusterState.BuildPlanned(scenario, except: group, launch: launch);
        if (launch == LaunchOrder.Burst)
        {
            return RunBursts(state, group, from, to);
        }

        var subnets = state.Subnets.ToList();
        var index = subnets.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var exhaustedAt = new int?[subnets.Count];
        var cause = new FailureReason?[subnets.Count];
        var detail = new string?[subnets.Count];
        var fullAtStart = FullAtStart(state, group, subnets);
        ScaleNodeLimit? nodeLimit = null;
        var points = new List<ScalePoint>(to - from + 1);
        var failed = 0;
        if (from == 0)
        {
            points.Add(Snapshot(0, subnets, 0));
        }

        for (var n = 1; n <= to; n++)
        {
            var node = state.AddNode(group);
            if (node.Failure != PodFailure.None)
            {
                failed++;
                var point = CapacityPlanner.DescribeExhaustion(node, state);
                if (point.Subnet is null)
                {
                    nodeLimit ??= new ScaleNodeLimit(n, point.Cause, point.Detail);
                }
                else if (exhaustedAt[index[point.Subnet]] is null)
                {
                    var s = index[point.Subnet];
                    exhaustedAt[s] = n;
                    cause[s] = point.Cause;
                    detail[s] = point.Detail;
                }
            }

            if (n >= Math.Max(from, 1))
            {
                points.Add(Snapshot(n, subnets, failed));
            }
        }

        var described = subnets.Select((s, i) => new ScaleSubnet(s.Spec.Id, s.Spec.Zone, s.Space.Usable, exhaustedAt[i], cause[i], detail[i])
        {
            FullAtStart = fullAtStart[i],
        }).ToList();
        return new ScaleCurveReport(group.Name, from, to, described, points) { FirstNodeLimit = nodeLimit, Mode = state.Scenario.ModeOf(group).Name(state.Scenario.CniOf(group).CustomNetworking) };
    }

    // Each point is its own burst on a fork of the state with the FROM nodes started at once: the group raised from
    // FROM to n in one step. A subnet runs out at the first n where a node it serves cannot start or its pods wait.
    private static ScaleCurveReport RunBursts(ClusterState before, NodeGroup group, int from, int to)
    {
        var subnetsBefore = before.Subnets.ToList();
        var fullAtStart = FullAtStart(before, group, subnetsBefore);
        var points = new List<ScalePoint>(to - from + 1);
        if (from == 0)
        {
            points.Add(Snapshot(0, subnetsBefore, 0));
        }

        var start = before.Fork();
        var started = start.Launch(ClusterState.Repeat(group, from), LaunchOrder.Burst);
        var index = subnetsBefore.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var exhaustedAt = new int?[subnetsBefore.Count];
        var cause = new FailureReason?[subnetsBefore.Count];
        var detail = new string?[subnetsBefore.Count];
        ScaleNodeLimit? nodeLimit = null;
        for (var n = Math.Max(from, 1); n <= to; n++)
        {
            var state = n == from ? start : start.Fork();
            IReadOnlyList<PlacedNode> nodes = n == from ? started : [.. started, .. state.Launch(ClusterState.Repeat(group, n - from), LaunchOrder.Burst)];
            var failed = 0;
            foreach (var node in nodes)
            {
                if (node.Failure == PodFailure.None)
                {
                    continue;
                }

                failed++;
                var point = CapacityPlanner.DescribeExhaustion(node, state);
                if (point.Subnet is null)
                {
                    nodeLimit ??= new ScaleNodeLimit(n, point.Cause, point.Detail);
                }
                else if (exhaustedAt[index[point.Subnet]] is null)
                {
                    var s = index[point.Subnet];
                    exhaustedAt[s] = n;
                    cause[s] = point.Cause;
                    detail[s] = point.Detail;
                }
            }

            points.Add(Snapshot(n, [.. state.Subnets], failed));
        }

        var described = subnetsBefore.Select((s, i) => new ScaleSubnet(s.Spec.Id, s.Spec.Zone, s.Space.Usable, exhaustedAt[i], cause[i], detail[i])
        {
            FullAtStart = fullAtStart[i],
        }).ToList();
        return new ScaleCurveReport(group.Name, from, to, described, points)
        {
            FirstNodeLimit = nodeLimit,
            Launch = LaunchOrder.Burst.Name(),
            Mode = start.Scenario.ModeOf(group).Name(start.Scenario.CniOf(group).CustomNetworking),
        };
    }

    /// <summary>
    /// Which of the group's subnets have no room before its first node: a node subnet without a free address (the node
    /// cannot start), a pod subnet without one, or without a free /28 when the group's nodes really run prefix
    /// delegation (<see cref="CniMode"/>).
    /// </summary>
    private static bool[] FullAtStart(ClusterState state, NodeGroup group, List<SubnetState> subnets)
    {
        var cni = state.Scenario.CniOf(group);
        var prefixMode = state.Scenario.ModeOf(group).PrefixMode;
        var full = new bool[subnets.Count];
        for (var i = 0; i < subnets.Count; i++)
        {
            var s = subnets[i];
            var nodeSubnet = group.Subnets.Contains(s.Spec.Id, StringComparer.Ordinal);
            var podSubnet = group.Subnets.Any(id => cni.PodSubnetFor(id, state.Subnet(id).Spec.Zone) == s.Spec.Id);
            full[i] = (nodeSubnet || podSubnet) && (s.Space.Free == 0 || (podSubnet && prefixMode && s.Space.FreePrefixes == 0));
        }

        return full;
    }

    private static ScalePoint Snapshot(int nodes, List<SubnetState> subnets, int failed)
    {
        var used = new int[subnets.Count];
        var prefixes = new int[subnets.Count];
        for (var i = 0; i < subnets.Count; i++)
        {
            used[i] = subnets[i].Space.InUse;
            prefixes[i] = subnets[i].Space.FreePrefixes;
        }

        return new ScalePoint(nodes, used, prefixes, failed);
    }
}
