using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;
using IpPlanner.Server;
using IpPlanner.Tests.Cli.Html;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// The answers to "how many pods fit" (docs/answers.md) are one set of numbers under one set of names, whichever surface
/// shows them, and each means what the page says: for every group of every sample, a scale curve of the group alone
/// runs out at its <c>nodesThatFit</c> + 1 (and the curve to its maxNodes never runs out when that many fit), the
/// verdict names each group's <c>nodesWhenAllGrow</c> and stops at the node after it, and the text, the Markdown, the
/// HTML report and the served page show the plan JSON's numbers in columns named after its keys.
/// </summary>
public sealed partial class AnswersAgreeTests
{
    /// <summary>The answers by their JSON key, and the words the text, Markdown and HTML tables head their column with.</summary>
    private static readonly (string Key, string Column)[] GroupAnswers =
    [
        ("podCapacity", "pod capacity"), ("nodesThatFit", "nodes that fit"), ("podsOnNodesThatFit", "pods on nodes that fit"),
        ("nodesWhenAllGrow", "nodes when all grow"),
    ];

    private static readonly (string Key, string Words)[] ClusterAnswers =
        [("podsPlanned", "pods planned"), ("podCapacity", "pod capacity"), ("headroom", "headroom"), ("podsThatFit", "pods that fit")];

    private static IEnumerable<TestCaseData> Samples() => YamlSamples().Select(s => new TestCaseData(s).SetArgDisplayNames(s));

    [TestCaseSource(nameof(Samples))]
    public void NodesThatFit_EachGroupAlone_ScaleCurveRunsOutAtTheNextNode(string sample)
    {
        var path = Sample(sample);
        using var plan = Json("plan", path, "-o", "json");
        Assert.Multiple(() =>
        {
            foreach (var g in plan.RootElement.GetProperty("nodeGroups").EnumerateArray())
            {
                var name = g.GetProperty("name").GetString()!;
                var fit = g.GetProperty("nodesThatFit").GetInt32();
                var maxNodes = g.GetProperty("maxNodes").GetInt32();
                // With several clusters the curve is the group's cluster's, the others holding what the plan gave them.
                string[] focus = plan.RootElement.GetProperty("clusters").GetArrayLength() > 1 ? ["--cluster", g.GetProperty("cluster").GetString()!] : [];

                // "Nodes that fit" is the group alone growing with the rest of the cluster as planned: the group's scale curve.
                using var curve = Json(["simulate", path, "--scale", $"{name}=0..{I(fit + 1)}", "-o", "json", .. focus]);
                Assert.That(FirstStop(curve.RootElement), Is.EqualTo(fit + 1), $"{sample} {name}: scale curve's first stop vs nodesThatFit {fit} + 1");

                // --scale GROUP alone goes to maxNodes: it runs out there exactly when fewer than maxNodes fit.
                using var own = Json(["simulate", path, "--scale", name, "-o", "json", .. focus]);
                Assert.That(own.RootElement.GetProperty("to").GetInt32(), Is.EqualTo(maxNodes), $"{sample} {name}: --scale GROUP ends at maxNodes");
                Assert.That(FirstStop(own.RootElement), Is.EqualTo(fit < maxNodes ? fit + 1 : null), $"{sample} {name}: curve to maxNodes {maxNodes}");
            }
        });
    }

    [TestCaseSource(nameof(Samples))]
    public void NodesWhenAllGrow_IsTheVerdictsNumber_AndFirstExhaustedIsTheNodeAfter(string sample)
    {
        using var plan = Json("plan", Sample(sample), "-o", "json");
        var root = plan.RootElement;
        var verdict = root.GetProperty("verdict").GetString()!;
        var groups = root.GetProperty("nodeGroups").EnumerateArray().ToList();
        var first = root.GetProperty("cluster").GetProperty("firstExhausted");
        var cluster = root.GetProperty("cluster");
        Assert.Multiple(() =>
        {
            long podsThatFit = 0;
            foreach (var g in groups)
            {
                var name = g.GetProperty("name").GetString()!;
                var nodes = g.GetProperty("nodesWhenAllGrow").GetInt32();
                podsThatFit += (long)nodes * g.GetProperty("podsPerNode").GetInt32();
                Assert.That(nodes, Is.LessThanOrEqualTo(g.GetProperty("maxNodes").GetInt32()), $"{sample} {name}: grows toward maxNodes, never past it");
                if (!verdict.StartsWith("does not fit now", StringComparison.Ordinal))
                {
                    Assert.That(verdict, Does.Contain($"{name} {N(nodes)} node"), $"{sample} {name}: the verdict names nodesWhenAllGrow");
                }

                if (first.ValueKind == JsonValueKind.Object && first.GetProperty("nodeGroup").GetString() == name)
                {
                    Assert.That(first.GetProperty("atNodes").GetInt32(), Is.EqualTo(nodes + 1), $"{sample} {name}: firstExhausted is the node after nodesWhenAllGrow");
                }
                else if (first.ValueKind == JsonValueKind.Null)
                {
                    Assert.That(nodes, Is.EqualTo(g.GetProperty("maxNodes").GetInt32()), $"{sample} {name}: nothing stops the growth, so the group reaches maxNodes");
                }
            }

            // podsThatFit is the pods of those nodes, podsPerNode each; the verdict opens with it when the plan fits now.
            // When planned pods do not start (headroom below 0: pending, or bound to a NodePool's node without an IP)
            // it is at most the planned pods that run, podsPlanned + headroom: a pod that waits never "fits".
            var headroom = cluster.GetProperty("headroom").GetInt64();
            if (headroom < 0)
            {
                podsThatFit = Math.Min(podsThatFit, Math.Max(0, cluster.GetProperty("podsPlanned").GetInt64() + headroom));
            }

            Assert.That(cluster.GetProperty("podsThatFit").GetInt64(), Is.EqualTo(podsThatFit), $"{sample}: podsThatFit");
            if (!verdict.StartsWith("does not fit now", StringComparison.Ordinal) && groups.Count > 0)
            {
                Assert.That(verdict, Does.StartWith($"{N(podsThatFit)} pods fit"), $"{sample}: the verdict answers with podsThatFit");
            }
        });
    }

    [TestCaseSource(nameof(Samples))]
    public async Task Answers_TextMarkdownHtmlAndPage_SameNumbersUnderTheSameNames(string sample)
    {
        var path = Sample(sample);
        using var plan = Json("plan", path, "-o", "json");
        var groups = plan.RootElement.GetProperty("nodeGroups").EnumerateArray().ToList();
        var cluster = plan.RootElement.GetProperty("cluster");
        if (groups.Count == 0)
        {
            Assert.Ignore("no node groups: the plan answers with free room per zone");
        }

        var expected = groups.ToDictionary(g => g.GetProperty("name").GetString()!, g => GroupAnswers.Select(a => N(g.GetProperty(a.Key).GetInt32())).ToList());
        var text = CliRun.Of("plan", path).Out;
        var markdown = CliRun.Of("plan", path, "-o", "markdown").Out;
        var directory = HtmlTestSupport.FreshDirectory();
        var htmlPath = Path.Combine(directory, "report.html");
        Assert.That(HtmlTestSupport.RunPlan(new FixedClock(HtmlTestSupport.Noon), path, "--html", htmlPath).ExitCode, Is.Zero);
        var page = await PageAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(TextTable(text), Is.EqualTo(expected), $"{sample}: the text table");
            Assert.That(MarkdownTable(markdown), Is.EqualTo(expected), $"{sample}: the Markdown table");
            Assert.That(HtmlTable(File.ReadAllText(htmlPath)), Is.EqualTo(expected), $"{sample}: the HTML report");
            Assert.That(HtmlTable(page.Html), Is.EqualTo(expected), $"{sample}: the served page");
            Assert.That(JsonSerializer.Serialize(page.Plan.GetProperty("cluster")), Is.EqualTo(JsonSerializer.Serialize(cluster)), $"{sample}: the page's plan JSON");

            var line = ClusterWords(cluster);
            // A VPC of several clusters heads the same line with the VPC, whose total it is.
            var label = plan.RootElement.GetProperty("clusters").GetArrayLength() > 1 ? "VPC" : "Cluster";
            Assert.That(text, Does.Contain($"{label}: {line}."), $"{sample}: the text's cluster line");
            Assert.That(markdown, Does.Contain($"{label}: {line}."), $"{sample}: the Markdown's cluster line");
            Assert.That(WebUtility.HtmlDecode(File.ReadAllText(htmlPath)), Does.Contain(line), $"{sample}: the HTML report's cluster line");
            Assert.That(WebUtility.HtmlDecode(page.Html), Does.Contain(line), $"{sample}: the page's cluster line");
        });
    }

    [TestCaseSource(nameof(Samples))]
    public void RecommendWrite_TargetPods_ThePlanOfTheWrittenFileHeadlinesTheTargetMet(string sample)
    {
        // recommend --target-pods 2000 (plus the default 10% headroom) spreads 2,000 pods over the groups, ceil(pods /
        // podsPerNode) nodes each, then 10% more nodes: at least 2,200 pods' worth of nodes, which --write makes the
        // groups' maxNodes. The written file's plan grows every group toward those maxNodes, so its headline, the pods
        // that fit, is at least 2,200: the target met (before, it headlined today's pod capacity).
        const int target = 2_000;
        if (LoadFile(Sample(sample)).Provisioned!.NodePools.Count > 0)
        {
            // A NodePool's pods are the pending pods its file asks for, which --write leaves as they are (it changes settings).
            Assert.Ignore("a NodePool plans the pending pods its file asks for, not the target's");
        }

        var directory = HtmlTestSupport.FreshDirectory();
        var patched = Path.Combine(directory, "patched.yaml");
        var recommend = CliRun.Of("recommend", Sample(sample), "--target-pods", I(target), "--write", patched);
        if (recommend.ExitCode == 2 && !File.Exists(patched))
        {
            Assert.Ignore($"nothing fits {target} pods in {sample}: {recommend.Error.Trim()}");
        }

        Assert.That(recommend.ExitCode, Is.Zero, recommend.Error);
        using var plan = Json("plan", patched, "-o", "json");
        var podsThatFit = plan.RootElement.GetProperty("cluster").GetProperty("podsThatFit").GetInt64();
        Assert.Multiple(() =>
        {
            Assert.That(podsThatFit, Is.GreaterThanOrEqualTo(target * 11 / 10), $"{sample}: pods that fit in the recommended file");
            Assert.That(plan.RootElement.GetProperty("verdict").GetString(), Does.StartWith($"{N(podsThatFit)} pods fit"), $"{sample}: the headline");
        });
    }

    /// <summary>"pods planned 330, pod capacity 840, headroom 510, pods that fit 620", or "... 39 planned pods do not fit ...".</summary>
    private static string ClusterWords(JsonElement cluster) => string.Join(", ", ClusterAnswers.Select(a =>
        a.Key == "headroom" && cluster.GetProperty(a.Key).GetInt32() < 0
            ? $"{N(-cluster.GetProperty(a.Key).GetInt32())} planned pods do not fit"
            : $"{a.Words} {N(cluster.GetProperty(a.Key).GetInt32())}"));

    /// <summary>The answers' cells of the text's node-group table, by group, read under their column headings.</summary>
    private static Dictionary<string, List<string>> TextTable(string text)
    {
        var lines = text.Split('\n');
        // With several clusters a cluster column leads the table.
        var header = Array.FindIndex(lines, l => l.StartsWith("node group  ", StringComparison.Ordinal) || (l.StartsWith("cluster  ", StringComparison.Ordinal) && l.Contains("  node group  ", StringComparison.Ordinal)));
        // The dashes under each heading give the columns' extents.
        var extents = Dashes().Matches(lines[header + 1]).Select(m => (m.Index, m.Length)).ToList();
        string Cell(string line, (int Index, int Length) e) => line.Length <= e.Index ? "" : line.Substring(e.Index, Math.Min(e.Length, line.Length - e.Index)).Trim();
        var names = extents.Select(e => Cell(lines[header], e)).ToList();
        var table = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = header + 2; i < lines.Length && lines[i].Trim().Length > 0; i++)
        {
            var cells = extents.Select(e => Cell(lines[i], e)).ToList();
            table[cells[names.IndexOf("node group")]] = [.. GroupAnswers.Select(a => cells[names.IndexOf(a.Column)])];
        }

        return table;
    }

    private static Dictionary<string, List<string>> MarkdownTable(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(l => l.StartsWith("| node group |", StringComparison.Ordinal) || l.StartsWith("| cluster | node group |", StringComparison.Ordinal));
        static List<string> Cells(string line) => [.. line.Trim('|').Split('|').Select(c => c.Trim())];
        var names = Cells(lines[header]);
        var table = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = header + 2; i < lines.Count && lines[i].StartsWith('|'); i++)
        {
            var cells = Cells(lines[i]);
            table[cells[names.IndexOf("node group")]] = [.. GroupAnswers.Select(a => cells[names.IndexOf(a.Column)])];
        }

        return table;
    }

    private static Dictionary<string, List<string>> HtmlTable(string html)
    {
        var start = html.IndexOf("<section id=\"node-groups\">", StringComparison.Ordinal);
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        var section = XElement.Parse(WebUtility.HtmlDecode(html[start..(end + "</section>".Length)]).Replace("&", "&amp;", StringComparison.Ordinal));
        var names = section.Descendants("th").Select(th => th.Value).ToList();
        var table = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in section.Descendants("tbody").Elements("tr"))
        {
            var cells = row.Elements("td").Select(td => td.Value.Replace("\u2716 ", "", StringComparison.Ordinal)).ToList();
            // A group whose planned nodes fail shows "✖ 2 of 4" nodes that fit: the number is the first word.
            table[cells[names.IndexOf("node group")]] = [.. GroupAnswers.Select(a => cells[names.IndexOf(a.Column)].Split(' ')[0])];
        }

        return table;
    }

    /// <summary>What the served page shows for the file: its report markup and the plan JSON its script reads.</summary>
    private static async Task<(string Html, JsonElement Plan)> PageAsync(string path)
    {
        var app = PlannerServer.Build(new ServerOptions(path), new CliPlanViews(InstanceCatalog.Embedded), b => b.WebHost.UseTestServer());
        await app.StartAsync();
        try
        {
            using var client = app.GetTestClient();
            using var response = await client.GetAsync(new Uri("http://127.0.0.1/api/scenario"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return (answer.GetProperty("html").GetString()!, answer.GetProperty("plan"));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The node count where a scale curve first stops (a subnet runs out or a node's own limit), or null.</summary>
    private static int? FirstStop(JsonElement curve)
    {
        var stops = curve.GetProperty("subnets").EnumerateArray().Select(s => s.GetProperty("exhaustedAtNodes"))
            .Where(a => a.ValueKind == JsonValueKind.Number).Select(a => a.GetInt32()).ToList();
        if (curve.GetProperty("firstNodeLimit") is { ValueKind: JsonValueKind.Object } limit)
        {
            stops.Add(limit.GetProperty("atNodes").GetInt32());
        }

        return stops.Count == 0 ? null : stops.Min();
    }

    private static JsonDocument Json(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.That(run.ExitCode, Is.Zero, $"ipplanner {string.Join(' ', args)}: {run.Error}");
        return JsonDocument.Parse(run.Out);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("-+")]
    private static partial Regex Dashes();
}
