using System.Globalization;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output;

/// <summary>The plan for people: a table for the meeting room and Markdown for the design doc.</summary>
internal static class PlanText
{
    private const int BarWidth = 20;

    /// <summary>Subnet table with utilization bars, node-group table, the verdict, then warnings.</summary>
    public static void WriteTable(TextWriter writer, PlanReport report)
    {
        writer.WriteLine($"Capacity plan: {report.Cluster.Name} ({report.Scenario})");
        writer.WriteLine();
        var subnets = new TextTable("subnet", "zone", "cidr", "usable", "used", "free", "free /28", "utilization", " ", "biggest users");
        foreach (var s in report.Subnets)
        {
            subnets.AddRow(s.Id, s.Zone, s.Cidr, N(s.Usable), N(s.Used), N(s.Free), N(s.FreePrefixes), Bar(s.Utilization), Pct(s.Utilization), TopUsers(s.UsedBy));
        }

        subnets.Write(writer);
        writer.WriteLine();
        if (report.NodeGroups.Count == 0)
        {
            // A VPC imported for a new cluster: where the room is, by zone, says where its subnets should go.
            var zones = new TextTable("zone", "subnets", "usable", "free", "free /28", "roomiest subnet", "its free");
            foreach (var z in ZoneRoom.From(report.Subnets))
            {
                zones.AddRow(z.Zone, N(z.Subnets), N(z.Usable), N(z.Free), N(z.FreePrefixes), z.RoomiestSubnet, N(z.RoomiestFree));
            }

            zones.Write(writer);
            writer.WriteLine();
            WriteNetworkAddressUsage(writer, report);
            writer.WriteLine($"Verdict: {report.Verdict}.");
            WriteWarningsAndAssumptions(writer, report);
            return;
        }

        var several = report.Clusters.Count > 1;
        var groups = new TextTable([.. GroupColumnsFor(several)]);
        foreach (var g in report.NodeGroups)
        {
            groups.AddRow([.. GroupRowFor(g, several)]);
        }

        groups.Write(writer);
        WriteReasons(writer, report);
        writer.WriteLine();
        if (several)
        {
            WriteClusters(writer, report);
        }

        writer.WriteLine($"{(several ? "VPC" : "Cluster")}: {ClusterLine(report.Cluster)}.");
        WriteNetworkAddressUsage(writer, report);
        writer.WriteLine($"Verdict: {report.Verdict}.");
        WriteWarningsAndAssumptions(writer, report);
    }

    /// <summary>Each cluster's totals and verdict (a VPC with several clusters).</summary>
    private static void WriteClusters(TextWriter writer, PlanReport report)
    {
        var table = new TextTable("cluster", "node groups", "pods planned", "pod capacity", "headroom", "pods that fit", "NAU units");
        foreach (var c in report.Clusters)
        {
            table.AddRow(c.Name, N(report.NodeGroups.Count(g => g.Cluster == c.Name)), N(c.PodsPlanned), N(c.PodCapacity), N(c.Headroom), N(c.PodsThatFit),
                (c.NetworkAddressUsage ?? 0).ToString("N0", CultureInfo.InvariantCulture));
        }

        table.Write(writer);
        foreach (var c in report.Clusters)
        {
            writer.WriteLine($"  {c.Name}: {c.Verdict}.");
        }

        writer.WriteLine();
        var bySubnet = new TextTable(["subnet", .. report.Clusters.Select(c => c.Name)]);
        foreach (var row in AddressesByCluster(report))
        {
            bySubnet.AddRow(row);
        }

        writer.WriteLine("Addresses by cluster:");
        bySubnet.Write(writer);
        writer.WriteLine();
    }

    /// <summary>
    /// <c>subnets[].usedByCluster</c> as rows: each subnet some cluster holds addresses in, then each cluster's count in
    /// file order (the VPC-wide consumers, NAT gateways, endpoints and load balancers, are no cluster's).
    /// </summary>
    internal static IEnumerable<string[]> AddressesByCluster(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var s in report.Subnets.Where(s => s.UsedByCluster.Values.Any(v => v > 0)))
        {
            yield return [s.Id, .. report.Clusters.Select(c => N(s.UsedByCluster.GetValueOrDefault(c.Name)))];
        }
    }

    /// <summary>"Network Address Usage: 6,720 of 64,000 units (10.5%)", with the peers' share when the VPC is peered.</summary>
    internal static string NetworkAddressUsage(NetworkAddressUsagePlan nau)
    {
        ArgumentNullException.ThrowIfNull(nau);
        var text = $"{L(nau.Units)} of {N(nau.Quota)} units ({Pct(nau.Share)})";
        if (nau.PeeredUnits is { } peers && nau.PeeredQuota is { } quota)
        {
            var together = nau.Units + peers;
            text += $"; with its same-Region peers {L(together)} of {N(quota)} ({Pct((double)together / quota)})";
        }

        return text;
    }

    private static void WriteNetworkAddressUsage(TextWriter writer, PlanReport report)
    {
        if (report.Vpc is { } vpc)
        {
            writer.WriteLine($"Network Address Usage: {NetworkAddressUsage(vpc.NetworkAddressUsage)}.");
        }
    }

    private static void WriteWarningsAndAssumptions(TextWriter writer, PlanReport report)
    {
        FindingText.WriteSection(writer, report.Warnings);

        writer.WriteLine();
        writer.WriteLine("Assumptions:");
        foreach (var a in report.Assumptions)
        {
            writer.WriteLine($"  - {a}");
        }
    }

    private static void WriteReasons(TextWriter writer, PlanReport report)
    {
        var reasons = report.NodeGroups.Where(g => g.PodsPerNodeReason is not null).ToList();
        if (reasons.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Pods per node:");
            foreach (var g in reasons)
            {
                writer.WriteLine($"  {g.PodsPerNodeReason}.");
            }
        }

        var types = report.NodeGroups.Where(g => g.InstanceTypesReason is not null).ToList();
        if (types.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Instance types:");
            foreach (var g in types)
            {
                writer.WriteLine($"  {g.InstanceTypesReason}.");
            }
        }

        if (report.NodePools.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Karpenter NodePools:");
            foreach (var p in report.NodePools)
            {
                writer.WriteLine($"  {p.Explanation}.");
            }
        }
    }

    /// <summary>The same content as GitHub-flavoured Markdown.</summary>
    public static void WriteMarkdown(TextWriter writer, PlanReport report)
    {
        writer.WriteLine($"## Capacity plan: {report.Cluster.Name}");
        writer.WriteLine();
        writer.WriteLine($"**Verdict:** {report.Verdict}.");
        writer.WriteLine();
        writer.WriteLine("| subnet | zone | cidr | usable | used | free | free /28 | utilization |");
        writer.WriteLine("|---|---|---|--:|--:|--:|--:|--:|");
        foreach (var s in report.Subnets)
        {
            writer.WriteLine($"| {s.Id} | {s.Zone} | {s.Cidr} | {N(s.Usable)} | {N(s.Used)} | {N(s.Free)} | {N(s.FreePrefixes)} | {Pct(s.Utilization)} |");
        }

        var several = report.Clusters.Count > 1;
        writer.WriteLine();
        var columns = GroupColumnsFor(several);
        writer.WriteLine($"| {string.Join(" | ", columns)} |");
        writer.WriteLine($"|{string.Concat(Enumerable.Repeat("---|", columns.Count - GroupColumns.Count + 2))}{string.Concat(Enumerable.Repeat("--:|", GroupColumns.Count - 2))}");
        foreach (var g in report.NodeGroups)
        {
            writer.WriteLine($"| {string.Join(" | ", GroupRowFor(g, several))} |");
        }

        if (several)
        {
            writer.WriteLine();
            writer.WriteLine("| cluster | pods planned | pod capacity | headroom | pods that fit | NAU units | verdict |");
            writer.WriteLine("|---|--:|--:|--:|--:|--:|---|");
            foreach (var c in report.Clusters)
            {
                writer.WriteLine($"| {c.Name} | {N(c.PodsPlanned)} | {N(c.PodCapacity)} | {N(c.Headroom)} | {N(c.PodsThatFit)} | {(c.NetworkAddressUsage ?? 0).ToString("N0", CultureInfo.InvariantCulture)} | {c.Verdict} |");
            }

            writer.WriteLine();
            writer.WriteLine($"| subnet | {string.Join(" | ", report.Clusters.Select(c => c.Name))} |");
            writer.WriteLine($"|---|{string.Concat(report.Clusters.Select(_ => "--:|"))}");
            foreach (var row in AddressesByCluster(report))
            {
                writer.WriteLine($"| {string.Join(" | ", row)} |");
            }
        }

        writer.WriteLine();
        writer.WriteLine($"{(several ? "VPC" : "Cluster")}: {ClusterLine(report.Cluster)}.");
        if (report.Vpc is { } vpc)
        {
            writer.WriteLine();
            writer.WriteLine($"Network Address Usage {NetworkAddressUsage(vpc.NetworkAddressUsage)}.");
        }
        if (report.Warnings.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("### Warnings");
            writer.WriteLine();
            foreach (var w in report.Warnings)
            {
                writer.WriteLine($"- **{w.SeverityText}** `{w.Code}` ({w.Subject}): {w.Message}{FindingText.Place(w)}");
            }
        }

        writer.WriteLine();
        writer.WriteLine("<details><summary>Assumptions</summary>");
        writer.WriteLine();
        foreach (var a in report.Assumptions)
        {
            writer.WriteLine($"- {a}");
        }

        writer.WriteLine();
        writer.WriteLine("</details>");
    }

    /// <summary>
    /// The node-group table's columns, each the words of one answer's name in the plan JSON (docs/answers.md), in the text,
    /// Markdown and HTML alike.
    /// </summary>
    internal static IReadOnlyList<string> GroupColumns { get; } =
        ["node group", "type", "max pods", "pod IPs/node", "pods/node", "nodes", "max nodes", "pod capacity", "nodes that fit", "pods on nodes that fit", "nodes when all grow"];

    /// <summary>One group's cells under <see cref="GroupColumns"/>.</summary>
    internal static IReadOnlyList<string> GroupRow(NodeGroupPlan g) =>
        [g.Name, g.InstanceType, N(g.MaxPodsPerNode), N(g.PodIpsPerNode), N(g.PodsPerNode), N(g.Nodes), N(g.MaxNodes), N(g.PodCapacity), N(g.NodesThatFit), N(g.PodsOnNodesThatFit), N(g.NodesWhenAllGrow)];

    /// <summary><see cref="GroupColumns"/>, led by the cluster's column when the VPC holds several clusters.</summary>
    internal static IReadOnlyList<string> GroupColumnsFor(bool severalClusters) =>
        severalClusters ? ["cluster", .. GroupColumns] : GroupColumns;

    /// <summary><see cref="GroupRow"/>, led by the group's cluster when the VPC holds several clusters.</summary>
    internal static IReadOnlyList<string> GroupRowFor(NodeGroupPlan g, bool severalClusters)
    {
        ArgumentNullException.ThrowIfNull(g);
        return severalClusters ? [g.Cluster, .. GroupRow(g)] : GroupRow(g);
    }

    /// <summary>"pods planned 330, pod capacity 840, headroom 510, pods that fit 620": the cluster's answers by their names.</summary>
    internal static string ClusterLine(ClusterPlan cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return $"pods planned {N(cluster.PodsPlanned)}, pod capacity {N(cluster.PodCapacity)}, {Headroom(cluster.Headroom)}, pods that fit {N(cluster.PodsThatFit)}";
    }

    /// <summary>"headroom 252", or "12 planned pods do not fit" when the plan does not fit: never a positive headroom beside it.</summary>
    internal static string Headroom(int headroom) =>
        headroom >= 0 ? $"headroom {N(headroom)}" : $"{N(-headroom)} planned pods do not fit";

    private static string Bar(double utilization)
    {
        var filled = (int)Math.Round(Math.Clamp(utilization, 0, 1) * BarWidth);
        return "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
    }

    private static string TopUsers(UsedBy u) => u.Largest(3);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string L(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
