using System.Text;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output.Html;

/// <summary>A subnet's usable addresses as one stacked bar by consumer, with the same parts spelled out beneath it.</summary>
internal static class SubnetUsageHtml
{
    /// <summary>One part of the bar: its legend words, its CSS class and how many addresses it has in a subnet.</summary>
    private sealed record Part(string Label, string Css, Func<SubnetPlan, int> Count);

    // Bar order: what nodes hold, then pods' own, then infrastructure, then what is left.
    private static readonly Part[] Parts =
    [
        new("node primaries", "u-node", s => s.UsedBy.NodePrimaries),
        new("ENI primaries", "u-eni", s => s.UsedBy.EniPrimaries),
        new("pod IPs", "u-pod", s => s.UsedBy.PodIps),
        new("idle warm IPs", "u-warm", s => s.UsedBy.IdleWarmIps),
        new("prefixes (/28)", "u-prefix", s => s.UsedBy.Prefixes),
        new("branch ENIs", "u-branch", s => s.UsedBy.BranchEnis),
        new("Fargate", "u-fargate", s => s.UsedBy.Fargate),
        new("load balancers", "u-lb", s => s.UsedBy.LoadBalancers),
        new("endpoints", "u-endpoint", s => s.UsedBy.Endpoints),
        new("NAT", "u-nat", s => s.UsedBy.NatGateways),
        new("control plane", "u-cp", s => s.UsedBy.ControlPlane),
        new("in use (other)", "u-inuse", s => s.UsedBy.InUse),
        new("reserved, unused", "u-reserved", s => s.Reserved),
        new("free", "u-free", s => s.Free),
    ];

    /// <summary>Every part with its swatch, in bar order.</summary>
    public static string Legend()
    {
        var html = new StringBuilder("<ul class=\"legend\">");
        foreach (var part in Parts)
        {
            html.Append("<li><span class=\"sw ").Append(part.Css).Append("\"></span>").Append(Html.Text(part.Label)).Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }

    /// <summary>The bar, the headline numbers and the non-zero parts with their counts.</summary>
    public static void Append(StringBuilder html, SubnetPlan subnet, bool prefixMode)
    {
        html.Append("<div class=\"subnet\">\n<div class=\"subnet-head\"><span class=\"id\">").Append(Html.Text(subnet.Id))
            .Append("</span><span class=\"mono muted\">").Append(Html.Text(subnet.Cidr))
            .Append("</span><span class=\"util\">").Append(Html.Text(Html.Percent(subnet.Utilization))).Append(" used</span></div>\n");

        var shown = Parts.Select(p => (Part: p, Count: Math.Max(0, p.Count(subnet)))).Where(p => p.Count > 0).ToList();
        html.Append("<div class=\"bar\" role=\"img\" aria-label=\"").Append(Html.Text(Describe(shown))).Append("\">");
        foreach (var (part, count) in shown)
        {
            html.Append("<span class=\"").Append(part.Css).Append("\" style=\"flex-grow:").Append(count)
                .Append("\" title=\"").Append(Html.Text($"{part.Label}: {Html.Number(count)}")).Append("\"></span>");
        }

        html.Append("</div>\n<p class=\"facts\">").Append(Html.Number(subnet.Used)).Append(" of ").Append(Html.Number(subnet.Usable))
            .Append(" usable in use · ").Append(Html.Number(subnet.Free)).Append(" free · ");
        // No free /28 is an alert only where nodes run prefix delegation; secondary IPs do not need one.
        if (subnet.FreePrefixes == 0 && prefixMode)
        {
            html.Append("<span class=\"alert\">no free /28</span>");
        }
        else
        {
            html.Append("<strong>").Append(Html.Number(subnet.FreePrefixes)).Append("</strong> free /28");
        }

        if (prefixMode)
        {
            html.Append(" · fragmentation ").Append(Html.Text(Html.Percent(subnet.FragmentationScore)));
        }

        html.Append("</p>\n<ul class=\"parts\">");
        foreach (var (part, count) in shown)
        {
            html.Append("<li><span class=\"sw ").Append(part.Css).Append("\"></span>").Append(Html.Text(part.Label)).Append(' ')
                .Append(Html.Number(count)).Append("</li>");
        }

        html.Append("</ul>\n</div>\n");
    }

    private static string Describe(List<(Part Part, int Count)> shown) =>
        string.Join(", ", shown.Select(p => $"{p.Part.Label} {Html.Number(p.Count)}"));
}
