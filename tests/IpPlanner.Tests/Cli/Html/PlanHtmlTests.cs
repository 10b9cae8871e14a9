using System.Text.RegularExpressions;
using System.Xml.Linq;
using IpPlanner.Cli.Output.Html;
using NUnit.Framework;
using static IpPlanner.Tests.Cli.Html.HtmlTestSupport;
using static IpPlanner.Tests.Fixtures;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Cli.Html;

public partial class PlanHtmlTests
{
    private static readonly string[] LoadingElements = ["script", "link", "img", "iframe", "frame", "object", "embed", "base", "audio", "video", "source"];

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.YamlSamples))]
    public void Render_EverySample_IsWellFormedXhtml(string sample)
    {
        var (_, _, html) = Render(SampleScenario(sample));

        var doc = ParseXhtml(html);

        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(doc.Root!.Name.LocalName, Is.EqualTo("html"));
        Assert.That(doc.Root.Element("head")?.Element("title")?.Value, Does.StartWith("Capacity plan: "));
        Assert.That(doc.Root.Element("head")!.Elements("meta").Any(m => (string?)m.Attribute("charset") == "utf-8"), Is.True);
        Assert.That(doc.Root.Element("body"), Is.Not.Null);
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.YamlSamples))]
    public void Render_EverySample_ReferencesNothingOutsideTheFile(string sample)
    {
        var (_, _, html) = Render(SampleScenario(sample));
        var doc = ParseXhtml(html);

        Assert.That(html, Does.Not.Contain("http://").IgnoreCase.And.Not.Contain("https://").IgnoreCase);
        Assert.That(html, Does.Not.Contain("url(").IgnoreCase.And.Not.Contain("@import").IgnoreCase);
        Assert.That(doc.Descendants().Select(e => e.Name.LocalName).Intersect(LoadingElements), Is.Empty);
        var references = doc.Descendants().Attributes().Where(a => a.Name.LocalName is "href" or "src").Select(a => a.Value);
        Assert.That(references, Has.All.StartsWith("#"));
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.YamlSamples))]
    public void Render_EverySample_ShowsVerdictSubnetsGroupsWarningsAndAssumptions(string sample)
    {
        var (report, _, html) = Render(SampleScenario(sample));
        var text = Texts(ParseXhtml(html));

        Assert.That(text, Has.Some.Contains(report.Verdict));
        foreach (var subnet in report.Subnets)
        {
            Assert.That(text, Has.Some.EqualTo(subnet.Id), subnet.Id);
        }

        foreach (var group in report.NodeGroups)
        {
            Assert.That(text, Has.Some.EqualTo(group.Name), group.Name);
        }

        foreach (var warning in report.Warnings)
        {
            Assert.That(text, Has.Some.EqualTo(warning.Code).And.Some.EqualTo(warning.Message), warning.Code);
        }

        Assert.That(text, Is.SupersetOf(report.Assumptions));
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.YamlSamples))]
    public void Render_EverySample_EachBarAddsUpToTheSubnetsUsableAddresses(string sample)
    {
        var (report, _, html) = Render(SampleScenario(sample));
        var doc = ParseXhtml(html);

        var subnets = doc.Descendants("div").Where(d => (string?)d.Attribute("class") == "subnet").ToList();
        Assert.That(subnets, Has.Count.EqualTo(report.Subnets.Count));
        foreach (var subnet in subnets)
        {
            var id = subnet.Descendants("span").First(s => (string?)s.Attribute("class") == "id").Value;
            var bar = subnet.Elements("div").Single(d => (string?)d.Attribute("class") == "bar");
            var total = bar.Elements("span").Sum(s => int.Parse(FlexGrow().Match((string)s.Attribute("style")!).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(total, Is.EqualTo(report.Subnets.Single(s => s.Id == id).Usable), id);
        }
    }

    [Test]
    public void Render_Zones_OneCardPerZoneHoldingItsSubnets()
    {
        var (report, _, html) = Render(SampleScenario("prefix-delegation.yaml"));
        var zones = ParseXhtml(html).Descendants("section").Single(s => (string?)s.Attribute("id") == "zones");

        var cards = zones.Descendants("div").Where(d => (string?)d.Attribute("class") == "card").ToList();

        Assert.That(cards.Select(c => c.Element("div")!.Element("h3")!.Value), Is.EqualTo(new[] { "ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c" }));
        var firstCardIds = cards[0].Descendants("span").Where(s => (string?)s.Attribute("class") == "id").Select(s => s.Value);
        Assert.That(firstCardIds, Is.EqualTo(new[] { "subnet-private-1a", "subnet-public-1a" }));
        Assert.That(Texts(zones), Has.Some.EqualTo("no free /28"), "subnet-private-1c has no free /28 and says so in words");
        Assert.That(report.Subnets.Single(s => s.Id == "subnet-private-1c").FreePrefixes, Is.Zero);
    }

    [Test]
    public void Render_PrefixDelegation_BlockMapShowsEachBlocksStateInAddressOrder()
    {
        // From the sample's comments: one taken address sits in each /28 from .16 to .207, and only .208 and .224 were
        // wholly free, so they are where the two prefixes went. .0/28 holds AWS's first four addresses and, lowest free
        // first, the control plane ENI and the 4 node IPs; .240/28 holds only AWS's last address.
        var (_, _, html) = Render(SampleScenario("prefix-delegation.yaml"));

        var titles = MapTitles(ParseXhtml(html), "subnet-private-1c");

        var expected = new List<string> { "10.30.12.0/28: partly used" };
        expected.AddRange(Enumerable.Range(1, 12).Select(b => $"10.30.12.{b * 16}/28: partly used"));
        expected.AddRange(["10.30.12.208/28: delegated prefix", "10.30.12.224/28: delegated prefix", "10.30.12.240/28: reserved"]);
        Assert.That(titles, Is.EqualTo(expected));
    }

    [Test]
    public void Render_PrefixDelegation_SmallScenarioMapsEverySubnet()
    {
        var (report, planned, html) = Render(SampleScenario("prefix-delegation.yaml"));
        var doc = ParseXhtml(html);

        foreach (var subnet in report.Subnets)
        {
            Assert.That(MapTitles(doc, subnet.Id), Has.Count.EqualTo(planned.Subnet(subnet.Id).Space.BlockCount), subnet.Id);
        }
    }

    [Test]
    public void Render_SecondaryIpMode_HasNoBlockMaps()
    {
        var (_, _, html) = Render(SampleScenario("small-3az.yaml"));

        Assert.That(ParseXhtml(html).Descendants("section").Select(s => (string?)s.Attribute("id")), Does.Not.Contain("block-maps"));
    }

    [Test]
    public void Render_LargePrefixSubnet_DrawsTheFirst1024BlocksAndSaysHowManyAreNot()
    {
        // A /17 has 2,048 blocks: more than the 1,024 drawn, and together with b over the all-subnets limit.
        var scenario = ScenarioOf("""
            cluster: { name: big, controlPlaneSubnets: [a, b] }
            vpc: { cidrs: [10.0.0.0/16, 10.1.0.0/16] }
            subnets:
              - { id: a, cidr: 10.0.0.0/17, zone: z1 }
              - { id: b, cidr: 10.1.0.0/24, zone: z2 }
            cni: { prefixDelegation: true }
            nodeGroups:
              - { name: g, instanceType: m6i.xlarge, subnets: [a], nodes: 2, maxNodes: 3, maxPods: 20, podsPerNode: 10 }
            """);

        var (_, _, html) = Render(scenario);
        var doc = ParseXhtml(html);

        Assert.That(MapTitles(doc, "a"), Has.Count.EqualTo(1024));
        Assert.That(MapTitles(doc, "b"), Is.Empty, "b has no node pods, no prefixes and no cni tag");
        Assert.That(Texts(doc), Has.Some.Contains("1,024 are not drawn"));
    }

    [Test]
    public void Render_WarningsInEngineOrderMixed_MostSevereFirst()
    {
        var report = Synthetic("c", "s", [
            new Finding("rule-info", Severity.Info, "x", "an info"),
            new Finding("rule-error", Severity.Error, "x", "an error"),
            new Finding("rule-warning", Severity.Warning, "x", "a warning"),
        ]);

        var html = PlanHtml.Create(report).Render(FixedRun());
        var codes = ParseXhtml(html).Descendants("ol").Single().Descendants("code").Select(c => c.Value);

        Assert.That(codes, Is.EqualTo(new[] { "rule-error", "rule-warning", "rule-info" }));
    }

    [Test]
    public void Render_HostileNames_AreEncodedAndReadBackUnchanged()
    {
        const string Hostile = "<script>alert(\"x\")</script> & 'q' <b>";
        var report = Synthetic(Hostile, Hostile + " sub", [new Finding("<code>", Severity.Error, Hostile, Hostile + " message")]);

        var html = PlanHtml.Create(report).Render(FixedRun());
        var doc = ParseXhtml(html);

        Assert.That(doc.Descendants().Select(e => e.Name.LocalName), Does.Not.Contain("script").And.Not.Contain("b"));
        var text = Texts(doc);
        Assert.That(text, Has.Some.EqualTo(Hostile + " sub"));
        Assert.That(text, Has.Some.EqualTo(Hostile + " message"));
        Assert.That(text, Has.Some.EqualTo("<code>"));
        Assert.That(doc.Root!.Element("head")!.Element("title")!.Value, Is.EqualTo("Capacity plan: " + Hostile));
    }

    [Test]
    public void Render_ControlCharacterInName_StillWellFormed()
    {
        var report = Synthetic("bell\u0007name", "sub\u0001net", []);

        var html = PlanHtml.Create(report).Render(FixedRun());

        // U+0001 is shown as the six characters \u0001, as the terminal shows it.
        Assert.That(Texts(ParseXhtml(html)), Has.Some.EqualTo("sub\\u0001net"));
    }

    [Test]
    public void Render_SameInputsAndTime_SameBytes()
    {
        var one = Render(SampleScenario("prefix-delegation.yaml")).Html;
        var two = Render(SampleScenario("prefix-delegation.yaml")).Html;

        Assert.That(two, Is.EqualTo(one));
    }

    [Test]
    public void Render_OtherTime_DiffersOnlyInTheTimeElement()
    {
        var one = Render(SampleScenario("prefix-delegation.yaml"), Noon).Html;
        var two = Render(SampleScenario("prefix-delegation.yaml"), Noon.AddHours(30)).Html;

        Assert.That(two, Is.Not.EqualTo(one));
        Assert.That(WithoutTime(two), Is.EqualTo(WithoutTime(one)));
        Assert.That(one, Does.Contain("<time datetime=\"2026-11-01T12:00:00Z\">2026-11-01 12:00:00 UTC</time>"));
    }

    internal static string WithoutTime(string html) => TimeElement().Replace(html, "<time/>");

    private static List<string> Texts(XContainer container) =>
        [.. container.DescendantNodes().OfType<XText>().Select(t => t.Value)
            .Concat(container.Descendants().Where(e => !e.HasElements).Select(e => e.Value))];

    private static List<string> MapTitles(XDocument doc, string subnetId) =>
        [.. doc.Descendants("svg").Where(s => (string?)s.Attribute("aria-label") == $"/28 block map of {subnetId}").Descendants("title").Select(t => t.Value)];

    private static ReportRun FixedRun() => new([new ReportInput("Scenario", "s.yaml", new string('a', 64))], "test", Noon);

    private static PlanReport Synthetic(string clusterName, string subnetId, IReadOnlyList<Finding> warnings)
    {
        var usedBy = new UsedBy(1, 0, 2, 3, 0, 0, 0, 0, 0, 0, 1, 0);
        var subnet = new SubnetPlan(subnetId, "10.0.0.0/28", "zone <1>", 11, 7, 4, 0, 0, 7 / 11.0, 0, usedBy);
        var group = new NodeGroupPlan("group & co", "m5.large", 29, 27, 2, 1, 1, 2, 27, 1, 2, null, 1);
        var cluster = new ClusterPlan(clusterName, 2, 27, 25, 2, null);
        return new PlanReport("file <x>.yaml", [subnet], [group], cluster, "verdict with <markup> & \"quotes\"", warnings, ["assume <this>"]);
    }

    [GeneratedRegex(@"flex-grow:(\d+)")]
    private static partial Regex FlexGrow();

    [GeneratedRegex("<time [^>]*>[^<]*</time>")]
    private static partial Regex TimeElement();
}
