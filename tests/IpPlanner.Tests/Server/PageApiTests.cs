using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IpPlanner.Cli.Output;
using IpPlanner.Server;
using IpPlanner.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Server;

/// <summary>
/// The endpoints the what-if page calls, in process: the file's scenario as a document, the what-if plan, the
/// download, the scale curve, the instance type search, the page's script and policy; and what a hostile or broken
/// request gets (4xx with one line, never 500).
/// </summary>
public sealed class PageApiTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var options = new ServerOptions(Sample("near-exhaustion.yaml"));
        _app = PlannerServer.Build(options, new CliPlanViews(InstanceCatalog.Embedded), b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        _client = _app.GetTestClient();
        _client.BaseAddress = new Uri("http://127.0.0.1/");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static StringContent Body(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(string path, string body)
    {
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), Body(body));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> FileScenarioAsync()
    {
        using var response = await _client.GetAsync(new Uri("api/scenario", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string Normalized(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Test]
    public async Task Scenario_PlanIsWhatPlanJsonPrintsForTheFile_AndTheDocumentPlansTheSame()
    {
        var cli = CliRun.Of("plan", Sample("near-exhaustion.yaml"), "-o", "json");
        Assert.That(cli.ExitCode, Is.Zero, cli.Error);

        var answer = await FileScenarioAsync();
        Assert.That(Normalized(answer.GetProperty("plan").GetRawText()), Is.EqualTo(Normalized(cli.Out)));
        Assert.That(answer.GetProperty("version").GetString(), Does.Match("^[0-9a-f]{64}$"));

        // The page posts the document back unchanged: the what-if is the file's plan.
        var (status, text) = await PostAsync("api/what-if", answer.GetProperty("document").GetRawText());
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var whatIf = JsonDocument.Parse(text).RootElement;
        Assert.That(Normalized(whatIf.GetProperty("plan").GetRawText()), Is.EqualTo(Normalized(cli.Out)));
        var html = whatIf.GetProperty("html").GetString()!;
        Assert.That(html, Does.StartWith("<header>").And.Contain("<section id=\"zones\">").And.Contain("<section id=\"node-groups\">")
            .And.Contain("<section id=\"warnings\">").And.Contain("<section id=\"assumptions\">"));
        Assert.That(html, Does.Not.Contain("<footer>").And.Not.Contain("<head>"), "a fragment, not a page");
    }

    private static IEnumerable<string> SampleNames() =>
        Directory.GetFiles(SamplesDirectory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(SampleNames))]
    public async Task EverySample_PageDocumentPostedBack_PlansAsPlanJsonPrintsForTheFile(string sample)
    {
        // The page starts from the file's document and posts it back on the first edit: with no edit, that must be
        // the plan `ipplanner plan -o json` prints for the file (karpenter's NodePools, podRequests, growth included).
        var cli = CliRun.Of("plan", Sample(sample), "-o", "json");
        Assert.That(cli.ExitCode, Is.Zero, cli.Error);
        await using var app = PlannerServer.Build(new ServerOptions(Sample(sample)), new CliPlanViews(InstanceCatalog.Embedded), b => b.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        client.BaseAddress = new Uri("http://127.0.0.1/");

        using var file = await client.GetAsync(new Uri("api/scenario", UriKind.Relative));
        var answer = JsonDocument.Parse(await file.Content.ReadAsStringAsync()).RootElement;
        Assert.That(file.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Normalized(answer.GetProperty("plan").GetRawText()), Is.EqualTo(Normalized(cli.Out)));

        using var whatIf = await client.PostAsync(new Uri("api/what-if", UriKind.Relative), Body(answer.GetProperty("document").GetRawText()));
        var text = await whatIf.Content.ReadAsStringAsync();
        Assert.That(whatIf.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(Normalized(JsonDocument.Parse(text).RootElement.GetProperty("plan").GetRawText()), Is.EqualTo(Normalized(cli.Out)));
    }

    [Test]
    public async Task WhatIf_NodeCountChanged_PlansLikeTheFileWithThatCount()
    {
        // What the page sends when crm goes from 21 to 26 nodes must plan as the file edited the same way does.
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText();
        var edited = doc.Replace("\"nodes\": 21,", "\"nodes\": 26,", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(doc), "the document this test edits");
        var yaml = (await File.ReadAllTextAsync(Sample("near-exhaustion.yaml"))).Replace("    nodes: 21\n", "    nodes: 26\n", StringComparison.Ordinal);
        var expected = CapacityPlanner.Plan(LoadText(yaml, "x.yaml").Provisioned!);

        var (status, text) = await PostAsync("api/what-if", edited);
        var plan = JsonDocument.Parse(text).RootElement.GetProperty("plan");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(plan.GetProperty("verdict").GetString(), Is.EqualTo(expected.Verdict));
        Assert.That(plan.GetProperty("cluster").GetProperty("podsPlanned").GetInt32(), Is.EqualTo(26 * 15), "26 nodes of 15 pods");
    }

    [TestCase("{", "what-if.json:")]
    [TestCase("{\"cluster\": {\"name\": \"x\"}}", "what-if.json:")]
    public async Task WhatIf_DocumentThatDoesNotLoad_Is400WithTheLoadersOneLine(string body, string start)
    {
        var (status, text) = await PostAsync("api/what-if", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
        Assert.That(error, Does.StartWith(start));
        Assert.That(error, Does.Not.Contain("\n").And.Not.Contain("   at "));
    }

    [Test]
    public async Task WhatIf_OverlappingSubnet_SaysWhatTheLoaderSaysForTheSameFile()
    {
        // A /25 inside subnet-nodes-1c (10.50.3.0/24): the loader refuses overlapping subnets in a file; the page's
        // document must get the same refusal, naming the field.
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText();
        var overlapping = doc.Replace("\"subnets\": [\n    {", "\"subnets\": [\n    {\"id\": \"extra\", \"cidr\": \"10.50.3.0/25\", \"zone\": \"eu-central-1c\"},\n    {", StringComparison.Ordinal);
        Assert.That(overlapping, Is.Not.EqualTo(doc));
        var loader = LoadText(overlapping, PageApiName);
        var first = loader.Diagnostics.First(d => d.IsError);

        var (status, text) = await PostAsync("api/what-if", overlapping);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
        Assert.That(error, Does.Contain(first.Message));
        Assert.That(error, Does.Contain("10.50.3.0/25"));
    }

    private const string PageApiName = "what-if.json";

    [Test]
    public async Task ScenarioYaml_HasTheSchemaLineAndPlansLikeThePostedDocument()
    {
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText()
            .Replace("\"nodes\": 21,", "\"nodes\": 26,", StringComparison.Ordinal)
            .Replace("\"version\": \"1.16.4\"", "\"version\": \"1.16.4\", \"prefixDelegation\": true", StringComparison.Ordinal);
        Assert.That(doc, Does.Contain("\"prefixDelegation\": true"));
        using var response = await _client.PostAsync(new Uri("api/scenario.yaml", UriKind.Relative), Body(doc));
        var yaml = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), yaml);
        Assert.That(response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo("near-exhaustion-what-if.yaml"));
        Assert.That(yaml, Does.StartWith("# yaml-language-server: $schema=scenario.schema.json\n"));

        var fromYaml = LoadText(yaml, "downloaded.yaml");
        Assert.That(fromYaml.HasErrors, Is.False, string.Join("\n", fromYaml.Diagnostics));
        var fromDoc = LoadText(doc, "doc.json").Provisioned!;
        Assert.That(fromYaml.Provisioned!.Cni.PrefixDelegation, Is.True);
        Assert.That(JsonSerializer.Serialize(CapacityPlanner.Plan(fromYaml.Provisioned!).Subnets), Is.EqualTo(JsonSerializer.Serialize(CapacityPlanner.Plan(fromDoc).Subnets)));
        Assert.That(CapacityPlanner.Plan(fromYaml.Provisioned!).Verdict, Is.EqualTo(CapacityPlanner.Plan(fromDoc).Verdict));
    }

    [Test]
    public async Task Scale_ShowsTheCurveAndWhereTheSubnetRunsOut()
    {
        // README (plan of samples/near-exhaustion.yaml): subnet-nodes-1c runs out at node 24 of crm; the curve adds
        // crm's nodes one at a time the same way, so its table says 24 for that subnet.
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText();
        var (status, text) = await PostAsync("api/scale?group=crm&to=30&at=21", doc);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var html = JsonDocument.Parse(text).RootElement.GetProperty("html").GetString()!;
        Assert.That(html, Does.Contain("<svg"));
        Assert.That(html, Does.Contain("what-if: 21 nodes"), "the slider's marker in the legend");
        Assert.That(Regex.IsMatch(html, "<td>subnet-nodes-1c</td><td>eu-central-1c</td><td class=\"n\">251</td><td class=\"n\">24</td>"), html);
    }

    [Test]
    public async Task Scale_GroupOfOneClusterOfSeveral_IsTheCurveSimulateClusterDraws()
    {
        // In samples/blue-green.yaml the page's curve of green-initial grows cluster eks-blueprint-green on what blue
        // holds, as `simulate --cluster eks-blueprint-green --scale green-initial=0..40` does: the subnet each verb says
        // runs out, at which node, and what held it (blue's addresses as "other clusters"), are the same.
        var cli = CliRun.Of("simulate", Sample("blue-green.yaml"), "--cluster", "eks-blueprint-green", "--scale", "green-initial=0..40", "-o", "json");
        Assert.That(cli.ExitCode, Is.Zero, cli.Error);
        var first = JsonDocument.Parse(cli.Out).RootElement.GetProperty("subnets").EnumerateArray()
            .Where(x => x.GetProperty("exhaustedAtNodes").ValueKind == JsonValueKind.Number)
            .MinBy(x => x.GetProperty("exhaustedAtNodes").GetInt32());
        var id = first.GetProperty("id").GetString();
        var at = first.GetProperty("exhaustedAtNodes").GetInt32();
        var detail = first.GetProperty("detail").GetString()!;
        Assert.That(detail, Does.Contain("other clusters"));

        var (status, text) = await PostAsync("api/scale?group=green-initial&to=40&at=3", await File.ReadAllTextAsync(Sample("blue-green.yaml")));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var html = JsonDocument.Parse(text).RootElement.GetProperty("html").GetString()!;
        Assert.That(Regex.IsMatch(html, $"<td>{id}</td><td>[^<]*</td><td class=\"n\">[0-9,]+</td><td class=\"n\">{at}</td>"), html);
        Assert.That(System.Net.WebUtility.HtmlDecode(html), Does.Contain(detail));
    }

    [TestCase("group=nosuch&to=30", "group: no node group is named 'nosuch' (node groups: crm)")]
    [TestCase("group=crm&to=0", "to: '0' is not a node count for the curve (expected 1 to 5,000)")]
    [TestCase("group=crm&to=99999999999999", "to: '99999999999999' is not a node count for the curve (expected 1 to 5,000)")]
    [TestCase("group=crm&to=-5", "to: '-5' is not a node count for the curve (expected 1 to 5,000)")]
    [TestCase("group=crm&to=30&at=31", "at: '31' is not a node count on the curve (expected 0 to 30)")]
    [TestCase("group=crm", "to: '' is not a node count for the curve (expected 1 to 5,000)")]
    public async Task Scale_HostileQuery_Is400WithOneLine(string query, string message)
    {
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText();
        var (status, text) = await PostAsync("api/scale?" + query, doc);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString(), Is.EqualTo(message));
    }

    [TestCase("\"nodes\": 21,", "\"nodes\": 100000000000,")]
    [TestCase("\"nodes\": 21,", "\"nodes\": -1,")]
    [TestCase("\"maxNodes\": 30,", "\"maxNodes\": 1e300,")]
    [TestCase("\"cidr\": \"10.50.1.0/24\"", "\"cidr\": \"10.50.1.0/99\"")]
    public async Task WhatIf_HostileNumbers_Are400NeverA500(string from, string to)
    {
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText();
        var hostile = doc.Replace(from, to, StringComparison.Ordinal);
        var (status, text) = await PostAsync("api/what-if", hostile);
        Assert.That(hostile, Is.Not.EqualTo(doc), "the document this test edits");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("error").GetString(), Does.StartWith("what-if.json:").And.Not.Contain("\n"));
    }

    [TestCase("api/what-if")]
    [TestCase("api/scenario.yaml")]
    [TestCase("api/scale?group=crm&to=5")]
    public async Task PageWrites_BodyOverTheScenarioLimit_Are413(string path)
    {
        var huge = "# " + new string('x', (int)ScenarioLoader.MaxFileBytes) + "\n";
        var (status, _) = await PostAsync(path, huge);
        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("api/what-if")]
    [TestCase("api/scenario.yaml")]
    [TestCase("api/scale?group=crm&to=5")]
    public async Task PageWrites_FromAnotherOrigin_Are403(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = Body("{}") };
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("/api/scenario")]
    [TestCase("/api/file")]
    [TestCase("/app.js")]
    [TestCase("/api/instance-types?q=m5")]
    public async Task PageReads_HostNotTheBoundName_Are421(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Host = "evil.example";
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MisdirectedRequest));
    }

    [Test]
    public async Task Page_LoadsOnlyItsOwnScriptAndStylesheet_UnderAPolicyThatAllowsNothingElse()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(policy, Does.StartWith("default-src 'none'; script-src 'self'; connect-src 'self';").And.Contain("frame-ancestors 'none'"));
            Assert.That(Regex.Count(page, "<script"), Is.EqualTo(1), "one script, no inline one");
            Assert.That(page, Does.Contain("<script src=\"/app.js\" defer=\"defer\"></script>"));
            Assert.That(page, Does.Contain("<link rel=\"stylesheet\" href=\"/app.css\" />"));
            Assert.That(Regex.IsMatch(page, @"\son[a-z]+\s*="), Is.False, "no inline event handlers");
            Assert.That(page, Does.Not.Contain("http-equiv=\"refresh\""), "the script follows the file; the page no longer reloads itself");
        });

        using var script = await _client.GetAsync(new Uri("/app.js", UriKind.Relative));
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        var js = await script.Content.ReadAsStringAsync();
        Assert.That(js, Does.Contain("/api/what-if"));
        // The SVG and XHTML namespaces of "Download picture" are names, never fetched: any other address would be a reach.
        Assert.That(Regex.IsMatch(js, @"https?://(?!www\.w3\.org/(2000/svg|1999/xhtml)"")"), Is.False, "the script reaches no other site");
    }

    [Test]
    public async Task InstanceTypes_SearchByName_AnswersMatchingCatalogNames()
    {
        using var response = await _client.GetAsync(new Uri("api/instance-types?q=M5.L", UriKind.Relative));
        var types = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("types").EnumerateArray().Select(t => t.GetString()!).ToList();
        // The embedded catalog has m5.large (README: maxpods --instance-type m5.large); every answer contains the query.
        Assert.That(types, Does.Contain("m5.large"));
        Assert.That(types, Has.All.Contain("m5.l"));
        Assert.That(types.All(t => InstanceCatalog.Embedded.Types.Any(c => c.Name == t)), Is.True);

        using var tooLong = await _client.GetAsync(new Uri("api/instance-types?q=" + new string('a', 65), UriKind.Relative));
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task WhatIf_ScenarioWithGrowth_ShowsTheRunwayBesideTheVerdict()
    {
        // The page's verdict line is the one `ipplanner plan --html` writes for the sample: the plan's verdict, then
        // the runway at the sample's growth (web +25 pods a month give or take 10, batch +5 % a month).
        var report = Path.Combine(Path.GetTempPath(), "ipplanner-runway-" + Guid.NewGuid().ToString("N") + ".html");
        try
        {
            var cli = CliRun.Of("plan", Sample("runway.yaml"), "--html", report);
            Assert.That(cli.ExitCode, Is.Zero, cli.Error);
            var expected = VerdictLine(await File.ReadAllTextAsync(report));
            Assert.That(expected, Does.Contain("Runway at web +25\u00B110/month, batch +5%/month: "));

            var (status, text) = await PostAsync("api/what-if", await File.ReadAllTextAsync(Sample("runway.yaml")));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
            var html = JsonDocument.Parse(text).RootElement.GetProperty("html").GetString()!;
            Assert.That(VerdictLine(html), Is.EqualTo(expected));
            Assert.That(html, Does.Contain("<section id=\"runway\">"));
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static string VerdictLine(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "<span class=\"verdict-text\">(.*?)</span>").Groups[1].Value);

    [Test]
    public async Task WhatIf_FiftyConcurrent_AnswerAsOneAtATime()
    {
        var doc = (await FileScenarioAsync()).GetProperty("document").GetRawText();
        var bodies = Enumerable.Range(1, 50).Select(i => doc.Replace("\"nodes\": 21,", $"\"nodes\": {i},", StringComparison.Ordinal)
            .Replace("\"maxNodes\": 30,", $"\"maxNodes\": {Math.Max(30, i)},", StringComparison.Ordinal)).ToList();
        var alone = new List<string>();
        foreach (var body in bodies)
        {
            alone.Add((await PostAsync("api/what-if", body)).Text);
        }

        var together = await Task.WhenAll(bodies.Select(b => Task.Run(async () => (await PostAsync("api/what-if", b)).Text)));
        Assert.That(together, Is.EqualTo(alone));
        Assert.That(alone.Distinct().Count(), Is.EqualTo(50));
    }

    [Test]
    public async Task Page_FileBroken_LoadsWithTheLoadersMessage()
    {
        // Before, a broken file gave a bare text answer (422) that never became the page again.
        var dir = Path.Combine(Path.GetTempPath(), "ipplanner-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "broken.yaml");
        await File.WriteAllTextAsync(file, "cluster: [\n");
        try
        {
            await using var app = PlannerServer.Build(new ServerOptions(file), new CliPlanViews(InstanceCatalog.Embedded), b => b.WebHost.UseTestServer());
            await app.StartAsync();
            using var client = app.GetTestClient();
            client.BaseAddress = new Uri("http://127.0.0.1/");
            using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            // The loader's own message for the file (as `ipplanner validate` prints it): line 2, column 1.
            Assert.That(html, Does.Contain(file + ":2:1").And.Contain("<script src=\"/app.js\"").And.Contain("id=\"what-if\""));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("runway.yaml")]
    [TestCase("karpenter-nodepool.yaml")]
    [TestCase("small-3az.yaml")]
    public async Task WhatIf_AnswersTheBadgeAndTheRunwayCoreGives(string sample)
    {
        // The page's summary shows these; it works out none of them. Expected from Core and the report's own badge.
        var scenario = SampleScenario(sample);
        var report = CapacityPlanner.Plan(scenario);
        var runway = Runway.GrowthOf(scenario, null).Count > 0 ? Runway.Run(scenario, new RunwayOptions()) : null;
        var (status, text) = await PostAsync("api/what-if", await File.ReadAllTextAsync(Sample(sample)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.That(answer.GetProperty("severity").GetString(), Is.EqualTo(new CliPlanViews(InstanceCatalog.Embedded).Severity(report)));
        if (runway is null)
        {
            Assert.That(answer.GetProperty("runway").ValueKind, Is.EqualTo(JsonValueKind.Null), "no growth, no runway");
            return;
        }

        var first = answer.GetProperty("runway").GetProperty("firstExhausted");
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("runway").GetProperty("months").GetInt32(), Is.EqualTo(36));
            Assert.That(first.GetProperty("month").GetInt32(), Is.EqualTo(runway.FirstExhausted!.Month));
            Assert.That(first.GetProperty("subnet").GetString(), Is.EqualTo(runway.FirstExhausted.Subnet));
        });
    }

    [Test]
    public void Severity_PodsPendingIsAnError_AFittingPlanIsNot()
    {
        // The badge word for the page: karpenter-nodepool.yaml leaves 25 pods pending (PlanCommandTests); small-3az.yaml fits.
        var views = new CliPlanViews(InstanceCatalog.Embedded);
        Assert.That(views.Severity(CapacityPlanner.Plan(SampleScenario("karpenter-nodepool.yaml"))), Is.EqualTo("error"));
        Assert.That(views.Severity(CapacityPlanner.Plan(SampleScenario("small-3az.yaml"))), Is.Not.EqualTo("error"));
    }
}
