using System.Globalization;
using System.Xml.Linq;
using IpPlanner.Cli;
using IpPlanner.Tests.Cli.Html;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// <c>simulate --scale POOL=FROM..TO --plot FILE --html FILE</c>: the NodePool's curve gets the node group's chart and
/// report section. What the chart and the section must show is read from the table the same command prints, never
/// from the chart itself.
/// </summary>
public class NodePoolScaleOutputTests
{
    private static string Target(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        File.Delete(path);
        return path;
    }

    /// <summary>
    /// samples/karpenter-nodepool.yaml with the NodePool's limits ten times larger, so addresses stop it instead: two
    /// /22s of 1,019 usable addresses each, and about 45 addresses per m5a.2xlarge (16 pod IPs, the warm ENI's, the
    /// primaries), so a subnet fills near 1,019 / 45 = 22 nodes each, 44 nodes, 44 x 15 = 660 pods.
    /// </summary>
    private static string LargeLimitsSample()
    {
        var text = File.ReadAllText(Sample("karpenter-nodepool.yaml"));
        const string limits = "limits: { cpu: 200, memory: 800Gi }";
        Assert.That(text, Does.Contain(limits), "the sample's limits line this test raises");
        var path = Target("karpenter-nodepool-large-limits.yaml");
        File.WriteAllText(path, text.Replace(limits, "limits: { cpu: 2000, memory: 8000Gi }", StringComparison.Ordinal));
        return path;
    }

    /// <summary>The printed curve table: column header to cell, one dictionary per row (cells cut by the dashes line's widths).</summary>
    private static List<Dictionary<string, string>> CurveTable(string output)
    {
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("pending pods", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThanOrEqualTo(0), output);
        var spans = new List<(int Start, int Length)>();
        var dashes = lines[header + 1];
        for (var i = 0; i < dashes.Length; i++)
        {
            if (dashes[i] == '-' && (i == 0 || dashes[i - 1] == ' '))
            {
                var end = dashes.IndexOf(' ', i);
                spans.Add((i, (end < 0 ? dashes.Length : end) - i));
            }
        }

        string Cell(string line, (int Start, int Length) span) =>
            span.Start >= line.Length ? "" : line.Substring(span.Start, Math.Min(span.Length, line.Length - span.Start)).Trim();

        var names = spans.Select(s => Cell(lines[header], s)).ToList();
        return [.. lines.Skip(header + 2).TakeWhile(l => l.Trim().Length > 0)
            .Select(l => spans.Select((s, i) => (names[i], Cell(l, s))).ToDictionary(c => c.Item1, c => c.Item2))];
    }

    private static int Number(string text) => int.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>The subnet columns of the table: "subnet-x (of 1,019)" gives subnet-x and its usable addresses.</summary>
    private static List<(string Column, string Id, int Usable)> SubnetColumns(Dictionary<string, string> row) =>
        [.. row.Keys.Where(k => k.Contains(" (of ", StringComparison.Ordinal))
            .Select(k => (k, k[..k.IndexOf(' ', StringComparison.Ordinal)], Number(k[(k.IndexOf("(of ", StringComparison.Ordinal) + 4)..^1])))];

    private static XElement Section(string htmlPath, string id)
    {
        var doc = HtmlTestSupport.ParseXhtml(File.ReadAllText(htmlPath));
        return doc.Descendants().Single(e => e.Name.LocalName == "section" && (string?)e.Attribute("id") == id);
    }

    [Test]
    public void PlotPng_NodePoolSample_IsWrittenAsAPng()
    {
        var png = Target("nodepool-scale.png");

        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..600", "--plot", png);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var bytes = File.ReadAllBytes(png);
        Assert.That(bytes.Take(8), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "the PNG signature");
        Assert.That(run.Out, Does.Contain("Verdict: first stopped at 378 pending pods: limits."), "the table is still printed");
    }

    [Test]
    public void PlotSvg_NodePoolSample_ShowsEachSubnetsLimitAndWhereTheLimitsStopThePool()
    {
        // The sample's limits (cpu 200) allow 25 m5a.2xlarge of 15 pods, 375 pods; the curve's counts step by 6, so the
        // first row stopped is 378 (see NodePoolCliTests). Both subnets are /22s: 1,024 - 5 = 1,019 usable.
        var svgPath = Target("nodepool-scale.svg");

        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..600", "--plot", svgPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var rows = CurveTable(run.Out);
        var stopped = rows.First(r => r["stopped by"].Length > 0);
        var subnets = SubnetColumns(rows[0]);
        Assert.That(subnets.Select(s => s.Usable), Is.All.EqualTo(1019), "hand-derived: two /22s");
        Assert.That(Number(stopped["pending pods"]), Is.EqualTo(378), "hand-derived: the first count past 375");
        var svg = XDocument.Parse(File.ReadAllText(svgPath));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(svg.Root!.Name.LocalName, Is.EqualTo("svg"));
            Assert.That(texts, Does.Contain("pending pods of NodePool default"), "the x axis counts pending pods");
            Assert.That(texts, Does.Contain($"1,019 usable: {string.Join(", ", subnets.Select(s => s.Id))}"), "one dashed line names both equal subnets");
            Assert.That(texts, Does.Contain($"first stopped at {stopped["pending pods"]} pending pods ({stopped["stopped by"]})"));
            foreach (var s in subnets)
            {
                Assert.That(texts, Does.Contain($"{s.Id} (dashed: 1,019 usable)"));
                Assert.That(texts.Where(t => t.StartsWith(s.Id + " exhausted", StringComparison.Ordinal)), Is.Empty, "no subnet runs out before the limits stop the pool");
            }
        });
    }

    [Test]
    public void Html_NodePoolSample_ShowsTheCurveAndWhereThePoolIsFirstStopped()
    {
        var path = Target("nodepool-scale.html");

        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..600", "--html", path);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var rows = CurveTable(run.Out);
        var stopped = rows.First(r => r["stopped by"].Length > 0);
        var subnets = SubnetColumns(rows[0]);
        var section = Section(path, "nodepool-scale-curve");
        var cells = section.Descendants().Where(e => e.Name.LocalName == "tr").Skip(1)
            .Select(tr => tr.Elements().Select(td => td.Value).ToList()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(section.Descendants().Count(e => e.Name.LocalName == "svg"), Is.EqualTo(1), "the chart, inline");
            Assert.That(section.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()),
                Does.Contain($"first stopped at {stopped["pending pods"]} pending pods ({stopped["stopped by"]})"));
            Assert.That(cells.Select(c => (c[0], Number(c[2]))), Is.EqualTo(subnets.Select(s => (s.Id, s.Usable))), "every subnet with its usable addresses");
            Assert.That(cells.Select(c => c[3]), Is.All.EqualTo("\u2014"), "neither subnet runs out: the table never shows a subnet at its usable count");
            Assert.That(section.Descendants().Single(e => (string?)e.Attribute("class") == "verdict").Value,
                Is.EqualTo($"Verdict: first stopped at {stopped["pending pods"]} pending pods: {stopped["stopped by"]}."));
        });
        Assert.That(rows.SelectMany(r => subnets.Select(s => Number(r[s.Column]) < s.Usable)), Is.All.True, "the premise: no subnet full");
    }

    [Test]
    public void Html_LargerLimits_MarksWhereEachSubnetRunsOut()
    {
        // With the limits out of the way the pool runs out of addresses (about 660 pods, see LargeLimitsSample). The
        // first count the table shows stopped by ips is where the first subnet runs out; every subnet runs out at
        // or after it, and no later than the first row where the table shows that subnet at its usable count.
        var path = Target("nodepool-scale-ips.html");
        var svgPath = Target("nodepool-scale-ips.svg");

        var run = CliRun.Of("simulate", LargeLimitsSample(), "--scale", "default=0..1000", "--html", path, "--plot", svgPath);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Ok), run.Error);
        var rows = CurveTable(run.Out);
        var stopped = rows.First(r => r["stopped by"].Length > 0);
        Assert.That(stopped["stopped by"], Is.EqualTo("ips"));
        var firstStop = Number(stopped["pending pods"]);
        Assert.That(firstStop, Is.InRange(600, 720), "near the hand estimate of 660");
        var subnets = SubnetColumns(rows[0]);
        var cells = Section(path, "nodepool-scale-curve").Descendants().Where(e => e.Name.LocalName == "tr").Skip(1)
            .Select(tr => tr.Elements().Select(td => td.Value).ToList()).ToDictionary(c => c[0]);
        var svgTexts = XDocument.Parse(File.ReadAllText(svgPath)).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        var runsOut = subnets.ToDictionary(s => s.Id, s => Number(cells[s.Id][3]));
        Assert.Multiple(() =>
        {
            Assert.That(runsOut.Values.Min(), Is.EqualTo(firstStop));
            foreach (var s in subnets)
            {
                var full = rows.First(r => Number(r[s.Column]) == s.Usable);
                Assert.That(runsOut[s.Id], Is.InRange(firstStop, Number(full["pending pods"])), s.Id);
                Assert.That(cells[s.Id][4], Is.EqualTo("addresses"), s.Id);
                Assert.That(svgTexts, Does.Contain($"{s.Id} exhausted at {cells[s.Id][3]} pending pods (addresses)"), $"{s.Id}: the chart's diamond");
            }
        });
    }

    [Test]
    public void PlotToAMissingFolder_FailsBeforeWritingTheHtml()
    {
        var html = Target("nodepool-not-written.html");
        var png = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-folder", "curve.png");

        var run = CliRun.Of("simulate", Sample("karpenter-nodepool.yaml"), "--scale", "default=0..600", "--plot", png, "--html", html);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError), run.Error);
        Assert.That(run.Error, Does.Contain("--plot").Or.Contain("curve.png"));
        Assert.That(File.Exists(html), Is.False);
        Assert.That(run.Out, Is.Empty);
    }
}
