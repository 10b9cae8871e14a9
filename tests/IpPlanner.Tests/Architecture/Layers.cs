namespace IpPlanner.Tests.Architecture;

/// <summary>One namespace of Core using another, with one example of the use for the failure message.</summary>
internal sealed record NamespaceEdge(string From, string To, string Example);

/// <summary>
/// Core's layers and the one dependency rule, declared once for the architecture tests: folder = namespace = layer,
/// and a layer uses only the layers before it in <see cref="Order"/>. docs/architecture.md draws the same list.
/// </summary>
internal static class Layers
{
    public const string CoreNamespace = "IpPlanner.Core";

    /// <summary>Core's layers bottom-up: each may use only those before it, never one after it.</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        "Input", "Addressing", "Catalog", "Cni", "Model", "Kubernetes", "Engine", "Planning", "Simulation", "ScenarioFile", "AwsImport",
    ];

    /// <summary>The layer of a namespace of Core (its first segment under IpPlanner.Core), or null for one outside Core.</summary>
    public static string? LayerOf(string ns)
    {
        if (ns == CoreNamespace)
        {
            return "";
        }

        if (!ns.StartsWith(CoreNamespace + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[(CoreNamespace.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>
    /// Everything wrong with these uses: a namespace of Core that belongs to no layer (the root namespace included), a
    /// use of a layer after one's own, and any cycle between namespaces (Planning and Planning.Recommend included).
    /// </summary>
    public static IReadOnlyList<string> Violations(IEnumerable<NamespaceEdge> edges)
    {
        var list = edges.Where(e => e.From != e.To && LayerOf(e.From) is not null && LayerOf(e.To) is not null).ToList();
        var problems = new List<string>();
        foreach (var ns in list.SelectMany(e => new[] { e.From, e.To }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (Rank(ns) < 0)
            {
                problems.Add($"{ns} is in no layer: put it in a folder of one of {string.Join(", ", Order)}, or add its layer to Layers.Order and docs/architecture.md");
            }
        }

        foreach (var group in list.GroupBy(e => (e.From, e.To)).OrderBy(g => g.Key.From, StringComparer.Ordinal).ThenBy(g => g.Key.To, StringComparer.Ordinal))
        {
            var (from, to) = group.Key;
            if (Rank(from) >= 0 && Rank(to) > Rank(from))
            {
                var below = string.Join(", ", Order.Take(Rank(from)));
                problems.Add($"{from} uses {to}, a layer above it ({group.First().Example}); {LayerOf(from)} may use only {(below.Length == 0 ? "no other layer" : below)}");
            }
        }

        foreach (var cycle in Cycles(list))
        {
            var inside = list.Where(e => cycle.Contains(e.From) && cycle.Contains(e.To)).DistinctBy(e => (e.From, e.To))
                .Select(e => $"{e.From} -> {e.To} ({e.Example})");
            problems.Add($"cycle between {string.Join(", ", cycle)}: {string.Join("; ", inside)}");
        }
        return problems;
    }

    private static int Rank(string ns) => LayerOf(ns) is { Length: > 0 } layer ? Order.ToList().IndexOf(layer) : -1;

    /// <summary>The strongly connected components of more than one namespace (Tarjan), each as its namespaces sorted.</summary>
    private static List<List<string>> Cycles(List<NamespaceEdge> edges)
    {
        var next = edges.GroupBy(e => e.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);

                if (component.Count > 1)
                {
                    result.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var v in next.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }
}
