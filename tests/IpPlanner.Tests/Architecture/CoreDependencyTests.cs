using System.Reflection;
using NUnit.Framework;
using IpPlanner.Core.Planning;

namespace IpPlanner.Tests.Architecture;

/// <summary>
/// STYLE.md: Core is the model and the engine; it knows nothing about the console, tables, plots or the CLI, so the
/// CLI (and a server) stay thin and every verb asks the same Core.
/// </summary>
public class CoreDependencyTests
{
    private static readonly Assembly s_core = typeof(CapacityPlanner).Assembly;

    // The CLI's assembly is "ipplanner"; the console, table and plotting libraries are what a front end draws with.
    private static readonly string[] s_forbidden =
    [
        "ipplanner", "System.Console", "Spectre.Console", "ScottPlot", "SkiaSharp", "System.CommandLine",
        "Microsoft.AspNetCore", "PuppeteerSharp",
    ];

    [Test]
    public void Core_ReferencedAssemblies_NoCliConsoleTableOrPlottingLibrary()
    {
        var referenced = s_core.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        var offending = referenced.Where(name => s_forbidden.Any(f => name.Equals(f, StringComparison.OrdinalIgnoreCase)
            || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.That(offending, Is.Empty, $"IpPlanner.Core references {string.Join(", ", offending)}");
    }

    [Test]
    public void Core_ReferencedAssemblies_IncludeItsOwnLibraries()
    {
        // The check above only means something if it reads real references: Core does use IPNetwork2 and YamlDotNet.
        var referenced = s_core.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.That(referenced, Does.Contain("System.Net.IPNetwork"));
        Assert.That(referenced, Does.Contain("YamlDotNet"));
    }

    [Test]
    public void Core_Types_NoneInTheCliNamespace()
    {
        Assert.That(s_core.GetTypes().Where(t => t.Namespace?.StartsWith("IpPlanner.Cli", StringComparison.Ordinal) == true), Is.Empty);
    }
}
