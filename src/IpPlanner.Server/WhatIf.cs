using System.Globalization;
using System.Net;
using System.Text;
using IpPlanner.Core;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;
using Microsoft.AspNetCore.Http;

namespace IpPlanner.Server;

/// <summary>
/// The page's what-if without a script (the report's Content-Security-Policy allows none): a plain form that sends
/// each node group's node count back as <c>?nodes.GROUP=N</c>; the page plans the file with those counts.
/// </summary>
internal static class WhatIf
{
    private const string Prefix = "nodes.";

    /// <summary>The scenario with the query's node counts; a count the loader would refuse is an <see cref="InputException"/>.</summary>
    public static Scenario Apply(Scenario scenario, IQueryCollection query)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = key[Prefix.Length..];
            if (scenario.NodeGroups.All(g => g.Name != name))
            {
                throw new InputException($"{key}: no node group is named '{name}' (node groups: {string.Join(", ", scenario.NodeGroups.Select(g => g.Name))})");
            }

            var text = values.FirstOrDefault() ?? "";
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var nodes) || nodes > CapacityPlanner.NodeSearchLimit)
            {
                throw new InputException($"{key}: '{text}' is not a node count (expected 0 to {CapacityPlanner.NodeSearchLimit:N0})");
            }

            counts[name] = nodes;
        }

        if (counts.Count == 0)
        {
            return scenario;
        }

        // maxNodes is the most the group scales to: a what-if above it raises it, as editing both in the file would.
        return scenario with
        {
            NodeGroups = [.. scenario.NodeGroups.Select(g => counts.TryGetValue(g.Name, out var n) ? g with { Nodes = n, MaxNodes = Math.Max(g.MaxNodes, n) } : g)],
        };
    }

    /// <summary>Puts the form at the top of the page, each group's field holding the count planned now.</summary>
    public static string AddForm(string page, Scenario file, Scenario planned)
    {
        var form = new StringBuilder("\n<form method=\"get\" action=\"/\" id=\"what-if\"><fieldset><legend>What if: nodes per group</legend>\n");
        foreach (var group in planned.NodeGroups)
        {
            var name = WebUtility.HtmlEncode(group.Name);
            var inFile = file.NodeGroups.First(g => g.Name == group.Name).Nodes;
            form.Append(CultureInfo.InvariantCulture,
                $"<label>{name} <input type=\"number\" name=\"nodes.{name}\" value=\"{group.Nodes}\" min=\"0\" max=\"{CapacityPlanner.NodeSearchLimit}\" /></label> <small>(file: {inFile})</small>\n");
        }

        form.Append("<button type=\"submit\">Plan</button> <a href=\"/\">back to the file</a></fieldset></form>\n");
        const string Main = "<main id=\"top\">";
        var at = page.IndexOf(Main, StringComparison.Ordinal);
        return at < 0 ? page : page.Insert(at + Main.Length, form.ToString());
    }
}
