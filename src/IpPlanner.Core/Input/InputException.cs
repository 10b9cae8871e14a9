namespace IpPlanner.Core.Input;

/// <summary>
/// A problem with something the user gave us (a file, a flag, a name): its message is one line that names the
/// source, the line when known, the field and what would be valid. The CLI prints it and exits non-zero.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception inner) : base(message, inner) { }

    public InputException() { }

    /// <summary>Builds "source:line:column: field: problem" leaving out the parts that are unknown.</summary>
    public static InputException At(string? source, long? line, long? column, string? field, string problem)
    {
        var where = source ?? "";
        if (line is > 0)
        {
            where += $":{line}";
            if (column is > 0)
            {
                where += $":{column}";
            }
        }

        var text = where.Length > 0 ? where + ": " : "";
        if (!string.IsNullOrEmpty(field))
        {
            text += field + ": ";
        }

        return new InputException(text + problem);
    }
}
