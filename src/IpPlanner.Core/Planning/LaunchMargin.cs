using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Planning;

/// <summary>How a node group's planned nodes fare when launched in <see cref="Launch"/> order: nodes that started, and pods that wait on them for an address.</summary>
public sealed record LaunchOutcome(string Launch, int NodesStarted, int PodsPending);

/// <summary>
/// The plan's margin between the two launch orders (docs/rules.md, "Launch order"): the planned nodes launched the
/// other way, compared group by group on nodes started and pods pending. When every planned node of the chosen order
/// starts with all its pods, the other order is not run: in a subnet, a burst gives node k (of K) the addresses one at
/// a time would, less the K - k primaries of the nodes after it, and those nodes took at least that much one at a
/// time, so every node ends with the same pool either way.
/// </summary>
internal sealed class LaunchMargin
{
    private readonly IReadOnlyList<(int Started, int Pending)>? _other;

    private LaunchMargin(IReadOnlyList<LaunchOutcome?> other, IReadOnlyList<(int Started, int Pending)>? raw)
    {
        Other = other;
        _other = raw;
    }

    /// <summary>Per group (in <see cref="ProvisionedScenario.AllNodeGroups"/> order), the other order's outcome where it differs, else null.</summary>
    public IReadOnlyList<LaunchOutcome?> Other { get; }

    /// <summary>Runs the planned nodes the other way when the chosen order left any node without its pods.</summary>
    public static LaunchMargin Compare(ProvisionedScenario scenario, ClusterState planned, LaunchOrder launch)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(planned);
        var groups = scenario.AllNodeGroups;
        if (planned.Nodes.All(n => n.Failure == PodFailure.None))
        {
            return new LaunchMargin(new LaunchOutcome?[groups.Count], null);
        }

        var otherOrder = launch == LaunchOrder.Burst ? LaunchOrder.Sequential : LaunchOrder.Burst;
        var mine = Outcomes(planned, groups);
        var theirs = Outcomes(ClusterState.BuildPlanned(scenario, launch: otherOrder), groups);
        var other = new LaunchOutcome?[groups.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            other[g] = mine[g] == theirs[g] ? null : new LaunchOutcome(otherOrder.Name(), theirs[g].Started, theirs[g].Pending);
        }

        return new LaunchMargin(other, theirs);
    }

    private static (int Started, int Pending)[] Outcomes(ClusterState state, IReadOnlyList<Kubernetes.NodeGroup> groups)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            index[groups[g].Name] = g;
        }

        var outcomes = new (int Started, int Pending)[groups.Count];
        foreach (var node in state.Nodes)
        {
            if (index.TryGetValue(node.Group.Name, out var g) && node.Node.Started)
            {
                outcomes[g] = (outcomes[g].Started + 1, outcomes[g].Pending + node.PodsPending);
            }
        }

        return outcomes;
    }

    /// <summary>One info finding per group whose planned nodes fare differently launched the other way.</summary>
    public IEnumerable<Finding> Findings(IReadOnlyList<NodeGroupPlan> groups, LaunchOrder launch)
    {
        ArgumentNullException.ThrowIfNull(groups);
        for (var g = 0; g < groups.Count; g++)
        {
            if (Other[g] is not { } other)
            {
                continue;
            }

            var group = groups[g];
            var mine = new LaunchOutcome(launch.Name(), group.NodesStarted, group.PodsPending);
            var (sequential, burst) = launch == LaunchOrder.Burst ? (other, mine) : (mine, other);
            yield return new Finding(FindingCodes.LaunchOrderMargin, Severity.Info, $"node group {group.Name}",
                $"of the {N(group.Nodes)} planned nodes of {group.Name}, launched one at a time {Words(sequential, group.Nodes)}; launched at once (a burst) {Words(burst, group.Nodes)}");
        }
    }

    /// <summary>What the verdict adds: the order a burst plan used, and the other order's outcome where it differs ("" for a plan one at a time with no margin).</summary>
    public string VerdictNote(IReadOnlyList<NodeGroupPlan> groups, LaunchOrder launch)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var planned = groups.Sum(g => g.Nodes);
        var mine = new LaunchOutcome(launch.Name(), groups.Sum(g => g.NodesStarted), groups.Sum(g => g.PodsPending));
        var differs = Other.Any(o => o is not null);
        if (launch == LaunchOrder.Burst)
        {
            var note = $"; planned nodes launched at once: {Words(mine, planned)}";
            return differs && _other is { } other
                ? $"{note} (one at a time, {Words(new LaunchOutcome(LaunchOrder.Sequential.Name(), other.Sum(o => o.Started), other.Sum(o => o.Pending)), planned)})"
                : note;
        }

        return differs && _other is { } burst
            ? $"; launched at once instead, {Words(new LaunchOutcome(LaunchOrder.Burst.Name(), burst.Sum(o => o.Started), burst.Sum(o => o.Pending)), planned)}"
            : "";
    }

    /// <summary>"all 20 start and 8 pods wait for an address", "18 of 20 start".</summary>
    private static string Words(LaunchOutcome outcome, int planned)
    {
        var started = outcome.NodesStarted == planned ? $"all {N(planned)} start" : $"{N(outcome.NodesStarted)} of {N(planned)} start";
        return outcome.PodsPending == 0 ? started
            : $"{started} and {N(outcome.PodsPending)} pod{(outcome.PodsPending == 1 ? "" : "s")} wait for an address";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
