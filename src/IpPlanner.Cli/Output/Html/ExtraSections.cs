using System.Text;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Cli.Output.Html;

/// <summary>The sections <c>simulate</c> and <c>recommend</c> add to the plan report: charts and tables.</summary>
internal static class ExtraSections
{
    /// <summary>
    /// The scale curve: a ScottPlot chart inline, and where each subnet runs out. <paramref name="marker"/> (the served
    /// page's slider) draws a vertical line at that node count.
    /// </summary>
    public static HtmlReport AddScaleCurve(this HtmlReport report, ScaleCurveReport curve, int? marker = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(curve);
        var plot = SimulationPlots.ScaleCurve(curve);
        if (marker is { } markerAt)
        {
            var line = plot.Add.VerticalLine(markerAt);
            line.LegendText = $"what-if: {markerAt.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} nodes";
            line.Color = ScottPlot.Colors.Black;
        }

        var caption = new StringBuilder().Append("Used addresses per subnet as node group ").Append(Html.Text(curve.NodeGroup))
            .Append(" grows from ").Append(Html.Number(curve.From)).Append(" to ").Append(Html.Number(curve.To))
            .Append(" nodes; dashed lines are each subnet's usable addresses, diamonds where it runs out.").ToString();
        var html = CurveHtml(plot, caption, "runs out at node", [.. curve.Subnets.Select(s => (s.Id, s.Zone, s.Usable, s.ExhaustedAtNodes, s.Reason, s.Detail))], curve.Verdict);
        return report.AddSection($"Scale curve: {curve.NodeGroup}", html, "scale-curve");
    }

    /// <summary>
    /// A NodePool's scale curve, as the node group's (<see cref="AddScaleCurve"/>): the chart against pending pods,
    /// where each subnet runs out, and where something first stops the pool.
    /// </summary>
    public static HtmlReport AddNodePoolScaleCurve(this HtmlReport report, NodePoolScaleReport curve)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(curve);
        var caption = new StringBuilder().Append("Used addresses per subnet as NodePool ").Append(Html.Text(curve.NodePool))
            .Append("'s pending pods grow from ").Append(Html.Number(curve.From)).Append(" to ").Append(Html.Number(curve.To))
            .Append("; dashed lines are each subnet's usable addresses, diamonds where it runs out, the dotted vertical line where the NodePool is first stopped.").ToString();
        var html = CurveHtml(
            SimulationPlots.NodePoolScaleCurve(curve),
            caption,
            "runs out at pending pods",
            [.. curve.SubnetsRunOut.Select(s => (s.Id, s.Zone, s.Usable, s.RunsOutAtPendingPods, s.Reason, (string?)null))],
            curve.Verdict);
        return report.AddSection($"Scale curve: NodePool {curve.NodePool}", html, "nodepool-scale-curve");
    }

    /// <summary>A scale curve's chart and caption, the table of where each subnet runs out, and the verdict.</summary>
    private static string CurveHtml(ScottPlot.Plot plot, string caption, string atHeader, IReadOnlyList<(string Id, string Zone, int Usable, int? At, string? Reason, string? Detail)> subnets, string verdict)
    {
        var html = new StringBuilder();
        html.Append("<figure class=\"chart\">").Append(HtmlReport.InlineSvg(SimulationPlots.Svg(plot)))
            .Append("<figcaption>").Append(caption).Append("</figcaption></figure>\n");
        html.Append("<table><thead><tr><th>subnet</th><th>zone</th><th class=\"n\">usable</th><th class=\"n\">").Append(Html.Text(atHeader)).Append("</th><th>reason</th><th>held by</th></tr></thead><tbody>\n");
        foreach (var s in subnets)
        {
            html.Append("<tr><td>").Append(Html.Text(s.Id)).Append("</td><td>").Append(Html.Text(s.Zone)).Append("</td><td class=\"n\">")
                .Append(Html.Number(s.Usable)).Append("</td><td class=\"n\">").Append(s.At is { } at ? Html.Number(at) : "&#8212;")
                .Append("</td><td>").Append(Html.Text(s.Reason ?? "")).Append("</td><td>").Append(Html.Text(s.Detail ?? "")).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n<p class=\"verdict\">Verdict: ").Append(Html.Text(verdict)).Append(".</p>\n");
        return html.ToString();
    }

    /// <summary>
    /// A node roll (<c>simulate --upgrade</c>): what rolls and how, every subnet before, at the peak and after, the
    /// verdict and the roll's findings, in the words of the text output (<see cref="SimulationText.WriteUpgrade"/>).
    /// </summary>
    public static HtmlReport AddUpgrade(this HtmlReport report, UpgradeReport roll)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(roll);
        var html = new StringBuilder();
        html.Append("<p>").Append(Html.Text(SimulationText.UpgradeHeadline(roll))).Append(".</p>\n");
        html.Append("<table><thead><tr><th>subnet</th><th>zone</th><th class=\"n\">usable</th><th class=\"n\">before</th><th class=\"n\">peak</th><th class=\"n\">free at peak</th><th class=\"n\">after</th></tr></thead><tbody>\n");
        foreach (var s in roll.Subnets)
        {
            html.Append("<tr><td>").Append(Html.Text(s.Id)).Append("</td><td>").Append(Html.Text(s.Zone))
                .Append("</td><td class=\"n\">").Append(Html.Number(s.Usable)).Append("</td><td class=\"n\">").Append(Html.Number(s.Before))
                .Append("</td><td class=\"n\">").Append(Html.Number(s.Peak)).Append("</td><td class=\"n\">").Append(Html.Number(s.FreeAtPeak))
                .Append("</td><td class=\"n\">").Append(Html.Number(s.After)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n<p class=\"verdict\">").Append(Html.Text(roll.Verdict)).Append(".</p>\n");
        if (roll.Warnings.Count > 0)
        {
            html.Append("<ul>");
            foreach (var w in roll.Warnings)
            {
                html.Append("<li>").Append(Html.Text($"{w.Severity.ToString().ToLowerInvariant()} [{w.Code}]: {w.Message}")).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        var title = $"{char.ToUpperInvariant(roll.Kind[0])}{roll.Kind[1..]}: {roll.Name}";
        return report.AddSection(title, html.ToString(), "upgrade");
    }

    /// <summary>The time view chart and the per-subnet Monte Carlo outlook.</summary>
    public static HtmlReport AddTimeView(this HtmlReport report, SimulationReport simulation)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(simulation);
        var html = new StringBuilder();
        html.Append("<ul>");
        foreach (var verdict in simulation.Verdicts)
        {
            html.Append("<li>").Append(Html.Text(verdict)).Append("</li>");
        }

        html.Append("</ul>\n<figure class=\"chart\">").Append(HtmlReport.InlineSvg(SimulationPlots.Svg(SimulationPlots.TimeView(simulation))))
            .Append("<figcaption>Median and p5&#8211;p95 band of used addresses per subnet over ").Append(Html.Number(simulation.Runs))
            .Append(" runs (seed ").Append(Html.Number(simulation.Seed)).Append(").</figcaption></figure>\n");
        html.Append("<table><thead><tr><th>subnet</th><th class=\"n\">usable</th><th class=\"n\">peak p50</th><th class=\"n\">p95</th><th class=\"n\">p99</th><th class=\"n\">max</th><th class=\"n\">P(exhaustion)</th><th class=\"n\">pods failed to start (mean)</th></tr></thead><tbody>\n");
        foreach (var s in simulation.Subnets)
        {
            html.Append("<tr><td>").Append(Html.Text(s.Id)).Append("</td><td class=\"n\">").Append(Html.Number(s.Usable))
                .Append("</td><td class=\"n\">").Append(Html.Number(s.PeakUsed.P50)).Append("</td><td class=\"n\">").Append(Html.Number(s.PeakUsed.P95))
                .Append("</td><td class=\"n\">").Append(Html.Number(s.PeakUsed.P99)).Append("</td><td class=\"n\">").Append(Html.Number(s.PeakUsed.Max))
                .Append("</td><td class=\"n\">").Append(Html.Percent(s.ExhaustionProbability)).Append("</td><td class=\"n\">")
                .Append(Html.Text(s.MeanPodsFailedToStart.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        return report.AddSection("Churn simulation", html.ToString(), "churn");
    }

    /// <summary>The strategies compared by <c>recommend</c>.</summary>
    public static HtmlReport AddRecommendations(this HtmlReport report, RecommendReport recommend)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(recommend);
        var html = new StringBuilder();
        html.Append("<p>Target: ").Append(Html.Text(recommend.Target.Description)).Append(". ").Append(Html.Text(recommend.Verdict)).Append(".</p>\n");
        html.Append("<table><thead><tr><th>strategy</th><th>fits</th><th class=\"n\">nodes</th><th class=\"n\">pod-subnet IPs used</th><th>smallest subnet per zone</th><th>changes, or why not</th></tr></thead><tbody>\n");
        foreach (var s in recommend.Strategies)
        {
            html.Append("<tr><td>").Append(s.Name == recommend.Best ? "<strong>" + Html.Text(s.Name) + "</strong>" : Html.Text(s.Name))
                .Append("</td><td>").Append(s.Fits ? "yes" : "no").Append("</td><td class=\"n\">").Append(Html.Number(s.Nodes))
                .Append("</td><td class=\"n\">").Append(Html.Number(s.PodSubnetAddressesUsed)).Append("</td><td>")
                .Append(Html.Text(string.Join(" ", s.SmallestPrefixPerZone.Select(z => $"{z.Zone}: {z.PrefixText}")))).Append("</td><td>");
            if (s.Fits)
            {
                html.Append(string.Join("<br />", s.Changes.Select(Html.Text)));
            }
            else
            {
                html.Append(Html.Text(s.WhyNot ?? ""));
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        if (recommend.Advice.Count > 0)
        {
            html.Append("<ul>");
            foreach (var a in recommend.Advice)
            {
                html.Append("<li>").Append(Html.Text(a.Reason)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        return report.AddSection("Recommendations", html.ToString(), "recommendations");
    }
}
