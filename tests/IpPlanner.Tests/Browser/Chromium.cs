using NUnit.Framework;
using PuppeteerSharp;

namespace IpPlanner.Tests.Browser;

/// <summary>What a page did while it loaded: every request, failures, console and page errors.</summary>
internal sealed class PageWatch
{
    private readonly List<string> _requests = [];
    private readonly List<string> _failed = [];
    private readonly List<string> _errors = [];

    public PageWatch(IPage page)
    {
        page.Request += (_, e) => Add(_requests, e.Request.Url);
        page.RequestFailed += (_, e) => Add(_failed, $"{e.Request.Url}: {e.Request.FailureText}");
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                Add(_errors, e.Message.Text);
            }
        };
        page.PageError += (_, e) => Add(_errors, e.Message);
    }

    public IReadOnlyList<string> Requests => Snapshot(_requests);

    public IReadOnlyList<string> Failed => Snapshot(_failed);

    /// <summary>Console errors and uncaught page errors (a Content-Security-Policy block is one).</summary>
    public IReadOnlyList<string> Errors => Snapshot(_errors);

    private static void Add(List<string> list, string item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static string[] Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}

/// <summary>
/// The machine's Chromium driven by PuppeteerSharp (no browser download): the Debian package .ci/run installs, or
/// $CHROMIUM. Outside CI a machine without it skips the browser tests; in CI that is a failure.
/// </summary>
internal static class Chromium
{
    public static string Require()
    {
        var found = Find();
        if (found is not null)
        {
            return found;
        }

        const string Missing = "Chromium is not installed (no 'chromium' on PATH and no $CHROMIUM): install the Debian package with 'apt-get install -y chromium', as .ci/run does.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Missing);
        }

        Assert.Ignore(Missing + " The browser checks run in CI.");
        return "";
    }

    public static Task<IBrowser> LaunchAsync(string executable) => Puppeteer.LaunchAsync(new LaunchOptions
    {
        Headless = true,
        ExecutablePath = executable,
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
    });

    /// <summary>Elements that would load something (the report and the page load nothing but what they are).</summary>
    public const string LoadingElements = "document.querySelectorAll('script,link,img,iframe,frame,object,embed,audio,video,source').length";

    private static string? Find()
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
}
