using System.Globalization;
using ScottPlot;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output;

/// <summary>The runway chart with ScottPlot: used addresses per subnet over the months.</summary>
internal static class RunwayPlot
{
    /// <summary>Used addresses per subnet by month, each subnet's usable addresses dashed, the month it runs out marked.</summary>
    public static Plot Chart(RunwayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plot = SimulationPlots.NewPlot();
        var xs = report.Points.Select(p => (double)p.Month).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        SimulationPlots.UsableLines(plot, [.. report.Subnets.Select((s, i) => (s.Id, s.Usable, palette.GetColor(i)))], 1, 0);
        for (var s = 0; s < report.Subnets.Count; s++)
        {
            var subnet = report.Subnets[s];
            var color = palette.GetColor(s);
            if (report.Bands is { } bands)
            {
                var (bx, low) = Steps(bands[s].P10, report.Months);
                var (_, high) = Steps(bands[s].P90, report.Months);
                var band = plot.Add.FillY(bx, low, high);
                band.FillStyle.Color = color.WithAlpha(0.2);
                band.LineStyle.Width = 0;
                band.LegendText = "";
            }

            var line = plot.Add.ScatterLine(xs, report.Points.Select(p => (double)p.Used[s]).ToArray(), color);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{subnet.Id} ({subnet.Usable:N0} usable)");
            line.LineWidth = 2;
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            if (subnet.RunsOutInMonth is { } month)
            {
                var point = report.Points.First(p => p.Month == month);
                var marker = plot.Add.Marker(month, point.Used[s], MarkerShape.FilledDiamond, 12, color);
                marker.LegendText = $"{subnet.Id} runs out in month {month} ({subnet.Reason})";
            }
        }

        var growth = RunwayText.GrowthLine(report);
        plot.Title($"Runway: {report.Scenario}, {growth}");
        plot.XLabel(report.Bands is null ? "month" : string.Create(CultureInfo.InvariantCulture, $"month (lines: the mean rate; shaded: P10-P90 of {report.Runs:N0} runs)"));
        plot.YLabel("used addresses per subnet");
        plot.Axes.SetLimitsX(0, report.Months);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    // A month's value holds until the next month, as the lines' horizontal steps draw it.
    private static (double[] X, double[] Y) Steps(IReadOnlyList<int> values, int months)
    {
        var x = new double[values.Count * 2];
        var y = new double[values.Count * 2];
        for (var m = 0; m < values.Count; m++)
        {
            x[2 * m] = m;
            x[(2 * m) + 1] = Math.Min(m + 1, months);
            y[2 * m] = y[(2 * m) + 1] = values[m];
        }

        return (x, y);
    }
}
