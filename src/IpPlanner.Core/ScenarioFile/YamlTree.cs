using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>A node of a parsed YAML (or JSON) document with the position it started at.</summary>
internal abstract class YNode(SourcePosition start)
{
    public SourcePosition Start { get; } = start;

    /// <summary>"a mapping", "a list", "the string 'x'": for wrong-type messages.</summary>
    public abstract string Describe();
}

/// <summary>A scalar: its text and whether it was quoted (a quoted "3" is a string, not a number).</summary>
internal sealed class YScalar(SourcePosition start, string value, bool plain) : YNode(start)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = plain;

    /// <summary>YAML's null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "nothing (null)" : IsPlain ? $"'{Value}'" : $"the string '{Value}'";
}

/// <summary>A sequence.</summary>
internal sealed class YSequence(SourcePosition start) : YNode(start)
{
    public List<YNode> Items { get; } = [];

    public override string Describe() => "a list";
}

/// <summary>A mapping, its entries in file order (duplicates kept: the reader reports them).</summary>
internal sealed class YMapping(SourcePosition start) : YNode(start)
{
    public List<KeyValuePair<YNode, YNode>> Entries { get; } = [];

    public override string Describe() => "a mapping";

    /// <summary>The value of the first entry whose key is the plain scalar <paramref name="key"/>, or null.</summary>
    public YNode? Get(string key)
    {
        foreach (var (k, v) in Entries)
        {
            if (k is YScalar { IsNull: false } s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>The value under <paramref name="key"/> of <paramref name="node"/> when it is a mapping; null otherwise (paths through documents of unknown shape).</summary>
    public static YNode? Get(YNode? node, string key) => node is YMapping map ? map.Get(key) : null;

    /// <summary>The text of the non-null scalar under <paramref name="key"/> of <paramref name="node"/>, or null.</summary>
    public static string? Scalar(YNode? node, string key) => Get(node, key) is YScalar { IsNull: false } s ? s.Value : null;
}

/// <summary>
/// Builds a <see cref="YNode"/> tree from YamlDotNet's parser events, for YAML and JSON alike.
/// Not <c>YamlStream</c>: it gives up on the first duplicate key (we report them all and go on), and building
/// the tree iteratively here keeps deeply nested input from exhausting the stack.
/// </summary>
internal static partial class YamlTree
{
    /// <summary>Deeper than any scenario needs; past this the input is not a scenario.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// Parses <paramref name="text"/>. Returns the root of the first document, or null when the text holds no
    /// document or is not well-formed (then <paramref name="report"/> has been told where and why).
    /// </summary>
    public static YNode? Parse(string text, Action<SourcePosition, string, string> report)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YNode? root = null;
        var documents = 0;
        var last = new SourcePosition(1, 1);
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = Position(e.Start);
                switch (e)
                {
                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            report(last, FindingCodes.MultipleDocuments, "a scenario file holds one YAML document; remove the second '---' and what follows it (or split the file)");
                            return root;
                        }

                        break;
                    case Scalar scalar:
                        var node = new YScalar(last, scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty);
                        Remember(anchors, scalar.Anchor, node);
                        if (Attach(stack, node))
                        {
                            root = node;
                        }

                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            report(last, FindingCodes.YamlSyntax, $"alias *{alias.Value.Value} refers to no anchor defined before it (expected &{alias.Value.Value} earlier in the file)");
                            return null;
                        }

                        if (Attach(stack, target))
                        {
                            root = target;
                        }

                        break;
                    case SequenceStart seq:
                        if (!Push(stack, new YSequence(last), seq.Anchor, last, report))
                        {
                            return null;
                        }

                        break;
                    case MappingStart map:
                        if (!Push(stack, new YMapping(last), map.Anchor, last, report))
                        {
                            return null;
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        var done = stack.Pop();
                        // Anchors become visible when their node is complete, so an alias can never build a cycle.
                        Remember(anchors, done.Anchor, done.Node);
                        if (Attach(stack, done.Node))
                        {
                            root = done.Node;
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            report(ex.Start.Line > 0 ? Position(ex.Start) : last, FindingCodes.YamlSyntax, CleanMessage(ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this, without a position, for some unterminated flow collections ("a: [1, 2").
            report(last, FindingCodes.YamlSyntax, "malformed YAML after this point (an unclosed '[', '{' or quote?)");
            return null;
        }

        return root;
    }

    private static bool Push(Stack<Frame> stack, YNode node, AnchorName anchor, SourcePosition at, Action<SourcePosition, string, string> report)
    {
        if (stack.Count >= MaxDepth)
        {
            report(at, FindingCodes.YamlSyntax, $"nested more than {MaxDepth} levels deep; a scenario file is never this deep");
            return false;
        }

        stack.Push(new Frame(node, anchor.IsEmpty ? null : anchor.Value));
        return true;
    }

    /// <summary>Adds a finished node to the open collection; true when it is the document's root.</summary>
    private static bool Attach(Stack<Frame> stack, YNode node)
    {
        if (stack.Count == 0)
        {
            return true;
        }

        var parent = stack.Peek();
        switch (parent.Node)
        {
            case YSequence seq:
                seq.Items.Add(node);
                break;
            case YMapping map when parent.PendingKey is null:
                parent.PendingKey = node;
                break;
            case YMapping map:
                map.Entries.Add(new KeyValuePair<YNode, YNode>(parent.PendingKey!, node));
                parent.PendingKey = null;
                break;
            default:
                throw new InvalidOperationException("a scalar cannot be a parent");
        }

        return false;
    }

    private static void Remember(Dictionary<string, YNode> anchors, AnchorName anchor, YNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static void Remember(Dictionary<string, YNode> anchors, string? anchor, YNode node)
    {
        if (anchor is not null)
        {
            anchors[anchor] = node;
        }
    }

    private static SourcePosition Position(Mark mark) =>
        new((int)Math.Clamp(mark.Line, 0, int.MaxValue), (int)Math.Clamp(mark.Column, 0, int.MaxValue));

    /// <summary>YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; we print our own position.</summary>
    private static string CleanMessage(string message)
    {
        var text = PositionPrefix().Replace(message, "").Trim();
        text = text.ReplaceLineEndings(" ");
        if (text.Length == 0)
        {
            return "malformed YAML";
        }

        return char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    [GeneratedRegex(@"^\(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\) - \(Line: [0-9]+, Col: [0-9]+, Idx: [0-9]+\):\s*")]
    private static partial Regex PositionPrefix();

    private sealed class Frame(YNode node, string? anchor)
    {
        public YNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public YNode? PendingKey { get; set; }
    }
}
