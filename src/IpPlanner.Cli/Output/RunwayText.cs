using System.Globalization;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output;

/// <summary>The runway for people: a table for the meeting room and Markdown for the design doc.</summary>
internal static class RunwayText
{
    /// <summary>About this many rows of the month-by-month table.</summary>
    private const int MonthRows = 13;

    /// <summary>Subnets (when each runs out), node groups (when maxNodes binds), a month-by-month excerpt, then the verdict.</summary>
    public static void WriteTable(TextWriter writer, RunwayReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var spread = report.Runs > 1;
        writer.WriteLine($"Runway: {report.Scenario}, {report.Months} months{(spread ? $", {N(report.Runs)} runs, seed {report.Seed}" : "")}");
        writer.WriteLine($"Growth: {GrowthLine(report)}");
        writer.WriteLine();
        List<string> headers = ["subnet", "zone", "usable", "used now", "runs out in", "reason"];
        if (spread)
        {
            headers.AddRange(["P10", "P50", "P90"]);
        }

        headers.Add("held by");
        var subnets = new TextTable([.. headers]);
        foreach (var s in report.Subnets)
        {
            List<string> row = [s.Id, s.Zone, N(s.Usable), N(s.UsedNow), Runway.Month(s.RunsOutInMonth, report.Months), s.Reason ?? ""];
            if (spread)
            {
                row.AddRange(Spread(s.Percentiles, report.Months));
            }

            row.Add(s.Detail ?? "");
            subnets.AddRow([.. row]);
        }

        subnets.Write(writer);
        writer.WriteLine();
        headers = ["node group", "growth", "pods/node", "pods now", "nodes now", "max nodes", "maxNodes binds in"];
        if (spread)
        {
            headers.AddRange(["P10", "P50", "P90"]);
        }

        // A node stopped by its own limit (max pods, ENIs, aws-node refusing) gets its columns only when one is.
        var limited = HasNodeLimit(report);
        if (limited)
        {
            headers.Add("node limit stops it in");
            if (spread)
            {
                headers.AddRange(["limit P10", "limit P50", "limit P90"]);
            }
        }

        headers.AddRange([$"pods wanted at month {report.Months}", $"pods at month {report.Months}", $"nodes at month {report.Months}"]);
        if (limited)
        {
            headers.Add("node limit");
        }

        var groups = new TextTable([.. headers]);
        foreach (var g in report.NodeGroups)
        {
            List<string> row = [g.Name, g.Growth ?? "none", N(g.PodsPerNode), N(g.PodsNow), N(g.NodesNow), N(g.MaxNodes), g.Growth is null ? "" : Runway.Month(g.MaxNodesReachedInMonth, report.Months)];
            if (spread)
            {
                row.AddRange(g.Percentiles is null ? ["", "", ""] : Spread(g.Percentiles, report.Months));
            }

            if (limited)
            {
                row.Add(Runway.Month(g.NodeLimitInMonth, report.Months));
                if (spread)
                {
                    row.AddRange(Spread(g.NodeLimitPercentiles, report.Months));
                }
            }

            row.AddRange([Pods(g.PodsWantedAtHorizon), Pods(g.PodsAtHorizon), N(g.NodesAtHorizon)]);
            if (limited)
            {
                row.Add(g.NodeLimit ?? "");
            }

            groups.AddRow([.. row]);
        }

        if (report.NodeGroups.Count > 0)
        {
            groups.Write(writer);
            writer.WriteLine();
        }

        if (report.NodePools.Count > 0)
        {
            WritePools(writer, report);
            writer.WriteLine();
        }

        WriteMonths(writer, report);
        writer.WriteLine();
        if (report.NetworkAddressUsage is { } nau)
        {
            writer.WriteLine($"Network Address Usage: {NetworkAddressUsage(nau, report.Months)}.");
        }

        writer.WriteLine($"Verdict: {report.Verdict}.");
    }

    /// <summary>"6,720 of 64,000 units now; the quota binds in month 14" (or "not within 36 months").</summary>
    internal static string NetworkAddressUsage(RunwayNetworkAddressUsage nau, int months) =>
        $"{nau.UnitsNow.ToString("N0", CultureInfo.InvariantCulture)} of {N(nau.Quota)} units now; the quota binds {(nau.RunsOutInMonth is { } m ? $"in month {m} ({nau.Detail})" : $"not within {months} months")}";

    /// <summary>"web +25/month, NodePool default +20/month": what grows, as the table's second line and the chart's title say it.</summary>
    public static string GrowthLine(RunwayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Join(", ", report.NodeGroups.Where(g => g.Growth is not null).Select(g => $"{g.Name} {g.Growth}")
            .Concat(report.NodePools.Where(p => p.Growth is not null).Select(p => $"NodePool {p.Name} {p.Growth}")));
    }

    private static void WritePools(TextWriter writer, RunwayReport report)
    {
        var spread = report.Runs > 1;
        List<string> headers = ["NodePool", "growth", "pending pods now", "nodes now", "limits", "limits bind in"];
        if (spread)
        {
            headers.AddRange(["P10", "P50", "P90"]);
        }

        headers.AddRange([$"pods wanted at month {report.Months}", $"pending at month {report.Months}", $"pods at month {report.Months}", $"nodes at month {report.Months}"]);
        var limited = report.NodePools.Any(p => p.NodeLimitInMonth is not null);
        if (limited)
        {
            headers.AddRange(["node limit stops it in", "node limit"]);
        }

        var table = new TextTable([.. headers]);
        foreach (var p in report.NodePools)
        {
            List<string> row = [p.Name, p.Growth ?? "none", N(p.PodsNow), N(p.NodesNow), p.Limits ?? "none", PoolLimitMonth(p, report.Months)];
            if (spread)
            {
                row.AddRange(p.Percentiles is null ? ["", "", ""] : Spread(p.Percentiles, report.Months));
            }

            row.AddRange([Pods(p.PodsWantedAtHorizon), Pods(p.PodsPendingAtHorizon), Pods(p.PodsAtHorizon), N(p.NodesAtHorizon)]);
            if (limited)
            {
                row.AddRange([Runway.Month(p.NodeLimitInMonth, report.Months), p.NodeLimit ?? ""]);
            }

            table.AddRow([.. row]);
        }

        table.Write(writer);
    }

    /// <summary>"month 7", "not within 36 months", or "month 0 (no type fits)" when no allowed type holds a pod.</summary>
    public static string PoolLimitMonth(RunwayNodePool pool, int horizon)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.Growth is null && pool.LimitsReachedInMonth is null)
        {
            return "";
        }

        var month = Runway.Month(pool.LimitsReachedInMonth, horizon);
        return pool.Stop is { } stop && stop != "limits" ? $"{month} ({stop})" : month;
    }

    /// <summary>The same content as GitHub-flavoured Markdown.</summary>
    public static void WriteMarkdown(TextWriter writer, RunwayReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        var spread = report.Runs > 1;
        writer.WriteLine($"## Runway: {report.Scenario}, {report.Months} months");
        writer.WriteLine();
        writer.WriteLine($"**Verdict:** {report.Verdict}.");
        if (report.NetworkAddressUsage is { } nau)
        {
            writer.WriteLine();
            writer.WriteLine($"Network Address Usage: {NetworkAddressUsage(nau, report.Months)}.");
        }

        writer.WriteLine();
        writer.WriteLine(spread ? "| subnet | zone | usable | used now | runs out in | reason | P10 | P50 | P90 |" : "| subnet | zone | usable | used now | runs out in | reason |");
        writer.WriteLine(spread ? "|---|---|--:|--:|---|---|--:|--:|--:|" : "|---|---|--:|--:|---|---|");
        foreach (var s in report.Subnets)
        {
            var tail = spread ? " " + string.Join(" | ", Spread(s.Percentiles, report.Months)) + " |" : "";
            writer.WriteLine($"| {s.Id} | {s.Zone} | {N(s.Usable)} | {N(s.UsedNow)} | {Runway.Month(s.RunsOutInMonth, report.Months)} | {s.Reason ?? ""} |{tail}");
        }

        writer.WriteLine();
        var limited = HasNodeLimit(report);
        writer.WriteLine($"| node group | growth | pods now | nodes now | max nodes | maxNodes binds in |{(limited ? " node limit stops it in |" : "")} nodes at month {report.Months} |");
        writer.WriteLine(limited ? "|---|---|--:|--:|--:|---|---|--:|" : "|---|---|--:|--:|--:|---|--:|");
        foreach (var g in report.NodeGroups)
        {
            var limit = limited ? $" {Runway.Month(g.NodeLimitInMonth, report.Months)}{(g.NodeLimit is null ? "" : $": {g.NodeLimit}")} |" : "";
            writer.WriteLine($"| {g.Name} | {g.Growth ?? "none"} | {N(g.PodsNow)} | {N(g.NodesNow)} | {N(g.MaxNodes)} | {(g.Growth is null ? "" : Runway.Month(g.MaxNodesReachedInMonth, report.Months))} |{limit} {N(g.NodesAtHorizon)} |");
        }

        if (report.NodePools.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"| NodePool | growth | pending pods now | nodes now | limits | limits bind in | pending at month {report.Months} | nodes at month {report.Months} |");
            writer.WriteLine("|---|---|--:|--:|---|---|--:|--:|");
            foreach (var p in report.NodePools)
            {
                writer.WriteLine($"| {p.Name} | {p.Growth ?? "none"} | {N(p.PodsNow)} | {N(p.NodesNow)} | {p.Limits ?? "none"} | {PoolLimitMonth(p, report.Months)} | {Pods(p.PodsPendingAtHorizon)} | {N(p.NodesAtHorizon)} |");
            }
        }
    }

    /// <summary>After <c>recommend --runway</c>'s table: the runway each strategy buys (nothing without <c>--runway</c>).</summary>
    public static void WriteStrategies(TextWriter writer, RecommendReport report, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Runway is not { } runways)
        {
            return;
        }

        writer.WriteLine();
        if (markdown)
        {
            writer.WriteLine("| strategy | runway |");
            writer.WriteLine("|---|---|");
            foreach (var r in runways)
            {
                writer.WriteLine($"| {r.Strategy} | {r.Summary} |");
            }

            return;
        }

        writer.WriteLine("Runway each strategy buys (today's nodes, growing month by month):");
        var table = new TextTable("strategy", "runway");
        foreach (var r in runways)
        {
            table.AddRow(r.Strategy, r.Summary);
        }

        table.Write(writer);
    }

    private static void WriteMonths(TextWriter writer, RunwayReport report)
    {
        var growing = report.NodeGroups.Select((g, i) => (g, i)).Where(x => x.g.Growth is not null).ToList();
        List<string> headers = ["month"];
        foreach (var (g, _) in growing)
        {
            // What the growth wants, named so, beside what runs: pods that got their IPs, on nodes that started.
            headers.AddRange([$"{g.Name} pods wanted", $"{g.Name} pods", $"{g.Name} nodes"]);
        }

        var pools = report.NodePools.Select((p, i) => (p, i)).Where(x => x.p.Growth is not null).ToList();
        foreach (var (p, _) in pools)
        {
            headers.AddRange([$"{p.Name} pods wanted", $"{p.Name} pods", $"{p.Name} nodes"]);
        }

        headers.AddRange(report.Subnets.Select(s => s.Id));
        var table = new TextTable([.. headers]);
        var step = Math.Max(1, (int)Math.Ceiling(report.Months / (double)(MonthRows - 1)));
        foreach (var p in report.Points)
        {
            var marked = report.Subnets.Any(s => s.RunsOutInMonth == p.Month) || report.NodeGroups.Any(g => g.MaxNodesReachedInMonth == p.Month || g.NodeLimitInMonth == p.Month)
                || report.NodePools.Any(x => x.LimitsReachedInMonth == p.Month);
            if (p.Month % step != 0 && p.Month != report.Months && !marked)
            {
                continue;
            }

            List<string> row = [N(p.Month)];
            foreach (var (_, i) in growing)
            {
                row.AddRange([Pods(p.PodsWanted[i]), Pods(p.Pods[i]), N(p.Nodes[i])]);
            }

            foreach (var (_, i) in pools)
            {
                row.AddRange([Pods(p.PoolPodsWanted[i]), Pods(p.PoolPods[i]), N(p.PoolNodes[i])]);
            }

            row.AddRange(p.Used.Select(N));
            table.AddRow([.. row]);
        }

        writer.WriteLine("Pods and nodes per group, used addresses per subnet, at the end of each month:");
        table.Write(writer);
    }

    /// <summary>True when a group's node is stopped by its own limit on the mean path or in any run.</summary>
    public static bool HasNodeLimit(RunwayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.NodeGroups.Any(g => g.NodeLimitInMonth is not null || g.NodeLimitPercentiles is { ShareWithinHorizon: > 0 });
    }

    private static string[] Spread(MonthPercentiles? p, int horizon) =>
        p is null ? ["", "", ""] : [Cell(p.P10, horizon), Cell(p.P50, horizon), Cell(p.P90, horizon)];

    private static string Cell(int? month, int horizon) => month is { } m ? N(m) : $">{horizon}";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Grown pods: "1,000,000,000+" once a rate wants more than the runway counts (<see cref="RunwayOptions.MaxPodsCounted"/>).</summary>
    internal static string Pods(int value) => value >= RunwayOptions.MaxPodsCounted ? N(value) + "+" : N(value);
}
