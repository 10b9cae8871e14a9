using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IpPlanner.Cli;
using IpPlanner.Cli.Output;
using IpPlanner.Tests.Architecture;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Hostile;

/// <summary>
/// The hostile cases that need a real process: a FIFO as the report with no reader (Ctrl-C stops the wait, no
/// temporary file is left), a FIFO as the scenario, the package version from the repository's history.
/// </summary>
[Process]
[Timing]
public class HostileProcessTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("FIFOs, signals and /bin/sh are POSIX; the suite runs on Linux");
        }

        _dir = Path.Combine(Path.GetTempPath(), $"ipplanner-proc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        if (_dir is not null && Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static string Dll => Path.Combine(TestContext.CurrentContext.TestDirectory, "ipplanner.dll");

    private static (int Exit, string Out, string Error) Shell(string command, int timeoutSeconds = 60)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(timeoutSeconds * 1000), Is.True, $"{command} did not end in {timeoutSeconds} s");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Test]
    public void HtmlIntoAFifoWithNoReader_CtrlCStopsItAndNoTemporaryFileIsLeft()
    {
        // Before, the whole report went to a temporary file beside the FIFO, then the run blocked in the rename's
        // open; Ctrl-C did not stop it and the temporary file stayed. Now the FIFO is written through: the run
        // blocks opening it (nothing else happened yet), and SIGINT ends it.
        var fifo = Path.Combine(_dir, "report.html");
        Assert.That(Shell($"mkfifo '{fifo}'").Exit, Is.Zero);
        var info = new ProcessStartInfo("dotnet", [Dll, "plan", Sample("small-3az.yaml"), "--html", fifo])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Thread.Sleep(TimeSpan.FromSeconds(4));
        Assert.That(process.HasExited, Is.False, "with no reader the run waits");
        Assert.That(Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "report.html" }),
            "nothing beside the FIFO while the run waits");
        Assert.That(Shell($"kill -INT {process.Id.ToString(CultureInfo.InvariantCulture)}").Exit, Is.Zero);
        var stopped = process.WaitForExit(10_000);
        if (!stopped)
        {
            process.Kill();
        }

        Assert.That(stopped, Is.True, "Ctrl-C (SIGINT) stops the run within 10 s");
        Assert.That(Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "report.html" }), "no temporary file left");
        Assert.That(FileIdentity.Of(fifo).Kind, Is.EqualTo(FileKind.Other), "still a FIFO");
        Assert.That(error.Result, Does.Not.Contain("   at "));
        _ = output.Result;
    }

    [TestCase("validate", "scenario.yaml: valid: 6 subnets in 3 zones")]
    [TestCase("plan", "Capacity plan: shop-prod")]
    public void ScenarioFromAFifo_ReadAsAFile(string verb, string expected)
    {
        // `plan <(cat small-3az.yaml)` hands the tool a pipe by name: it reads it as it reads a file.
        var fifo = Path.Combine(_dir, "scenario.yaml");
        var run = Shell($"mkfifo '{fifo}' && (cat '{Sample("small-3az.yaml")}' > '{fifo}' &) && dotnet '{Dll}' {verb} '{fifo}'");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.Ok), run.Error);
        Assert.That(run.Out, Does.Contain(expected));
    }

    [Test]
    public void ScenarioFromAFifoThatIsEndless_RefusedPastTheLimit()
    {
        // `yes` into the FIFO: 16 MiB (ScenarioLoader.MaxFileBytes) of "y" lines, then the tool stops reading.
        var fifo = Path.Combine(_dir, "endless.yaml");
        var run = Shell($"mkfifo '{fifo}' && (yes > '{fifo}' 2>/dev/null &) && dotnet '{Dll}' plan '{fifo}'");
        Assert.That(run.Exit, Is.EqualTo(ExitCodes.InputError), run.Error);
        Assert.That(run.Error.TrimEnd(), Does.EndWith("more than 16,777,216 bytes, too large for a scenario file (YAML or JSON)"));
    }

    [Test]
    public void Version_GrowsWithTheRepositorysCommits()
    {
        // dotnet tool update replaces an installed copy only for a higher version: the patch number is the commit
        // count (git rev-list --count HEAD at build time), never the fixed 0.1.0 every build had before.
        var root = CoreSource.RepositoryRoot;
        var git = Shell($"git -C '{root}' rev-list --count HEAD");
        if (git.Exit != 0)
        {
            Assert.Ignore("no git history here (a source tarball builds as 0.1.0)");
        }

        var commits = int.Parse(git.Out.Trim(), CultureInfo.InvariantCulture);
        var version = Shell($"dotnet '{Dll}' --version");
        Assert.That(version.Exit, Is.Zero, version.Error);
        var match = Regex.Match(version.Out, @"^0\.1\.([0-9]+)");
        Assert.That(match.Success, Is.True, version.Out);
        var patch = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.That(patch, Is.GreaterThan(0).And.LessThanOrEqualTo(commits), "built from this repository's history");
    }

    [Test]
    public void Recommend_TenThousandSubnets_UnderTheBudget()
    {
        // 10,000 /28 subnets in three /16 blocks (4,096 /28s each): carving a new block compared every candidate
        // with every subnet, 21 s before. The whole run, start-up included, must stay under the suite's 10 s.
        var yaml = new StringBuilder("cluster:\n  name: many\n  controlPlaneSubnets: [s0, s1]\nvpc:\n  cidrs: [10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16]\nsubnets:\n");
        string[] zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
        for (var i = 0; i < 10_000; i++)
        {
            var (block, slot) = (i / 4096, i % 4096);
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: s{i}, cidr: 10.{block}.{slot / 16}.{slot % 16 * 16}/28, zone: {zones[i % 3]} }}\n");
        }

        yaml.Append("nodeGroups:\n  - name: web\n    instanceType: m5.large\n    subnets: [s0, s1, s2]\n    nodes: 2\n    maxNodes: 4\n");
        var path = Path.Combine(_dir, "many.yaml");
        File.WriteAllText(path, yaml.ToString());
        var clock = Stopwatch.StartNew();
        var run = Shell($"dotnet '{Dll}' recommend '{path}'");
        clock.Stop();
        Assert.That(run.Exit, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("more subnets"));
        Assert.That(clock.Elapsed, Is.LessThan(GuardedRun.Budget));
    }
}
