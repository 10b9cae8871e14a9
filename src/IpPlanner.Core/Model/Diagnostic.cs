using System.Text;

namespace IpPlanner.Core.Model;

/// <summary>How bad a <see cref="Diagnostic"/> is: errors make a scenario unusable, warnings and notes do not.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The input cannot be used as written.</summary>
    Error,

    /// <summary>The input works, but probably not the way its author meant.</summary>
    Warning,

    /// <summary>Something worth knowing.</summary>
    Info,
}

/// <summary>
/// One finding about an input file, pointing at the place to fix: file, 1-based line and column (0 when unknown),
/// the dotted field path (<c>nodeGroups[1].instanceType</c>) and a stable <see cref="Code"/> that tests and
/// scripts can match on while the wording of <see cref="Message"/> changes.
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string File,
    int Line,
    int Column,
    string Field,
    string Message)
{
    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>"error", "warning" or "info", as printed.</summary>
    public string SeverityText => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The compiler-style line <c>file:line:col: error: field: message</c>, leaving out the parts that are unknown.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
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
        if (Field.Length > 0)
        {
            text.Append(Field).Append(": ");
        }

        return text.Append(Message).ToString();
    }
}
