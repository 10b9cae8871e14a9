namespace IpPlanner.Core.Input;

/// <summary>
/// System.Text.Json's errors in the user's words: what was expected instead of a .NET type name, and its message
/// without the location it appends (every error here already starts with file:line:column).
/// </summary>
internal static class JsonErrors
{
    /// <summary>"The JSON value could not be converted to System.Nullable`1[System.Int64]" -> "expected a whole number here".</summary>
    internal static string Expected(string message)
    {
        const string marker = "could not be converted to ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "unexpected value: " + FirstSentence(message);
        }

        var target = message[(at + marker.Length)..];
        return target switch
        {
            _ when target.Contains("Int64", StringComparison.Ordinal) || target.Contains("Int32", StringComparison.Ordinal) => "expected a whole number here",
            _ when target.Contains("Boolean", StringComparison.Ordinal) => "expected true or false here",
            _ when target.StartsWith("System.String", StringComparison.Ordinal) => "expected a string here",
            _ when target.Contains("List", StringComparison.Ordinal) => "expected a list here",
            _ => "expected an object here",
        };
    }

    /// <summary>System.Text.Json's message without the location it appends, lower-cased at the start, to follow "file:line:col: ".</summary>
    internal static string FirstSentence(string message)
    {
        // System.Text.Json appends where it was (". Path: $.x | LineNumber: 0 | BytePositionInLine: 13."): the
        // message already leads with file:line:column, so that tail goes.
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal) is var p and >= 0 ? p : message.IndexOf(". LineNumber:", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).ReplaceLineEndings(" ").TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }
}
