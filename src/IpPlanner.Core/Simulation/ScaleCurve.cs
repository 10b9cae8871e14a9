using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;

namespace IpPlanner.Core.Simulation;

/// <summary>One subnet on the scale curve: its size and where (and why) it first ran out, if it did.</summary>
public sealed record ScaleSubnet(string Id, string Zone, int Usable, int? ExhaustedAtNodes, string? Reason, string? Detail);

/// <summary>The cluster at one node count of the scaled group: used addresses and fully free /28s per subnet (in <see cref="ScaleCurveReport.Subnets"/> order).</summary>
public sealed record ScalePoint(int Nodes, IReadOnlyList<int> Used, IReadOnlyList<int> FreePrefixes, int NodesFailed);

/// <summary>The scale curve of one node group from FROM to TO nodes.</summary>
public sealed record ScaleCurveReport(string NodeGroup, int From, int To, IReadOnlyList<ScaleSubnet> Subnets, IReadOnlyList<ScalePoint> Points)
{
    /// <summary>The first exhaustion on the curve (lowest node count), or null.</summary>
    public ScaleSubnet? FirstExhausted =>
        Subnets.Where(s => s.ExhaustedAtNodes is not null).OrderBy(s => s.ExhaustedAtNodes).ThenBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();
}

/// <summary>
/// Adds a node group's nodes one at a time (round robin over its subnets, everything else in the scenario in place)
/// and records every subnet after each node: the "which subnet runs out first, at what node count, and why" curve.
/// </summary>
public static class ScaleCurve
{
    /// <summary>Runs the curve. <paramref name="from"/> nodes are placed first, then one node per point up to <paramref name="to"/>.</summary>
    public static ScaleCurveReport Run(Scenario scenario, string groupName, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var group = scenario.NodeGroups.FirstOrDefault(g => g.Name == groupName)
            ?? throw new InputException($"scale: no node group is named '{groupName}' (node groups: {string.Join(", ", scenario.NodeGroups.Select(g => g.Name))})");
        if (from < 0 || to < from || to > CapacityPlanner.NodeSearchLimit)
        {
            throw new InputException($"scale: {groupName}={from}..{to} is not a valid range (expected 0 <= FROM <= TO <= {CapacityPlanner.NodeSearchLimit:N0})");
        }

        var state = ClusterState.BuildPlanned(scenario, except: group);
        var subnets = state.Subnets.ToList();
        var index = subnets.Select((s, i) => (s.Spec.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var exhaustedAt = new int?[subnets.Count];
        var reason = new string?[subnets.Count];
        var detail = new string?[subnets.Count];
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
                var s = index[(node.FailureSubnet ?? node.Subnet).Spec.Id];
                if (exhaustedAt[s] is null)
                {
                    exhaustedAt[s] = n;
                    reason[s] = CapacityPlanner.Reason(node.Failure);
                    detail[s] = CapacityPlanner.DescribeExhaustion(node, state).Detail;
                }
            }

            if (n >= Math.Max(from, 1))
            {
                points.Add(Snapshot(n, subnets, failed));
            }
        }

        var described = subnets.Select((s, i) => new ScaleSubnet(s.Spec.Id, s.Spec.Zone, s.Space.Usable, exhaustedAt[i], reason[i], detail[i])).ToList();
        return new ScaleCurveReport(group.Name, from, to, described, points);
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
