using System.Globalization;
using ScottPlot;
using IpPlanner.Core.Input;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Cli.Output;

/// <summary>Charts of simulation results with ScottPlot: the scale curve and the time view.</summary>
internal static class SimulationPlots
{
    private const int Width = 1200;
    private const int Height = 560;
    private const string ChartFile = "the chart";

    /// <summary>Used addresses per subnet against node count, each subnet's usable line, exhaustion points marked.</summary>
    public static Plot ScaleCurve(ScaleCurveReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Curve(
            [.. report.Points.Select(p => (double)p.Nodes)],
            [.. report.Subnets.Select((s, i) => new CurveSubnet(s.Id, s.Usable, [.. report.Points.Select(p => p.Used[i])], s.ExhaustedAtNodes, s.Reason))],
            report.From,
            "nodes",
            $"Scale curve: node group {report.NodeGroup}, {N(report.From)} to {N(report.To)} nodes",
            $"nodes in group {report.NodeGroup}");
    }

    /// <summary>
    /// A NodePool's scale curve, drawn as the node group's (<see cref="ScaleCurve(ScaleCurveReport)"/>): used addresses per
    /// subnet against pending pods, each subnet's usable line, a diamond where a subnet runs out, and a vertical line
    /// where something first stops the pool (its limits, addresses, or no type fitting).
    /// </summary>
    public static Plot NodePoolScaleCurve(NodePoolScaleReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = Curve(
            [.. report.Points.Select(p => (double)p.PendingPods)],
            [.. report.SubnetsRunOut.Select((s, i) => new CurveSubnet(s.Id, s.Usable, [.. report.Points.Select(p => p.Used[i])], s.RunsOutAtPendingPods, s.Reason))],
            report.From,
            "pending pods",
            $"Scale curve: NodePool {report.NodePool}, {N(report.From)} to {N(report.To)} pending pods",
            $"pending pods of NodePool {report.NodePool}");
        if (report.FirstStopped is { } stopped)
        {
            var line = plot.Add.VerticalLine(stopped.PendingPods, 1.5f, Colors.DimGray, LinePattern.Dotted);
            line.LegendText = $"first stopped at {N(stopped.PendingPods)} pending pods ({stopped.StoppedBy})";
        }

        return plot;
    }

    /// <summary>The scale curve's chart, whatever its x axis counts: one step line per subnet, its usable line, a diamond where it runs out.</summary>
    private static Plot Curve(double[] xs, IReadOnlyList<CurveSubnet> subnets, double left, string unit, string title, string xLabel)
    {
        var plot = NewPlot();
        var palette = new ScottPlot.Palettes.Category10();
        var top = 0.0;
        UsableLines(plot, [.. subnets.Select((s, i) => (s.Id, s.Usable, palette.GetColor(i)))], 1.5f, left);
        for (var s = 0; s < subnets.Count; s++)
        {
            var subnet = subnets[s];
            var color = palette.GetColor(s);
            var ys = subnet.Used.Select(u => (double)u).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LegendText = $"{subnet.Id} (dashed: {N(subnet.Usable)} usable)";
            line.LineWidth = 2;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            top = Math.Max(top, Math.Max(subnet.Usable, ys.DefaultIfEmpty(0).Max()));
            if (subnet.RunsOutAt is { } at)
            {
                var point = Array.IndexOf(xs, (double)at);
                if (point >= 0)
                {
                    var marker = plot.Add.Marker(at, ys[point], MarkerShape.FilledDiamond, 12, color);
                    marker.LegendText = $"{subnet.Id} exhausted at {N(at)} {unit} ({subnet.Reason})";
                }
            }
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("used addresses per subnet");
        FromZero(plot, top);
        LegendBelow(plot);
        return plot;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Median and p5–p95 band of used addresses per subnet over simulated time, each subnet's usable line.</summary>
    public static Plot TimeView(SimulationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = NewPlot();
        var xs = report.SampleSeconds.Select(t => t / 60.0).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var top = 0.0;
        UsableLines(plot, [.. report.Series.Select((s, i) => (s.Id, s.Usable, palette.GetColor(i)))], 1.5f, xs.DefaultIfEmpty(0).Min());
        for (var s = 0; s < report.Series.Count; s++)
        {
            var series = report.Series[s];
            var color = palette.GetColor(s);
            var band = plot.Add.FillY(xs, series.P5.ToArray(), series.P95.ToArray());
            band.FillStyle.Color = color.WithAlpha(0.25);
            band.LineStyle.Width = 0;
            band.LegendText = "";
            var median = plot.Add.ScatterLine(xs, series.P50.ToArray(), color);
            median.LineWidth = 2;
            median.LegendText = $"{series.Id} (dashed: {series.Usable.ToString("N0", CultureInfo.InvariantCulture)} usable)";
            top = Math.Max(top, Math.Max(series.Usable, series.P95.DefaultIfEmpty(0).Max()));
        }

        plot.Title($"Used addresses over time: median and p5-p95 band of {report.Runs.ToString("N0", CultureInfo.InvariantCulture)} runs, seed {report.Seed}");
        plot.XLabel("simulated time (minutes)");
        plot.YLabel("used addresses per subnet");
        FromZero(plot, top);
        LegendBelow(plot);
        return plot;
    }

    /// <summary>
    /// Each subnet's usable addresses as a dashed line: the ceiling its curve runs into, in the subnet's colour. Subnets
    /// of the same size share one line, in grey, labelled at its left end (<paramref name="left"/>) with every subnet it
    /// stands for, since lines drawn on top of each other would show only the last one's colour. The label is on the
    /// chart, not in the legend, so the legend (and what the served page adds to it) keeps its size.
    /// </summary>
    internal static void UsableLines(Plot plot, IReadOnlyList<(string Id, int Usable, Color Color)> subnets, float width, double left)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(subnets);
        foreach (var same in subnets.GroupBy(s => s.Usable))
        {
            var alike = same.ToList();
            var line = plot.Add.HorizontalLine(same.Key, width, alike.Count == 1 ? alike[0].Color : Colors.Gray, LinePattern.Dashed);
            line.LegendText = "";
            if (alike.Count > 1)
            {
                var label = plot.Add.Text($"{same.Key.ToString("N0", CultureInfo.InvariantCulture)} usable: {string.Join(", ", alike.Select(s => s.Id))}", left, same.Key);
                label.LabelFontSize = 11;
                label.LabelFontColor = Colors.DimGray;
                label.LabelAlignment = Alignment.LowerLeft;
            }
        }
    }

    /// <summary>One subnet of a scale curve: its usable addresses, used addresses at each point, where (x) it runs out and why.</summary>
    private sealed record CurveSubnet(string Id, int Usable, IReadOnlyList<int> Used, int? RunsOutAt, string? Reason);

    /// <summary>The y axis from 0 (so heights compare) to a little above the highest limit or value.</summary>
    private static void FromZero(Plot plot, double top) => plot.Axes.SetLimitsY(0, Math.Max(1, top) * 1.06);

    /// <summary>The legend under the chart in rows, so the chart keeps the width.</summary>
    private static void LegendBelow(Plot plot)
    {
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>
    /// Throws the <see cref="InputException"/> that <see cref="Save"/> would throw for <paramref name="path"/>
    /// (not .png or .svg, or not writable), so <c>simulate</c> can refuse it before simulating.
    /// </summary>
    public static void CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetExtension(path).ToLowerInvariant() is not ".png" and not ".svg")
        {
            throw new InputException($"--plot: '{path}' must end in .png or .svg");
        }

        AtomicFile.CheckTarget(path, ChartFile);
    }

    /// <summary>Writes PNG or SVG by the file's extension, atomically (temp file, then rename).</summary>
    public static void Save(Plot plot, string path)
    {
        ArgumentNullException.ThrowIfNull(plot);
        CheckPath(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var bytes = extension == ".png"
            ? plot.GetImageBytes(Width, Height, ImageFormat.Png)
            : new System.Text.UTF8Encoding(false).GetBytes(plot.GetSvgXml(Width, Height));
        AtomicFile.WriteAllBytes(path, bytes, ChartFile);
    }

    /// <summary>
    /// A new plot whose axis tick labels are formatted as ScottPlot's default formatter formats them
    /// (<c>ScottPlot.TickGenerators.LabelFormatters.Numeric</c>: N0 for round or large values, else G), but with the
    /// invariant culture: the default follows the current one, so a chart drawn under de-DE read "1.000".
    /// </summary>
    internal static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickLabel };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickLabel };
        return plot;
    }

    private static string TickLabel(double value)
    {
        if ((int)value == value || Math.Abs(value) > 1000)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        var label = Math.Round(value, 10).ToString("G", CultureInfo.InvariantCulture);
        return label == "-0" ? "0" : label;
    }

    /// <summary>The chart as inline SVG markup (for the HTML report).</summary>
    public static string Svg(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.GetSvgXml(Width, Height);
    }
}
