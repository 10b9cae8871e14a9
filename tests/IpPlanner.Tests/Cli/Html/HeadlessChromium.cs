using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>What the browser saw when it loaded a page.</summary>
internal sealed record PageVisit(
    string? NavigationError,
    IReadOnlyList<string> Requests,
    IReadOnlyList<string> FailedRequests,
    IReadOnlyList<string> Errors,
    string VisibleText,
    int ScrollWidth,
    int LoadingElements,
    byte[] Screenshot,
    byte[] Pdf);

/// <summary>
/// Debian's Chromium, headless, driven over the DevTools protocol with the BCL's WebSocket client: it loads a page
/// in a fixed-size viewport and reports every request and failure, the text a reader sees (innerText), a
/// screenshot and a printed PDF. Started with the flags this machine needs (no sandbox as root, no background
/// networking on a closed network) and a fresh profile directory that is deleted afterwards.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0",
    ];

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket;
    private readonly StringBuilder _log;
    private readonly List<JsonElement> _events = [];
    private int _lastId;

    private HeadlessChromium(Process process, string profile, ClientWebSocket socket, StringBuilder log)
    {
        _process = process;
        _profile = profile;
        _socket = socket;
        _log = log;
    }

    /// <summary>What Chromium wrote to stdout and stderr, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The browser from $CHROMIUM, else chromium or chromium-browser on PATH; null when there is none.</summary>
    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Starts the browser and connects to it.</summary>
    public static async Task<HeadlessChromium> StartAsync(string executable, CancellationToken cancel)
    {
        var profile = Directory.CreateTempSubdirectory("ipplanner-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var flag in Flags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add($"--user-data-dir={profile}");
        start.ArgumentList.Add("about:blank");
        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var socket = new ClientWebSocket();
        try
        {
            // Chromium writes the port it chose, then the browser's DevTools path, into the profile.
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            string[] lines = [];
            while (lines.Length < 2 || lines[1].Length == 0)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{executable} exited with {process.ExitCode} before DevTools listened:\n{Snapshot(log)}");
                }

                await Task.Delay(100, cancel);
                lines = File.Exists(portFile) ? await ReadShared(portFile, cancel) : [];
            }

            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), cancel);
            return new HeadlessChromium(process, profile, socket, log);
        }
        catch
        {
            socket.Dispose();
            Stop(process);
            TryDeleteDirectory(profile);
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new tab of <paramref name="width"/> x <paramref name="height"/> CSS pixels and reports what happened.</summary>
    public async Task<PageVisit> VisitAsync(Uri url, int width, int height, CancellationToken cancel)
    {
        var target = await CallAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancel);
        var attached = await CallAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, null, cancel);
        var session = attached.GetProperty("sessionId").GetString()!;
        foreach (var domain in new[] { "Page.enable", "Network.enable", "Runtime.enable", "Log.enable" })
        {
            await CallAsync(domain, null, session, cancel);
        }

        await CallAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session, cancel);
        var mark = _events.Count;
        var navigation = await CallAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri }, session, cancel);
        var navigationError = navigation.TryGetProperty("errorText", out var error) ? error.GetString() : null;
        if (navigationError is null)
        {
            await WaitForEventAsync("Page.loadEventFired", session, mark, cancel);
        }

        var visibleText = (await EvaluateAsync("document.body ? document.body.innerText : ''", session, cancel)).GetString() ?? "";
        var scrollWidth = (await EvaluateAsync("document.documentElement.scrollWidth", session, cancel)).GetInt32();
        var loading = (await EvaluateAsync("document.querySelectorAll('script,link,img,iframe,frame,object,embed,audio,video,source').length", session, cancel)).GetInt32();
        var screenshot = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, session, cancel);
        var pdf = await CallAsync("Page.printToPDF", new JsonObject { ["printBackground"] = true }, session, cancel);

        var events = _events.Skip(mark).Where(e => e.TryGetProperty("sessionId", out var s) && s.GetString() == session).ToList();
        var requests = Of(events, "Network.requestWillBeSent").Select(p => p.GetProperty("request").GetProperty("url").GetString()!).ToList();
        var failed = Of(events, "Network.loadingFailed").Select(p => $"{p.GetProperty("errorText").GetString()} ({p.GetProperty("requestId").GetString()})")
            .Concat(Of(events, "Network.responseReceived").Where(p => p.GetProperty("response").GetProperty("status").GetInt32() >= 400)
                .Select(p => $"HTTP {p.GetProperty("response").GetProperty("status").GetInt32()} {p.GetProperty("response").GetProperty("url").GetString()}"))
            .ToList();
        var errors = Of(events, "Runtime.exceptionThrown").Select(p => p.GetRawText())
            .Concat(Of(events, "Runtime.consoleAPICalled").Where(p => p.GetProperty("type").GetString() == "error").Select(p => p.GetRawText()))
            .Concat(Of(events, "Log.entryAdded").Where(p => p.GetProperty("entry").GetProperty("level").GetString() == "error").Select(p => p.GetProperty("entry").GetProperty("text").GetString()!))
            .ToList();
        return new PageVisit(navigationError, requests, failed, errors, visibleText, scrollWidth, loading,
            Convert.FromBase64String(screenshot.GetProperty("data").GetString()!), Convert.FromBase64String(pdf.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await CallAsync("Browser.close", null, null, quick.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // Closing politely failed; Stop below ends the process.
        }

        _socket.Dispose();
        Stop(_process);
        TryDeleteDirectory(_profile);
    }

    private static IEnumerable<JsonElement> Of(List<JsonElement> events, string method) =>
        events.Where(e => e.GetProperty("method").GetString() == method).Select(e => e.GetProperty("params"));

    private async Task<JsonElement> EvaluateAsync(string expression, string session, CancellationToken cancel)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, session, cancel);
        return result.GetProperty("result").GetProperty("value");
    }

    private async Task<JsonElement> CallAsync(string method, JsonObject? parameters, string? session, CancellationToken cancel)
    {
        var id = ++_lastId;
        var message = new JsonObject { ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancel);
        while (true)
        {
            var reply = await ReceiveAsync(cancel);
            if (reply.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
            {
                if (reply.TryGetProperty("error", out var error))
                {
                    throw new InvalidOperationException($"{method} failed: {error.GetRawText()}");
                }

                return reply.GetProperty("result");
            }

            if (reply.TryGetProperty("method", out _))
            {
                _events.Add(reply);
            }
        }
    }

    private async Task WaitForEventAsync(string method, string session, int from, CancellationToken cancel)
    {
        bool Matches(JsonElement e) => e.GetProperty("method").GetString() == method && e.TryGetProperty("sessionId", out var s) && s.GetString() == session;

        if (_events.Skip(from).Any(Matches))
        {
            return;
        }

        while (true)
        {
            var message = await ReceiveAsync(cancel);
            if (message.TryGetProperty("method", out _))
            {
                _events.Add(message);
                if (Matches(message))
                {
                    return;
                }
            }
        }
    }

    private async Task<JsonElement> ReceiveAsync(CancellationToken cancel)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(64 * 1024), cancel);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"Chromium closed the DevTools connection:\n{Log}");
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                using var doc = JsonDocument.Parse(buffer.WrittenMemory);
                return doc.RootElement.Clone();
            }
        }
    }

    private static async Task<string[]> ReadShared(string path, CancellationToken cancel)
    {
        try
        {
            return (await File.ReadAllTextAsync(path, cancel)).Split('\n');
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or is already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A profile left in the temp directory is harmless.
        }
    }
}
