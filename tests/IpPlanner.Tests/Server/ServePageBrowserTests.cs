using IpPlanner.Cli.Output;
using IpPlanner.Server;
using IpPlanner.Tests.Browser;
using NUnit.Framework;
using PuppeteerSharp;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Planning;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Server;

/// <summary>
/// The what-if page in the machine's Chromium (PuppeteerSharp), as people in a planning session use it: change a
/// group, a CNI setting or a subnet and see the plan follow; pin and compare; download the what-if; edit the file on
/// disk; drag a scale slider. Every expected number comes from planning the sample edited the same way as YAML
/// (Core's loader and planner), never from the page. One browser for the fixture, one server and page per test.
/// </summary>
[Browser]
[Timing]
public sealed class ServePageBrowserTests
{
    private const int Width = 1280;
    private const int Height = 800;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private IBrowser? _browser;

    [OneTimeSetUp]
    public async Task LaunchBrowser()
    {
        var chromium = Chromium.Require();
        _browser = await Chromium.LaunchAsync(chromium);
    }

    [OneTimeTearDown]
    public async Task CloseBrowser()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    /// <summary>A server on a copy of the sample and a page on it, the controls ready.</summary>
    private sealed class Session : IAsyncDisposable
    {
        public required string Dir { get; init; }

        public required string File { get; init; }

        public required string Original { get; init; }

        public required string Address { get; init; }

        public required Microsoft.AspNetCore.Builder.WebApplication App { get; init; }

        public required IPage Page { get; init; }

        public required PageWatch Watch { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Page.CloseAsync();
            await App.DisposeAsync();
            Directory.Delete(Dir, recursive: true);
        }
    }

    private async Task<Session> OpenAsync(string sample = "near-exhaustion.yaml", string ready = "input[name='nodes.crm']", string? onDisk = null, Func<ServerOptions, ServerOptions>? options2 = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ipplanner-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, sample);
        var original = await System.IO.File.ReadAllTextAsync(Sample(sample));
        await System.IO.File.WriteAllTextAsync(file, onDisk ?? original);
        var options = new ServerOptions(file, "127.0.0.1", 0);
        options = options2?.Invoke(options) ?? options;
        var app = PlannerServer.Build(options, new CliPlanViews(InstanceCatalog.Embedded));
        var address = await PlannerServer.StartAsync(app, options);
        var page = await _browser!.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = Width, Height = Height });
        var watch = new PageWatch(page);
        var response = await page.GoToAsync(address + "/", WaitUntilNavigation.Load);
        Assert.That(response?.Ok, Is.True);
        await page.WaitForSelectorAsync(ready, new WaitForSelectorOptions { Timeout = (int)Wait.TotalMilliseconds });
        return new Session { Dir = dir, File = file, Original = original, Address = address, App = app, Page = page, Watch = watch };
    }

    private static PlanReport Plan(string yaml) =>
        CapacityPlanner.Plan(LoadText(yaml, "near-exhaustion.yaml").Provisioned!);

    private static string WithNodes(string yaml, int nodes)
    {
        var edited = yaml.Replace("    nodes: 21\n", $"    nodes: {nodes}\n", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(yaml), "the sample this test edits");
        return edited;
    }

    private static string WithPrefixDelegation(string yaml)
    {
        var edited = yaml.Replace("cni:\n", "cni:\n  prefixDelegation: true\n", StringComparison.Ordinal);
        Assert.That(edited, Is.Not.EqualTo(yaml), "the sample this test edits");
        return edited;
    }

    private static Task<string> VerdictAsync(IPage page) =>
        page.EvaluateExpressionAsync<string>("(document.querySelector('#report .verdict-text') || {}).textContent || ''");

    private static Task<string> TextAsync(IPage page, string selector) =>
        page.EvaluateFunctionAsync<string>("s => { const e = document.querySelector(s); return e ? e.innerText : ''; }", selector);

    private static async Task WaitForAsync(IPage page, string predicate, params object[] args)
    {
        try
        {
            await page.WaitForFunctionAsync(predicate, new WaitForFunctionOptions { Timeout = (int)Wait.TotalMilliseconds, PollingInterval = 100 }, args);
        }
        catch (WaitTaskTimeoutException)
        {
            Assert.Fail($"the page did not get there within {Wait.TotalSeconds} s: {predicate} {string.Join(", ", args)}; verdict now: {await VerdictAsync(page)}; error box: {await TextAsync(page, "#what-if-error")}");
        }
    }

    private static Task WaitForVerdictAsync(IPage page, string verdict) =>
        WaitForAsync(page, "v => { const e = document.querySelector('#report .verdict-text'); return !!e && e.textContent.includes(v); }", verdict);

    /// <summary>Replaces a field's text the way a person does (select all, type), then leaves it (a change event).</summary>
    private static async Task TypeIntoAsync(IPage page, string selector, string text)
    {
        await page.ClickAsync(selector, new PuppeteerSharp.Input.ClickOptions { Count = 3 });
        await page.Keyboard.PressAsync("End");
        await page.EvaluateFunctionAsync("s => document.querySelector(s).select()", selector);
        await page.Keyboard.PressAsync("Backspace");
        await page.TypeAsync(selector, text);
        await page.Keyboard.PressAsync("Tab");
    }

    private static void AssertOnlyItsOwnServer(Session s, bool refusedWhatIf = false, bool brokenFile = false)
    {
        // A what-if that does not load is a 400 by design, a file that does not load a 422; Chromium logs them as console errors.
        var errors = s.Watch.Errors.Where(e => !(refusedWhatIf && e.Contains("status of 400 (Bad Request)", StringComparison.Ordinal))
            && !(brokenFile && e.Contains("status of 422 (Unprocessable", StringComparison.Ordinal)));
        Assert.That(errors, Is.Empty, "console and page errors (a Content-Security-Policy block would be one)");
        Assert.That(s.Watch.Failed, Is.Empty);
        Assert.That(s.Watch.Requests.Where(r => !r.StartsWith(s.Address + "/", StringComparison.Ordinal) && !r.StartsWith("blob:", StringComparison.Ordinal)), Is.Empty,
            "the page loads nothing but its own server");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task NodeCountTyped_CapacityAndVerdictChange()
    {
        await using var s = await OpenAsync();
        var before = Plan(s.Original);
        Assert.That(await VerdictAsync(s.Page), Does.Contain(before.Verdict));

        // crm from 21 to 26 nodes: node 24 is where subnet-nodes-1c runs out (README), so the verdict changes.
        var after = Plan(WithNodes(s.Original, 26));
        Assert.That(after.Verdict, Is.Not.EqualTo(before.Verdict).And.StartsWith("does not fit now"));
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await WaitForVerdictAsync(s.Page, after.Verdict);

        var groups = await TextAsync(s.Page, "#node-groups");
        Assert.Multiple(() =>
        {
            Assert.That(after.Cluster.PodCapacity, Is.Not.EqualTo(before.Cluster.PodCapacity), "the capacity changes too");
            Assert.That(groups, Does.Contain($"Cluster legacy-crm: pods planned {after.Cluster.PodsPlanned:N0}, pod capacity {after.Cluster.PodCapacity:N0}"));
            Assert.That(groups, Does.Contain(after.Cluster.PodCapacity.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(System.IO.File.ReadAllText(s.File), Is.EqualTo(s.Original), "a what-if never touches the file");
            AssertOnlyItsOwnServer(s);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task InstanceTypeSearchedAndChosen_RePlans()
    {
        await using var s = await OpenAsync();
        var yaml = s.Original.Replace("    instanceType: m5.large\n", "    instanceType: m5.xlarge\n", StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(s.Original), "the sample this test edits");
        var after = Plan(yaml);
        Assert.That(after.Verdict, Is.Not.EqualTo(Plan(s.Original).Verdict));

        // Typing part of a name fills the field's suggestions from the catalog.
        await s.Page.ClickAsync("input[name='instanceType.crm']", new PuppeteerSharp.Input.ClickOptions { Count = 3 });
        await s.Page.Keyboard.PressAsync("Backspace");
        await s.Page.TypeAsync("input[name='instanceType.crm']", "m5.xl");
        await WaitForAsync(s.Page, "() => [...document.querySelectorAll('#instance-types option')].some(o => o.value === 'm5.xlarge')");
        await s.Page.TypeAsync("input[name='instanceType.crm']", "arge");
        await s.Page.Keyboard.PressAsync("Tab");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        Assert.That(await TextAsync(s.Page, "#node-groups"), Does.Contain("m5.xlarge"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task NodePoolPendingPodsChanged_RePlans()
    {
        await using var s = await OpenAsync("karpenter-nodepool.yaml", "input[name='pods.default']");
        var yaml = s.Original.Replace("pods: { count: 400,", "pods: { count: 200,", StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(s.Original), "the sample this test edits");
        var after = CapacityPlanner.Plan(LoadText(yaml, "karpenter-nodepool.yaml").Provisioned!);
        var before = CapacityPlanner.Plan(LoadText(s.Original, "karpenter-nodepool.yaml").Provisioned!);
        Assert.That(after.Cluster.PodsPlanned, Is.LessThan(before.Cluster.PodsPlanned), "half the pending pods, fewer pods planned");

        await TypeIntoAsync(s.Page, "input[name='pods.default']", "200");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        Assert.That(await TextAsync(s.Page, "#node-groups"), Does.Contain($"Cluster karpenter-demo: pods planned {after.Cluster.PodsPlanned:N0}, pod capacity {after.Cluster.PodCapacity:N0}"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task KarpenterPodsPending_TheBadgeIsAnError_NotAGreenOk()
    {
        // 25 of 400 pods pending (PlanCommandTests derives it): the verdict says "does not fit now", and the badge
        // beside it, written from Core's findings, is the error badge; with 200 pods nothing is pending.
        await using var s = await OpenAsync("karpenter-nodepool.yaml", "input[name='pods.default']");
        const string Badge = "(() => { const v = document.querySelector('#report .verdict'); return v.className + '|' + v.querySelector('.tone').textContent; })()";
        Assert.That(await VerdictAsync(s.Page), Does.Contain("does not fit now"));
        Assert.That(await s.Page.EvaluateExpressionAsync<string>(Badge), Is.EqualTo("verdict verdict-error|\u2716 Errors"));

        var yaml = s.Original.Replace("pods: { count: 400,", "pods: { count: 200,", StringComparison.Ordinal);
        var after = CapacityPlanner.Plan(LoadText(yaml, "karpenter-nodepool.yaml").Provisioned!);
        Assert.That(after.Verdict, Does.Not.Contain("does not fit"));
        await TypeIntoAsync(s.Page, "input[name='pods.default']", "200");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        Assert.That(await s.Page.EvaluateExpressionAsync<string>(Badge), Does.Not.Contain("verdict-error"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task PrefixDelegationTicked_RePlansWithBlockMaps()
    {
        await using var s = await OpenAsync();
        var after = Plan(WithPrefixDelegation(s.Original));
        Assert.That(after.Verdict, Is.Not.EqualTo(Plan(s.Original).Verdict));

        await s.Page.ClickAsync("input[name='prefixDelegation']");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        Assert.That(await TextAsync(s.Page, "#report"), Does.Contain("/28 block maps (prefix delegation)"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task OverlappingSubnetAdded_ShowsTheLoadersError_ThenFixed_RePlans()
    {
        await using var s = await OpenAsync();
        var before = Plan(s.Original);

        // The same subnet in a file (added last, as the page adds it): the loader's message for it is what the page must show.
        const string Entry = "  - id: extra\n    cidr: {0}\n    zone: eu-central-1c\n";
        string WithExtra(string cidr) => s.Original
            .Replace("\n\ncni:\n", "\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Entry, cidr) + "\ncni:\n", StringComparison.Ordinal)
            .Replace("    subnets: [subnet-nodes-1a, subnet-nodes-1b, subnet-nodes-1c]\n", "    subnets: [subnet-nodes-1a, subnet-nodes-1b, subnet-nodes-1c, extra]\n", StringComparison.Ordinal);
        var overlapping = LoadText(WithExtra("10.50.3.0/25"), "x.yaml");
        var loaderSays = overlapping.Diagnostics.First(d => d.IsError).Message;
        Assert.That(loaderSays, Does.Contain("10.50.3.0/25"));

        await TypeIntoAsync(s.Page, "input[name='new-subnet-id']", "extra");
        await TypeIntoAsync(s.Page, "input[name='new-subnet-cidr']", "10.50.3.0/25");
        await TypeIntoAsync(s.Page, "input[name='new-subnet-zone']", "eu-central-1c");
        await s.Page.ClickAsync("button[name='add-subnet']");
        await WaitForAsync(s.Page, "m => { const e = document.querySelector('#what-if-error'); return !e.hidden && e.textContent.includes(m); }", loaderSays);
        Assert.That(await VerdictAsync(s.Page), Does.Contain(before.Verdict), "the last plan that loaded stays");

        // Fixed: a free /24 of the VPC (10.50.0.0/21 ends at 10.50.7.255), used by crm in eu-central-1c.
        var fixedPlan = Plan(WithExtra("10.50.4.0/24"));
        Assert.That(fixedPlan.Verdict, Is.Not.EqualTo(before.Verdict));
        await TypeIntoAsync(s.Page, "input[name='cidr.extra']", "10.50.4.0/24");
        await WaitForVerdictAsync(s.Page, fixedPlan.Verdict);
        Assert.That(await s.Page.EvaluateExpressionAsync<bool>("document.querySelector('#what-if-error').hidden"), Is.True);
        Assert.That(await TextAsync(s.Page, "#zones"), Does.Contain("extra"));
        AssertOnlyItsOwnServer(s, refusedWhatIf: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task SubnetRemoved_LeavesEveryListThatNamedIt_AndRePlans()
    {
        await using var s = await OpenAsync();

        // The file without subnet-nodes-1c: out of the subnets, the control plane's subnets and crm's subnets.
        var yaml = s.Original
            .Replace("  - id: subnet-nodes-1c\n    cidr: 10.50.3.0/24\n    zone: eu-central-1c\n    inUse: 25\n", "", StringComparison.Ordinal)
            .Replace("[subnet-nodes-1a, subnet-nodes-1b, subnet-nodes-1c]", "[subnet-nodes-1a, subnet-nodes-1b]", StringComparison.Ordinal);
        Assert.That(yaml, Does.Not.Contain("subnet-nodes-1c"), "the sample this test edits");
        var after = Plan(yaml);
        Assert.That(after.Verdict, Is.Not.EqualTo(Plan(s.Original).Verdict));

        await s.Page.ClickAsync("button[data-remove='subnet-nodes-1c']");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        Assert.That(await TextAsync(s.Page, "#zones"), Does.Not.Contain("subnet-nodes-1c"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task PinnedThenChanged_ComparisonShowsTheDifferences()
    {
        await using var s = await OpenAsync();
        var before = Plan(s.Original);
        var after = Plan(WithNodes(s.Original, 26));
        await s.Page.ClickAsync("#pin");
        await WaitForAsync(s.Page, "() => !document.querySelector('#compare').hidden && document.querySelector('#compare-summary').textContent.startsWith('No difference')");

        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        var compare = await TextAsync(s.Page, "#compare");
        static string N(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        var capacityDelta = after.Cluster.PodCapacity - before.Cluster.PodCapacity;
        Assert.Multiple(() =>
        {
            Assert.That(compare, Does.Contain("Pinned: " + before.Verdict));
            Assert.That(compare, Does.Contain("Now: " + after.Verdict));
            Assert.That(compare, Does.Contain($"pod capacity\t{N(before.Cluster.PodCapacity)}\t{N(after.Cluster.PodCapacity)}\t{(capacityDelta > 0 ? "+" : "")}{N(capacityDelta)}"));
            Assert.That(compare, Does.Contain($"headroom\t{N(before.Cluster.Headroom)}\t{N(after.Cluster.Headroom)}"));
            Assert.That(compare, Does.Contain($"pods that fit\t{N(before.Cluster.PodsThatFit)}\t{N(after.Cluster.PodsThatFit)}"));
            Assert.That(compare, Does.Contain($"nodes when all grow, crm\t{N(before.NodeGroups[0].NodesWhenAllGrow)}\t{N(after.NodeGroups[0].NodesWhenAllGrow)}"));
            var free1c = before.Subnets.Single(x => x.Id == "subnet-nodes-1c").Free;
            var free1cAfter = after.Subnets.Single(x => x.Id == "subnet-nodes-1c").Free;
            Assert.That(compare, Does.Contain($"free in subnet-nodes-1c\t{N(free1c)}\t{N(free1cAfter)}"));
            Assert.That(compare, Does.Contain($"nodes that fit, crm\t{N(before.NodeGroups[0].NodesThatFit)}\t{N(after.NodeGroups[0].NodesThatFit)}"));
            AssertOnlyItsOwnServer(s);
        });
        Assert.That(await TextAsync(s.Page, "#compare-summary"), Does.Match(@"^\d+ differences? from the plan pinned at"));

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IPPLANNER_SERVE_SCREENSHOT")))
        {
            await s.Page.ClickAsync("tr[data-group='crm'] button");
            await WaitForAsync(s.Page, "() => !!document.querySelector('#scale svg')");
            await SaveScreenshotIfAskedAsync(s.Page);
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Downloaded_LoadsAndPlansToTheNumbersOnThePage()
    {
        await using var s = await OpenAsync();
        var downloads = Path.Combine(s.Dir, "downloads");
        Directory.CreateDirectory(downloads);
        await s.Page.Client.SendAsync("Page.setDownloadBehavior", new Dictionary<string, object> { ["behavior"] = "allow", ["downloadPath"] = downloads });

        var expected = Plan(WithPrefixDelegation(WithNodes(s.Original, 26)));
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await s.Page.ClickAsync("input[name='prefixDelegation']");
        await WaitForVerdictAsync(s.Page, expected.Verdict);
        var shown = await VerdictAsync(s.Page);
        var shownGroups = await TextAsync(s.Page, "#node-groups");

        await s.Page.ClickAsync("#download");
        var file = Path.Combine(downloads, "near-exhaustion-what-if.yaml");
        var deadline = DateTime.UtcNow + Wait;
        while (!System.IO.File.Exists(file) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(System.IO.File.Exists(file), Is.True, string.Join(", ", Directory.GetFiles(downloads)));
        var yaml = await System.IO.File.ReadAllTextAsync(file);
        Assert.That(yaml, Does.StartWith("# yaml-language-server: $schema=scenario.schema.json\n"));
        var loaded = LoadText(yaml, "near-exhaustion-what-if.yaml");
        Assert.That(loaded.HasErrors, Is.False, string.Join("\n", loaded.Diagnostics));
        var plan = CapacityPlanner.Plan(loaded.Provisioned!);
        Assert.Multiple(() =>
        {
            Assert.That(shown, Does.Contain(plan.Verdict));
            Assert.That(plan.Verdict, Is.EqualTo(expected.Verdict));
            Assert.That(shownGroups, Does.Contain($"Cluster legacy-crm: pods planned {plan.Cluster.PodsPlanned:N0}, pod capacity {plan.Cluster.PodCapacity:N0}"));
            Assert.That(loaded.Provisioned!.Cni.PrefixDelegation, Is.True);
            Assert.That(loaded.Scenario!.NodeGroups.Single().Nodes, Is.EqualTo(26));
            AssertOnlyItsOwnServer(s);
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task FileEditedOnDisk_PageFollowsWithoutAReload()
    {
        await using var s = await OpenAsync();
        await s.Page.EvaluateExpressionAsync("window.__sameDocument = true");
        var after = Plan(WithNodes(s.Original, 26));
        await System.IO.File.WriteAllTextAsync(s.File, WithNodes(s.Original, 26));

        await WaitForVerdictAsync(s.Page, after.Verdict);
        var notice = await TextAsync(s.Page, "#file-status");
        var nodes = await s.Page.EvaluateExpressionAsync<int>("Number(document.querySelector(\"input[name='nodes.crm']\").value)");
        var sameDocument = await s.Page.EvaluateExpressionAsync<bool>("window.__sameDocument === true");
        Assert.Multiple(() =>
        {
            Assert.That(notice, Does.StartWith("The file changed on disk"));
            Assert.That(nodes, Is.EqualTo(26), "the controls show the file's new count");
            Assert.That(sameDocument, Is.True, "followed without reloading the page");
            AssertOnlyItsOwnServer(s);
        });

        // Broken on disk: the page says so and keeps the plan.
        await System.IO.File.WriteAllTextAsync(s.File, "cluster: [\n");
        await WaitForAsync(s.Page, "() => document.querySelector('#file-status').textContent.includes('does not load')");
        Assert.That(await VerdictAsync(s.Page), Does.Contain(after.Verdict));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task ScaleSliderMoved_ShowsTheCurveWhereTheSubnetRunsOut_AndPlansThatCount()
    {
        await using var s = await OpenAsync();
        var first = Plan(s.Original).Cluster.FirstExhausted!;
        Assert.That((first.Subnet, first.AtNodes), Is.EqualTo(("subnet-nodes-1c", 24)), "README: subnet-nodes-1c runs out at node 24 of crm");

        // The slider of crm (0 to twice its maxNodes of 30) to 30 nodes: maxNodes stays 30.
        var thirty = Plan(WithNodes(s.Original, 30));
        await s.Page.EvaluateExpressionAsync("(() => { const r = document.querySelector(\"input[type=range][data-group='crm']\"); r.value = '30'; r.dispatchEvent(new Event('input', { bubbles: true })); })()");
        await WaitForVerdictAsync(s.Page, thirty.Verdict);
        await WaitForAsync(s.Page, "() => { const e = document.querySelector('#scale'); return !e.hidden && !!e.querySelector('svg') && e.textContent.includes('what-if: 30 nodes'); }");

        var table = await TextAsync(s.Page, "#scale table");
        Assert.That(table, Does.Contain("subnet-nodes-1c\teu-central-1c\t251\t24\t"), "the curve's table: where the subnet runs out");
        Assert.That(await s.Page.EvaluateExpressionAsync<string>("document.querySelector(\"input[name='nodes.crm']\").value"), Is.EqualTo("30"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task FileBrokenAtStartAndOnAReload_PageLoadsWithTheError_RecoversWhenFixed()
    {
        // Broken before the page opens: the page loads all the same, with the loader's message (line 2, column 1 of
        // a flow sequence never closed) and a status line that says the file does not load.
        await using var s = await OpenAsync(onDisk: "cluster: [\n", ready: "#file-status.file-broken");
        var status = await TextAsync(s.Page, "#what-if-status");
        var error = await TextAsync(s.Page, "#file-status");
        Assert.Multiple(() =>
        {
            Assert.That(status, Does.Contain("does not load").And.Not.Contain("as it is on disk"));
            Assert.That(error, Does.Contain("near-exhaustion.yaml:2:1"));
        });

        // Fixed: the plan and the controls come without a reload.
        var plan = Plan(s.Original);
        await System.IO.File.WriteAllTextAsync(s.File, s.Original);
        await WaitForVerdictAsync(s.Page, plan.Verdict);
        await s.Page.WaitForSelectorAsync("input[name='nodes.crm']");
        Assert.That(await TextAsync(s.Page, "#what-if-status"), Does.Contain("as it is on disk"));

        // Broken again: the status line says so (not "Showing ... as it is on disk"), the last plan stays, dimmed.
        await System.IO.File.WriteAllTextAsync(s.File, "cluster: [\n");
        await WaitForAsync(s.Page, "() => document.querySelector('#what-if-status').textContent.includes('does not load')");
        Assert.That(await s.Page.EvaluateExpressionAsync<bool>("document.body.classList.contains('stale')"), Is.True);
        Assert.That(await VerdictAsync(s.Page), Does.Contain(plan.Verdict));

        // A reload while it is broken gives the page with the error, which recovers once the file is fixed.
        var reload = await s.Page.ReloadAsync();
        Assert.That(reload?.Ok, Is.True);
        await s.Page.WaitForSelectorAsync("#file-status.file-broken");
        await System.IO.File.WriteAllTextAsync(s.File, s.Original);
        await WaitForVerdictAsync(s.Page, plan.Verdict);
        Assert.That(await TextAsync(s.Page, "#file-status"), Does.StartWith("The file loads again"));
        AssertOnlyItsOwnServer(s, brokenFile: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task FileChangedUnderAWhatIf_TheEditsAreOneClickAway()
    {
        await using var s = await OpenAsync();
        var edited = Plan(WithNodes(s.Original, 26));
        var onDisk = Plan(WithPrefixDelegation(s.Original));
        Assert.That(new[] { edited.Verdict, onDisk.Verdict, Plan(s.Original).Verdict }, Is.Unique, "three plans the page can tell apart");
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await WaitForVerdictAsync(s.Page, edited.Verdict);

        // Someone saves the file: the file wins, and the page says the edits were dropped.
        await System.IO.File.WriteAllTextAsync(s.File, WithPrefixDelegation(s.Original));
        await WaitForVerdictAsync(s.Page, onDisk.Verdict);
        Assert.That(await TextAsync(s.Page, "#file-status"), Does.Contain("edits were dropped"));

        await s.Page.ClickAsync("#restore-edits");
        await WaitForVerdictAsync(s.Page, edited.Verdict);
        Assert.That(await s.Page.EvaluateExpressionAsync<string>("document.querySelector(\"input[name='nodes.crm']\").value"), Is.EqualTo("26"));
        AssertOnlyItsOwnServer(s);
    }

    private static string Change(int before, int after, string unit = "") =>
        before == after ? "" : (after > before ? "+" : "") + (after - before).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + unit;

    private static Task<string> AnswerAsync(IPage page, string label) =>
        page.EvaluateFunctionAsync<string>("l => { const r = document.querySelector(`#summary tr[data-answer=\"${l}\"]`); return r ? [...r.children].map(c => c.textContent).join('|') : ''; }", label);

    [Test]
    [CancelAfter(180_000)]
    public async Task Summary_StaysInViewAt1366x768WithAPinAndACurveOpen_ShowsTheAnswersWithTheirChanges()
    {
        await using var s = await OpenAsync("runway.yaml", "input[name='nodes.web']");
        await s.Page.SetViewportAsync(new ViewPortOptions { Width = 1366, Height = 768 });
        var yaml = s.Original.Replace("    nodes: 9\n", "    nodes: 30\n", StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(s.Original), "the sample this test edits");
        // The answers from Core: the plan and the runway (its defaults: 36 months, one run) of both files.
        var scenarioBefore = LoadText(s.Original, "runway.yaml").Provisioned!;
        var scenarioAfter = LoadText(yaml, "runway.yaml").Provisioned!;
        var (before, after) = (CapacityPlanner.Plan(scenarioBefore), CapacityPlanner.Plan(scenarioAfter));
        var (runBefore, runAfter) = (Runway.Run(scenarioBefore, new RunwayOptions()).FirstExhausted!, Runway.Run(scenarioAfter, new RunwayOptions()).FirstExhausted!);
        Assert.That(runAfter.Month, Is.LessThan(runBefore.Month), "more nodes now, the subnet runs out sooner");

        await s.Page.ClickAsync("#pin");
        await TypeIntoAsync(s.Page, "input[name='nodes.web']", "30");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        await s.Page.ClickAsync("tr[data-group='web'] button");
        await WaitForAsync(s.Page, "() => { const e = document.querySelector('#scale'); return !e.hidden && !!e.querySelector('svg'); }");
        await s.Page.EvaluateExpressionAsync("window.scrollTo(0, document.body.scrollHeight)");

        var box = await s.Page.EvaluateExpressionAsync<double[]>("(() => { const r = document.querySelector('#summary').getBoundingClientRect(); return [r.top, r.bottom, window.scrollY]; })()");
        var capacity = await AnswerAsync(s.Page, "pod capacity");
        var runway = await AnswerAsync(s.Page, "runway");
        Assert.Multiple(async () =>
        {
            Assert.That(box[2], Is.GreaterThan(400), "the page did scroll");
            Assert.That(box[0], Is.GreaterThanOrEqualTo(0), "the summary's top is in view");
            Assert.That(box[1], Is.LessThanOrEqualTo(768), "the summary's bottom is in view");
            Assert.That(await TextAsync(s.Page, "#summary-verdict"), Is.EqualTo(after.Verdict));
            Assert.That(capacity, Is.EqualTo($"pod capacity|{after.Cluster.PodCapacity:N0}|{Change(before.Cluster.PodCapacity, after.Cluster.PodCapacity)}"));
            Assert.That(runway, Is.EqualTo($"runway|month {runAfter.Month}: {runAfter.Subnet} (group {runAfter.NodeGroup})|{Change(runBefore.Month, runAfter.Month, " months")}"));
        });
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Comparison_NodePoolPendingPodsRaised_ShowsPendingAndSeverity_StaleWhenAnEditDoesNotLoad()
    {
        // Before, 400 to 2,400 pending pods said "No difference from the pinned plan": the comparison had no row for them.
        await using var s = await OpenAsync("karpenter-nodepool.yaml", "input[name='pods.default']");
        var yaml = s.Original.Replace("pods: { count: 400,", "pods: { count: 2400,", StringComparison.Ordinal);
        var before = CapacityPlanner.Plan(LoadText(s.Original, "karpenter-nodepool.yaml").Provisioned!);
        var after = CapacityPlanner.Plan(LoadText(yaml, "karpenter-nodepool.yaml").Provisioned!);
        var (pendingBefore, pendingAfter) = (before.NodePools.Single().PodsPending, after.NodePools.Single().PodsPending);
        Assert.That(pendingBefore, Is.EqualTo(25), "PlanCommandTests derives it");
        // The NodePool's limits (cpu 200) still stop it at 375 pods: the rest of the 2,400 stay pending.
        Assert.That(pendingAfter, Is.EqualTo(2400 - 375));

        await s.Page.ClickAsync("#pin");
        await TypeIntoAsync(s.Page, "input[name='pods.default']", "2400");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        var row = await s.Page.EvaluateExpressionAsync<string>("[...document.querySelectorAll('#compare tr')].map(r => [...r.children].map(c => c.textContent).join('|')).find(t => t.startsWith('pods pending')) || ''");
        Assert.Multiple(async () =>
        {
            Assert.That(await TextAsync(s.Page, "#compare-summary"), Does.Not.StartWith("No difference"));
            Assert.That(row, Is.EqualTo($"pods pending, NodePool default|{pendingBefore:N0}|{pendingAfter:N0}|{Change(pendingBefore, pendingAfter)}"));
            Assert.That(await AnswerAsync(s.Page, "NodePool pods pending"), Is.EqualTo($"NodePool pods pending|{pendingAfter:N0}|{Change(pendingBefore, pendingAfter)}"));
            Assert.That(await TextAsync(s.Page, "#summary-severity"), Is.EqualTo("\u2716 Errors"), "pods pending: the error badge");
        });

        // An edit that does not load (a negative pod count): the comparison and summary say they show the last plan that loaded.
        await TypeIntoAsync(s.Page, "input[name='pods.default']", "-5");
        await WaitForAsync(s.Page, "() => document.querySelector('#compare').classList.contains('stale') && !!document.querySelector('#compare-stale') && document.querySelector('#summary').classList.contains('stale')");
        AssertOnlyItsOwnServer(s, refusedWhatIf: true);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task UndoRedo_WalkTheEdits_AndTheLinkReopensTheWhatIfOnAReloadAndInAnotherTab()
    {
        await using var s = await OpenAsync();
        var original = Plan(s.Original);
        var nodes26 = Plan(WithNodes(s.Original, 26));
        var both = Plan(WithPrefixDelegation(WithNodes(s.Original, 26)));
        Assert.That(new[] { original.Verdict, nodes26.Verdict, both.Verdict }, Is.Unique, "three plans the page can tell apart");
        const string Crm = "document.querySelector(\"input[name='nodes.crm']\").value";
        const string Prefix = "document.querySelector(\"input[name='prefixDelegation']\").checked";

        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await WaitForVerdictAsync(s.Page, nodes26.Verdict);
        await s.Page.ClickAsync("input[name='prefixDelegation']");
        await WaitForVerdictAsync(s.Page, both.Verdict);
        await WaitForAsync(s.Page, "() => location.hash.startsWith('#v=') && !document.querySelector('#undo').disabled");
        var link = s.Page.Url;

        await s.Page.ClickAsync("#undo");
        await WaitForVerdictAsync(s.Page, nodes26.Verdict);
        Assert.That(await s.Page.EvaluateExpressionAsync<bool>(Prefix), Is.False, "the tick is undone");
        await s.Page.ClickAsync("#undo");
        await WaitForVerdictAsync(s.Page, original.Verdict);
        Assert.That(await s.Page.EvaluateExpressionAsync<string>(Crm), Is.EqualTo("21"));
        Assert.That(await s.Page.EvaluateExpressionAsync<bool>("document.querySelector('#undo').disabled"), Is.True, "nothing before the file");
        await s.Page.ClickAsync("#redo");
        await WaitForVerdictAsync(s.Page, nodes26.Verdict);
        await s.Page.ClickAsync("#redo");
        await WaitForVerdictAsync(s.Page, both.Verdict);

        // A reload keeps the what-if; so does the link opened in another tab.
        await s.Page.ReloadAsync();
        await WaitForVerdictAsync(s.Page, both.Verdict);
        Assert.That(await s.Page.EvaluateExpressionAsync<string>(Crm), Is.EqualTo("26"));
        var other = await _browser!.NewPageAsync();
        try
        {
            await other.SetViewportAsync(new ViewPortOptions { Width = Width, Height = Height });
            await other.GoToAsync(link, WaitUntilNavigation.Load);
            await WaitForVerdictAsync(other, both.Verdict);
            Assert.That(await other.EvaluateExpressionAsync<bool>(Prefix), Is.True);
            Assert.That(await other.EvaluateExpressionAsync<string>(Crm), Is.EqualTo("26"));
        }
        finally
        {
            await other.CloseAsync();
        }

        Assert.That(System.IO.File.ReadAllText(s.File), Is.EqualTo(s.Original), "undo, redo and links never touch the file");
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Phone_OneColumnNoWiderThanTheScreen_TheVerdictFirst()
    {
        // Before, the page was 682 px wide on a 390 px phone.
        await using var s = await OpenAsync();
        await s.Page.SetViewportAsync(new ViewPortOptions { Width = 390, Height = 844, IsMobile = true });
        await WaitForVerdictAsync(s.Page, Plan(s.Original).Verdict);
        var width = await s.Page.EvaluateExpressionAsync<int>("document.documentElement.scrollWidth");
        var order = await s.Page.EvaluateExpressionAsync<double[]>("['#summary-verdict', '#what-if-controls', '#report'].map(q => document.querySelector(q).getBoundingClientRect().top)");
        Assert.Multiple(() =>
        {
            Assert.That(width, Is.LessThanOrEqualTo(390));
            Assert.That(order[0], Is.LessThan(order[1]), "the verdict before the controls");
            Assert.That(order[0], Is.LessThan(844), "the verdict on the first screen");
            Assert.That(order[1], Is.LessThan(order[2]));
        });
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task ReadOnly_ShowsTheFilesPlanWithoutControls_AndFollowsTheFile()
    {
        await using var s = await OpenAsync(ready: "#read-only", options2: o => o with { ReadOnly = true });
        Assert.That(await s.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('#what-if-controls input, #what-if-controls button').length"), Is.Zero);
        Assert.That(await VerdictAsync(s.Page), Does.Contain(Plan(s.Original).Verdict));
        var after = Plan(WithNodes(s.Original, 26));
        await System.IO.File.WriteAllTextAsync(s.File, WithNodes(s.Original, 26));
        await WaitForVerdictAsync(s.Page, after.Verdict);
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task WhatWouldRecommendChange_ShowsRecommendsAnswerForTheWhatIf()
    {
        await using var s = await OpenAsync();
        // What `ipplanner recommend FILE` answers for the what-if (crm at 26 nodes): Core's recommender, its defaults.
        var scenario = LoadText(WithNodes(s.Original, 26), "near-exhaustion.yaml").Provisioned!;
        var expected = IpPlanner.Core.Planning.Recommend.Recommender.Recommend(scenario,
            IpPlanner.Core.Planning.Recommend.Recommender.Target(scenario, new Dictionary<string, int>(), null, 10));
        var best = expected.Strategies.Single(x => x.Name == expected.Best);
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await WaitForVerdictAsync(s.Page, Plan(WithNodes(s.Original, 26)).Verdict);

        await s.Page.ClickAsync("#recommend");
        await WaitForAsync(s.Page, "() => !!document.querySelector('#recommend-verdict')");
        Assert.That(await TextAsync(s.Page, "#recommend-verdict"), Is.EqualTo(expected.Verdict));
        var row = await s.Page.EvaluateFunctionAsync<string>("n => document.querySelector(`#recommendation tr[data-strategy=\"${n}\"]`).innerText", best.Name);
        Assert.That(row, Does.Contain(best.Name + " (best)"));
        foreach (var change in best.Changes)
        {
            Assert.That(row, Does.Contain(change));
        }

        // Another edit: the answer says it was made for an earlier what-if.
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "25");
        await WaitForAsync(s.Page, "() => !!document.querySelector('#recommend-stale')");
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task At1366x768_NodeGroupTableHidesNoColumn_RunwayChartFitsItsColumn()
    {
        await using var s = await OpenAsync("runway.yaml", "input[name='nodes.web']");
        await s.Page.SetViewportAsync(new ViewPortOptions { Width = 1366, Height = 768 });
        await s.Page.WaitForSelectorAsync("#report svg[viewBox]");
        var hidden = await s.Page.EvaluateExpressionAsync<double[]>("[...document.querySelectorAll('#node-groups .table-wrap, #node-groups table')].map(e => e.scrollWidth - e.clientWidth)");
        var chart = await s.Page.EvaluateExpressionAsync<double[]>("(() => { const c = document.querySelector('#report svg[viewBox]').getBoundingClientRect(); const r = document.querySelector('#report').getBoundingClientRect(); return [c.left - r.left, r.right - c.right, c.width]; })()");
        Assert.Multiple(() =>
        {
            Assert.That(hidden, Is.Not.Empty);
            Assert.That(hidden, Has.All.LessThanOrEqualTo(1), "no column of the node group table is scrolled out of view");
            Assert.That(chart[0], Is.GreaterThanOrEqualTo(0), "the chart starts inside the report column");
            Assert.That(chart[1], Is.GreaterThanOrEqualTo(0), "and ends inside it");
        });
        AssertOnlyItsOwnServer(s);
    }

    /// <summary>axe-core's violations on the page as it is now ("rule: nodes"), with axe-core vendored in TestData.</summary>
    private static async Task<string[]> AxeViolationsAsync(IPage page)
    {
        // The page's policy allows its own script only: the test lets its own axe-core in, as a person's extension would.
        await page.AddScriptTagAsync(new AddTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "TestData", "axe-core", "axe.min.js") });
        return await page.EvaluateExpressionAsync<string[]>(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')))");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Axe_NoViolations_AsLoadedAndWithTheFileBroken()
    {
        await using var s = await OpenAsync();
        await s.Page.SetBypassCSPAsync(true);
        await s.Page.ReloadAsync();
        await s.Page.WaitForSelectorAsync("input[name='nodes.crm']");
        var loaded = await AxeViolationsAsync(s.Page);

        await System.IO.File.WriteAllTextAsync(s.File, "cluster: [\n");
        await s.Page.ReloadAsync();
        await s.Page.WaitForSelectorAsync("#file-status.file-broken");
        var broken = await AxeViolationsAsync(s.Page);

        // Fixed, then broken again: the last plan stays, marked stale (before, faded: 188 contrast failures).
        await System.IO.File.WriteAllTextAsync(s.File, s.Original);
        await WaitForVerdictAsync(s.Page, Plan(s.Original).Verdict);
        await System.IO.File.WriteAllTextAsync(s.File, "cluster: [\n");
        await WaitForAsync(s.Page, "() => document.body.classList.contains('stale')");
        var stale = await s.Page.EvaluateExpressionAsync<string[]>(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')))");
        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.Empty, "as loaded");
            Assert.That(broken, Is.Empty, "with the file broken at a reload");
            Assert.That(stale, Is.Empty, "with the file broken under a plan");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task NamedPins_Several_TheComparisonFollowsTheChosenOne()
    {
        await using var s = await OpenAsync();
        var original = Plan(s.Original);
        var nodes26 = Plan(WithNodes(s.Original, 26));
        var nodes30 = Plan(WithNodes(s.Original, 30));
        Assert.That(new[] { original.Verdict, nodes26.Verdict, nodes30.Verdict }, Is.Unique);

        await s.Page.TypeAsync("#pin-name", "as on disk");
        await s.Page.ClickAsync("#pin");
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "26");
        await WaitForVerdictAsync(s.Page, nodes26.Verdict);
        await s.Page.TypeAsync("#pin-name", "crm 26");
        await s.Page.ClickAsync("#pin");
        await TypeIntoAsync(s.Page, "input[name='nodes.crm']", "30");
        await WaitForVerdictAsync(s.Page, nodes30.Verdict);

        var names = await s.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#pin-choice option')].map(o => o.textContent)");
        Assert.That(names, Is.EqualTo(new[] { "as on disk", "crm 26" }));
        Assert.That(await TextAsync(s.Page, "#compare"), Does.Contain("Pinned: " + nodes26.Verdict), "the newest pin is chosen");
        await s.Page.SelectAsync("#pin-choice", "0");
        await WaitForAsync(s.Page, "v => document.querySelector('#compare').innerText.includes('Pinned: ' + v)", original.Verdict);
        Assert.That(await TextAsync(s.Page, "#compare h3"), Is.EqualTo("Pin \u201cas on disk\u201d and what-if"));

        // Focus is visible: the pin name field, reached with the keyboard, has an outline.
        await s.Page.FocusAsync("#pin");
        await s.Page.Keyboard.DownAsync("Shift");
        await s.Page.Keyboard.PressAsync("Tab");
        await s.Page.Keyboard.UpAsync("Shift");
        var outline = await s.Page.EvaluateExpressionAsync<string>("getComputedStyle(document.activeElement).outlineStyle + ' ' + document.activeElement.id");
        Assert.That(outline, Is.EqualTo("solid pin-name"));
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task DownloadPicture_IsAnSvgOfTheSummaryZoneCardsAndCharts()
    {
        await using var s = await OpenAsync("runway.yaml", "input[name='nodes.web']");
        var downloads = Path.Combine(s.Dir, "downloads");
        Directory.CreateDirectory(downloads);
        await s.Page.Client.SendAsync("Page.setDownloadBehavior", new Dictionary<string, object> { ["behavior"] = "allow", ["downloadPath"] = downloads });
        var plan = Plan(s.Original.Replace("    nodes: 9\n", "    nodes: 12\n", StringComparison.Ordinal));
        await TypeIntoAsync(s.Page, "input[name='nodes.web']", "12");
        await WaitForVerdictAsync(s.Page, plan.Verdict);

        await s.Page.ClickAsync("#download-picture");
        var file = Path.Combine(downloads, "runway-what-if.svg");
        var deadline = DateTime.UtcNow + Wait;
        while (!System.IO.File.Exists(file) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(System.IO.File.Exists(file), Is.True, string.Join(", ", Directory.GetFiles(downloads)));
        var svg = System.Xml.Linq.XDocument.Load(file); // well-formed XML, or this throws
        var text = svg.Root!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(svg.Root.Name.LocalName, Is.EqualTo("svg"));
            Assert.That(text, Does.Contain(plan.Verdict), "the summary's verdict");
            Assert.That(text, Does.Contain("subnet-app-a"), "the zone cards");
            Assert.That(svg.Descendants().Count(e => e.Name.LocalName == "svg"), Is.GreaterThanOrEqualTo(2), "the runway chart inside the picture");
        });
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task NodePoolLimitsEdited_RePlans()
    {
        await using var s = await OpenAsync("karpenter-nodepool.yaml", "input[name='limits.cpu.default']");
        var yaml = s.Original.Replace("limits: { cpu: 200, memory: 800Gi }", "limits: { cpu: 400, memory: 1600Gi }", StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(s.Original), "the sample this test edits");
        var after = CapacityPlanner.Plan(LoadText(yaml, "karpenter-nodepool.yaml").Provisioned!);
        Assert.That(after.NodePools.Single().PodsPending, Is.Zero, "twice the limits hold the 400 pods");

        await TypeIntoAsync(s.Page, "input[name='limits.cpu.default']", "400");
        await TypeIntoAsync(s.Page, "input[name='limits.memory.default']", "1600Gi");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        AssertOnlyItsOwnServer(s);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task VpcCidrAdded_ASubnetInItLoads()
    {
        await using var s = await OpenAsync();
        string With(string yaml) => yaml
            .Replace("\n\ncni:\n", "\n  - id: extra\n    cidr: 10.60.0.0/24\n    zone: eu-central-1c\n\ncni:\n", StringComparison.Ordinal)
            .Replace("    subnets: [subnet-nodes-1a, subnet-nodes-1b, subnet-nodes-1c]\n", "    subnets: [subnet-nodes-1a, subnet-nodes-1b, subnet-nodes-1c, extra]\n", StringComparison.Ordinal);
        var outside = LoadText(With(s.Original), "x.yaml");
        var loaderSays = outside.Diagnostics.First(d => d.IsError).Message;
        var inside = Plan(With(s.Original.Replace("  cidrs: [10.50.0.0/21]\n", "  cidrs: [10.50.0.0/21, 10.60.0.0/24]\n", StringComparison.Ordinal)));
        Assert.That(inside.Verdict, Is.Not.EqualTo(Plan(s.Original).Verdict));

        // 10.60.0.0/24 is outside the VPC's 10.50.0.0/21: the loader refuses the subnet, until the VPC has the block.
        await TypeIntoAsync(s.Page, "input[name='new-subnet-id']", "extra");
        await TypeIntoAsync(s.Page, "input[name='new-subnet-cidr']", "10.60.0.0/24");
        await TypeIntoAsync(s.Page, "input[name='new-subnet-zone']", "eu-central-1c");
        await s.Page.ClickAsync("button[name='add-subnet']");
        await WaitForAsync(s.Page, "m => { const e = document.querySelector('#what-if-error'); return !e.hidden && e.textContent.includes(m); }", loaderSays);
        await TypeIntoAsync(s.Page, "input[name='vpc.cidrs']", "10.50.0.0/21, 10.60.0.0/24");
        await WaitForVerdictAsync(s.Page, inside.Verdict);
        AssertOnlyItsOwnServer(s, refusedWhatIf: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task EniConfigOfAZoneChanged_RePlans()
    {
        await using var s = await OpenAsync("custom-networking.yaml", "select[name='eniConfig.eu-west-2a']");
        // The pods of eu-west-2a move from the 100.64 pod subnet to the node subnet of that zone.
        var yaml = s.Original.Replace("    eu-west-2a: subnet-pods-2a\n", "    eu-west-2a: subnet-nodes-2a\n", StringComparison.Ordinal);
        Assert.That(yaml, Is.Not.EqualTo(s.Original), "the sample this test edits");
        var after = CapacityPlanner.Plan(LoadText(yaml, "custom-networking.yaml").Provisioned!);
        Assert.That(after.Verdict, Is.Not.EqualTo(CapacityPlanner.Plan(LoadText(s.Original, "custom-networking.yaml").Provisioned!).Verdict));

        await s.Page.SelectAsync("select[name='eniConfig.eu-west-2a']", "subnet-nodes-2a");
        await WaitForVerdictAsync(s.Page, after.Verdict);
        AssertOnlyItsOwnServer(s);
    }

    /// <summary>Set IPPLANNER_SERVE_SCREENSHOT to a path to refresh the README's picture of the page (docs/serve-page.png).</summary>
    private static async Task SaveScreenshotIfAskedAsync(IPage page)
    {
        var target = Environment.GetEnvironmentVariable("IPPLANNER_SERVE_SCREENSHOT");
        if (!string.IsNullOrEmpty(target))
        {
            await File.WriteAllBytesAsync(target, await page.ScreenshotDataAsync());
        }
    }
}
