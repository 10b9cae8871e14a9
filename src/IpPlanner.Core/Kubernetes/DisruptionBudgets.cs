using System.Globalization;
using System.Text.RegularExpressions;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// How many of a NodePool's nodes Karpenter disrupts at once for a reason (docs/rules.md, "NodePool drift"):
/// each budget that lists the reason, or none, allows its <c>nodes</c> (a count, or a percentage of the pool's nodes
/// rounded up), and the most restrictive wins; with no budgets, one of 10%. kubernetes-sigs/karpenter
/// pkg/apis/v1/nodepool.go:110 (the default), :365-377 (the minimum), :392-397 (rounding up)@2266468104f3.
/// </summary>
public static partial class DisruptionBudgets
{
    /// <summary>The pattern Karpenter's CRD puts on a budget's <c>nodes</c> (nodepool.go:136@2266468104f3).</summary>
    public const string NodesPattern = "^((100|[0-9]{1,2})%|[0-9]+)$";

    /// <summary>The reasons a budget may list (nodepool.go:184-186@2266468104f3).</summary>
    public static readonly IReadOnlyList<string> Reasons = ["Underutilized", "Empty", "Drifted"];

    /// <summary>The reason a replacement for a drifted node is disrupted under.</summary>
    public const string Drifted = "Drifted";

    /// <summary>The budget a NodePool without <c>disruption.budgets</c> has.</summary>
    public static readonly IReadOnlyList<DisruptionBudgetSpec> Default = [new DisruptionBudgetSpec { Nodes = "10%" }];

    /// <summary>True when <paramref name="nodes"/> is a count or a percentage Karpenter accepts.</summary>
    public static bool IsValidNodes(string? nodes) => nodes is not null && NodesRegex().IsMatch(nodes);

    /// <summary>
    /// Nodes of a pool of <paramref name="nodes"/> that may be disrupted at once for <paramref name="reason"/> under
    /// <paramref name="budgets"/> (null: the default), before those already disrupting are taken off; at most the
    /// pool's nodes (a pool whose budgets all name other reasons is not limited).
    /// </summary>
    public static int Allowed(IReadOnlyList<DisruptionBudgetSpec>? budgets, int nodes, string reason)
    {
        var allowed = int.MaxValue;
        foreach (var budget in budgets ?? Default)
        {
            if (budget.Reasons.Count == 0 || budget.Reasons.Contains(reason, StringComparer.Ordinal))
            {
                allowed = Math.Min(allowed, Scaled(budget.Nodes, nodes));
            }
        }

        return Math.Min(allowed, Math.Max(nodes, 0));
    }

    // intstr.GetScaledValueFromIntOrPercent(..., roundUp: true): "10%" of 40 is 4, of 45 is 5 (4.5 up), of 5 is 1.
    private static int Scaled(string text, int nodes)
    {
        var value = text.Trim();
        if (value.EndsWith('%'))
        {
            return int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
                ? (int)(((percent * (long)Math.Max(nodes, 0)) + 99) / 100)
                : 0;
        }

        // A count beyond int is more than any pool: no limit.
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : int.MaxValue;
    }

    [GeneratedRegex(NodesPattern, RegexOptions.CultureInvariant)]
    private static partial Regex NodesRegex();
}
