using System.Text;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output.Html;

/// <summary>The runway in the HTML report: one line beside the verdict, then the chart and the tables.</summary>
internal static class RunwaySection
{
    /// <summary>The anchor of the runway section.</summary>
    public const string Id = "runway";

    /// <summary>With <c>recommend --runway</c>: a table of the runway each strategy buys (nothing otherwise).</summary>
    public static HtmlReport AddStrategyRunways(this HtmlReport report, RecommendReport recommend)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(recommend);
        if (recommend.Runway is not { } runways)
        {
            return report;
        }

        var html = new StringBuilder();
        html.Append("<table><thead><tr><th>strategy</th><th>runway</th></tr></thead><tbody>\n");
        foreach (var r in runways)
        {
            html.Append("<tr><td>").Append(Html.Text(r.Strategy)).Append("</td><td>").Append(Html.Text(r.Summary)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        return report.AddSection("Runway each strategy buys", html.ToString(), "strategy-runway");
    }

    /// <summary>Adds the runway to the verdict line and a section with the chart, subnets and node groups.</summary>
    public static HtmlReport AddRunway(this HtmlReport report, RunwayReport runway)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runway);
        var growth = RunwayText.GrowthLine(runway);
        if (report.Headline is { } headline)
        {
            report.SetHeadline($"{headline} Runway at {growth}: {runway.Verdict}.", report.HeadlineTone);
        }

        var html = new StringBuilder();
        html.Append("<p>").Append(Html.Text($"Growth: {growth}. {runway.Verdict}.")).Append("</p>\n");
        html.Append("<figure class=\"chart\">").Append(HtmlReport.InlineSvg(SimulationPlots.Svg(RunwayPlot.Chart(runway))))
            .Append("<figcaption>Used addresses per subnet at the end of each month; dashed lines are each subnet's usable addresses, diamonds the month it runs out.</figcaption></figure>\n");
        var spread = runway.Runs > 1;
        html.Append("<table><thead><tr><th>subnet</th><th>zone</th><th class=\"n\">usable</th><th class=\"n\">used now</th><th>runs out in</th><th>reason</th>");
        if (spread)
        {
            html.Append("<th>P10</th><th>P50</th><th>P90</th>");
        }

        html.Append("<th>held by</th></tr></thead><tbody>\n");
        foreach (var s in runway.Subnets)
        {
            html.Append("<tr><td>").Append(Html.Text(s.Id)).Append("</td><td>").Append(Html.Text(s.Zone)).Append("</td><td class=\"n\">")
                .Append(Html.Number(s.Usable)).Append("</td><td class=\"n\">").Append(Html.Number(s.UsedNow)).Append("</td><td>")
                .Append(Html.Text(Runway.Month(s.RunsOutInMonth, runway.Months))).Append("</td><td>").Append(Html.Text(s.Reason ?? "")).Append("</td>");
            if (spread && s.Percentiles is { } p)
            {
                foreach (var m in new[] { p.P10, p.P50, p.P90 })
                {
                    html.Append("<td>").Append(Html.Text(Runway.Month(m, runway.Months))).Append("</td>");
                }
            }

            html.Append("<td>").Append(Html.Text(s.Detail ?? "")).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (runway.NodeGroups.Count > 0)
        {
            // A node stopped by its own limit (max pods, ENIs, aws-node refusing) gets its columns only when one is.
            var limited = RunwayText.HasNodeLimit(runway);
            html.Append("<table><thead><tr><th>node group</th><th>growth</th><th class=\"n\">pods now</th><th class=\"n\">nodes now</th><th class=\"n\">max nodes</th><th>maxNodes binds in</th>");
            if (limited)
            {
                html.Append("<th>node limit stops it in</th>");
                if (spread)
                {
                    html.Append("<th>limit P10</th><th>limit P50</th><th>limit P90</th>");
                }

                html.Append("<th>node limit</th>");
            }

            html.Append("</tr></thead><tbody>\n");
            foreach (var g in runway.NodeGroups)
            {
                html.Append("<tr><td>").Append(Html.Text(g.Name)).Append("</td><td>").Append(Html.Text(g.Growth ?? "none")).Append("</td><td class=\"n\">")
                    .Append(Html.Number(g.PodsNow)).Append("</td><td class=\"n\">").Append(Html.Number(g.NodesNow)).Append("</td><td class=\"n\">")
                    .Append(Html.Number(g.MaxNodes)).Append("</td><td>").Append(g.Growth is null ? "" : Html.Text(Runway.Month(g.MaxNodesReachedInMonth, runway.Months)))
                    .Append("</td>");
                if (limited)
                {
                    html.Append("<td>").Append(Html.Text(Runway.Month(g.NodeLimitInMonth, runway.Months))).Append("</td>");
                    if (spread)
                    {
                        foreach (var m in g.NodeLimitPercentiles is { } p ? new[] { p.P10, p.P50, p.P90 } : [])
                        {
                            html.Append("<td>").Append(Html.Text(Runway.Month(m, runway.Months))).Append("</td>");
                        }

                        if (g.NodeLimitPercentiles is null)
                        {
                            html.Append("<td></td><td></td><td></td>");
                        }
                    }

                    html.Append("<td>").Append(Html.Text(g.NodeLimit ?? "")).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        if (runway.NodePools.Count > 0)
        {
            html.Append("<table><thead><tr><th>NodePool</th><th>growth</th><th class=\"n\">pending pods now</th><th class=\"n\">nodes now</th><th>limits</th><th>limits bind in</th>");
            if (spread)
            {
                html.Append("<th>P10</th><th>P50</th><th>P90</th>");
            }

            var poolLimited = runway.NodePools.Any(p => p.NodeLimitInMonth is not null);
            html.Append("<th class=\"n\">pending at month ").Append(Html.Number(runway.Months)).Append("</th><th class=\"n\">nodes at month ").Append(Html.Number(runway.Months)).Append("</th>")
                .Append(poolLimited ? "<th>node limit stops it in</th><th>node limit</th>" : "").Append("</tr></thead><tbody>\n");
            foreach (var p in runway.NodePools)
            {
                html.Append("<tr><td>").Append(Html.Text(p.Name)).Append("</td><td>").Append(Html.Text(p.Growth ?? "none")).Append("</td><td class=\"n\">")
                    .Append(Html.Number(p.PodsNow)).Append("</td><td class=\"n\">").Append(Html.Number(p.NodesNow)).Append("</td><td>")
                    .Append(Html.Text(p.Limits ?? "none")).Append("</td><td>").Append(Html.Text(RunwayText.PoolLimitMonth(p, runway.Months))).Append("</td>");
                if (spread)
                {
                    foreach (var m in p.Percentiles is { } q ? new[] { q.P10, q.P50, q.P90 } : [])
                    {
                        html.Append("<td>").Append(Html.Text(Runway.Month(m, runway.Months))).Append("</td>");
                    }

                    if (p.Percentiles is null)
                    {
                        html.Append("<td></td><td></td><td></td>");
                    }
                }

                html.Append("<td class=\"n\">").Append(Html.Text(RunwayText.Pods(p.PodsPendingAtHorizon))).Append("</td><td class=\"n\">").Append(Html.Number(p.NodesAtHorizon)).Append("</td>");
                if (poolLimited)
                {
                    html.Append("<td>").Append(Html.Text(Runway.Month(p.NodeLimitInMonth, runway.Months))).Append("</td><td>").Append(Html.Text(p.NodeLimit ?? "")).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        return report.AddSection($"Runway over {runway.Months} months", html.ToString(), Id);
    }
}
