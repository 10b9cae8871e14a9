using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IpPlanner.Core.Input;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// Prints a <see cref="DocMap"/> as block YAML through YamlDotNet's emitter, the same library writer
/// <see cref="ScenarioPatch"/> uses: scalars go through YamlDotNet's serializer, which picks plain or quoted and does the
/// escaping (a string that a YAML 1.1 or 1.2 reader could take for a number, boolean, null or date gets quotes, also
/// where YamlDotNet's table misses it: <see cref="YamlPlainScalar"/>); comments
/// are the emitter's comment events. Two-space indents, lists of mappings as <c>- key: value</c>, short lists of
/// strings on one line, a blank line between top-level keys, comments where the document put them.
/// </summary>
public static partial class ScenarioYaml
{
    /// <summary>Comment lines longer than this (indent included) wrap at a space.</summary>
    public const int CommentWidth = 118;

    private static readonly ISerializer s_scalars = new SerializerBuilder().WithQuotingNecessaryStrings(quoteYaml1_1Strings: true).Build();

    /// <summary>The YAML text, ending in a newline.</summary>
    public static string Write(DocMap root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var text = new StringBuilder();
        if (root.Comments.Count > 0)
        {
            text.Append(Emit(emitter => EmitComments(emitter, root.Comments, 0), document: false)).Append('\n');
        }

        // One emitter per top-level key: the emitter writes no blank lines, and the blank line between top-level
        // keys is what keeps the sections of a long scenario apart.
        for (var i = 0; i < root.Entries.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            var entry = root.Entries[i];
            text.Append(Emit(
                emitter =>
                {
                    emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                    EmitEntry(emitter, entry.Key, entry.Value, 0);
                    emitter.Emit(new MappingEnd());
                },
                document: true));
        }

        return WithoutTrailingCommentSpace(text.ToString());
    }

    /// <summary>
    /// YamlDotNet writes an empty comment line as "# "; the trailing space is noise in a file people diff and edit, so
    /// every YAML the tool writes (this writer's and <see cref="ScenarioPatch"/>'s) goes through here.
    /// </summary>
    internal static string WithoutTrailingCommentSpace(string yaml) => EmptyCommentLine().Replace(yaml, "$1#");

    [GeneratedRegex("^( *)# $", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex EmptyCommentLine();

    private static string Emit(Action<IEmitter> body, bool document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        if (document)
        {
            emitter.Emit(new DocumentStart());
        }

        body(emitter);
        if (document)
        {
            emitter.Emit(new DocumentEnd(true));
        }

        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>A mapping entry at <paramref name="indent"/> columns: the value's comments, the key, the value.</summary>
    private static void EmitEntry(IEmitter emitter, string key, DocNode value, int indent)
    {
        EmitComments(emitter, value.Comments, indent);
        EmitString(emitter, key);
        EmitValue(emitter, value, indent);
    }

    private static void EmitValue(IEmitter emitter, DocNode value, int indent)
    {
        switch (value)
        {
            case DocScalar scalar:
                EmitScalar(emitter, scalar);
                EmitTrailing(emitter, value.Trailing);
                break;
            case DocList list when list.Items.Count == 0 || list.Flow:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
                foreach (var item in list.Items)
                {
                    EmitScalar(emitter, item as DocScalar ?? throw new ArgumentException("a one-line list holds scalars only", nameof(value)));
                }

                emitter.Emit(new SequenceEnd());
                EmitTrailing(emitter, value.Trailing);
                break;
            case DocMap map when map.Entries.Count == 0:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
                emitter.Emit(new MappingEnd());
                EmitTrailing(emitter, value.Trailing);
                break;
            case DocList list:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                EmitTrailing(emitter, value.Trailing);
                foreach (var item in list.Items)
                {
                    EmitItem(emitter, item, indent + 2);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case DocMap map:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                EmitTrailing(emitter, value.Trailing);
                foreach (var entry in map.Entries)
                {
                    EmitEntry(emitter, entry.Key, entry.Value, indent + 2);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new ArgumentException($"unknown node type {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>A list item whose dash is at <paramref name="indent"/> columns; its comments go above the dash.</summary>
    private static void EmitItem(IEmitter emitter, DocNode item, int indent)
    {
        switch (item)
        {
            case DocMap map when map.Entries.Count > 0:
                // The first entry shares the dash line, so its comments (and the map's) go above the dash.
                EmitComments(emitter, [.. map.Comments, .. map.Entries[0].Value.Comments], indent);
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                EmitTrailing(emitter, map.Trailing);
                for (var i = 0; i < map.Entries.Count; i++)
                {
                    var entry = map.Entries[i];
                    if (i > 0)
                    {
                        EmitComments(emitter, entry.Value.Comments, indent + 2);
                    }

                    EmitString(emitter, entry.Key);
                    EmitValue(emitter, entry.Value, indent + 2);
                }

                emitter.Emit(new MappingEnd());
                break;
            case DocList list when list.Items.Count > 0 && !list.Flow:
                throw new ArgumentException("a block list directly inside a list is not supported", nameof(item));
            default:
                EmitComments(emitter, item.Comments, indent);
                EmitValue(emitter, item, indent);
                break;
        }
    }

    private static void EmitScalar(IEmitter emitter, DocScalar scalar)
    {
        if (scalar.Kind == DocScalarKind.Text)
        {
            EmitString(emitter, scalar.Value);
        }
        else
        {
            emitter.Emit(new Scalar(null, null, scalar.Value, ScalarStyle.Plain, true, false));
        }
    }

    /// <summary>
    /// Any scalar value (text, number, bool) the way every scenario writer emits it: text through
    /// <see cref="EmitString"/>, other values through the same serializer settings.
    /// </summary>
    internal static void EmitScalarValue(IEmitter emitter, object value)
    {
        if (value is string text)
        {
            EmitString(emitter, text);
        }
        else
        {
            s_scalars.Serialize(new ValueOnly(emitter), value);
        }
    }

    /// <summary>A string as YamlDotNet's serializer writes it: it decides plain or quoted and escapes.</summary>
    /// <remarks>
    /// A string with a line break, another control character or a hidden one (Input.ShownText: a bidi control, a BOM)
    /// is double-quoted (the emitter escapes it, and \uXXXX keeps the value when a terminal writer escapes it): the
    /// serializer would pick a block scalar, which turns "\r\n" into "\n" and a final line break into an easy miss.
    /// So is a string that a YAML 1.1 or 1.2 reader would take for a number, boolean, null or date where YamlDotNet's
    /// table would leave it plain (1e3, 2001-12-14: <see cref="YamlPlainScalar"/>), in the double quotes YamlDotNet
    /// gives the ones it does catch.
    /// </remarks>
    internal static void EmitString(IEmitter emitter, string value)
    {
        if (value.Any(char.IsControl) || ShownText.HasHidden(value) || YamlPlainScalar.ResolvesAsNonString(value))
        {
            emitter.Emit(new Scalar(null, null, value, ScalarStyle.DoubleQuoted, false, true));
        }
        else
        {
            s_scalars.Serialize(new ValueOnly(emitter), value);
        }
    }

    private static void EmitTrailing(IEmitter emitter, string? trailing)
    {
        if (!string.IsNullOrWhiteSpace(trailing))
        {
            emitter.Emit(new Comment(Clean(trailing), true));
        }
    }

    /// <summary>Comment lines for text at <paramref name="indent"/> columns, each wrapped to <see cref="CommentWidth"/>.</summary>
    private static void EmitComments(IEmitter emitter, IReadOnlyList<string> comments, int indent)
    {
        foreach (var line in comments)
        {
            foreach (var wrapped in Wrap(Clean(line), indent))
            {
                emitter.Emit(new Comment(wrapped, false));
            }
        }
    }

    private static IEnumerable<string> Wrap(string rest, int indent)
    {
        if (rest.Length == 0)
        {
            yield return "";
            yield break;
        }

        // A line that starts with spaces or "- " keeps its text aligned when it wraps.
        var hang = HangingIndent(rest);
        var lead = "";
        while (true)
        {
            var room = Math.Max(40, CommentWidth - indent - 2 - lead.Length);
            if (rest.Length <= room)
            {
                break;
            }

            // Never cut inside the leading "  - " of the first line.
            var minimum = lead.Length == 0 ? hang : 0;
            var cut = rest.LastIndexOf(' ', room);
            if (cut <= minimum)
            {
                cut = rest.IndexOf(' ', room);
                if (cut < 0)
                {
                    break;
                }
            }

            yield return lead + rest[..cut].TrimEnd();
            rest = rest[(cut + 1)..].TrimStart();
            lead = new string(' ', hang);
        }

        yield return lead + rest;
    }

    private static int HangingIndent(string line)
    {
        var spaces = line.Length - line.TrimStart(' ').Length;
        return line.AsSpan(spaces).StartsWith("- ") ? spaces + 2 : spaces;
    }

    private static string Clean(string comment)
    {
        // A line break or tab would end or bend the comment; any other hidden character is shown as \uXXXX, as
        // every other surface shows it (Input.ShownText).
        var builder = new StringBuilder(comment.Length);
        foreach (var c in comment)
        {
            builder.Append(c is '\n' or '\t' or '\r' ? ' ' : c);
        }

        return ShownText.Escape(builder.ToString()).TrimEnd();
    }

    /// <summary>Passes a serializer's value events on and drops its stream and document frame.</summary>
    private sealed class ValueOnly(IEmitter inner) : IEmitter
    {
        public void Emit(ParsingEvent @event)
        {
            if (@event is not (StreamStart or StreamEnd or DocumentStart or DocumentEnd))
            {
                inner.Emit(@event);
            }
        }
    }
}
