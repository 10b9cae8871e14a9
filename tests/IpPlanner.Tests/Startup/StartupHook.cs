// A .NET startup hook (DOTNET_STARTUP_HOOKS): StartupWorkTests runs ipplanner with this assembly as its hook, and the
// hook writes the name of every assembly the process loaded, at its exit, to the file the test names. The runtime
// looks for a type named StartupHook in no namespace with a static Initialize method.
#pragma warning disable CA1050 // The runtime requires the global namespace.

/// <summary>Records the assemblies an ipplanner process loads (see <c>IpPlanner.Tests.Startup.StartupWorkTests</c>).</summary>
public static class StartupHook
{
    /// <summary>The variable naming the file the loaded assemblies are written to.</summary>
    public const string LogVariable = "IPPLANNER_TEST_LOADED_ASSEMBLIES";

    /// <summary>Called by the runtime before Main.</summary>
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(LogVariable) is not { Length: > 0 } path)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? ""));
    }
}
