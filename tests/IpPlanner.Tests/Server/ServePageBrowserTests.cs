using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Import.Scenarios;
using IpPlanner.Core.Planning;
using IpPlanner.Server;
using IpPlanner.Tests.Browser;
using NUnit.Framework;
using PuppeteerSharp;

namespace IpPlanner.Tests.Server;

/// <summary>
/// The served page in the machine's Chromium (PuppeteerSharp): it shows the plan of the file, loads nothing but
/// itself, and follows the file when it is edited on disk.
/// </summary>
[Category("Browser")]
public sealed class ServePageBrowserTests
{
    private const int Width = 1280;
    private const int Height = 800;

    [Test]
    [CancelAfter(180_000)]
    public async Task Page_FileEditedOnDisk_FollowsWithTheNewCapacityAndVerdict(CancellationToken cancel)
    {
        var chromium = Chromium.Require();
        var dir = Path.Combine(Path.GetTempPath(), "ipplanner-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "near-exhaustion.yaml");
        var original = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "near-exhaustion.yaml"), cancel);
        await File.WriteAllTextAsync(file, original, cancel);

        var options = new ServerOptions(file, "127.0.0.1", 0);
        await using var app = PlannerServer.Build(options, new CliPlanViews(InstanceCatalog.Embedded, refreshSeconds: 1));
        var address = await PlannerServer.StartAsync(app, options);
        Assert.That(address, Does.Match(@"^http://127\.0\.0\.1:\d+$"));

        await using var browser = await Chromium.LaunchAsync(chromium);
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = Width, Height = Height });
        var watch = new PageWatch(page);
        var response = await page.GoToAsync(address + "/", WaitUntilNavigation.Load);
        Assert.That(response?.Ok, Is.True);

        var before = Plan(original);
        var text = await TextAsync(page);
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(before.Verdict));
            foreach (var subnet in before.Subnets)
            {
                Assert.That(text, Does.Contain(subnet.Id));
            }
        });
        await SaveScreenshotIfAskedAsync(page);

        // 21 -> 26 nodes of crm: the sample's subnet-nodes-1c runs out at node 24 (README), so the plan no longer
        // fits and the verdict changes; the page must show it without anyone reloading.
        var edited = original.Replace("    nodes: 21\n", "    nodes: 26\n", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(original), "the sample this test edits");
        var after = Plan(edited);
        Assert.That(after.Verdict, Is.Not.EqualTo(before.Verdict).And.StartsWith("does not fit now"));
        await File.WriteAllTextAsync(file, edited, cancel);

        var followed = await WaitForTextAsync(page, after.Verdict, TimeSpan.FromSeconds(60));
        Assert.Multiple(() =>
        {
            Assert.That(followed, Does.Contain(after.Verdict));
            Assert.That(followed, Does.Not.Contain(before.Verdict));
            Assert.That(watch.Errors, Is.Empty, "console and page errors (a Content-Security-Policy block would be one)");
            Assert.That(watch.Failed, Is.Empty);
            Assert.That(watch.Requests.Distinct(), Is.EqualTo(new[] { address + "/" }), "the page loads nothing but itself");
        });
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Page_NodeCountChangedInTheForm_ShowsTheNewCapacityAndVerdict(CancellationToken cancel)
    {
        var chromium = Chromium.Require();
        var file = Path.Combine(TestContext.CurrentContext.TestDirectory, "samples", "near-exhaustion.yaml");
        var original = await File.ReadAllTextAsync(file, cancel);
        var options = new ServerOptions(file, "127.0.0.1", 0);
        await using var app = PlannerServer.Build(options, new CliPlanViews(InstanceCatalog.Embedded, refreshSeconds: 0));
        var address = await PlannerServer.StartAsync(app, options);

        await using var browser = await Chromium.LaunchAsync(chromium);
        await using var page = await browser.NewPageAsync();
        var watch = new PageWatch(page);
        await page.GoToAsync(address + "/", WaitUntilNavigation.Load);
        var before = Plan(original);
        Assert.That(await TextAsync(page), Does.Contain(before.Verdict));

        // The crm group from 21 to 26 nodes, typed into its field: node 24 is where subnet-nodes-1c runs out.
        await page.EvaluateExpressionAsync("document.querySelector(\"input[name='nodes.crm']\").value = ''");
        await page.TypeAsync("input[name='nodes.crm']", "26");
        await Task.WhenAll(page.WaitForNavigationAsync(), page.ClickAsync("#what-if button[type=submit]"));

        var after = Plan(original.Replace("    nodes: 21\n", "    nodes: 26\n", StringComparison.Ordinal));
        var text = await TextAsync(page);
        var capacity = after.NodeGroups.Single().PodCapacity;
        Assert.Multiple(() =>
        {
            Assert.That(after.Verdict, Is.Not.EqualTo(before.Verdict));
            Assert.That(text, Does.Contain(after.Verdict));
            Assert.That(text, Does.Not.Contain(before.Verdict));
            Assert.That(capacity, Is.Not.EqualTo(before.NodeGroups.Single().PodCapacity), "the capacity changes too");
            Assert.That(text, Does.Contain($"Cluster legacy-crm, all groups: {after.Cluster.PodsPlanned:N0} pods planned"));
            Assert.That(page.Url, Does.EndWith("/?nodes.crm=26"));
            Assert.That(watch.Errors, Is.Empty);
        });
    }

    private static PlanReport Plan(string yaml) =>
        CapacityPlanner.Plan(ScenarioLoader.LoadText(yaml, "near-exhaustion.yaml", InstanceCatalog.Embedded).Scenario!);

    private static Task<string> TextAsync(IPage page) => page.EvaluateExpressionAsync<string>("document.body ? document.body.innerText : ''");

    // The page reloads itself; between two loads there is no document to read, so ask again until the deadline.
    private static async Task<string> WaitForTextAsync(IPage page, string wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var text = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                text = await TextAsync(page);
                if (text.Contains(wanted, StringComparison.Ordinal))
                {
                    return text;
                }
            }
            catch (PuppeteerException)
            {
                // navigating
            }

            await Task.Delay(200);
        }

        return text;
    }

    /// <summary>Set IPPLANNER_SERVE_SCREENSHOT to a path to refresh the README's picture of the page.</summary>
    private static async Task SaveScreenshotIfAskedAsync(IPage page)
    {
        var target = Environment.GetEnvironmentVariable("IPPLANNER_SERVE_SCREENSHOT");
        if (!string.IsNullOrEmpty(target))
        {
            await File.WriteAllBytesAsync(target, await page.ScreenshotDataAsync());
        }
    }
}
