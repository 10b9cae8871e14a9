using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using IpPlanner.Cli;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Model;
using IpPlanner.Server;
using IpPlanner.Tests.Architecture;
using IpPlanner.Tests.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Hostile;

/// <summary>
/// The one-line repros a new user found (crashes, lost files, false answers, leaks of .NET), each as a test: what
/// the user would see, derived from the input by hand. Every run goes through
/// <see cref="GuardedRun"/>, so each also proves no crash, nothing raw and no file changed.
/// </summary>
public class HostileCaseTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"ipplanner-case-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Edited(string sample, string find, string replace, string? name = null)
    {
        var text = File.ReadAllText(Sample(sample));
        Assert.That(text, Does.Contain(find), "the sample still holds the text this test edits");
        var path = Path.Combine(_dir, name ?? sample);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        return path;
    }

    private CliRun Run(params string[] args) => GuardedRun.Of(_dir, args);

    // ---- Crashes (exit 70 before) ----

    [Test]
    public void GrowthOption_FullWidthDigits_OneLineSayingWhichDigit()
    {
        // '２' is U+FF12 FULLWIDTH DIGIT TWO: .NET's \d matched it, then int.Parse threw (exit 70).
        var run = Run("runway", Sample("runway.yaml"), "--growth", "web=+２５/month");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: --growth web: '+２５/month' is not a growth rate"));
        Assert.That(run.Error, Does.Contain("(digits are 0-9; '２' is a digit of another script)"));
    }

    [TestCase("validate", ExitCodes.Findings)]
    [TestCase("plan", ExitCodes.InputError)]
    [TestCase("runway", ExitCodes.InputError)]
    public void GrowthInTheFile_FullWidthDigits_AnErrorAtItsLine(string verb, int exit)
    {
        // runway.yaml's batch group grows +5%/month on line 56, column 13 (the value after "growth: ").
        var path = Edited("runway.yaml", "growth: +5%/month", "growth: +５%/month");
        var run = Run(verb, path);
        Assert.That(run.ExitCode, Is.EqualTo(exit));
        Assert.That(run.Out + run.Error, Does.Contain("runway.yaml:56:13").And.Contain("'+５%/month' is not a growth rate"));
    }

    [Test]
    public void RecommendRunway_FullWidthDigitsInTheFile_InputError()
    {
        var path = Edited("runway.yaml", "growth: +5%/month", "growth: +５%/month");
        var run = Run("recommend", path, "--runway", "3");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("is not a growth rate"));
    }

    [Test]
    public async Task ServePage_FileWithFullWidthDigits_AnswersWithTheErrorNot500()
    {
        // serve answered 500 with an empty body; the page must say what is wrong with the file.
        var path = Edited("runway.yaml", "growth: +5%/month", "growth: +５%/month");
        await using var app = PlannerServer.Build(new ServerOptions(path), new CliPlanViews(InstanceCatalog.Embedded), b => b.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();
        using var response = await client.GetAsync(new Uri("http://127.0.0.1/api/scenario"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.LessThan(500), body);
        Assert.That(body, Does.Contain("is not a growth rate"));
    }

    // The subnet 10.0.32.0/19 of small-3az.yaml: AWS reserves 10.0.32.0-3 and 10.0.63.255. validate said "valid"
    // and plan crashed; both now stop at the same line (37: subnet-private-1a's inUse line), by one code path.
    [TestCase("taken: [10.0.32.1]", "37:13", "10.0.32.1 is one of the 5 addresses AWS reserves in 10.0.32.0/19")]
    [TestCase("taken: [10.0.63.255]", "37:13", "10.0.63.255 is one of the 5 addresses AWS reserves in 10.0.32.0/19")]
    [TestCase("taken: [10.0.32.16/28, 10.0.32.20]", "37:28", "10.0.32.20 overlaps subnets[3].taken[0] (10.0.32.16/28)")]
    public void Taken_ReservedOrOverlapping_ValidateAndEveryVerbSayTheSame(string taken, string at, string message)
    {
        var path = Edited("small-3az.yaml", "inUse: 12 ", taken + " ");
        var validate = Run("validate", path);
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Findings));
        Assert.That(validate.Out, Does.Contain($"small-3az.yaml:{at}: error: subnets[3].taken").And.Contain(message));
        foreach (var verb in new[] { "plan", "recommend", "runway", "simulate" })
        {
            var run = verb == "simulate" ? Run(verb, path, "--scale", "system=0..3") : Run(verb, path);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError), verb);
            Assert.That(run.Error, Does.Contain($"small-3az.yaml:{at}:").And.Contain(message), verb);
        }
    }

    [Test]
    public void Serve_PortInUse_OneLineInputError()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var run = Run("serve", Sample("small-3az.yaml"), "--port", port);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error.TrimEnd(), Does.Not.Contain('\n'), "one line");
        Assert.That(run.Error, Does.StartWith("ipplanner: error: ").And.Contain(port));
    }

    // ---- Data lost ----

    [TestCase("plan", "karpenter-nodepool.yaml", "--html")]
    [TestCase("recommend", "karpenter-nodepool.yaml", "--write")]
    [TestCase("recommend", "karpenter-nodepool.yaml", "--html")]
    [TestCase("runway", "runway-karpenter.yaml", "--html")]
    [TestCase("simulate", "karpenter-nodepool.yaml", "--html")]
    public void PricesNamedAsAnOutput_RefusedAndThePricesKept(string verb, string sample, string output)
    {
        var prices = Path.Combine(_dir, "P.csv");
        File.WriteAllText(prices, "instance_type,usd_per_hour\nm5.large,0.096\n");
        var args = new List<string> { verb, Sample(sample), "--prices", prices, output, prices };
        if (verb == "simulate")
        {
            args.AddRange(["--scale", "default=0..10"]);
        }

        var run = Run([.. args]);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Is.EqualTo($"ipplanner: error: {prices}: {output} would overwrite the input {prices}; write to another file{Environment.NewLine}"));
        Assert.That(File.ReadAllText(prices), Is.EqualTo("instance_type,usd_per_hour\nm5.large,0.096\n"));
    }

    [Test]
    public void OutputIsASymlinkLoop_RefusedAndTheLinkKept()
    {
        // ln -s loop1 loop1: the report replaced the link with a regular file before.
        var loop = Path.Combine(_dir, "loop1");
        File.CreateSymbolicLink(loop, "loop1");
        var run = Run("plan", Sample("small-3az.yaml"), "--html", loop);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("symlink loop"));
        Assert.That(new FileInfo(loop).LinkTarget, Is.EqualTo("loop1"));
    }

    // ---- False answers ----

    // karpenter-nodepool.yaml: NodePool default, 400 pods of 500m CPU and 1Gi. With limits {cpu: 0, memory: 0} it
    // may launch no node at all; with 500-core pods no allowed type (at most m/r 2xlarge, 8 vCPUs) holds one. Either
    // way all 400 pods stay pending: the plan must not fit, and --fail-on warning must fail.
    [TestCase("limits: { cpu: 200, memory: 800Gi }", "limits: { cpu: 0, memory: 0 }", "its limits (cpu 0, memory 0) stop it")]
    [TestCase("pods: { count: 400, cpu: 500m, memory: 1Gi }", "pods: { count: 400, cpu: 500, memory: 1Gi }", "no allowed instance type fits one pod")]
    public void NodePoolThatLaunchesNothing_PodsPendingErrorAndFailOnFails(string find, string replace, string why)
    {
        var path = Edited("karpenter-nodepool.yaml", find, replace);
        var run = Run("plan", path);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain($"error   pods-pending: NodePool default leaves 400 of 400 pending pods unscheduled: {why}"));
        Assert.That(run.Out, Does.Contain("Verdict: does not fit"));
        Assert.That(run.Out, Does.Not.Contain("no node groups yet"));
        Assert.That(Run("plan", path, "--fail-on", "warning").ExitCode, Is.EqualTo(ExitCodes.Findings));
    }

    [Test]
    public void DaemonSetLargerThanTheNode_PodsPendingErrorAndFailOnFails()
    {
        // requests-daemonsets.yaml: node-exporter raised from 50m to 100 CPUs. An m5.xlarge has 4 vCPUs (3,920m
        // allocatable), so the DaemonSets (25m + 100m + 100m + 100 cores = 100,225m) cannot run on any node.
        var path = Edited("requests-daemonsets.yaml", "- { name: node-exporter, cpu: 50m, memory: 64Mi }", "- { name: node-exporter, cpu: 100, memory: 64Mi }");
        var run = Run("plan", path);
        Assert.That(run.Out, Does.Contain("error   pods-pending: the DaemonSets request 100225m CPU, more than the 3920m CPU one m5.xlarge can allocate"));
        Assert.That(run.Out, Does.Contain("Verdict: does not fit"));
        Assert.That(Run("plan", path, "--fail-on", "error").ExitCode, Is.EqualTo(ExitCodes.Findings));
    }

    [Test]
    public void RecommendRunway_MoreSubnetsRow_IsTheScenariosTargetNotZeros()
    {
        // Every strategy sizes the same target (the nodes and pods after 3 months of growth), so the "more subnets"
        // row (nothing to add) shows the same nodes and pods as custom networking's, not "0 nodes, 0 pods", and its
        // runway line is not the IPv6 one.
        var run = Run("recommend", Sample("runway.yaml"), "--runway", "3");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        var row = Regex.Match(run.Out, @"^more subnets +(\S+) +([\d,]+) +([\d,]+) ", RegexOptions.Multiline);
        var custom = Regex.Match(run.Out, @"^custom networking on \S+ +(\S+) +([\d,]+) +([\d,]+) ", RegexOptions.Multiline);
        Assert.That(row.Success && custom.Success, Is.True, run.Out);
        Assert.That((row.Groups[2].Value, row.Groups[3].Value), Is.EqualTo((custom.Groups[2].Value, custom.Groups[3].Value)));
        Assert.That(row.Groups[2].Value, Is.Not.EqualTo("0"));
        var runwayLine = run.Out.Split('\n').Single(l => l.StartsWith("more subnets  ", StringComparison.Ordinal) && l.Contains("month", StringComparison.Ordinal));
        Assert.That(runwayLine, Does.Not.Contain("pods take no IPv4 addresses"));
    }

    [Test]
    public void Runway_ExplosiveGrowth_SaysPastTheCountNotASaturatedInt()
    {
        // web starts at 20 pods: +1000%/month is x11 a month, 20 * 11^8 = 4.3e9 pods by month 8, past what any
        // count of pods means; the table says 1,000,000,000+ instead of int's 2,147,483,647.
        var run = Run("runway", Sample("runway.yaml"), "--growth", "web=+1000%/month");
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Not.Contain("2,147,483,647"));
        Assert.That(run.Out, Does.Contain("1,000,000,000+"));
    }

    // ---- Exposure and surprises ----

    [Test]
    public void Node_PodsWithoutAnIp_ExitsWithFindings()
    {
        // A /28 holds 16 addresses, 5 reserved by AWS: 11 left, one for the node and its ENI's primary, so far
        // fewer than 500 pods get an IP. The README's exit codes: 1 when node leaves pods without an IP.
        var run = Run("node", "--instance-type", "m5.large", "--pods", "500", "--subnet", "10.0.0.0/28");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Findings));
        Assert.That(run.Out, Does.Contain("pods-failed"));
    }

    [Test]
    public void Node_SubnetTooSmall_SaysItInTheUsersTerms()
    {
        var run = Run("node", "--instance-type", "m5.large", "--pods", "10", "--subnet", "10.0.0.0/30");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Is.EqualTo($"ipplanner: error: --subnet: subnet 10.0.0.0/30 is a /30: a subnet must be /10 to /28 (AWS allows /16 to /28){Environment.NewLine}"));
    }

    [Test]
    public void Growth_PastItsLimit_IsTooLargeNotNotARate()
    {
        var run = Run("runway", Sample("runway.yaml"), "--growth", "web=+2147483647/month");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: --growth web: '+2147483647/month' is too large"));
    }

    [Test]
    public void NodePoolLimits_AreThePoolsTotal_NotANodes()
    {
        // limits.cpu bounds all the pool's nodes together: "more CPU than any node has" was the wrong reason.
        var path = Edited("karpenter-nodepool.yaml", "limits: { cpu: 200, memory: 800Gi }", "limits: { cpu: 1000000000000, memory: 800Gi }");
        var run = Run("validate", path);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Findings));
        Assert.That(run.Out, Does.Contain("limits.cpu: '1000000000000' is more CPU than any NodePool can launch (a limit is the pool's total over all its nodes"));
        Assert.That(run.Out, Does.Not.Contain("any node has"));
    }

    // ---- Other platforms and cultures ----

    [Test]
    public void GrowthRateMessages_UnderGermanCulture_UseTheInvariantCulture()
    {
        // Core used as a library by a de-DE process: its messages must read 1,000,000 (as the CLI prints), not 1.000.000.
        var current = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.That(GrowthRate.TryParse("+2000000/month", out _, out var error), Is.False);
            Assert.That(error, Does.Contain("1,000,000").And.Not.Contain("1.000.000"));
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
        }
    }

    [Test]
    public void Source_ReadsStandardInputThroughTheConsole_NotDevStdin()
    {
        // /dev/stdin does not exist on Windows, and the tool ships as a dotnet tool that runs there.
        var root = CoreSource.RepositoryRoot;
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var offenders = files.Where(p => File.ReadAllText(p).Contains("\"/dev/stdin\"", StringComparison.Ordinal)).ToList();
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void Source_NoRegexDigitClass_OneDigitRule()
    {
        // \d matches every Unicode digit (full-width, Arabic-Indic): number patterns spell [0-9] (Core's NumberText).
        var root = CoreSource.RepositoryRoot;
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => Regex.IsMatch(File.ReadAllText(p), @"@""[^""]*\\d|""[^""\n]*\\\\d"))
            .Select(p => Path.GetRelativePath(root, p))
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    // ---- Docs ----

    [Test]
    public void Docs_EveryCodeFenceIsClosed()
    {
        // A README block left open renders the rest of its section as code.
        var root = CoreSource.RepositoryRoot;
        var pages = new[] { Path.Combine(root, "README.md"), Path.Combine(root, "CHANGELOG.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.md", SearchOption.AllDirectories));
        foreach (var page in pages)
        {
            var fences = File.ReadAllLines(page).Count(l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
            Assert.That(fences % 2, Is.Zero, $"{Path.GetRelativePath(root, page)} leaves a code block open");
        }
    }

    [Test]
    public void Docs_EveryScenarioACommandRuns_IsInTheRepository()
    {
        // The README ran churn-10000.yaml, which the repository did not hold: every `ipplanner VERB FILE.yaml` in
        // the docs names a file that exists (under samples/, benchmarks/ or written by an earlier command of the page).
        var root = CoreSource.RepositoryRoot;
        var pages = new[] { Path.Combine(root, "README.md") }.Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md"));
        foreach (var page in pages)
        {
            var text = File.ReadAllText(page);
            foreach (Match m in Regex.Matches(text, @"ipplanner [a-z]+ (?<file>[\w./-]+\.(?:yaml|json))"))
            {
                var file = m.Groups["file"].Value;
                var known = File.Exists(Path.Combine(root, file)) || File.Exists(Path.Combine(root, "samples", file))
                    || text.Contains($"--write {file}", StringComparison.Ordinal) || text.Contains($"> {file}", StringComparison.Ordinal);
                Assert.That(known, Is.True, $"{Path.GetRelativePath(root, page)} runs {file}, which is not in the repository");
            }
        }
    }
}
