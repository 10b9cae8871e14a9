using System.Globalization;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// A node of a scenario document being written: a mapping, a list or a scalar, with the comments that say where
/// its value came from. YAML prints the comments; JSON, which has none, drops them.
/// </summary>
public abstract class DocNode
{
    private readonly List<string> _comments = [];

    /// <summary>Comment lines printed before the node (before its key inside a mapping, before its dash in a list).</summary>
    public IReadOnlyList<string> Comments => _comments;

    /// <summary>A comment printed at the end of the node's first line.</summary>
    public string? Trailing { get; set; }

    /// <summary>Adds comment lines before the node; each line break starts a new comment line.</summary>
    public DocNode Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _comments.AddRange(text.ReplaceLineEndings("\n").Split('\n'));
        return this;
    }
}

/// <summary>The kind of a scalar, which decides how it is quoted.</summary>
public enum DocScalarKind
{
    /// <summary>Text: quoted whenever YAML would read it as something else.</summary>
    Text,

    /// <summary>A whole number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Bool,
}

/// <summary>A string, number or boolean.</summary>
public sealed class DocScalar : DocNode
{
    private DocScalar(string value, DocScalarKind kind)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The value as text (numbers invariant, booleans lower case).</summary>
    public string Value { get; }

    /// <summary>How to print it.</summary>
    public DocScalarKind Kind { get; }

    /// <summary>A string scalar.</summary>
    public static DocScalar Of(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), DocScalarKind.Text);

    /// <summary>A number scalar.</summary>
    public static DocScalar Of(long value) => new(value.ToString(CultureInfo.InvariantCulture), DocScalarKind.Number);

    /// <summary>A boolean scalar.</summary>
    public static DocScalar Of(bool value) => new(value ? "true" : "false", DocScalarKind.Bool);

    /// <summary>
    /// A number that may have a fraction (a rate, a sigma), written in the shortest form that reads back exactly.
    /// NaN and infinities have no YAML or JSON number form, so they are refused.
    /// </summary>
    public static DocScalar Of(double value) =>
        double.IsFinite(value)
            ? new(value.ToString("R", CultureInfo.InvariantCulture), DocScalarKind.Number)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "a document number must be finite");
}

/// <summary>A list; <see cref="Flow"/> prints a list of scalars on one line, <c>[a, b]</c>.</summary>
internal sealed class DocList : DocNode
{
    private readonly List<DocNode> _items = [];

    /// <summary>The items in order.</summary>
    public IReadOnlyList<DocNode> Items => _items;

    /// <summary>Print on one line (only when every item is a scalar without comments).</summary>
    public bool Flow { get; set; }

    /// <summary>Adds an item and returns it.</summary>
    public T Add<T>(T item)
        where T : DocNode
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
        return item;
    }

    /// <summary>A one-line list of strings.</summary>
    public static DocList OfStrings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = new DocList { Flow = true };
        foreach (var value in values)
        {
            list.Add(DocScalar.Of(value));
        }

        return list;
    }
}

/// <summary>A mapping whose keys keep the order they were added in.</summary>
public sealed class DocMap : DocNode
{
    private readonly List<KeyValuePair<string, DocNode>> _entries = [];

    /// <summary>The entries in order.</summary>
    public IReadOnlyList<KeyValuePair<string, DocNode>> Entries => _entries;

    /// <summary>Sets <paramref name="key"/> (once) and returns the value, so comments can be attached to it.</summary>
    public T Set<T>(string key, T value)
        where T : DocNode
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_entries.Any(e => e.Key == key))
        {
            throw new ArgumentException($"key '{key}' is already set", nameof(key));
        }

        _entries.Add(new KeyValuePair<string, DocNode>(key, value));
        return value;
    }

    /// <summary>Sets a string.</summary>
    public DocScalar Set(string key, string value) => Set(key, DocScalar.Of(value));

    /// <summary>Sets a number.</summary>
    public DocScalar Set(string key, long value) => Set(key, DocScalar.Of(value));

    /// <summary>Sets a boolean.</summary>
    public DocScalar Set(string key, bool value) => Set(key, DocScalar.Of(value));

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public DocNode? Get(string key) => _entries.FirstOrDefault(e => e.Key == key).Value;
}
