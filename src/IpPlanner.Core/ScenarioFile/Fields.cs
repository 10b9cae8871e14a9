namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// The keys one mapping of the format accepts and how to read each: the single list the reader dispatches on,
/// suggests did-you-means from and checks required keys against. A new section is one more entry.
/// </summary>
internal sealed class Fields<T>
{
    private readonly Dictionary<string, Action<ScenarioReader, YNode, string, T>> _readers = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly List<string> _required = [];
    private readonly Dictionary<string, FieldShape> _shapes = new(StringComparer.Ordinal);

    /// <summary>The keys in the order they were declared (the order messages list them in).</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The keys that must be present with a value.</summary>
    public IReadOnlyList<string> RequiredKeys => _required;

    public Fields<T> Required(string key, FieldShape shape, Action<ScenarioReader, YNode, string, T> read)
    {
        _required.Add(key);
        return Optional(key, shape, read);
    }

    public Fields<T> Optional(string key, FieldShape shape, Action<ScenarioReader, YNode, string, T> read)
    {
        _readers.Add(key, read);
        _keys.Add(key);
        _shapes.Add(key, shape);
        return this;
    }

    /// <summary>A whole number whose bounds the reader enforces and the schema states, from the one <paramref name="shape"/>.</summary>
    public Fields<T> Whole(string key, WholeShape shape, Action<T, long?> set, bool required = false)
    {
        Action<ScenarioReader, YNode, string, T> read = (r, n, p, d) => set(d, r.Integer(n, p, shape.Min, shape.Max));
        return required ? Required(key, shape, read) : Optional(key, shape, read);
    }

    /// <summary>A number whose bounds the reader enforces and the schema states.</summary>
    public Fields<T> Number(string key, NumberShape shape, Action<T, double?> set)
    {
        return Optional(key, shape, (r, n, p, d) => set(d, r.Number(n, p, shape.Min, shape.Max)));
    }

    public bool TryGet(string key, out Action<ScenarioReader, YNode, string, T> read) =>
        _readers.TryGetValue(key, out read!);

    /// <summary>The JSON Schema of a mapping with these keys: unknown keys are refused, as the reader refuses them.</summary>
    public System.Text.Json.Nodes.JsonObject Schema()
    {
        var properties = new System.Text.Json.Nodes.JsonObject();
        foreach (var key in _keys)
        {
            var shape = _shapes[key];
            var schema = shape.Schema();
            if (shape.Description.Length > 0)
            {
                schema.Insert(0, "description", shape.Description);
            }

            properties[key] = schema;
        }

        var result = new System.Text.Json.Nodes.JsonObject { ["type"] = "object", ["properties"] = properties };
        if (_required.Count > 0)
        {
            result["required"] = new System.Text.Json.Nodes.JsonArray([.. _required.Select(k => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(k)!)]);
        }

        result["additionalProperties"] = false;
        return result;
    }
}

/// <summary>
/// Bounds on counts: far beyond any real cluster, so a value past them is a typo or a mangled file. One bound per
/// knob: the scenario file and the CLI's options (node, maxpods) use these same numbers.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Nodes (now or at most) in one node group.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Pods per node of any kind, and a kubelet maxPods.</summary>
    public const int MaxPodsPerNode = 10_000;

    /// <summary>Pods in one Fargate profile.</summary>
    public const int MaxFargatePods = 100_000;

    /// <summary>WARM_IP_TARGET and MINIMUM_IP_TARGET.</summary>
    public const int MaxIpTarget = 100_000;

    /// <summary>WARM_ENI_TARGET, WARM_PREFIX_TARGET and MAX_ENI.</summary>
    public const int MaxEniOrPrefixTarget = 1_000;

    /// <summary>IP_COOLDOWN_PERIOD, in seconds (a day).</summary>
    public const int MaxCooldownSeconds = 86_400;

    /// <summary>Addresses in use in one subnet (the usable size of a /16; the subnet's own size is checked too).</summary>
    public const int MaxInUse = 65_531;

    /// <summary>Unmanaged ENIs per node (no instance type has more ENIs).</summary>
    public const int MaxUnmanagedEnis = 100;

    /// <summary>The largest VPC CIDR block and subnet EC2 allows.</summary>
    public const int LargestPrefix = Model.VpcSpec.LargestBlockPrefix;

    /// <summary>The smallest VPC CIDR block and subnet EC2 allows.</summary>
    public const int SmallestPrefix = Model.VpcSpec.SmallestBlockPrefix;
}
