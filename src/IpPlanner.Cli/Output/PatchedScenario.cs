using IpPlanner.Core;
using IpPlanner.Core.Model;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output;

/// <summary>Writes a strategy's patched scenario as an ordinary scenario file.</summary>
public static class PatchedScenario
{
    /// <summary>Placeholder until the scenario writer lands: refuses clearly rather than writing half a file.</summary>
    public static void Write(StrategyResult strategy, Scenario original, string path)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(original);
        throw new InputException($"--write {path}: writing patched scenarios is not available in this build");
    }
}
