using System.Text;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output.Html;

/// <summary>
/// The capacity plan as an <see cref="HtmlReport"/>: the verdict, a card per zone with each subnet's usage by
/// consumer, /28 block maps for prefix delegation, the node groups, the warnings and the assumptions. Callers may
/// append more sections before rendering.
/// </summary>
internal static class PlanHtml
{
    /// <summary>
    /// The report of <paramref name="report"/>, as the plan gives it: its /28 block maps (<see cref="PlanReport.BlockMaps"/>,
    /// present where nodes really run prefix delegation) included; nothing is planned again here.
    /// </summary>
    public static HtmlReport Create(PlanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var prefixMode = report.BlockMaps.Count > 0;
        var html = new HtmlReport($"Capacity plan: {report.Cluster.Name}", $"Scenario {report.Scenario} · IpPlanner pod IP plan for Amazon EKS on the Amazon VPC CNI");
        html.SetHeadline($"Verdict: {report.Verdict}.", Tone(report));
        html.AddSection("Subnets by zone", Zones(report, prefixMode), "zones");
        html.AddSection("Node groups", NodeGroups(report), "node-groups");
        if (report.Clusters.Count > 1)
        {
            html.AddSection("Clusters", Clusters(report), "clusters");
        }

        if (report.Vpc is { } vpc)
        {
            html.AddSection("VPC quotas", VpcQuotas(vpc), "vpc");
        }

        html.AddSection("Warnings", Warnings(report.Warnings), "warnings");
        if (prefixMode)
        {
            html.AddSection("/28 block maps (prefix delegation)", BlockMaps(report), "block-maps");
        }

        html.AddSection("Assumptions", Assumptions(report.Assumptions), "assumptions");
        return html;
    }

    /// <summary>The badge beside the verdict: <see cref="PlanReport.Severity"/>, which the served page's summary shows too.</summary>
    internal static HeadlineTone Tone(PlanReport report) => report.Severity switch
    {
        "error" => HeadlineTone.Error,
        "warning" => HeadlineTone.Warning,
        _ => HeadlineTone.Ok,
    };

    private static string Zones(PlanReport report, bool prefixMode)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"intro\">Each bar is a subnet's usable addresses (AWS's 5 reserved left out), split by what holds them; the numbers under it add up to the bar.</p>\n")
            .Append(SubnetUsageHtml.Legend()).Append("\n<div class=\"cards\">\n");
        foreach (var zone in report.Subnets.GroupBy(s => s.Zone, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var subnets = zone.ToList();
            var count = subnets.Count;
            html.Append("<div class=\"card\">\n<div class=\"card-head\"><h3>").Append(Html.Text(zone.Key)).Append("</h3><span class=\"muted\">")
                .Append(count).Append(count == 1 ? " subnet · " : " subnets · ").Append(Html.Number(subnets.Sum(s => s.Free))).Append(" free of ")
                .Append(Html.Number(subnets.Sum(s => s.Usable))).Append(" · ").Append(Html.Number(subnets.Sum(s => s.FreePrefixes))).Append(" free /28</span></div>\n");
            foreach (var subnet in subnets)
            {
                SubnetUsageHtml.Append(html, subnet, prefixMode);
            }

            html.Append("</div>\n");
        }

        return html.Append("</div>").ToString();
    }

    private static string NodeGroups(PlanReport report)
    {
        var html = new StringBuilder();
        if (report.NodeGroups.Count == 0)
        {
            return "<p>No EC2 node groups in this scenario.</p>";
        }

        // The columns are the text table's, by the same names (PlanText.GroupColumnsFor), plus what stops more nodes.
        var several = report.Clusters.Count > 1;
        var lead = several ? 3 : 2;
        html.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
        foreach (var (column, i) in PlanText.GroupColumnsFor(several).Select((c, i) => (c, i)))
        {
            html.Append(i < lead ? "<th>" : "<th class=\"n\">").Append(Html.Text(column)).Append("</th>");
        }

        html.Append("<th>what stops more nodes</th></tr></thead>\n<tbody>\n");
        foreach (var g in report.NodeGroups)
        {
            var isShort = g.NodesThatFit < g.Nodes;
            html.Append("<tr>").Append(several ? $"<td class=\"id\">{Html.Text(g.Cluster)}</td>" : "").Append("<td class=\"id\">").Append(Html.Text(g.Name)).Append("</td><td class=\"mono\">").Append(Html.Text(g.InstanceType)).Append("</td>")
                .Append(Cell(g.MaxPodsPerNode)).Append(Cell(g.PodIpsPerNode)).Append(Cell(g.PodsPerNode)).Append(Cell(g.Nodes)).Append(Cell(g.MaxNodes))
                .Append(Cell(g.PodCapacity))
                .Append("<td class=\"n").Append(isShort ? " short" : "").Append("\">").Append(isShort ? "\u2716 " : "").Append(Html.Number(g.NodesThatFit))
                .Append(isShort ? $" of {Html.Number(g.Nodes)}" : "").Append("</td>").Append(Cell(g.PodsOnNodesThatFit)).Append(Cell(g.NodesWhenAllGrow))
                .Append("<td class=\"limit\">").Append(Html.Text(g.NodesThatFitLimit ?? "")).Append("</td></tr>\n");
        }

        var c = report.Cluster;
        html.Append("</tbody>\n<tfoot><tr><td colspan=\"").Append(PlanText.GroupColumnsFor(several).Count + 1).Append("\">").Append(several ? "Clusters " : "Cluster ").Append(Html.Text(c.Name)).Append(": ")
            .Append(Html.Text(PlanText.ClusterLine(c))).Append("</td></tr></tfoot>\n</table></div>");
        foreach (var g in report.NodeGroups.Where(g => g.PodsPerNodeReason is not null))
        {
            html.Append("\n<p class=\"pods-per-node\">").Append(Html.Text(g.PodsPerNodeReason!)).Append(".</p>");
        }

        foreach (var g in report.NodeGroups.Where(g => g.InstanceTypesReason is not null))
        {
            html.Append("\n<p class=\"instance-types\">").Append(Html.Text(g.InstanceTypesReason!)).Append(".</p>");
        }

        foreach (var p in report.NodePools)
        {
            html.Append("\n<p class=\"node-pool\">Karpenter NodePool ").Append(Html.Text(p.Explanation)).Append(".</p>");
        }

        return html.ToString();
    }

    private static string Cell(int value) => $"<td class=\"n\">{Html.Number(value)}</td>";

    private static string Clusters(PlanReport report)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"intro\">The clusters of the VPC, planned in file order on the same subnets, then the addresses each holds in each subnet.</p>\n")
            .Append("<div class=\"table-wrap\"><table>\n<thead><tr><th>cluster</th><th class=\"n\">node groups</th><th class=\"n\">pods planned</th><th class=\"n\">pod capacity</th>")
            .Append("<th class=\"n\">headroom</th><th class=\"n\">pods that fit</th><th class=\"n\">NAU units</th><th>verdict</th></tr></thead>\n<tbody>\n");
        foreach (var c in report.Clusters)
        {
            html.Append("<tr><td class=\"id\">").Append(Html.Text(c.Name)).Append("</td>").Append(Cell(report.NodeGroups.Count(g => g.Cluster == c.Name)))
                .Append(Cell(c.PodsPlanned)).Append(Cell(c.PodCapacity)).Append(Cell(c.Headroom)).Append(Cell(c.PodsThatFit))
                .Append("<td class=\"n\">").Append(Html.Text((c.NetworkAddressUsage ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))).Append("</td>")
                .Append("<td class=\"limit\">").Append(Html.Text(c.Verdict ?? "")).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>subnet</th>");
        foreach (var c in report.Clusters)
        {
            html.Append("<th class=\"n\">").Append(Html.Text(c.Name)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in PlanText.AddressesByCluster(report))
        {
            html.Append("<tr><td class=\"id\">").Append(Html.Text(row[0])).Append("</td>");
            foreach (var cell in row.Skip(1))
            {
                html.Append("<td class=\"n\">").Append(Html.Text(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table></div>").ToString();
    }

    private static string VpcQuotas(VpcPlan vpc)
    {
        var nau = vpc.NetworkAddressUsage;
        var used = Math.Min(nau.Units, nau.Quota);
        return new StringBuilder()
            .Append("<p class=\"intro\">Network Address Usage counts each address and extra ENI of an instance, each /28 prefix, each Fargate or security-group pod once, and NAT gateways, interface endpoints and NLBs six per zone; EC2 refuses a launch, an ENI or an address past the quota.</p>\n")
            .Append("<div class=\"bar\" role=\"img\" aria-label=\"Network Address Usage against its quota\"><span class=\"u-node\" style=\"flex-grow:")
            .Append(used.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\"></span><span class=\"u-free\" style=\"flex-grow:")
            .Append((nau.Quota - used).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\"></span></div>\n")
            .Append("<p>Network Address Usage: ").Append(Html.Text(PlanText.NetworkAddressUsage(nau))).Append(".</p>\n")
            .Append("<p>IPv4 CIDR blocks: ").Append(Html.Number(vpc.CidrBlocks)).Append(" of ").Append(Html.Number(vpc.CidrBlockQuota)).Append(" (the VPC's quota).</p>")
            .ToString();
    }

    private static string Warnings(IReadOnlyList<Finding> warnings)
    {
        if (warnings.Count == 0)
        {
            return "<p>No warnings.</p>";
        }

        var html = new StringBuilder();
        var bySeverity = warnings.GroupBy(w => w.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {Noun(g.Key, g.Count())}");
        html.Append("<p class=\"intro\">").Append(Html.Text(string.Join(", ", bySeverity))).Append(", most severe first; the code names the rule.</p>\n<ol class=\"findings\">\n");

        // Stable: the engine's order within a severity is kept.
        foreach (var w in warnings.OrderByDescending(w => w.Severity))
        {
            var (css, mark) = w.Severity switch
            {
                Severity.Error => ("sev-error", "\u2716 error"),
                Severity.Warning => ("sev-warning", "\u25B2 warning"),
                _ => ("sev-info", "\u25CF info"),
            };
            html.Append("<li><span class=\"sev ").Append(css).Append("\">").Append(Html.Text(mark)).Append("</span><div><div class=\"finding-head\"><code>")
                .Append(Html.Text(w.Code)).Append("</code><span class=\"muted\">").Append(Html.Text(w.Subject)).Append("</span></div><div>")
                .Append(Html.Text(w.Message)).Append("</div></div></li>\n");
        }

        return html.Append("</ol>").ToString();
    }

    private static string Noun(Severity severity, int count) => (severity, count == 1) switch
    {
        (Severity.Error, true) => "error",
        (Severity.Error, false) => "errors",
        (Severity.Warning, true) => "warning",
        (Severity.Warning, false) => "warnings",
        _ => "info",
    };

    private static string BlockMaps(PlanReport report)
    {
        var html = new StringBuilder();
        html.Append("<p class=\"intro\">One square per aligned /28 in address order, ").Append(BlockMapHtml.BlocksPerRow)
            .Append(" to a row (each row starts at the address on its left). A node gets a new prefix only from a wholly free square; partly used ones are fragmentation.");
        if (report.BlockMaps.Count < report.Subnets.Count)
        {
            html.Append(" Shown: the subnets node pods draw addresses from.");
        }

        html.Append("</p>\n").Append(BlockMapHtml.Legend()).Append("\n<div class=\"maps\">\n");
        foreach (var map in report.BlockMaps)
        {
            BlockMapHtml.Append(html, map);
        }

        return html.Append("</div>").ToString();
    }

    private static string Assumptions(IReadOnlyList<string> assumptions)
    {
        var html = new StringBuilder("<ul class=\"assumptions\">\n");
        foreach (var a in assumptions)
        {
            html.Append("<li>").Append(Html.Text(a)).Append("</li>\n");
        }

        return html.Append("</ul>").ToString();
    }
}
