using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Simulation;
using IpPlanner.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Server;

/// <summary>
/// Sharing the page safely, in process (ASP.NET Core's TestServer, where a test sets the client's address): a
/// wildcard bind answers the machine's own names, another machine needs the token, a read-only server plans nothing
/// sent to it, and a slow or crowded server says so with 504 and 503 instead of keeping threads busy.
/// </summary>
public sealed class ServerSharingTests
{
    private const string Token = "s3cret-token_for-tests";

    /// <summary>An address of another machine (TEST-NET-1, RFC 5737: never a real host).</summary>
    private static readonly IPAddress s_remote = IPAddress.Parse("192.0.2.10");

    private static async Task<WebApplication> StartAsync(ServerOptions options, IPlanViews? views = null)
    {
        var app = PlannerServer.Build(options, views ?? new CliPlanViews(InstanceCatalog.Embedded), b => b.WebHost.UseTestServer());
        await app.StartAsync();
        return app;
    }

    private static ServerOptions Wildcard(params string[] allow) =>
        new(Sample("small-3az.yaml"), "0.0.0.0", 8080) { Token = Token, AllowHosts = allow };

    /// <summary>One request as a client at <paramref name="from"/> sends it.</summary>
    private static async Task<(int Status, string Body, IHeaderDictionary Headers)> SendAsync(
        WebApplication app, string method, string pathAndQuery, string host, IPAddress? from, string? body = null, Action<HttpRequest>? more = null)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = method;
            var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            c.Request.Path = q < 0 ? pathAndQuery : pathAndQuery[..q];
            c.Request.QueryString = q < 0 ? QueryString.Empty : new QueryString(pathAndQuery[q..]);
            c.Request.Host = new HostString(host);
            c.Connection.RemoteIpAddress = from;
            if (body is not null)
            {
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            }

            more?.Invoke(c.Request);
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync(), context.Response.Headers);
    }

    private static string SmallYaml => File.ReadAllText(Sample("small-3az.yaml"));

    [Test]
    public async Task WildcardBind_AnswersLoopbackTheMachinesNameAndItsAddresses_NotAnotherSite()
    {
        await using var app = await StartAsync(Wildcard());
        // The machine's names as the operating system gives them, independent of the server: its host name and the
        // first IPv4 address of an interface that is up.
        var address = NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
        foreach (var host in new[] { "127.0.0.1:8080", "localhost:8080", Dns.GetHostName() + ":8080", address + ":8080" })
        {
            var (status, body, _) = await SendAsync(app, "GET", "/api/file", host, IPAddress.Loopback);
            Assert.That(status, Is.EqualTo(200), $"Host {host}: {body}");
        }

        var (refused, _, _) = await SendAsync(app, "GET", "/api/file", "evil.example:8080", IPAddress.Loopback);
        Assert.That(refused, Is.EqualTo(421), "DNS rebinding is still refused on a wildcard bind");
    }

    [Test]
    public async Task AllowHost_NameIsAnswered()
    {
        await using var app = await StartAsync(Wildcard("planner.corp.example"));
        var (status, _, _) = await SendAsync(app, "GET", "/api/file", "planner.corp.example:8080", IPAddress.Loopback);
        Assert.That(status, Is.EqualTo(200));
    }

    [Test]
    public async Task RemoteClient_WithoutTheToken_Is401_LoopbackNeedsNone()
    {
        await using var app = await StartAsync(Wildcard());
        var (none, body, _) = await SendAsync(app, "GET", "/", "127.0.0.1:8080", s_remote);
        var (wrong, _, _) = await SendAsync(app, "GET", "/?token=guess", "127.0.0.1:8080", s_remote);
        var (post, _, _) = await SendAsync(app, "POST", "/api/plan", "127.0.0.1:8080", s_remote, SmallYaml);
        var (local, _, _) = await SendAsync(app, "GET", "/api/file", "127.0.0.1:8080", IPAddress.Loopback);
        var (mapped, _, _) = await SendAsync(app, "GET", "/api/file", "127.0.0.1:8080", IPAddress.Loopback.MapToIPv6());
        Assert.Multiple(() =>
        {
            Assert.That(none, Is.EqualTo(401));
            Assert.That(body, Does.Contain("token"), "the one line says what is missing");
            Assert.That(wrong, Is.EqualTo(401));
            Assert.That(post, Is.EqualTo(401));
            Assert.That(local, Is.EqualTo(200));
            Assert.That(mapped, Is.EqualTo(200), "::ffff:127.0.0.1 is loopback too");
        });
    }

    [Test]
    public async Task RemoteClient_PrintedAddress_SetsACookieAndDropsTheTokenFromTheAddressBar()
    {
        await using var app = await StartAsync(Wildcard());
        var (status, _, headers) = await SendAsync(app, "GET", "/?token=" + Token, "127.0.0.1:8080", s_remote);
        Assert.That(status, Is.EqualTo(302));
        Assert.That(headers.Location.ToString(), Is.EqualTo("/"));
        var cookie = headers.SetCookie.ToString();
        Assert.That(cookie, Does.StartWith($"{RequestGuard.TokenCookie}={Token}").And.Contain("httponly").And.Contain("samesite=strict"));

        var (page, html, _) = await SendAsync(app, "GET", "/", "127.0.0.1:8080", s_remote, more: r => r.Headers.Cookie = $"{RequestGuard.TokenCookie}={Token}");
        Assert.That(page, Is.EqualTo(200));
        Assert.That(html, Does.Contain("shop-prod"), "the page of the served file");
    }

    [Test]
    public async Task RemoteScript_BearerToken_Plans()
    {
        await using var app = await StartAsync(Wildcard());
        var (status, body, _) = await SendAsync(app, "POST", "/api/plan", "127.0.0.1:8080", s_remote, SmallYaml, r => r.Headers.Authorization = "Bearer " + Token);
        Assert.That(status, Is.EqualTo(200), body);
        Assert.That(body, Does.Contain("\"verdict\""));
    }

    [Test]
    public async Task ServerWithoutAToken_LetsNoOtherMachineIn()
    {
        await using var app = await StartAsync(new ServerOptions(Sample("small-3az.yaml"), "0.0.0.0", 8080));
        var (status, _, _) = await SendAsync(app, "GET", "/?token=", "127.0.0.1:8080", s_remote);
        Assert.That(status, Is.EqualTo(401));
    }

    [Test]
    public async Task ReadOnly_RefusesEveryPost_ShowsTheFile()
    {
        await using var app = await StartAsync(new ServerOptions(Sample("small-3az.yaml")) { ReadOnly = true });
        foreach (var path in new[] { "/api/plan", "/api/recommend", "/api/what-if", "/api/scale?group=web&to=5", "/api/scenario.yaml" })
        {
            var (status, body, _) = await SendAsync(app, "POST", path, "127.0.0.1", null, SmallYaml);
            Assert.That(status, Is.EqualTo(403), path);
            Assert.That(body, Does.Contain("read-only"), path);
        }

        var (ok, scenario, _) = await SendAsync(app, "GET", "/api/scenario", "127.0.0.1", null);
        Assert.That(ok, Is.EqualTo(200));
        Assert.That(scenario, Does.Contain("\"readOnly\":true"), "the page leaves its controls out");
    }

    [Test]
    public async Task ApiAnswers_SayNosniffAndSameOrigin_EvenRefusals()
    {
        await using var app = await StartAsync(new ServerOptions(Sample("small-3az.yaml")));
        foreach (var (method, path, body) in new[] { ("POST", "/api/plan", SmallYaml), ("POST", "/api/plan", "cluster: ["), ("GET", "/api/scenario", (string?)null) })
        {
            var (status, _, headers) = await SendAsync(app, method, path, "127.0.0.1", null, body);
            Assert.That(headers.XContentTypeOptions.ToString(), Is.EqualTo("nosniff"), $"{path} {status}");
            Assert.That(headers["Cross-Origin-Resource-Policy"].ToString(), Is.EqualTo("same-origin"), $"{path} {status}");
        }
    }

    [TestCase("br")]
    [TestCase("gzip")]
    public async Task WhatIfAnswer_IsCompressedForABrowserThatAsks(string encoding)
    {
        await using var app = await StartAsync(new ServerOptions(Sample("near-exhaustion.yaml")));
        var plain = await SendAsync(app, "POST", "/api/what-if", "127.0.0.1", null, File.ReadAllText(Sample("near-exhaustion.yaml")));
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/api/what-if";
            c.Request.Host = new HostString("127.0.0.1");
            c.Request.Headers.AcceptEncoding = encoding;
            c.Request.Body = new MemoryStream(File.ReadAllBytes(Sample("near-exhaustion.yaml")));
        });
        using var raw = new MemoryStream();
        await context.Response.Body.CopyToAsync(raw);
        raw.Position = 0;
        using Stream decoded = encoding == "br"
            ? new System.IO.Compression.BrotliStream(raw, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress);
        var text = await new StreamReader(decoded).ReadToEndAsync();
        Assert.Multiple(() =>
        {
            Assert.That(context.Response.Headers.ContentEncoding.ToString(), Is.EqualTo(encoding));
            Assert.That(raw.Length, Is.LessThan(Encoding.UTF8.GetByteCount(plain.Body) / 2), "less than half: the report's markup repeats itself");
            Assert.That(text, Is.EqualTo(plain.Body), "the same answer");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task SlowPlan_Is504AtTheTimeLimit_AndKeepsItsSlotUntilItEnds()
    {
        using var views = new HeldViews();
        await using var app = await StartAsync(new ServerOptions(Sample("small-3az.yaml")) { TimeLimit = TimeSpan.FromMilliseconds(300), ConcurrencyLimit = 1, QueueLimit = 0 }, views);

        var (slow, body, _) = await SendAsync(app, "POST", "/api/plan", "127.0.0.1", null, SmallYaml);
        Assert.That(slow, Is.EqualTo(504));
        Assert.That(body, Does.Contain("time limit of 0.3 s"));

        // The timed-out plan still runs (planning cannot stop half-way): its slot is not free for another.
        var (busy, busyBody, headers) = await SendAsync(app, "POST", "/api/plan", "127.0.0.1", null, SmallYaml);
        Assert.That(busy, Is.EqualTo(503), busyBody);
        Assert.That(busyBody, Does.Contain("busy"));
        Assert.That(headers.RetryAfter.ToString(), Is.EqualTo("1"));

        views.HoldNext = false;
        views.Release();
        await WaitUntilAsync(() => views.Finished >= 1);
        // The held request still plans after loading; its slot comes back when that ends (well within 5 s).
        var after = 0;
        for (var i = 0; i < 100 && after != 200; i++)
        {
            (after, _, _) = await SendAsync(app, "POST", "/api/plan", "127.0.0.1", null, SmallYaml);
            if (after == 503)
            {
                await Task.Delay(50);
            }
        }

        Assert.That(after, Is.EqualTo(200), "the slot is back once the slow plan ended");
    }

    [Test]
    public void AddressesToOpen_Wildcard_ThisMachineWithoutTokenOthersWithIt()
    {
        var open = PlannerServer.AddressesToOpen(Wildcard("planner.corp.example"), "http://0.0.0.0:8123");
        Assert.That(open[0], Is.EqualTo("http://127.0.0.1:8123"));
        Assert.That(open.Skip(1), Does.Contain($"http://{Dns.GetHostName()}:8123/?token={Token}").And.Contain($"http://planner.corp.example:8123/?token={Token}"));
        Assert.That(open.Skip(1), Has.All.EndWith("/?token=" + Token));
        Assert.That(open, Has.None.Contain("0.0.0.0"), "nobody can open the wildcard itself");
    }

    [Test]
    public void AddressesToOpen_Loopback_IsTheAddressItListensOn()
    {
        Assert.That(PlannerServer.AddressesToOpen(new ServerOptions(Sample("small-3az.yaml")) { Token = Token }, "http://127.0.0.1:8080"), Is.EqualTo(new[] { "http://127.0.0.1:8080" }));
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
        {
            await Task.Delay(25);
        }

        Assert.That(done(), Is.True);
    }

    /// <summary>The CLI's views, with loading held until the test releases it: a plan that takes as long as the test wants.</summary>
    private sealed class HeldViews : IPlanViews, IDisposable
    {
        private readonly CliPlanViews _inner = new(InstanceCatalog.Embedded);
        private readonly ManualResetEventSlim _release = new(false);
        private int _finished;

        public bool HoldNext { get; set; } = true;

        public int Finished => Volatile.Read(ref _finished);

        public void Release() => _release.Set();

        public void Dispose() => _release.Dispose();

        public (ProvisionedScenario Scenario, IReadOnlyList<Finding> Warnings) Load(string text, string name)
        {
            if (HoldNext)
            {
                _release.Wait(TimeSpan.FromSeconds(30));
            }

            try
            {
                return _inner.Load(text, name);
            }
            finally
            {
                Interlocked.Increment(ref _finished);
            }
        }

        public string PlanJson(PlanReport report) => _inner.PlanJson(report);

        public string RecommendJson(RecommendReport report) => _inner.RecommendJson(report);

        public string PlanPage(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway, string scenarioPath, string contentSecurityPolicy) =>
            _inner.PlanPage(report, scenario, runway, scenarioPath, contentSecurityPolicy);

        public string Severity(PlanReport report) => _inner.Severity(report);

        public string ErrorPage(string message, string scenarioPath, string contentSecurityPolicy) => _inner.ErrorPage(message, scenarioPath, contentSecurityPolicy);

        public string PlanContent(PlanReport report, ProvisionedScenario scenario, RunwayReport? runway) => _inner.PlanContent(report, scenario, runway);

        public string ScaleContent(ScaleCurveReport curve, int? marker) => _inner.ScaleContent(curve, marker);

        public IReadOnlyList<string> InstanceTypes(string query, int limit) => _inner.InstanceTypes(query, limit);
    }
}
