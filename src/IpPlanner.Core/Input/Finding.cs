using System.Text.Json.Serialization;

namespace IpPlanner.Core.Input;

/// <summary>How serious a finding is; JSON and text spell it in lower case.</summary>
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Likely to hurt: act before scaling.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Broken now, or will break at the planned size.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}

/// <summary>
/// One finding, whoever raises it (the loader, the node model or the plan): a stable <see cref="Code"/> from the one
/// catalogue (<see cref="FindingCodes"/>, which gives each code its severity and its docs/rules.md section), what it
/// is about (for a finding in an input file, the dotted field path such as <c>nodeGroups[1].instanceType</c>), and a
/// message that states the rule and the numbers. A finding about an input file also has a place: <see cref="File"/>,
/// 1-based <see cref="Line"/> and <see cref="Column"/> (0 when unknown). Every verb writes it as one JSON object:
/// <c>code</c>, <c>severity</c>, <c>subject</c>, <c>message</c>, and <c>file</c>, <c>line</c>, <c>column</c> when it has a place.
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Subject, string Message)
{
    /// <summary>
    /// A finding of <paramref name="code"/> with the severity the catalogue gives it (<see cref="FindingCodes.SeverityOf"/>):
    /// how the node model and the plan raise one.
    /// </summary>
    public static Finding Of(string code, string subject, string message) => new(code, FindingCodes.SeverityOf(code), subject, message);

    /// <summary>The input file the finding points into; null for a finding about the plan or a node.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? File { get; init; }

    /// <summary>1-based line in <see cref="File"/>, 0 when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Line { get; init; }

    /// <summary>1-based column in <see cref="File"/>, 0 when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Column { get; init; }

    /// <summary>The dotted field path of a finding in an input file (its <see cref="Subject"/>).</summary>
    [JsonIgnore]
    public string Field => Subject;

    /// <summary>True for <see cref="Severity.Error"/>.</summary>
    [JsonIgnore]
    public bool IsError => Severity == Severity.Error;

    /// <summary>"error", "warning" or "info", as printed (and as JSON spells <see cref="Severity"/>).</summary>
    [JsonIgnore]
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
