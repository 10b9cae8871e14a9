using System.Diagnostics;
using NUnit.Framework;
using static IpPlanner.Tests.Fixtures;

namespace IpPlanner.Tests.Startup;

/// <summary>
/// A verb does only the start-up work it needs: every short run pays for what it loads, and most of a short run was
/// start-up. Each test runs ipplanner as a process with <see cref="StartupHook"/> recording which assemblies it
/// loaded: the catalog is read with CsvHelper and a scenario with YamlDotNet, so neither loaded means neither parsed.
/// </summary>
[Process]
public sealed class StartupWorkTests
{
    [TestCase("--version")]
    [TestCase("--help")]
    [TestCase("plan", "--help")]
    public void HelpAndVersion_ReadNoCatalogAndNoScenario_LoadNoWebServer(params string[] args)
    {
        var loaded = Run(args);

        Assert.That(loaded, Does.Contain("System.CommandLine"), "the hook sees the process's assemblies");
        Assert.That(loaded, Has.None.EqualTo("CsvHelper").And.None.EqualTo("YamlDotNet"));
        Assert.That(loaded, Has.None.StartsWith("Microsoft.AspNetCore"));
    }

    [TestCase("plan")]
    [TestCase("validate")]
    [TestCase("simulate", "--scale", "apps=0..3")]
    public void ScenarioVerbs_OutsideServe_LoadNoWebServer(string verb, params string[] more)
    {
        var loaded = Run([verb, Sample("small-3az.yaml"), .. more]);

        Assert.That(loaded, Does.Contain("YamlDotNet"), "the verb read its scenario");
        Assert.That(loaded, Has.None.StartsWith("Microsoft.AspNetCore").And.None.EqualTo("IpPlanner.Server"));
    }

    private static string[] Run(params string[] args)
    {
        var directory = TestContext.CurrentContext.TestDirectory;
        var log = Path.Combine(Path.GetTempPath(), $"ipplanner-loaded-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(directory, "ipplanner.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        info.Environment[StartupHook.LogVariable] = log;
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, error + output.Result);
            return File.ReadAllLines(log);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
