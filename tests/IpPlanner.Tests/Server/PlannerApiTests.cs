using System.Net;
using System.Text;
using IpPlanner.Cli.Output;
using IpPlanner.Server;
using IpPlanner.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using IpPlanner.Core.Catalog;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Server;

/// <summary>
/// The JSON API in process (ASP.NET Core's TestServer, from Microsoft.AspNetCore.Mvc.Testing): what it answers is
/// compared with what the CLI prints for the same file, never with a copy of its own output.
/// </summary>
public sealed class PlannerApiTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;


    private static IEnumerable<string> SampleNames() =>
        Directory.GetFiles(SamplesDirectory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var options = new ServerOptions(Path.Combine(SamplesDirectory, "small-3az.yaml"));
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

    private static StringContent Body(string text) => new(text, Encoding.UTF8, "application/yaml");

    [TestCaseSource(nameof(SampleNames))]
    public async Task PostPlan_EverySample_AnswersWhatPlanJsonPrints(string sample)
    {
        var path = Path.Combine(SamplesDirectory, sample);
        var cli = CliRun.Of("plan", path, "-o", "json");
        Assert.That(cli.ExitCode, Is.EqualTo(0), cli.Error);

        using var response = await _client.PostAsync(new Uri($"api/plan?name={sample}", UriKind.Relative), Body(await File.ReadAllTextAsync(path)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(cli.Out));
    }

    [Test]
    public async Task PostRecommend_Sample_AnswersWhatRecommendJsonPrints()
    {
        var path = Path.Combine(SamplesDirectory, "near-exhaustion.yaml");
        var cli = CliRun.Of("recommend", path, "-o", "json");
        Assert.That(cli.ExitCode, Is.EqualTo(0), cli.Error);

        using var response = await _client.PostAsync(new Uri("api/recommend?name=near-exhaustion.yaml", UriKind.Relative), Body(await File.ReadAllTextAsync(path)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(cli.Out));
    }

    [TestCase("cluster: [", "bad.yaml:2:1")]
    [TestCase("""
        cluster: { name: x, controlPlaneSubnets: [a, b] }
        vpc: { cidrs: [10.0.0.0/16] }
        subnets:
          - { id: a, cidr: 10.0.1.0/24, zone: z1 }
          - { id: b, cidr: 10.0.2.0/24, zone: z2 }
        nodeGroups:
          - { name: g, instanceType: m5.nosuch, subnets: [a], nodes: 1 }
        """, "bad.yaml:7")]
    public async Task PostPlan_BadBody_Is400WithTheLoadersMessageAndTheServerKeepsServing(string body, string where)
    {
        using var bad = await _client.PostAsync(new Uri("api/plan?name=bad.yaml", UriKind.Relative), Body(body));
        var text = await bad.Content.ReadAsStringAsync();

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        // The message is the one the CLI prints for the same file, after its "ipplanner: error: " prefix.
        Assert.That(text, Does.StartWith("{\"error\":\"" + where));
        Assert.That(text, Does.Not.Contain("   at "), "no stack trace");

        using var good = await _client.PostAsync(new Uri("api/plan", UriKind.Relative), Body(await File.ReadAllTextAsync(Path.Combine(SamplesDirectory, "small-3az.yaml"))));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostPlan_BodyOverTheScenarioLimit_Is413()
    {
        var huge = "# " + new string('x', (int)Core.ScenarioFile.ScenarioLoader.MaxFileBytes) + "\n";
        using var response = await _client.PostAsync(new Uri("api/plan", UriKind.Relative), Body(huge));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [TestCase("evil.example")]
    [TestCase("127.0.0.1.nip.io")]
    [TestCase("localhost.evil.example:8080")]
    public async Task AnyRequest_HostNotTheBoundName_IsRefused(string host)
    {
        // DNS rebinding: a page on evil.example whose name now resolves to 127.0.0.1 sends its own name as Host.
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Host = host;
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MisdirectedRequest));
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost:8080")]
    public async Task Page_LoopbackHost_IsServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Host = host;
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("shop-prod"), "the page of the served file");
    }

    [TestCase("http://evil.example", null)]
    [TestCase("http://127.0.0.1:9999", null)]
    [TestCase(null, "cross-site")]
    public async Task PostPlan_FromAnotherOrigin_IsRefused(string? origin, string? fetchSite)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/plan", UriKind.Relative))
        {
            Content = Body(await File.ReadAllTextAsync(Path.Combine(SamplesDirectory, "small-3az.yaml"))),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task PostPlan_FromItsOwnOrigin_IsServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/plan", UriKind.Relative))
        {
            Content = Body(await File.ReadAllTextAsync(Path.Combine(SamplesDirectory, "small-3az.yaml"))),
        };
        request.Headers.Add("Origin", "http://127.0.0.1");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var response = await _client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task PostPlan_FiftyConcurrentWhatIfs_AnswerAsOneAtATime()
    {
        // 50 variants of a sample (the crm group at 1..25 nodes, with 15 or 10 pods per node): each answer, asked
        // all at once, must equal the answer to the same body asked alone.
        var sample = await File.ReadAllTextAsync(Path.Combine(SamplesDirectory, "near-exhaustion.yaml"));
        Assert.That(sample, Does.Contain("    nodes: 21\n").And.Contain("    podsPerNode: 15\n"), "the sample this test edits");
        var bodies = Enumerable.Range(0, 50).Select(i => sample
            .Replace("    nodes: 21\n", $"    nodes: {1 + (i % 25)}\n", StringComparison.Ordinal)
            .Replace("    podsPerNode: 15\n", $"    podsPerNode: {(i < 25 ? 15 : 10)}\n", StringComparison.Ordinal)).ToList();

        var alone = new List<string>();
        foreach (var body in bodies)
        {
            alone.Add(await PlanAsync(body));
        }

        var together = await Task.WhenAll(bodies.Select(b => Task.Run(() => PlanAsync(b))));

        Assert.That(together, Is.EqualTo(alone));
        Assert.That(alone.Distinct().Count(), Is.GreaterThan(40), "the variants plan differently, so a mix-up would show");
    }

    private async Task<string> PlanAsync(string body)
    {
        using var response = await _client.PostAsync(new Uri("api/plan", UriKind.Relative), Body(body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }
}
