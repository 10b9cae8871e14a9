using System.Text;
using System.Text.RegularExpressions;

namespace IpPlanner.Tests.Architecture;

/// <summary>One C# file: where it is under its project and its text.</summary>
internal sealed record SourceFile(string RelativePath, string Text);

/// <summary>
/// Which namespace of Core uses which, read from the source text: <c>using</c> directives (plain, static and alias),
/// fully qualified names (<c>IpPlanner.Core.Engine.ClusterState</c>) and names qualified from Core's root
/// (<c>Engine.ClusterState</c>, as code inside <c>IpPlanner.Core</c> may write them), with comments and string literals
/// left out but interpolation holes kept. It sees what metadata cannot, constants copied into the code that reads them.
/// </summary>
internal static partial class CoreSource
{
    /// <summary>The repository's root: the first folder above the test's output that holds IpPlanner.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IpPlanner.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no IpPlanner.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>Every C# file of src/IpPlanner.Core (build output left out).</summary>
    public static IReadOnlyList<SourceFile> CoreFiles()
    {
        var root = Path.Combine(RepositoryRoot, "src", "IpPlanner.Core");
        return [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("bin/", StringComparison.Ordinal) && !p.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => new SourceFile(p, File.ReadAllText(Path.Combine(root, p))))];
    }

    /// <summary>The file-scoped namespace a file declares, or null.</summary>
    public static string? NamespaceOf(string code) => NamespaceDeclaration().Match(code) is { Success: true } m ? m.Groups["ns"].Value : null;

    /// <summary>The uses of one namespace of Core by another in <paramref name="files"/>.</summary>
    public static IReadOnlyList<NamespaceEdge> Edges(IReadOnlyList<SourceFile> files)
    {
        var code = files.Select(f => (File: f, Code: CodeOnly(f.Text))).ToList();

        // The types each namespace declares (nested ones too), to tell Engine.ClusterState from a property Cni.Version.
        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, text) in code)
        {
            if (NamespaceOf(text) is { } ns)
            {
                var set = types.TryGetValue(ns, out var known) ? known : types[ns] = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(TypeDeclaration().Matches(text).Select(m => m.Groups["name"].Value));
            }
        }

        var edges = new List<NamespaceEdge>();
        foreach (var (file, text) in code)
        {
            if (NamespaceOf(text) is not { } from)
            {
                continue;
            }

            foreach (Match m in UsingDirective().Matches(text))
            {
                var target = m.Groups["name"].Value;
                var ns = types.ContainsKey(target) ? target : target[..Math.Max(0, target.LastIndexOf('.'))];
                edges.Add(new NamespaceEdge(from, ns, $"{file.RelativePath}: using {target}"));
            }

            // Code in IpPlanner.Core.Planning.Recommend sees IpPlanner.Core.Planning's types without a using.
            var own = types.GetValueOrDefault(from) ?? [];
            for (var parent = from[..Math.Max(0, from.LastIndexOf('.'))]; parent.StartsWith(Layers.CoreNamespace + ".", StringComparison.Ordinal); parent = parent[..parent.LastIndexOf('.')])
            {
                var declared = types.GetValueOrDefault(parent) ?? [];
                if (SimpleName().Matches(text).Select(m => m.Value).FirstOrDefault(n => declared.Contains(n) && !own.Contains(n)) is { } name)
                {
                    edges.Add(new NamespaceEdge(from, parent, $"{file.RelativePath}: {name}"));
                }
            }

            foreach (Match m in DottedName().Matches(text))
            {
                // Engine.ClusterState.MaxControlPlaneEnis: the namespace is the longest prefix followed by a type it declares.
                var parts = m.Groups["chain"].Value.Split('.');
                for (var k = parts.Length - 1; k >= 1; k--)
                {
                    var path = string.Join('.', parts[..k]);
                    var ns = path.StartsWith(Layers.CoreNamespace + ".", StringComparison.Ordinal) ? path
                        : path.StartsWith("Core.", StringComparison.Ordinal) ? "IpPlanner." + path
                        : Layers.CoreNamespace + "." + path;
                    if (types.TryGetValue(ns, out var declared) && declared.Contains(parts[k]))
                    {
                        edges.Add(new NamespaceEdge(from, ns, $"{file.RelativePath}: {path}.{parts[k]}"));
                        break;
                    }
                }
            }
        }

        return edges;
    }

    /// <summary>
    /// The text with comments and the contents of string and character literals blanked (line breaks kept), and the
    /// holes of interpolated strings kept as code.
    /// </summary>
    public static string CodeOnly(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        Code(text, ref i, output, closeAt: null);
        return output.ToString();
    }

    // Copies code until the end, or until the unmatched '}' that closes an interpolation hole (when closeAt is '}').
    private static void Code(string s, ref int i, StringBuilder output, char? closeAt)
    {
        var depth = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = end < 0 ? s.Length : end + 2;
                Blank(s, i, stop, output);
                i = stop;
                continue;
            }

            if (c == '\'')
            {
                var j = i + 1;
                while (j < s.Length && s[j] != '\'')
                {
                    j += s[j] == '\\' ? 2 : 1;
                }

                output.Append("' '");
                i = Math.Min(s.Length, j + 1);
                continue;
            }

            if (c is '"' or '$' or '@' && StringStart(s, i) is var (length, interpolated, verbatim, raw) && length > 0)
            {
                i += length;
                output.Append('"');
                Literal(s, ref i, output, interpolated, verbatim, raw);
                output.Append('"');
                continue;
            }

            if (closeAt is { } close)
            {
                if (c == '{')
                {
                    depth++;
                }
                else if (c == close && depth-- == 0)
                {
                    return;
                }
            }

            output.Append(c);
            i++;
        }
    }

    // The opening of a string literal at i: its length, and whether it is interpolated, verbatim or raw (the quote count).
    private static (int Length, bool Interpolated, bool Verbatim, int Raw) StringStart(string s, int i)
    {
        var j = i;
        var interpolated = false;
        var verbatim = false;
        while (j < s.Length && s[j] is '$' or '@')
        {
            interpolated |= s[j] == '$';
            verbatim |= s[j] == '@';
            j++;
        }

        if (j >= s.Length || s[j] != '"')
        {
            return (0, false, false, 0);
        }

        var quotes = 0;
        while (j + quotes < s.Length && s[j + quotes] == '"')
        {
            quotes++;
        }

        return quotes >= 3 ? (j - i + quotes, interpolated, false, quotes) : (j - i + 1, interpolated, verbatim, 0);
    }

    // Blanks a literal's contents up to and past its closing quote(s); an interpolation hole is copied as code.
    private static void Literal(string s, ref int i, StringBuilder output, bool interpolated, bool verbatim, int raw)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (raw > 0 && string.CompareOrdinal(s, i, new string('"', raw), 0, raw) == 0)
            {
                i += raw;
                return;
            }

            if (raw == 0 && c == '"')
            {
                if (verbatim && i + 1 < s.Length && s[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                i++;
                return;
            }

            if (raw == 0 && !verbatim && c == '\\')
            {
                i += 2;
                continue;
            }

            if (interpolated && c == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{' && raw == 0)
                {
                    i += 2;
                    continue;
                }

                output.Append('{');
                i++;
                Code(s, ref i, output, closeAt: '}');
                output.Append('}');
                i++;
                continue;
            }

            output.Append(c == '\n' ? '\n' : ' ');
            i++;
        }
    }

    private static void Blank(string s, int from, int to, StringBuilder output)
    {
        for (var k = from; k < to; k++)
        {
            output.Append(s[k] == '\n' ? '\n' : ' ');
        }
    }

    [GeneratedRegex(@"^\s*namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?(?<name>IpPlanner\.Core(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    // A dotted name that may start with a namespace: IpPlanner.Core.Engine.ClusterState, Core.Engine.X, Engine.X or
    // Planning.Recommend.X, but not one after a dot (a member access such as scenario.Cni.Version).
    [GeneratedRegex(@"(?<![\w.])(?:global::)?(?<chain>[A-Z]\w*(?:\.[A-Z]\w*)+)")]
    private static partial Regex DottedName();

    // A name not after a dot: a type named as the enclosing namespaces let code name it.
    [GeneratedRegex(@"(?<![\w.])[A-Z]\w*")]
    private static partial Regex SimpleName();
}
