using System.Text;

namespace IpPlanner.Core.Model;

/// <summary>
/// One finding about an input file, pointing at the place to fix: file, 1-based line and column (0 when unknown),
/// the dotted field path (<c>nodeGroups[1].instanceType</c>) and a stable <see cref="Code"/> that tests and
/// scripts can match on while the wording of <see cref="Message"/> changes.
/// </summary>
public sealed record Diagnostic(
    Severity Severity,
    string Code,
    string File,
    int Line,
    int Column,
    string Field,
    string Message)
{
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
