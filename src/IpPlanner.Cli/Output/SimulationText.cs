using System.Globalization;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Cli.Output;

/// <summary>Simulation results for people.</summary>
internal static class SimulationText
{
    /// <summary>A NodePool's scale curve: per pending-pod count, the nodes launched, their types and every subnet's used addresses.</summary>
    public static void WriteNodePoolScale(TextWriter writer, Core.Simulation.NodePoolScaleReport report)
    {
        writer.WriteLine($"Scale curve of NodePool {report.NodePool}: {N(report.From)} to {N(report.To)} pending pods{(report.Launch == "burst" ? ", each count's NodeClaims launched at once" : "")}");
        writer.WriteLine();
        var headers = new List<string> { "pending pods", "scheduled", "nodes", "instance types" };
        headers.AddRange(report.Subnets.Select((s, i) => $"{s} (of {N(report.Usable[i])})"));
        headers.Add("stopped by");
        var table = new TextTable([.. headers]);
        var step = Math.Max(1, report.Points.Count / 20);
        for (var i = 0; i < report.Points.Count; i++)
        {
            var p = report.Points[i];
            if (i % step != 0 && i != report.Points.Count - 1 && p != report.FirstStopped)
            {
                continue;
            }

            var row = new List<string> { N(p.PendingPods), N(p.PodsScheduled), N(p.Nodes), string.Join(", ", p.InstanceTypes.Select(t => $"{N(t.Value)} x {t.Key}")) };
            row.AddRange(p.Used.Select(u => N(u)));
            row.Add(p.StoppedBy ?? "");
            table.AddRow([.. row]);
        }

        table.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"Verdict: {report.Verdict}.");
    }

    /// <summary>Where each subnet runs out, then the curve at about twenty node counts.</summary>
    public static void WriteScale(TextWriter writer, ScaleCurveReport report)
    {
        writer.WriteLine($"Scale curve of node group {report.NodeGroup}: {N(report.From)} to {N(report.To)} nodes{(report.Launch == "burst" ? $", each count launched at once from {N(report.From)}" : "")}");
        writer.WriteLine();
        var subnets = new TextTable("subnet", "zone", "usable", "runs out at node", "reason", "held by");
        foreach (var s in report.Subnets)
        {
            subnets.AddRow(s.Id, s.Zone, N(s.Usable), s.ExhaustedAtNodes is { } at ? N(at) : "-", s.Reason ?? "", s.Detail ?? "");
        }

        subnets.Write(writer);
        writer.WriteLine();
        var headers = new List<string> { "nodes" };
        headers.AddRange(report.Subnets.Select(s => s.Id));
        headers.Add("failed nodes");
        headers.Add("what happens");
        var curve = new TextTable([.. headers]);
        var step = Math.Max(1, report.Points.Count / 20);
        for (var i = 0; i < report.Points.Count; i++)
        {
            var p = report.Points[i];
            var events = Events(report, p.Nodes);
            if (i % step != 0 && i != report.Points.Count - 1 && events.Length == 0)
            {
                continue;
            }

            var row = new List<string> { N(p.Nodes) };
            row.AddRange(p.Used.Select(u => N(u)));
            row.Add(N(p.NodesFailed));
            row.Add(events);
            curve.AddRow([.. row]);
        }

        curve.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"Verdict: {report.Verdict}.");
    }

    /// <summary>"subnet-a full", "subnet-a runs out (addresses)", "node limit (max pods 29)" at the row where it happens.</summary>
    private static string Events(ScaleCurveReport report, int nodes)
    {
        var events = new List<string>();
        foreach (var s in report.Subnets)
        {
            if (nodes == 0 && s.FullAtStart)
            {
                events.Add($"{s.Id} already full");
            }

            if (s.ExhaustedAtNodes == nodes)
            {
                events.Add($"{s.Id} runs out ({s.Reason})");
            }
        }

        if (report.FirstNodeLimit is { } limit && limit.AtNodes == nodes)
        {
            events.Add($"node limit ({limit.Detail})");
        }

        return string.Join("; ", events);
    }

    /// <summary>What rolls and how: the first line of a node roll's report (text and HTML).</summary>
    public static string UpgradeHeadline(UpgradeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var atOnce = report.Kind == UpgradeRoll.NodePoolKind
            ? $"disruption budget {N(report.AtOnce)} at once"
            : $"maxUnavailable {N(report.AtOnce)}, {report.Strategy}";
        return $"{char.ToUpperInvariant(report.Kind[0])}{report.Kind[1..]} of {report.Name}: {N(report.Nodes)} nodes in {N(report.Zones)} zone{(report.Zones == 1 ? "" : "s")}, {atOnce}; " +
            $"{N(report.SurgeNodes)} extra node{(report.SurgeNodes == 1 ? "" : "s")} at the peak ({N(report.PeakNodes)} in all), {N(report.Batches)} batch{(report.Batches == 1 ? "" : "es")} of replacements run, new nodes launched {(report.Launch == "burst" ? "at once" : "one at a time")}";
    }

    /// <summary>A node roll: what rolls and how, every subnet before, at the peak and after, the verdict and the findings.</summary>
    public static void WriteUpgrade(TextWriter writer, UpgradeReport report)
    {
        writer.WriteLine(UpgradeHeadline(report));
        writer.WriteLine();
        var table = new TextTable("subnet", "zone", "usable", "before", "peak", "free at peak", "after");
        foreach (var s in report.Subnets)
        {
            table.AddRow(s.Id, s.Zone, N(s.Usable), N(s.Before), N(s.Peak), N(s.FreeAtPeak), N(s.After));
        }

        table.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"Verdict: {report.Verdict}.");
        foreach (var w in report.Warnings)
        {
            writer.WriteLine($"{w.Severity.ToString().ToLowerInvariant()} [{w.Code}]: {w.Message}");
        }
    }

    /// <summary>Per-subnet outlook over the runs, then the verdicts.</summary>
    public static void WriteTime(TextWriter writer, SimulationReport report)
    {
        writer.WriteLine($"Churn simulation: {report.Scenario}, {Minutes(report.DurationSeconds)} simulated, {N(report.Runs)} runs, seed {report.Seed}, ENI attach {report.EniAttachSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pods created per run: {report.MeanPodsCreated.ToString("N1", CultureInfo.InvariantCulture)} on average; found no node with room: {report.MeanPodsUnschedulable.ToString("N1", CultureInfo.InvariantCulture)}; still pending (no IP or no node) at the end: {report.MeanPodsPendingAtEnd.ToString("N1", CultureInfo.InvariantCulture)}."));
        writer.WriteLine();
        var table = new TextTable("subnet", "usable", "peak p50", "p95", "p99", "max", "P(exhaust)", "first failure p50", "pods failed (mean/max)");
        foreach (var s in report.Subnets)
        {
            table.AddRow(
                s.Id, N(s.Usable), N(s.PeakUsed.P50), N(s.PeakUsed.P95), N(s.PeakUsed.P99), N(s.PeakUsed.Max),
                s.ExhaustionProbability.ToString("P0", CultureInfo.InvariantCulture),
                s.TimeToFirstFailureSeconds is { } t ? Minutes(t.P50) : "-",
                $"{s.MeanPodsFailedToStart.ToString("0.#", CultureInfo.InvariantCulture)}/{s.MaxPodsFailedToStart}");
        }

        table.Write(writer);
        writer.WriteLine();
        foreach (var v in report.Verdicts)
        {
            writer.WriteLine($"- {v}");
        }
    }

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Minutes(double seconds) => seconds < 120 ? $"{seconds.ToString("0", CultureInfo.InvariantCulture)} s" : $"{(seconds / 60).ToString("0", CultureInfo.InvariantCulture)} min";
}
