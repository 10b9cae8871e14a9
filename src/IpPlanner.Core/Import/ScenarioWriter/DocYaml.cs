using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IpPlanner.Core.Import.ScenarioWriter;

/// <summary>
/// Prints a <see cref="DocMap"/> as block YAML in the style of the sample scenarios: two-space indents, lists of
/// mappings as <c>- key: value</c>, short lists of strings on one line, comments where the document put them.
/// A string is quoted whenever a YAML 1.1 or 1.2 reader could take it for anything but a string.
/// </summary>
public static partial class DocYaml
{
    /// <summary>Comment lines longer than this (indent included) wrap at a space.</summary>
    public const int CommentWidth = 118;

    /// <summary>The YAML text, ending in a newline.</summary>
    public static string Write(DocMap root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        WriteComments(text, root.Comments, "");
        if (root.Comments.Count > 0)
        {
            text.Append('\n');
        }

        for (var i = 0; i < root.Entries.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            WriteEntry(text, root.Entries[i].Key, root.Entries[i].Value, 0, null);
        }

        return text.ToString();
    }

    /// <summary>A string as YAML prints it: plain when that is unambiguous, else double-quoted.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlainSafe(value))
        {
            return value;
        }

        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    private static void WriteEntry(StringBuilder text, string key, DocNode value, int indent, string? dashPrefix)
    {
        var pad = new string(' ', indent);
        // The first entry of a list item shares the dash line; its comments go above the dash.
        var commentPad = dashPrefix is null ? pad : new string(' ', indent - 2);
        WriteComments(text, value.Comments, commentPad);
        text.Append(dashPrefix ?? pad).Append(Quote(key)).Append(':');
        switch (value)
        {
            case DocScalar scalar:
                text.Append(' ').Append(Scalar(scalar));
                EndLine(text, value.Trailing);
                break;
            case DocList list when list.Items.Count == 0 || list.Flow:
                text.Append(' ').Append(FlowList(list));
                EndLine(text, value.Trailing);
                break;
            case DocMap map when map.Entries.Count == 0:
                text.Append(" {}");
                EndLine(text, value.Trailing);
                break;
            case DocList list:
                EndLine(text, value.Trailing);
                foreach (var item in list.Items)
                {
                    WriteItem(text, item, indent + 2);
                }

                break;
            case DocMap map:
                EndLine(text, value.Trailing);
                foreach (var entry in map.Entries)
                {
                    WriteEntry(text, entry.Key, entry.Value, indent + 2, null);
                }

                break;
            default:
                throw new ArgumentException($"unknown node type {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteItem(StringBuilder text, DocNode item, int indent)
    {
        var pad = new string(' ', indent);
        WriteComments(text, item.Comments, pad);
        switch (item)
        {
            case DocScalar scalar:
                text.Append(pad).Append("- ").Append(Scalar(scalar));
                EndLine(text, item.Trailing);
                break;
            case DocMap map when map.Entries.Count > 0:
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    WriteEntry(text, map.Entries[i].Key, map.Entries[i].Value, indent + 2, i == 0 ? pad + "- " : null);
                }

                break;
            case DocMap:
                text.Append(pad).Append("- {}");
                EndLine(text, item.Trailing);
                break;
            case DocList list when list.Items.Count == 0 || list.Flow:
                text.Append(pad).Append("- ").Append(FlowList(list));
                EndLine(text, item.Trailing);
                break;
            default:
                throw new ArgumentException("a block list directly inside a list is not supported", nameof(item));
        }
    }

    private static string FlowList(DocList list)
    {
        var items = list.Items.Select(i => i is DocScalar s
            ? Scalar(s)
            : throw new ArgumentException("a one-line list holds scalars only", nameof(list)));
        return "[" + string.Join(", ", items) + "]";
    }

    private static string Scalar(DocScalar scalar) =>
        scalar.Kind == DocScalarKind.Text ? Quote(scalar.Value) : scalar.Value;

    private static void WriteComments(StringBuilder text, IReadOnlyList<string> comments, string pad)
    {
        foreach (var line in comments)
        {
            var rest = Clean(line);
            if (rest.Length == 0)
            {
                text.Append(pad).Append("#\n");
                continue;
            }

            // A line that starts with spaces or "- " keeps its text aligned when it wraps.
            var hang = HangingIndent(rest);
            var indent = "";
            while (true)
            {
                var room = Math.Max(40, CommentWidth - pad.Length - 2 - indent.Length);
                if (rest.Length <= room)
                {
                    break;
                }

                // Never cut inside the leading "  - " of the first line.
                var minimum = indent.Length == 0 ? hang : 0;
                var cut = rest.LastIndexOf(' ', room);
                if (cut <= minimum)
                {
                    cut = rest.IndexOf(' ', room);
                    if (cut < 0)
                    {
                        break;
                    }
                }

                text.Append(pad).Append("# ").Append(indent).Append(rest[..cut].TrimEnd()).Append('\n');
                rest = rest[(cut + 1)..].TrimStart();
                indent = new string(' ', hang);
            }

            text.Append(pad).Append("# ").Append(indent).Append(rest).Append('\n');
        }
    }

    private static int HangingIndent(string line)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return line.AsSpan(spaces).StartsWith("- ") ? spaces + 2 : spaces;
    }

    private static void EndLine(StringBuilder text, string? trailing)
    {
        if (!string.IsNullOrWhiteSpace(trailing))
        {
            text.Append("  # ").Append(Clean(trailing));
        }

        text.Append('\n');
    }

    private static string Clean(string comment)
    {
        var builder = new StringBuilder(comment.Length);
        foreach (var c in comment)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().TrimEnd();
    }

    private static bool IsPlainSafe(string value) =>
        value.Length > 0
        && PlainText().IsMatch(value)
        && !Numeric().IsMatch(value)
        && !RadixNumber().IsMatch(value)
        && !Timestamp().IsMatch(value)
        && !IsReservedWord(value);

    private static bool IsReservedWord(string value) => value.ToUpperInvariant() is
        "TRUE" or "FALSE" or "YES" or "NO" or "ON" or "OFF" or "Y" or "N" or "NULL";

    // \z, not $: in .NET $ also matches before a final newline, which would let "ng\n" through as plain text.
    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainText();

    [GeneratedRegex(@"^[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^[-+]?0[xXoObB][0-9a-fA-F_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RadixNumber();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();
}
