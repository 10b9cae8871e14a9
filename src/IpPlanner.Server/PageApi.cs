using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using IpPlanner.Core.Engine;
using IpPlanner.Core.Input;
using IpPlanner.Core.Planning;
using IpPlanner.Core.ScenarioFile;
using IpPlanner.Core.Simulation;

namespace IpPlanner.Server;

/// <summary>
/// The live what-if page and the endpoints its script (<c>/app.js</c>, an embedded resource) calls. The page keeps the
/// scenario as a JSON document (<c>GET /api/scenario</c>, written by Core's <see cref="ScenarioDocument"/>), changes it
/// as people edit, and posts it back: the loader checks it like a file and the answer is the re-planned report,
/// written by the HTML report's own code, plus the plan JSON for the comparison with a pinned plan. Every request
/// loads and plans its own copy; nothing here holds state between requests.
/// </summary>
internal static class PageApi
{
    /// <summary>Name the loader gives the page's what-if document in its messages.</summary>
    public const string WhatIfName = "what-if.json";

    /// <summary>Most instance types one search answers.</summary>
    public const int InstanceTypeLimit = 50;

    /// <summary>
    /// The longest scale curve the page may ask for: each point adds a node to the cluster, and a slider needs no
    /// more (simulate --scale goes to 100,000).
    /// </summary>
    public const int ScaleLimit = 5_000;

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(WebApplication app, ServerOptions options, IPlanViews views, WorkGate gate)
    {
        app.MapGet("/", (HttpRequest request) => gate.RunAsync(request.HttpContext, () => Page(options, views)));
        app.MapGet("/app.js", () => Asset("app.js", "text/javascript"));
        app.MapGet("/app.css", () => Asset("app.css", "text/css"));
        app.MapGet("/api/file", () => FileVersion(options));
        app.MapGet("/api/scenario", (HttpRequest request) => gate.RunAsync(request.HttpContext, () => FileScenario(options, views)));
        app.MapPost("/api/what-if", (HttpRequest request) => WithBody(request, gate, views, (scenario, warnings, _) => Plan(views, scenario, warnings, Path.GetFileName(options.ScenarioPath))));
        app.MapPost("/api/scenario.yaml", (HttpRequest request) => WithBody(request, gate, views, (scenario, _, _) => Yaml(scenario, options)));
        app.MapPost("/api/scale", (HttpRequest request) => WithBody(request, gate, views, (scenario, _, _) => Scale(views, scenario, request.Query)));
        app.MapGet("/api/instance-types", (HttpRequest request) => InstanceTypes(views, request.Query["q"].FirstOrDefault() ?? ""));
    }

    private static PageResult Page(ServerOptions options, IPlanViews views)
    {
        try
        {
            var (text, _) = PlannerServer.ReadScenarioFile(options.ScenarioPath);
            var (scenario, warnings) = views.Load(text, options.ScenarioPath);
            var name = Path.GetFileName(options.ScenarioPath);
            var report = CapacityPlanner.Plan(scenario, warnings) with { Scenario = name };
            var html = views.PlanPage(report, scenario, RunwayOf(scenario, name), options.ScenarioPath, PlannerServer.PageContentSecurityPolicy);
            return new PageResult(html);
        }
        catch (InputException e)
        {
            // The file is being edited: the page loads all the same, says what is wrong with the file, and shows the
            // plan once the file loads again (its script follows the file).
            return new PageResult(views.ErrorPage(e.Message, options.ScenarioPath, PlannerServer.PageContentSecurityPolicy));
        }
    }

    private static IResult Asset(string name, string type)
    {
        using var stream = typeof(PageApi).Assembly.GetManifestResourceStream($"IpPlanner.Server.Page.{name}")
            ?? throw new InvalidOperationException($"the page asset {name} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Results.Text(reader.ReadToEnd(), type, Encoding.UTF8);
    }

    private static IResult FileVersion(ServerOptions options)
    {
        try
        {
            var (_, version) = PlannerServer.ReadScenarioFile(options.ScenarioPath);
            return Json(StatusCodes.Status200OK, w => w.WriteString("version", version));
        }
        catch (InputException e)
        {
            // Gone for a moment (an editor that saves by rename): the page keeps what it shows and asks again.
            return Json(StatusCodes.Status422UnprocessableEntity, w => w.WriteString("error", e.Message));
        }
    }

    private static IResult FileScenario(ServerOptions options, IPlanViews views)
    {
        string version = "";
        try
        {
            (var text, version) = PlannerServer.ReadScenarioFile(options.ScenarioPath);
            var (scenario, warnings) = views.Load(text, options.ScenarioPath);
            var name = Path.GetFileName(options.ScenarioPath);
            var document = DocJson.Write(ScenarioDocument.From(scenario.Scenario, []));
            var parts = PlanParts(views, scenario, warnings, name);
            return Json(StatusCodes.Status200OK, w =>
            {
                w.WriteString("name", name);
                w.WriteString("version", version);
                w.WriteBoolean("readOnly", options.ReadOnly);
                w.WritePropertyName("document");
                w.WriteRawValue(document);
                WriteParts(w, parts);
            });
        }
        catch (InputException e)
        {
            return Json(StatusCodes.Status422UnprocessableEntity, w =>
            {
                w.WriteString("error", e.Message);
                w.WriteString("version", version);
            });
        }
    }

    private static IResult Plan(IPlanViews views, ProvisionedScenario scenario, IReadOnlyList<Finding> warnings, string name)
    {
        var parts = PlanParts(views, scenario, warnings, name);
        return Json(StatusCodes.Status200OK, w => WriteParts(w, parts));
    }

    /// <summary>What the page shows of one plan: the plan JSON, the report's badge word, the runway's answer and the report's HTML.</summary>
    private sealed record Parts(string Plan, string Severity, RunwayReport? Runway, string Html);

    private static Parts PlanParts(IPlanViews views, ProvisionedScenario scenario, IReadOnlyList<Finding> warnings, string name)
    {
        var report = CapacityPlanner.Plan(scenario, warnings) with { Scenario = name };
        var runway = RunwayOf(scenario, name);
        return new Parts(views.PlanJson(report), views.Severity(report), runway, views.PlanContent(report, scenario, runway));
    }

    /// <summary>
    /// <c>plan</c> (as <c>plan -o json</c>), <c>severity</c> (the report's badge), <c>runway</c> (null without growth:
    /// its horizon in <c>months</c> and <c>firstExhausted</c> under the names of <c>runway -o json</c>) and <c>html</c>.
    /// </summary>
    private static void WriteParts(Utf8JsonWriter w, Parts parts)
    {
        w.WritePropertyName("plan");
        w.WriteRawValue(parts.Plan);
        w.WriteString("severity", parts.Severity);
        if (parts.Runway is { } runway)
        {
            w.WriteStartObject("runway");
            w.WriteNumber("months", runway.Months);
            if (runway.FirstExhausted is { } first)
            {
                w.WriteStartObject("firstExhausted");
                w.WriteString("subnet", first.Subnet);
                w.WriteNumber("month", first.Month);
                w.WriteString("reason", first.Reason);
                w.WriteString("nodeGroup", first.NodeGroup);
                w.WriteString("nodePool", first.NodePool);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("firstExhausted");
            }

            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("runway");
        }

        w.WriteString("html", parts.Html);
    }

    /// <summary>
    /// The runway beside the verdict, as the --html report shows it: only for a scenario that says how it grows (what
    /// Core's runway counts as growth, so NodePools' growth too where Core reads it).
    /// </summary>
    private static RunwayReport? RunwayOf(ProvisionedScenario scenario, string name) =>
        Runway.GrowthOf(scenario, null).Count > 0 ? Runway.Run(scenario, new RunwayOptions()) with { Scenario = name } : null;

    /// <summary>
    /// The scenario as a file the browser saves. ASP.NET writes the Content-Disposition header, so a file name with
    /// quotes or letters outside ASCII (plän.yaml) gets its RFC 6266 <c>filename*</c> rather than a header Kestrel refuses.
    /// </summary>
    private static IResult Yaml(ProvisionedScenario scenario, ServerOptions options)
    {
        var file = Path.GetFileNameWithoutExtension(options.ScenarioPath) + "-what-if.yaml";
        var header = ScenarioSchema.EditorHeader.Split('\n')
            .Append($"A what-if of {Path.GetFileName(options.ScenarioPath)}, downloaded from the page of ipplanner serve.");
        var yaml = ScenarioYaml.Write(ScenarioDocument.From(scenario.Scenario, header));
        return Results.File(Encoding.UTF8.GetBytes(yaml), "application/yaml; charset=utf-8", file);
    }

    private static IResult Scale(IPlanViews views, ProvisionedScenario scenario, IQueryCollection query)
    {
        var group = query["group"].FirstOrDefault() ?? "";
        if (scenario.NodeGroups.All(g => g.Name != group))
        {
            return PlannerServer.Error(StatusCodes.Status400BadRequest,
                $"group: no node group is named '{group}' (node groups: {string.Join(", ", scenario.NodeGroups.Select(g => g.Name))})");
        }

        if (Number(query, "to", 1, ScaleLimit) is not { } to)
        {
            return PlannerServer.Error(StatusCodes.Status400BadRequest, $"to: '{query["to"]}' is not a node count for the curve (expected 1 to {ScaleLimit.ToString("N0", CultureInfo.InvariantCulture)})");
        }

        int? at = null;
        if (query.ContainsKey("at"))
        {
            at = Number(query, "at", 0, to);
            if (at is null)
            {
                return PlannerServer.Error(StatusCodes.Status400BadRequest, $"at: '{query["at"]}' is not a node count on the curve (expected 0 to {to.ToString("N0", CultureInfo.InvariantCulture)})");
            }
        }

        // In a VPC of several clusters the curve grows the group's cluster on what the others hold, as simulate --cluster does.
        var cluster = scenario.HasSeveralClusters ? scenario.ClusterNameOf(scenario.NodeGroups.First(g => g.Name == group)) : null;
        var curve = ScaleCurve.Run(ClusterFocus.Isolate(scenario, cluster), group, 0, to);
        return Json(StatusCodes.Status200OK, w => w.WriteString("html", views.ScaleContent(curve, at)));
    }

    private static int? Number(IQueryCollection query, string key, int min, int max) =>
        int.TryParse(query[key].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    private static IResult InstanceTypes(IPlanViews views, string query)
    {
        if (query.Length > 64)
        {
            return PlannerServer.Error(StatusCodes.Status400BadRequest, "q: at most 64 characters");
        }

        var types = views.InstanceTypes(query, InstanceTypeLimit);
        return Json(StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray("types");
            foreach (var t in types)
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
        });
    }

    private static async Task<IResult> WithBody(HttpRequest request, WorkGate gate, IPlanViews views, Func<ProvisionedScenario, IReadOnlyList<Finding>, string, IResult> answer)
    {
        var text = await PlannerServer.ReadBodyAsync(request).ConfigureAwait(false);
        if (text is null)
        {
            return PlannerServer.TooLarge();
        }

        var name = PlannerServer.RequestName(request, WhatIfName);
        return await gate.RunAsync(request.HttpContext, () =>
        {
            try
            {
                var (scenario, warnings) = views.Load(text, name);
                return answer(scenario, warnings, name);
            }
            catch (InputException e)
            {
                return PlannerServer.Error(StatusCodes.Status400BadRequest, e.Message);
            }
        }).ConfigureAwait(false);
    }

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_json))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(stream.ToArray()) + "\n", "application/json", Encoding.UTF8, status);
    }

    /// <summary>The page, with its policy also as a header (which, unlike the meta element, can forbid framing).</summary>
    private sealed class PageResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentSecurityPolicy = PlannerServer.PageContentSecurityPolicy + "; frame-ancestors 'none'";
            httpContext.Response.Headers.CacheControl = "no-store";
            return Results.Text(html, "text/html", Encoding.UTF8).ExecuteAsync(httpContext);
        }
    }

}
