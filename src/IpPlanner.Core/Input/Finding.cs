namespace IpPlanner.Core.Input;

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
/// One finding, whoever raises it (the loader, the node model or the plan; docs/rules.md lists each code): a stable
/// <see cref="Code"/> that tests and scripts match on, what it is about (for a finding in an input file, the dotted
/// field path such as <c>nodeGroups[1].instanceType</c>), and a message that states the rule and the numbers. A finding
/// about an input file also points at the place to fix: <see cref="File"/>, 1-based <see cref="Line"/> and
/// <see cref="Column"/> (0 when unknown).
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Subject, string Message)
{
    /// <summary>The input file the finding points into; empty for a finding about the plan or a node.</summary>
    public string File { get; init; } = "";

    /// <summary>1-based line in <see cref="File"/>, 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column in <see cref="File"/>, 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>The dotted field path of a finding in an input file (its <see cref="Subject"/>).</summary>
    public string Field => Subject;

    /// <summary>True for <see cref="Severity.Error"/>.</summary>
    public bool IsError => Severity == Severity.Error;

    /// <summary>"error", "warning" or "info", as printed.</summary>
    public string SeverityText => Severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The compiler-style line <c>file:line:col: error: field: message</c>, leaving out the parts that are unknown.</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(File);
        if (Line > 0)
        {
            text.Append(':').Append(Line);
            if (Column > 0)
            {
                text.Append(':').Append(Column);
            }
        }

        if (text.Length > 0)
        {
            text.Append(": ");
        }

        text.Append(SeverityText).Append(": ");
        if (Subject.Length > 0)
        {
            text.Append(Subject).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
