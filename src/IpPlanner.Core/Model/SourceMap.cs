namespace IpPlanner.Core.Model;

/// <summary>A 1-based line and column in a source file; <c>default</c> (0:0) means unknown.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>True when the position points somewhere.</summary>
    public bool IsKnown => Line > 0;
}

/// <summary>
/// Where each field of a loaded scenario was written, by dotted path (<c>subnets[2].cidr</c>), so that checks
/// run after loading (the planner's warnings) can still point into the file.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, SourcePosition> _positions;

    /// <summary>A map for <paramref name="file"/> holding <paramref name="positions"/>.</summary>
    public SourceMap(string file, IReadOnlyDictionary<string, SourcePosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        File = file;
        _positions = new Dictionary<string, SourcePosition>(positions, StringComparer.Ordinal);
    }

    /// <summary>A map with no positions (for scenarios built in code).</summary>
    public static SourceMap Empty { get; } = new("", new Dictionary<string, SourcePosition>());

    /// <summary>The file the positions refer to.</summary>
    public string File { get; }

    /// <summary>How many fields have a recorded position.</summary>
    public int Count => _positions.Count;

    /// <summary>The position of exactly <paramref name="field"/>, if it was written in the file.</summary>
    public bool TryGet(string field, out SourcePosition position) => _positions.TryGetValue(field, out position);

    /// <summary>
    /// The position of <paramref name="field"/>, or of its nearest written parent (a defaulted
    /// <c>nodeGroups[0].maxNodes</c> points at <c>nodeGroups[0]</c>); unknown when nothing matches.
    /// </summary>
    public SourcePosition Locate(string field) => Locate(_positions, field);

    /// <summary><see cref="Locate(string)"/> over any table of positions (the loader's, while it is still filling it).</summary>
    internal static SourcePosition Locate(IReadOnlyDictionary<string, SourcePosition> positions, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var path = field;
        while (path.Length > 0)
        {
            if (positions.TryGetValue(path, out var position))
            {
                return position;
            }

            path = Parent(path);
        }

        // The document itself, recorded under the empty path.
        return positions.TryGetValue("", out var root) ? root : default;
    }

    /// <summary><c>a.b[2].c</c> -> <c>a.b[2]</c> -> <c>a.b</c> -> <c>a</c> -> "".</summary>
    internal static string Parent(string path)
    {
        var cut = path.Length - 1;
        if (path[cut] == ']')
        {
            // Skip the bracketed key: it may itself hold dots (a tag such as kubernetes.io/role/elb).
            var open = path.LastIndexOf('[');
            return open > 0 ? path[..open] : "";
        }

        var dot = path.LastIndexOf('.');
        var bracket = path.LastIndexOf(']');
        return dot > bracket ? path[..dot] : "";
    }
}
