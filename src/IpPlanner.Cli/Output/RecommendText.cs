using System.Globalization;
using IpPlanner.Core.Planning.Recommend;

namespace IpPlanner.Cli.Output;

/// <summary>Recommendations for people: strategies side by side, the changes of the ones that fit, knob advice.</summary>
internal static class RecommendText
{
    /// <summary>The table view.</summary>
    public static void WriteTable(TextWriter writer, RecommendReport report)
    {
        writer.WriteLine($"Recommendations for {report.Scenario}: target {report.Target.Description}");
        writer.WriteLine($"  ({string.Join(", ", report.Target.Nodes.Select(n => $"{n.Key} {N(n.Value)} nodes").Concat(report.Target.PendingPods.Select(p => $"NodePool {p.Key} {N(p.Value)} pending pods")))})");
        writer.WriteLine();
        var table = new TextTable("strategy", "fits", "nodes", "pods", "pod-subnet IPs used", "smallest subnet per zone");
        foreach (var s in report.Strategies)
        {
            table.AddRow(s.Name, s.Fits ? "yes" : "no", N(s.Nodes), N(s.Pods), N(s.PodSubnetAddressesUsed),
                string.Join(" ", s.SmallestPrefixPerZone.Select(z => $"{z.Zone}:{z.PrefixText}")));
        }

        table.Write(writer);
        writer.WriteLine();
        foreach (var s in report.Strategies)
        {
            writer.WriteLine($"{(s.Name == report.Best ? "* " : "  ")}{s.Name}: {(s.Fits ? "fits" : "does not fit")} - {s.Summary}");
            if (!s.Fits && s.WhyNot is not null)
            {
                writer.WriteLine($"      why not: {s.WhyNot}");
            }
            else
            {
                foreach (var change in s.Changes)
                {
                    writer.WriteLine($"      {change}");
                }
            }
        }

        if (report.Advice.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Knob advice, by addresses freed:");
            foreach (var a in report.Advice)
            {
                writer.WriteLine($"  - {a.Reason}");
            }
        }

        writer.WriteLine();
        writer.WriteLine($"Verdict: {report.Verdict}.");
        foreach (var w in report.Warnings ?? [])
        {
            writer.WriteLine($"{w.Severity.ToString().ToLowerInvariant()} [{w.Code}]: {w.Message}");
        }
    }

    /// <summary>The same as Markdown for a design doc.</summary>
    public static void WriteMarkdown(TextWriter writer, RecommendReport report)
    {
        writer.WriteLine($"## Recommendations: {report.Scenario}");
        writer.WriteLine();
        writer.WriteLine($"Target: {report.Target.Description}. **Verdict:** {report.Verdict}.");
        writer.WriteLine();
        writer.WriteLine("| strategy | fits | nodes | pod-subnet IPs used | smallest subnet per zone | changes or reason |");
        writer.WriteLine("|---|---|--:|--:|---|---|");
        foreach (var s in report.Strategies)
        {
            var detail = s.Fits ? string.Join("<br>", s.Changes) : s.WhyNot ?? "";
            writer.WriteLine($"| {(s.Name == report.Best ? "**" + s.Name + "**" : s.Name)} | {(s.Fits ? "yes" : "no")} | {N(s.Nodes)} | {N(s.PodSubnetAddressesUsed)} | {string.Join(" ", s.SmallestPrefixPerZone.Select(z => $"{z.Zone}: {z.PrefixText}"))} | {detail} |");
        }

        if (report.Advice.Count > 0)
        {
            writer.WriteLine();
            foreach (var a in report.Advice)
            {
                writer.WriteLine($"- {a.Reason}");
            }
        }

        if (report.Warnings is { Count: > 0 } warnings)
        {
            writer.WriteLine();
            foreach (var w in warnings)
            {
                writer.WriteLine($"- **{w.Severity.ToString().ToLowerInvariant()}** `{w.Code}` ({w.Subject}): {w.Message}");
            }
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
