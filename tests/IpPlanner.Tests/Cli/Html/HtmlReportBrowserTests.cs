using System.Buffers.Binary;
using IpPlanner.Core.Planning;
using NUnit.Framework;
using static IpPlanner.Tests.Cli.Html.HtmlTestSupport;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>
/// The report as a reader gets it: written by <c>plan --html</c>, opened from disk in headless Chromium at
/// 1280x800, looked at through the DevTools protocol. Needs the <c>chromium</c> package (.ci/run installs it).
/// </summary>
[Category("Browser")]
public class HtmlReportBrowserTests
{
    private const int Width = 1280;
    private const int Height = 800;

    [Test]
    [CancelAfter(120_000)]
    public async Task Plan_HtmlOpenedInChromium_LoadsWholeOfflineAndShowsVerdictAndEverySubnet(CancellationToken cancel)
    {
        var chromium = RequireChromium();
        var dir = FreshDirectory();
        var path = Path.Combine(dir, "prefix-delegation.html");
        var run = RunPlan(new FixedClock(Noon), Sample("prefix-delegation.yaml"), "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var report = CapacityPlanner.Plan(Load(Sample("prefix-delegation.yaml")));

        await using var browser = await HeadlessChromium.StartAsync(chromium, cancel);
        var visit = await browser.VisitAsync(new Uri(path), Width, Height, cancel);

        var screenshot = Path.Combine(dir, "report-1280x800.png");
        await File.WriteAllBytesAsync(screenshot, visit.Screenshot, cancel);
        TestContext.AddTestAttachment(screenshot, "the report at 1280x800");
        CopyScreenshotIfAsked(screenshot);
        Assert.Multiple(() =>
        {
            Assert.That(visit.NavigationError, Is.Null, browser.Log);
            Assert.That(visit.Requests, Is.EqualTo(new[] { new Uri(path).AbsoluteUri }), "the report is the only thing loaded");
            Assert.That(visit.FailedRequests, Is.Empty);
            Assert.That(visit.Errors, Is.Empty, "console and log errors (a Content-Security-Policy block would be one)");
            Assert.That(visit.LoadingElements, Is.Zero, "no script, link, img, frame or media elements in the rendered DOM");
            Assert.That(visit.VisibleText, Does.Contain(report.Verdict));
            foreach (var subnet in report.Subnets)
            {
                Assert.That(visit.VisibleText, Does.Contain(subnet.Id));
            }

            Assert.That(visit.ScrollWidth, Is.LessThanOrEqualTo(Width), "readable at 1280 wide without scrolling sideways");
            Assert.That(PngSize(visit.Screenshot), Is.EqualTo((Width, Height)));
            Assert.That(visit.Pdf.AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()), "it prints");
        });
    }

    private static string RequireChromium()
    {
        var chromium = HeadlessChromium.FindExecutable();
        if (chromium is not null)
        {
            return chromium;
        }

        const string Missing = "Chromium is not installed (no 'chromium' on PATH and no $CHROMIUM): install the Debian package with 'apt-get install -y chromium', as .ci/run does.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Missing);
        }

        Assert.Ignore(Missing + " The browser check runs in CI.");
        return "";
    }

    /// <summary>Set IPPLANNER_REPORT_SCREENSHOT to a path to refresh the README's picture from exactly what this test saw.</summary>
    private static void CopyScreenshotIfAsked(string screenshot)
    {
        var target = Environment.GetEnvironmentVariable("IPPLANNER_REPORT_SCREENSHOT");
        if (!string.IsNullOrEmpty(target))
        {
            File.Copy(screenshot, target, overwrite: true);
        }
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }
}
