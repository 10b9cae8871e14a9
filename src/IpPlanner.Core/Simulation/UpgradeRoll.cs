using System.Globalization;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.Planning;

namespace IpPlanner.Core.Simulation;

/// <summary>One subnet through a roll: used addresses before it, at its peak, after it, and free at the peak.</summary>
public sealed record UpgradeSubnet(string Id, string Zone, int Usable, int Before, int Peak, int After, int FreeAtPeak);

/// <summary>
/// The first node of a roll that could not start, or whose pods wait for addresses: in which phase (<c>surge</c>
/// for the nodes launched before any old one goes, <c>replacement</c> for those launched as old ones go), where, and why.
/// </summary>
public sealed record UpgradeFailure(string Phase, string NodeGroup, string? Subnet, FailureReason Cause, int PodsPending, string Description)
{
    /// <summary>The cause in words ("addresses", "node subnet full", "max pods"...).</summary>
    public string Reason => Cause.Words();
}

/// <summary>
/// A node roll as EKS or Karpenter runs it (docs/rules.md, "Node group updates" and "NodePool drift"): the nodes
/// before, how many are replaced at once, the extra nodes that run beside the old ones (<see cref="SurgeNodes"/>),
/// every subnet's peak, the first node that could not start or get its pods' addresses, and what the peak leaves
/// the control plane.
/// </summary>
public sealed record UpgradeReport(
    string Name,
    string Kind,
    string Strategy,
    int Nodes,
    int Zones,
    int AtOnce,
    int SurgeNodes,
    int PeakNodes,
    int Batches,
    IReadOnlyList<UpgradeSubnet> Subnets,
    UpgradeFailure? FirstExhausted,
    int PodsPendingAtPeak,
    IReadOnlyList<Finding> Warnings,
    string Verdict)
{
    /// <summary>How new nodes started: <c>sequential</c> or <c>burst</c>.</summary>
    public string Launch { get; init; } = "sequential";

    /// <summary>The scenario file.</summary>
    public string Scenario { get; init; } = "";
}

/// <summary>
/// <c>simulate --upgrade</c>: a managed node group's version update (scale up by the surge, replace the old nodes
/// maxUnavailable at a time, scale back down) or a NodePool's drift (replacements launched before the drifted nodes
/// drain, as many at once as the disruption budget allows), run on the planned cluster, every subnet's used
/// addresses tracked to the peak. Each new node carries the pods of a node of the group (the peak of a DEFAULT update
/// of N nodes is a plan of N + surge nodes). Old nodes keep their pools until terminated (a cordoned node's ipamd
/// neither attaches nor frees ENIs since VPC CNI 1.11.3).
/// </summary>
public static class UpgradeRoll
{
    /// <summary>The kind of a managed node group's roll.</summary>
    public const string NodeGroupKind = "managed node group update";

    /// <summary>The kind of a NodePool's roll.</summary>
    public const string NodePoolKind = "NodePool drift";

    /// <summary>Runs the roll of the node group or NodePool named <paramref name="name"/>.</summary>
    public static UpgradeReport Run(ProvisionedScenario scenario, string name, LaunchOrder launch = LaunchOrder.Sequential)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(name);
        if (scenario.NodeGroups.FirstOrDefault(g => g.Name == name) is { } group)
        {
            return NodeGroupRoll(scenario, group, launch);
        }

        if (scenario.NodePools.FirstOrDefault(p => p.Name == name) is { } pool)
        {
            return DriftRoll(scenario, pool, launch);
        }

        var known = scenario.NodeGroups.Select(g => g.Name).Concat(scenario.NodePools.Select(p => p.Name));
        throw new InputException($"upgrade: no node group or NodePool is named '{name}' (there are: {string.Join(", ", known)})");
    }

    private static UpgradeReport NodeGroupRoll(ProvisionedScenario scenario, NodeGroup group, LaunchOrder launch)
    {
        var state = ClusterState.BuildPlanned(scenario, launch: launch);
        var tracker = new PeakTracker(state);
        var config = group.Spec.UpdateConfig;
        var old = state.Nodes.Where(n => ReferenceEquals(n.Group, group) && n.Node.Started).ToList();
        var zones = group.Subnets.Select(id => scenario.GetSubnet(id).Zone).Distinct(StringComparer.Ordinal).Count();
        var atOnce = ManagedNodeGroupUpdate.MaxUnavailable(config, group.Nodes);
        var surge = ManagedNodeGroupUpdate.Surge(config, group.Nodes, zones);
        UpgradeFailure? first = null;

        // Scale up: the group's desired size rises by the surge at once; the new nodes continue its round robin.
        var surged = state.Launch(ClusterState.Repeat(group, surge), launch);
        first ??= FirstFailure(surged, "surge", state);
        tracker.Record();
        var pendingAtPeak = surged.Sum(n => n.PodsPending);
        var warnings = ControlPlaneAtPeak(scenario, state);

        // Upgrade: old nodes maxUnavailable at a time, each replaced in the same subnet once it is gone. EKS checks that
        // every new node of the scale up is Ready first: a surge node that cannot launch stops the update there.
        var stopped = surged.Any(n => !n.Node.Started);
        var batches = 0;
        for (var i = 0; !stopped && i < old.Count; i += atOnce)
        {
            var batch = old.Skip(i).Take(atOnce).ToList();
            foreach (var node in batch)
            {
                state.Terminate(node);
            }

            var replaced = state.LaunchIn([.. batch.Select(n => (group, n.Subnet.Spec.Id))], launch);
            first ??= FirstFailure(replaced, "replacement", state);
            tracker.Record();
            batches++;
        }

        // Scale down: back to the old size; every node is new, and the surge's count goes.
        foreach (var node in surged.Where(n => n.Node.Started && !stopped))
        {
            state.Terminate(node);
        }

        tracker.Record();
        var strategy = config?.Strategy == Model.UpdateStrategy.Minimal ? "MINIMAL" : "DEFAULT";
        var subnets = tracker.Subnets();
        var verdict = Verdict(group.Name, NodeGroupKind, group.Nodes, surge, first, subnets, warnings, stopped);
        return new UpgradeReport(group.Name, NodeGroupKind, strategy, group.Nodes, zones, atOnce, surge, group.Nodes + surge, batches, subnets, first, pendingAtPeak, warnings, verdict)
        {
            Launch = launch.Name(),
            Scenario = scenario.SourceFile,
        };
    }

    private static UpgradeReport DriftRoll(ProvisionedScenario scenario, ProvisionedNodePool pool, LaunchOrder launch)
    {
        var state = ClusterState.BuildPlanned(scenario, launch: launch);
        var tracker = new PeakTracker(state);
        var old = state.Nodes.Where(n => n.Group.NodePool == pool.Name && n.Node.Started).ToList();
        var zones = pool.Subnets.Select(id => scenario.GetSubnet(id).Zone).Distinct(StringComparer.Ordinal).Count();
        var atOnce = DisruptionBudgets.Allowed(pool.Spec.DisruptionBudgets, old.Count, DisruptionBudgets.Drifted);
        UpgradeFailure? first = null;
        var warnings = new List<Finding>();
        var pendingAtPeak = 0;
        var batches = 0;
        if (atOnce == 0 && old.Count > 0)
        {
            warnings.Add(new Finding(FindingCodes.DisruptionBudgetBlocksDrift, Severity.Warning, $"NodePool {pool.Name}",
                $"the disruption budgets of NodePool {pool.Name} allow no drifted node to be replaced at once, so drift never replaces any of its {N(old.Count)} nodes"));
        }

        // Drift: the budget's worth of candidates at a time; each gets a replacement NodeClaim in the subnet Karpenter
        // picks from the addresses available then, and is deleted only once its replacement started.
        for (var i = 0; atOnce > 0 && i < old.Count; i += atOnce)
        {
            var batch = old.Skip(i).Take(atOnce).ToList();
            var claims = batch.Select(n => new NodeClaimPlan(n.Group.Type, n.Group.WorkloadPodsPerNode, AllocatableRule.EniLimitedPods(n.Group.Type))).ToList();
            var subnets = NodePoolPlacement.ChooseSubnets(claims, pool.Spec, scenario, state);
            var replacements = state.LaunchIn([.. batch.Select((n, c) => (n.Group, subnets[c]))], launch);
            first ??= FirstFailure(replacements, "replacement", state);
            tracker.Record();
            if (batches == 0)
            {
                pendingAtPeak = replacements.Sum(n => n.PodsPending);
                warnings.AddRange(ControlPlaneAtPeak(scenario, state));
            }

            for (var c = 0; c < batch.Count; c++)
            {
                // A replacement that never launched leaves its candidate in place (the command fails and is retried).
                if (replacements[c].Node.Started)
                {
                    state.Terminate(batch[c]);
                }
            }

            batches++;
        }

        tracker.Record();
        var subnetsSeen = tracker.Subnets();
        var verdict = Verdict(pool.Name, NodePoolKind, old.Count, atOnce, first, subnetsSeen, warnings, stopped: false);
        return new UpgradeReport(pool.Name, NodePoolKind, "drift", old.Count, zones, atOnce, atOnce, old.Count + atOnce, batches, subnetsSeen, first, pendingAtPeak, warnings, verdict)
        {
            Launch = launch.Name(),
            Scenario = scenario.SourceFile,
        };
    }

    private static List<Finding> ControlPlaneAtPeak(ProvisionedScenario scenario, ClusterState state)
    {
        var findings = new List<Finding>();
        foreach (var id in scenario.Cluster.ControlPlaneSubnets.Distinct(StringComparer.Ordinal))
        {
            if (scenario.FindSubnet(id) is not null && ControlPlaneRoom.AtPeak(id, state.Subnet(id).Space.Free) is { } blocked)
            {
                findings.Add(blocked);
            }
        }

        return findings;
    }

    private static UpgradeFailure? FirstFailure(IReadOnlyList<PlacedNode> nodes, string phase, ClusterState state)
    {
        var failed = nodes.FirstOrDefault(n => n.Failure != PodFailure.None);
        if (failed?.Reason is not { } reason)
        {
            return null;
        }

        var subnet = reason.IsSubnetExhausted() ? (failed.FailureSubnet ?? failed.Subnet).Spec.Id : null;
        var at = nodes.TakeWhile(n => !ReferenceEquals(n, failed)).Count() + 1;
        var what = failed.Node.Started
            ? $"{phase} node {N(at)} of {N(nodes.Count)} starts but {N(failed.PodsPending)} of its pods wait"
            : $"{phase} node {N(at)} of {N(nodes.Count)} cannot start";
        var where = subnet is null ? $"({FailureReasons.NodeLimitWords(failed)})" : $"in subnet {subnet} ({reason.Words()}: {CapacityPlanner.DescribeExhaustion(failed, state).Detail})";
        return new UpgradeFailure(phase, failed.Group.Name, subnet, reason, failed.PodsPending, $"{what} {where}");
    }

    private static string Verdict(string name, string kind, int nodes, int surge, UpgradeFailure? first, IReadOnlyList<UpgradeSubnet> subnets, IReadOnlyList<Finding> warnings, bool stopped)
    {
        var peak = subnets.Where(s => s.Peak > s.Before).OrderBy(s => s.FreeAtPeak).ThenBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault();
        var size = $"{N(nodes)} + {N(surge)} node{(surge == 1 ? "" : "s")} at its peak" +
            (peak is null ? "" : $", subnet {peak.Id} at {N(peak.Peak)} of {N(peak.Usable)}, {N(peak.FreeAtPeak)} free");
        var outcome = first is null
            ? $"the {kind} of {name} fits: every new node starts with its pods ({size})"
            : $"the {kind} of {name} does not fit: {first.Description}" +
                (stopped ? "; EKS needs every node of the scale up Ready before it replaces any, so the update stops there" : "") + $" ({size})";
        var control = warnings.Any(w => w.Code == FindingCodes.ControlPlaneUpgradeBlocked)
            ? "; a control-plane version update at the peak would fail (fewer than 5 free in a cluster subnet)"
            : "";
        return outcome + control;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // Used addresses per subnet, before the roll and the highest seen at each recorded step.
    private sealed class PeakTracker
    {
        private readonly ClusterState _state;
        private readonly List<SubnetState> _subnets;
        private readonly int[] _before;
        private readonly int[] _peak;
        private readonly int[] _freeAtPeak;

        public PeakTracker(ClusterState state)
        {
            _state = state;
            _subnets = [.. state.Subnets];
            _before = [.. _subnets.Select(s => s.Space.InUse)];
            _peak = [.. _before];
            _freeAtPeak = [.. _subnets.Select(s => s.Space.Free)];
        }

        public void Record()
        {
            for (var i = 0; i < _subnets.Count; i++)
            {
                var used = _subnets[i].Space.InUse;
                if (used > _peak[i])
                {
                    _peak[i] = used;
                    _freeAtPeak[i] = _subnets[i].Space.Free;
                }
            }
        }

        public List<UpgradeSubnet> Subnets() =>
            [.. _subnets.Select((s, i) => new UpgradeSubnet(s.Spec.Id, s.Spec.Zone, s.Space.Usable, _before[i], _peak[i], _state.Subnet(s.Spec.Id).Space.InUse, _freeAtPeak[i]))];
    }
}
