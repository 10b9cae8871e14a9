using System.Diagnostics;
using System.Text;
using IpPlanner.Cli;
using NUnit.Framework;
using IpPlanner.Core.Input;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Cli;

/// <summary>
/// Inputs that are not files: devices, endless streams, FIFOs and standard input. Every reader reads at most its
/// limit plus one byte, so nothing fills memory or hangs; a stuck run fails the test by its timeout.
/// </summary>
[Process]
[Timing]
public class InputStreamTests
{
    private static CliRun RunWithin(TimeSpan limit, params string[] args)
    {
        var task = Task.Run(() => CliRun.Of(args));
        Assert.That(task.Wait(limit), Is.True, $"{string.Join(' ', args)} still running after {limit.TotalSeconds} s");
        return task.Result;
    }

    [TestCase("plan", "/dev/zero")]
    [TestCase("validate", "/dev/urandom")]
    public void Scenario_FromAnEndlessDevice_RefusedAsBinaryAtOnce(string verb, string device)
    {
        var run = RunWithin(TimeSpan.FromSeconds(20), verb, device);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError), run.Error);
        Assert.That(run.Error, Does.StartWith($"ipplanner: error: {device}: holds binary data"));
    }

    [Test]
    public void InstanceTypes_FromDevZero_Refused()
    {
        var run = RunWithin(TimeSpan.FromSeconds(20), "plan", Sample("small-3az.yaml"), "--instance-types", "/dev/zero");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: /dev/zero: holds binary data"));
    }

    [Test]
    public void Import_EniConfigsFromDevUrandom_Refused()
    {
        var run = RunWithin(TimeSpan.FromSeconds(20), "import", "--subnets", Sample("aws/subnets.json"), "--eniconfigs", "/dev/urandom");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.Contain("/dev/urandom: holds binary data"));
    }

    [Test]
    public void Scenario_FromAnEndlessTextGenerator_RefusedPastTheLimit()
    {
        // A FIFO fed text forever (like `yes | ipplanner plan -`): the reader stops at 16 MiB + 1 byte.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("mkfifo is POSIX");
        }

        var dir = Directory.CreateTempSubdirectory("ipplanner-fifo-").FullName;
        try
        {
            var fifo = Path.Combine(dir, "endless.yaml");
            using (var mk = Process.Start("mkfifo", [fifo]))
            {
                mk.WaitForExit();
            }

            using var stop = new CancellationTokenSource();
            var writer = Task.Run(() =>
            {
                try
                {
                    using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                    var line = Encoding.ASCII.GetBytes("# y y y y y y y y y y y y y y y y y y y y y y y y y y y y y y y y\n");
                    while (!stop.IsCancellationRequested)
                    {
                        stream.Write(line);
                    }
                }
                catch (IOException)
                {
                    // The reader closed the pipe: what we expect.
                }
            });
            var run = RunWithin(TimeSpan.FromSeconds(30), "plan", fifo);
            stop.Cancel();
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
            Assert.That(run.Error, Is.EqualTo($"ipplanner: error: {fifo}: more than 16,777,216 bytes, too large for a scenario file (YAML or JSON){Environment.NewLine}"));
            Assert.That(writer.Wait(TimeSpan.FromSeconds(10)), Is.True);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Plan_DashReadsTheScenarioFromStandardInput()
    {
        var original = BoundedInput.StandardInput;
        BoundedInput.StandardInput = () => File.OpenRead(Sample("near-exhaustion.yaml"));
        try
        {
            var fromStdin = CliRun.Of("plan", "-");
            var fromFile = CliRun.Of("plan", Sample("near-exhaustion.yaml"));
            Assert.That(fromStdin.ExitCode, Is.Zero, fromStdin.Error);
            Assert.That(fromStdin.Out, Does.StartWith("Capacity plan: legacy-crm (-)"));

            // Apart from the name in the title, the same plan.
            Assert.That(fromStdin.Out[fromStdin.Out.IndexOf('\n')..], Is.EqualTo(fromFile.Out[fromFile.Out.IndexOf('\n')..]));
        }
        finally
        {
            BoundedInput.StandardInput = original;
        }
    }

    [Test]
    public void Import_SubnetsFromStandardInputNotJson_OneLineWithoutDotNetPositions()
    {
        // '{"Subnets": [}': the '}' at column 14 cannot start a value. The message says so once, as file:line:column.
        var original = BoundedInput.StandardInput;
        BoundedInput.StandardInput = () => new MemoryStream(Encoding.UTF8.GetBytes("{\"Subnets\": [}"));
        try
        {
            var run = CliRun.Of("import", "--subnets", "-");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
            Assert.That(run.Error, Does.StartWith("ipplanner: error: standard input:1:14: not valid JSON: '}' is an invalid start of a value (expected"));
            Assert.That(run.Error, Does.Not.Contain("LineNumber").And.Not.Contain("BytePositionInLine"));
        }
        finally
        {
            BoundedInput.StandardInput = original;
        }
    }

    [Test]
    public void Plan_DashForTwoInputs_RefusedBeforeReading()
    {
        var run = CliRun.Of("plan", "-", "--instance-types", "-");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
        Assert.That(run.Error, Does.StartWith("ipplanner: error: -: standard input can hold only one of the inputs"));
    }

    [Test]
    public void Validate_SubnetSlash32_FirstErrorIsThePrefixLength()
    {
        // EC2 takes subnets of /16 to /28; a /32 has no usable addresses to count, so its size is what is wrong.
        var dir = Directory.CreateTempSubdirectory("ipplanner-32-").FullName;
        try
        {
            var path = Path.Combine(dir, "s.yaml");
            File.WriteAllText(path, """
                cluster: { name: t, controlPlaneSubnets: [a, b] }
                vpc: { cidrs: [10.0.0.0/16] }
                subnets:
                  - { id: a, cidr: 10.0.1.0/32, zone: us-east-1a }
                  - { id: b, cidr: 10.0.2.0/24, zone: us-east-1b }
                nodeGroups:
                  - { name: g, instanceType: m5.large, subnets: [a, b], nodes: 2 }
                """);
            var run = CliRun.Of("plan", path);
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InputError));
            Assert.That(run.Error, Does.StartWith($"ipplanner: error: {path}:4:").And.Contain("/32 is not allowed for a subnet: EC2 takes /16 to /28"));
            Assert.That(run.Error, Does.Not.Contain("usable"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
