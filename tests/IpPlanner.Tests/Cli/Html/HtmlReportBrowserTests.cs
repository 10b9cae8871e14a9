using System.Buffers.Binary;
using IpPlanner.Tests.Browser;
using NUnit.Framework;
using PuppeteerSharp;
using static IpPlanner.Tests.Cli.Html.HtmlTestSupport;
using static IpPlanner.Tests.Fixtures;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Cli.Html;

/// <summary>
/// The report as a reader gets it: written by <c>plan --html</c>, opened from disk in headless Chromium at
/// 1280x800, driven by PuppeteerSharp. Needs the <c>chromium</c> package (.ci/run installs it).
/// </summary>
[Browser]
public class HtmlReportBrowserTests
{
    private const int Width = 1280;
    private const int Height = 800;

    [Test]
    [CancelAfter(120_000)]
    public async Task Plan_HtmlOpenedInChromium_LoadsWholeOfflineAndShowsVerdictAndEverySubnet(CancellationToken cancel)
    {
        var chromium = Chromium.Require();
        var dir = FreshDirectory();
        var path = Path.Combine(dir, "prefix-delegation.html");
        var run = RunPlan(new FixedClock(Noon), Sample("prefix-delegation.yaml"), "--html", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var report = CapacityPlanner.Plan(SampleScenario("prefix-delegation.yaml"));

        await using var browser = await Chromium.LaunchAsync(chromium);
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = Width, Height = Height });
        var watch = new PageWatch(page);
        var response = await page.GoToAsync(new Uri(path).AbsoluteUri, WaitUntilNavigation.Load);
        var visibleText = await page.EvaluateExpressionAsync<string>("document.body ? document.body.innerText : ''");
        var scrollWidth = await page.EvaluateExpressionAsync<int>("document.documentElement.scrollWidth");
        var loading = await page.EvaluateExpressionAsync<int>(Chromium.LoadingElements);
        var png = await page.ScreenshotDataAsync();
        var pdf = await page.PdfDataAsync();

        var screenshot = Path.Combine(dir, "report-1280x800.png");
        await File.WriteAllBytesAsync(screenshot, png, cancel);
        TestContext.AddTestAttachment(screenshot, "the report at 1280x800");
        CopyScreenshotIfAsked(screenshot);
        Assert.Multiple(() =>
        {
            Assert.That(response?.Ok, Is.True, "the file loads");
            Assert.That(watch.Requests, Is.EqualTo(new[] { new Uri(path).AbsoluteUri }), "the report is the only thing loaded");
            Assert.That(watch.Failed, Is.Empty);
            Assert.That(watch.Errors, Is.Empty, "console and log errors (a Content-Security-Policy block would be one)");
            Assert.That(loading, Is.Zero, "no script, link, img, frame or media elements in the rendered DOM");
            Assert.That(visibleText, Does.Contain(report.Verdict));
            foreach (var subnet in report.Subnets)
            {
                Assert.That(visibleText, Does.Contain(subnet.Id));
            }

            Assert.That(scrollWidth, Is.LessThanOrEqualTo(Width), "readable at 1280 wide without scrolling sideways");
            Assert.That(PngSize(png), Is.EqualTo((Width, Height)));
            Assert.That(pdf.AsSpan(0, 5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()), "it prints");
        });
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
