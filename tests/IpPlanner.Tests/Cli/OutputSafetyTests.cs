using System.Diagnostics;
using IpPlanner.Cli;
using IpPlanner.Cli.Output;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// A run never destroys what is not its output: inputs named as outputs and one file named twice are refused before
/// any work; symlinks keep pointing where they did while their target changes; devices and FIFOs are written through;
/// a full device or disk is a one-line error. Device nodes are made with mknod in a temporary folder (as root), so
/// the real /dev is never touched.
/// </summary>
[Process]
[Timing]
public class OutputSafetyTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"ipplanner-out-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Copy(string sample)
    {
        var path = Path.Combine(_dir, sample);
        File.Copy(Sample(sample), path);
        return path;
    }

    private static void Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{command}: {error}");
    }

    private static bool CanMakeDevices => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private string Device(string name, int major, int minor)
    {
        if (!CanMakeDevices)
        {
            Assert.Ignore("making a device node needs root on Linux");
        }

        var path = Path.Combine(_dir, name);
        Shell($"mknod '{path}' c {major} {minor}");
        return path;
    }

    [Test]
    public void Plan_HtmlIsTheScenarioByAnotherName_RefusedAndTheScenarioUnchanged()
    {
        var scenario = Copy("small-3az.yaml");
        var before = File.ReadAllText(scenario);
        var sameFile = Path.Combine(_dir, ".", "small-3az.yaml");
        var run = CliRun.Of("plan", scenario, "--html", sameFile);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Is.EqualTo($"ipplanner: error: {sameFile}: --html would overwrite the input {scenario}; write to another file{Environment.NewLine}"));
        Assert.That(run.Out, Is.Empty);
        Assert.That(File.ReadAllText(scenario), Is.EqualTo(before));
    }

    [Test]
    public void Recommend_WriteIsAHardLinkToTheScenario_Refused()
    {
        var scenario = Copy("small-3az.yaml");
        var link = Path.Combine(_dir, "link.yaml");
        Shell($"ln '{scenario}' '{link}'");
        var run = CliRun.Of("recommend", scenario, "--write", link);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("--write would overwrite the input"));
    }

    [Test]
    public void Recommend_WriteAndHtmlNameOneFileThroughASymlink_RefusedBeforePlanning()
    {
        var scenario = Copy("small-3az.yaml");
        var report = Path.Combine(_dir, "out.html");
        var link = Path.Combine(_dir, "alias.html");
        File.CreateSymbolicLink(link, report);
        var run = CliRun.Of("recommend", scenario, "--write", report, "--html", link);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Is.EqualTo($"ipplanner: error: {link}: --write and --html name the same file; give each output its own file{Environment.NewLine}"));
        Assert.That(File.Exists(report), Is.False);
    }

    [Test]
    public void Import_WriteIsTheSubnetsInput_Refused()
    {
        var subnets = Path.Combine(_dir, "subnets.json");
        File.Copy(Sample("aws/subnets.json"), subnets);
        var before = File.ReadAllText(subnets);
        var run = CliRun.Of("import", "--subnets", subnets, "--write", subnets);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("--write would overwrite the input"));
        Assert.That(File.ReadAllText(subnets), Is.EqualTo(before));
    }

    [Test]
    public void Plan_HtmlThroughASymlink_TheLinkStaysAndItsTargetIsTheReport()
    {
        var scenario = Copy("small-3az.yaml");
        var target = Path.Combine(_dir, "real.html");
        File.WriteAllText(target, "old");
        var link = Path.Combine(_dir, "link.html");
        File.CreateSymbolicLink(link, target);
        var run = CliRun.Of("plan", scenario, "--html", link);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target), "still a symlink to the same file");
        Assert.That(File.ReadAllText(target), Does.StartWith("<!DOCTYPE html>"));
    }

    [Test]
    public void Plan_HtmlOnAFullDevice_OneLineErrorAndTheDeviceStays()
    {
        // Character device 1:7 is /dev/full: every write fails with ENOSPC.
        var scenario = Copy("small-3az.yaml");
        var full = Device("full", 1, 7);
        var run = CliRun.Of("plan", scenario, "--html", full);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error.TrimEnd(), Is.EqualTo($"ipplanner: error: {full}: cannot write the HTML report: No space left on device"),
            "one line, the path once, no .NET tail");
        Assert.That(FileIdentity.Of(full).Kind, Is.EqualTo(FileKind.Other), "still a device, not replaced by a file");
    }

    [Test]
    public void Simulate_PlotOnANullDevice_WrittenThroughAndTheDeviceStays()
    {
        // Character device 1:3 is /dev/null: writes succeed and vanish.
        var null_ = Device("null.png", 1, 3);
        var run = CliRun.Of("simulate", Sample("near-exhaustion.yaml"), "--scale", "crm=0..5", "--plot", null_);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(FileIdentity.Of(null_).Kind, Is.EqualTo(FileKind.Other));
    }

    [Test]
    public void Plan_HtmlIntoAFifo_TheReaderGetsTheReportAndTheFifoStays()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("mkfifo is POSIX");
        }

        var fifo = Path.Combine(_dir, "report.fifo");
        Shell($"mkfifo '{fifo}'");
        var reader = Task.Run(() => File.ReadAllText(fifo));
        var run = CliRun.Of("plan", Sample("small-3az.yaml"), "--html", fifo);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(reader.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(reader.Result, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(FileIdentity.Of(fifo).Kind, Is.EqualTo(FileKind.Other), "still a FIFO");
    }

    [Test]
    public void Plan_StdoutIsAFullDevice_OneLineErrorExit74()
    {
        // As a user runs it: the real process with its stdout on a full device (exit 70 and a stack trace before).
        var full = Device("full", 1, 7);
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "ipplanner.dll");
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"dotnet '{dll}' plan '{Sample("small-3az.yaml")}' > '{full}'"])
        {
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.OutputError), error);
        Assert.That(error.TrimEnd(), Is.EqualTo("ipplanner: error: cannot write to standard output: No space left on device"));
    }

    [Test]
    public void MaxPods_StdoutClosedEarly_Exit74WithOneLine()
    {
        // `maxpods --all | head -c 10`: the reader goes away after 10 bytes. .NET's console stream drops writes to a
        // broken pipe (the run then exited 0 as if everything was read); the README says 74, and one line.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("bash and PIPESTATUS");
        }

        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "ipplanner.dll");
        var errors = Path.Combine(_dir, "err.txt");
        using var process = Process.Start(new ProcessStartInfo("/bin/bash", ["-c", $"dotnet '{dll}' maxpods --all 2> '{errors}' | head -c 10 > /dev/null; exit ${{PIPESTATUS[0]}}"]))!;
        process.WaitForExit();
        var error = File.ReadAllText(errors);
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.OutputError), error);
        Assert.That(error.TrimEnd(), Is.EqualTo("ipplanner: error: cannot write to standard output: Broken pipe"));
    }

    [Test]
    public void Plan_StdinRedirectedFromTheHtmlTarget_Refused()
    {
        // `plan - --html S.yaml < S.yaml`: standard input is S.yaml, so writing the report there would destroy it.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("/proc/self/fd is Linux");
        }

        var scenario = Copy("small-3az.yaml");
        var before = File.ReadAllText(scenario);
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "ipplanner.dll");
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"dotnet '{dll}' plan - --html '{scenario}' < '{scenario}'"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.InputError), error);
        Assert.That(error.TrimEnd(), Is.EqualTo($"ipplanner: error: {scenario}: --html would overwrite the input standard input; write to another file"));
        Assert.That(output, Is.Empty);
        Assert.That(File.ReadAllText(scenario), Is.EqualTo(before));
    }

    [Test]
    public void NoArguments_PrintsTheHelp()
    {
        var run = CliRun.Of();
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("Usage:").And.Contain("plan"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void OutputPaths_RandomCombinations_NoInputChangesAndNoSpecialFileIsReplaced()
    {
        // Fuzz: the verbs that write files, with their outputs drawn from a pool of paths that are inputs (by their
        // own name, through a symlink, through a hard link), new files (also named twice), a device and a directory.
        var scenario = Copy("near-exhaustion.yaml");
        var types = Path.Combine(_dir, "types.json");
        File.WriteAllText(types, """
            { "InstanceTypes": [ { "InstanceType": "x9.future", "Hypervisor": "nitro", "BareMetal": false, "VCpuInfo": { "DefaultVCpus": 64 },
                "NetworkInfo": { "MaximumNetworkInterfaces": 16, "Ipv4AddressesPerInterface": 50 } } ] }
            """);
        var symlink = Path.Combine(_dir, "scenario-link.yaml");
        File.CreateSymbolicLink(symlink, scenario);
        var hardlink = Path.Combine(_dir, "scenario-hard.yaml");
        Shell($"ln '{scenario}' '{hardlink}'");
        // Without root there is no device node; a regular stand-in keeps the rest of the fuzz running.
        var device = CanMakeDevices ? Device("null.svg", 1, 3) : null;
        var pool = new[]
        {
            scenario, symlink, hardlink, types, device ?? Path.Combine(_dir, "stand-in.svg"), _dir,
            Path.Combine(_dir, "new-a.svg"), Path.Combine(_dir, "new-b.html"), Path.Combine(_dir, ".", "new-a.svg"),
        };
        var inputs = new[] { scenario, types };
        var contents = inputs.ToDictionary(p => p, File.ReadAllBytes);
        var random = new Random(19);
        for (var i = 0; i < 24; i++)
        {
            string Pick() => pool[random.Next(pool.Length)];
            var args = (i % 3) switch
            {
                0 => new[] { "plan", scenario, "--instance-types", types, "--html", Pick() },
                1 => ["recommend", scenario, "--instance-types", types, "--write", Pick(), "--html", Pick()],
                _ => ["simulate", scenario, "--scale", "crm=0..3", "--plot", Pick(), "--html", Pick()],
            };
            var run = CliRun.Of(args);
            var said = $"{string.Join(' ', args)} -> {run.ExitCode}: {run.Error}";
            Assert.That(run.ExitCode, Is.AnyOf(ExitCodes.Ok, ExitCodes.InputError), said);
            foreach (var (path, bytes) in contents)
            {
                Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), $"{path} changed: {said}");
            }

            Assert.That(new FileInfo(symlink).LinkTarget, Is.EqualTo(scenario), said);
            if (device is not null)
            {
                Assert.That(FileIdentity.Of(device).Kind, Is.EqualTo(FileKind.Other), said);
            }

            Assert.That(FileIdentity.Of(_dir).Kind, Is.EqualTo(FileKind.Directory), said);
            Assert.That(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories), Is.Empty, said);
        }
    }
}
