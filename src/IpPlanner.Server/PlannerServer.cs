using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning.Recommend;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Server;

/// <summary>
/// The <c>ipplanner serve</c> web application: the live what-if page of the scenario file (<see cref="PageApi"/>),
/// and a JSON API (<c>POST /api/plan</c>, <c>POST /api/recommend</c>) that plans a scenario sent in the body. Every
/// request loads and plans its own scenario; nothing mutable is shared between requests.
/// </summary>
public static class PlannerServer
{
    /// <summary>Name given to a posted scenario when the request does not name it (<c>?name=FILE</c>).</summary>
    public const string DefaultRequestName = "request.yaml";

    /// <summary>
    /// The served page's policy: its own script and stylesheet and calls to its own server, nothing else (the report
    /// file's policy allows no script at all). Sent as a header and as the page's meta element.
    /// </summary>
    public const string PageContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// Builds the application. <paramref name="configure"/> lets tests swap the server (TestServer); otherwise it
    /// listens with Kestrel on <see cref="ServerOptions.Host"/>:<see cref="ServerOptions.Port"/>.
    /// </summary>
    public static WebApplication Build(ServerOptions options, IPlanViews views, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(views);

        // Content root in the tool's folder: an appsettings.json in the user's current folder must not configure it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{UrlHost(options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = ScenarioLoader.MaxFileBytes + 1;
        });
        configure?.Invoke(builder);

        var gate = new WorkGate(options);
        builder.Services.AddSingleton(gate); // disposed with the application
        // Answers are compressed (Brotli, else gzip) for a browser that asks: a plan's report is mostly repeated markup.
        // The answers reflect no secret (the token never appears in one), so compression leaks nothing (BREACH).
        builder.Services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "text/html", "text/javascript", "text/css", "application/yaml"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        var app = builder.Build();
        var guard = new RequestGuard(options);
        app.Use(guard.InvokeAsync);
        app.UseResponseCompression();
        app.MapPost("/api/plan", (HttpRequest request) => Api(request, gate, views, (scenario, warnings, name) =>
            views.PlanJson(CapacityPlanner.Plan(scenario, warnings) with { Scenario = name })));
        app.MapPost("/api/recommend", (HttpRequest request) => Api(request, gate, views, (scenario, _, name) =>
        {
            // The defaults of `ipplanner recommend FILE`: every group at maxNodes, 10 % headroom.
            var target = Recommender.Target(scenario, new Dictionary<string, int>(), null, 10);
            return views.RecommendJson(Recommender.Recommend(scenario, target) with { Scenario = name });
        }));
        PageApi.Map(app, options, views, gate);
        return app;
    }

    /// <summary>Starts <paramref name="app"/> and returns the address it listens on (<c>http://HOST:PORT</c>, the real port when 0 was asked).</summary>
    public static async Task<string> StartAsync(WebApplication app, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Every way a listen fails (the port in use, a port below 1024 without the right, an address the machine
            // does not have, a bad URL) is one line naming the address, never a stack trace.
            throw new InputException($"cannot listen on http://{UrlHost(options.Host)}:{options.Port}: {FirstLine(e.Message)}", e);
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault() ?? $"http://{UrlHost(options.Host)}:{options.Port}";
    }

    internal static string UrlHost(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    /// <summary>
    /// The addresses to open, for people: on loopback the one it listens on; on a wildcard the loopback one for this
    /// machine, then the machine's name and addresses with the token; on another host that host with the token.
    /// </summary>
    public static IReadOnlyList<string> AddressesToOpen(ServerOptions options, string listening)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(listening);
        var port = new Uri(listening).Port.ToString(CultureInfo.InvariantCulture);
        var token = options.Token is null ? "" : "/?token=" + Uri.EscapeDataString(options.Token);
        if (options.IsLoopback)
        {
            return [listening];
        }

        if (!options.IsWildcard)
        {
            return [.. new[] { options.Host }.Concat(options.AllowHosts).Select(h => $"http://{UrlHost(h)}:{port}{token}")];
        }

        var remote = RequestGuard.MachineNames().Concat(options.AllowHosts)
            .Where(h => !ServerOptions.IsLoopbackName(h))
            .Where(h => options.Host.Trim('[', ']') != "0.0.0.0" || !h.Contains(':', StringComparison.Ordinal)) // 0.0.0.0 is IPv4 only
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(h => $"http://{UrlHost(h)}:{port}{token}");
        return [$"http://127.0.0.1:{port}", .. remote];
    }

    /// <summary>A random token: 128 bits, URL-safe (what <c>serve</c> requires from other machines).</summary>
    public static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static async Task<IResult> Api(HttpRequest request, WorkGate gate, IPlanViews views, Func<ProvisionedScenario, IReadOnlyList<Finding>, string, string> answer)
    {
        var text = await ReadBodyAsync(request).ConfigureAwait(false);
        if (text is null)
        {
            return TooLarge();
        }

        var name = RequestName(request, DefaultRequestName);
        return await gate.RunAsync(request.HttpContext, () =>
        {
            try
            {
                var (scenario, warnings) = views.Load(text, name);
                return Results.Text(answer(scenario, warnings, name), "application/json", Encoding.UTF8);
            }
            catch (InputException e)
            {
                return Error(StatusCodes.Status400BadRequest, e.Message);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The request's <c>?name=FILE</c> (its file name only), or <paramref name="fallback"/>.</summary>
    internal static string RequestName(HttpRequest request, string fallback) =>
        request.Query["name"].FirstOrDefault() is { Length: > 0 } given && Path.GetFileName(given) is { Length: > 0 } file ? file : fallback;

    internal static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than a scenario file may be (at most {ScenarioLoader.MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)");

    /// <summary>The scenario file's text and its version (SHA-256 of its bytes); an unreadable or oversized file is an <see cref="InputException"/>.</summary>
    internal static (string Text, string Version) ReadScenarioFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > ScenarioLoader.MaxFileBytes)
            {
                throw new InputException($"{path}: {info.Length} bytes is too large for a scenario file (at most {ScenarioLoader.MaxFileBytes})");
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.Length > ScenarioLoader.MaxFileBytes)
            {
                throw new InputException($"{path}: {bytes.Length} bytes is too large for a scenario file (at most {ScenarioLoader.MaxFileBytes})");
            }

            return (new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the file: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The body as text, or null when it is over the scenario file limit (read at most the limit plus one byte).</summary>
    internal static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > ScenarioLoader.MaxFileBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > ScenarioLoader.MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    internal static IResult Error(int status, string message)
    {
        using var stream = new MemoryStream();
        // Messages quote names ('subnet-a'); the relaxed encoder keeps them readable and still escapes quotes.
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            json.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(stream.ToArray()) + "\n", "application/json", Encoding.UTF8, status);
    }
}
