namespace IpPlanner.Core;

/// <summary>How serious a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    Info,

    /// <summary>Likely to hurt: act before scaling.</summary>
    Warning,

    /// <summary>Broken now, or will break at the planned size.</summary>
    Error,
}

/// <summary>
/// A warning the engine raises about the plan: a stable <see cref="Code"/>, what it is about, and a message that
/// states the rule and the numbers.
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Subject, string Message);
