using System.Diagnostics;
using System.Net;
using IpPlanner.Tests.Cli;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Server;

/// <summary><c>ipplanner serve</c> as a user runs it: a process, its first line, Ctrl+C.</summary>
[Process]
[Timing]
public sealed class ServeCommandTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Serve_FirstLineIsTheAddress_PageAnswers_CtrlCStopsWithExit0(CancellationToken cancel)
    {
        using var process = Start("serve", Sample("small-3az.yaml"), "--port", "0");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(cancel);
            Assert.That(first, Does.Match(@"^Listening on http://127\.0\.0\.1:\d+$"));
            var address = first!["Listening on ".Length..];

            using var http = new HttpClient();
            using var page = await http.GetAsync(new Uri(address + "/"), cancel);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await page.Content.ReadAsStringAsync(cancel), Does.Contain("shop-prod"));

            // Ctrl+C is SIGINT to the process.
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancel);
            }

            await process.WaitForExitAsync(cancel);
            Assert.That(process.ExitCode, Is.Zero, await process.StandardError.ReadToEndAsync(cancel));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Serve_Wildcard_PrintsTheAddressesToOpen_AnswersThisMachineAndItsName(CancellationToken cancel)
    {
        using var process = Start("serve", Sample("small-3az.yaml"), "--port", "0", "--host", "0.0.0.0");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(cancel);
            Assert.That(first, Does.Match(@"^Listening on http://0\.0\.0\.0:\d+$"));
            var port = new Uri(first!["Listening on ".Length..]).Port;
            var local = await process.StandardOutput.ReadLineAsync(cancel);
            Assert.That(local, Is.EqualTo($"This machine: http://127.0.0.1:{port}"));
            var other = await process.StandardOutput.ReadLineAsync(cancel);
            Assert.That(other, Does.Match($@"^Other machines: http://[^/]+:{port}/\?token=[A-Za-z0-9_-]{{22}}$"), "a 128-bit token, URL-safe");
            var warning = await process.StandardError.ReadLineAsync(cancel);
            Assert.That(warning, Does.StartWith("ipplanner: warning: listening on 0.0.0.0, not loopback"));

            // Before, a wildcard bind answered 421 to every name but the literal 0.0.0.0. Traffic stays on loopback
            // (no token needed); the machine's own name as Host is accepted.
            using var http = new HttpClient();
            using var page = await http.GetAsync(new Uri(local!["This machine: ".Length..] + "/"), cancel);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var named = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/api/file"));
            named.Headers.Host = $"{Dns.GetHostName()}:{port}";
            using var answer = await http.SendAsync(named, cancel);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(cancel);
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Serve_FileNameOutsideAscii_DownloadKeepsTheNameInsteadOfFailing(CancellationToken cancel)
    {
        // Kestrel refuses a header value outside ASCII: a hand-written Content-Disposition for 'plän "x".yaml' made
        // "Download scenario" answer 500 with an empty body. RFC 6266 gives such a name as filename*.
        var dir = Path.Combine(Path.GetTempPath(), "ipplanner-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "plän \"x\".yaml");
        File.Copy(Sample("small-3az.yaml"), file);
        using var process = Start("serve", file, "--port", "0");
        try
        {
            var first = await process.StandardOutput.ReadLineAsync(cancel);
            var address = first!["Listening on ".Length..];
            using var http = new HttpClient();
            using var body = new StringContent(await File.ReadAllTextAsync(file, cancel));
            using var download = await http.PostAsync(new Uri(address + "/api/scenario.yaml"), body, cancel);
            var yaml = await download.Content.ReadAsStringAsync(cancel);
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK), yaml);
            Assert.That(download.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo("plän \"x\"-what-if.yaml"));
            Assert.That(yaml, Does.Contain("shop-prod"));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(cancel);
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("--port", "70000", "--port: 70,000 is out of range (0 to 65,535)")]
    [TestCase("--port", "99999999999", "--port: 99,999,999,999 is out of range (0 to 65,535)")]
    [TestCase("--host", "evil.example/x", "--host: 'evil.example/x' is not a host name or address")]
    // A typo of localhost: Kestrel listens on every interface for a name it does not know, so it is refused.
    [TestCase("--host", "localhots", "--host: 'localhots' is not localhost, an address of this machine or a wildcard (0.0.0.0, ::); Kestrel would listen on every interface for any other name")]
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): no machine has it.
    [TestCase("--host", "192.0.2.1", "--host: '192.0.2.1' is not an address of this machine (give localhost, one of its addresses or a wildcard such as 0.0.0.0)")]
    public void Serve_BadOption_IsAnInputErrorBeforeListening(string option, string value, string message)
    {
        var run = CliRun.Of("serve", Sample("small-3az.yaml"), option, value);
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error.Split('\n')[0], Is.EqualTo("ipplanner: error: " + message));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void Serve_BrokenFile_IsAnInputErrorBeforeListening()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ipplanner-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "broken.yaml");
        File.WriteAllText(file, "cluster: [\n");
        var run = CliRun.Of("serve", file, "--port", "0");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith($"ipplanner: error: {file}:2:1"));
        Assert.That(run.Out, Is.Empty);
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "ipplanner.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
