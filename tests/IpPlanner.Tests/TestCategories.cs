using NUnit.Framework;

namespace IpPlanner.Tests;

/// <summary>
/// The slow lane's categories. The default <c>dotnet test</c> leaves them out (tests/fast.runsettings); CI runs them
/// in a second pass (.ci/run). Everything else is the fast loop: in-process, deterministic, seconds.
/// </summary>
internal static class TestCategories
{
    /// <summary>Drives Chromium through PuppeteerSharp.</summary>
    public const string Browser = "Browser";

    /// <summary>Starts ipplanner (or a shell around it) as a real process.</summary>
    public const string Process = "Process";

    /// <summary>Feeds many random or mangled inputs (fuzzing, randomized properties against a model).</summary>
    public const string Fuzz = "Fuzz";

    /// <summary>Passes or fails by the wall clock: a deadline for a process, a pipe or a server to answer.</summary>
    public const string Timing = "Timing";
}

/// <summary>Marks a test or fixture as driving Chromium (<see cref="TestCategories.Browser"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class BrowserAttribute() : CategoryAttribute(TestCategories.Browser);

/// <summary>Marks a test or fixture as starting a real process (<see cref="TestCategories.Process"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class ProcessAttribute() : CategoryAttribute(TestCategories.Process);

/// <summary>Marks a test or fixture as a fuzz or randomized-property test (<see cref="TestCategories.Fuzz"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class FuzzAttribute() : CategoryAttribute(TestCategories.Fuzz);

/// <summary>Marks a test or fixture whose verdict rests on a wall-clock deadline (<see cref="TestCategories.Timing"/>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
internal sealed class TimingAttribute() : CategoryAttribute(TestCategories.Timing);
