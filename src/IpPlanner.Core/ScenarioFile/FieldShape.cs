using System.Text.Json.Nodes;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// What one key of the scenario format holds, as the field table declares it: the reader takes its bounds from here
/// and <see cref="ScenarioSchema"/> prints it as JSON Schema, so the two cannot drift apart.
/// </summary>
internal abstract class FieldShape
{
    /// <summary>Any scalar read as text (names, ids, zones, versions).</summary>
    public static FieldShape Text(string description) => new Leaf(() => new JsonObject { ["type"] = "string" }, description);

    /// <summary>Text that matches <paramref name="pattern"/> (the schema states it; a rule checks it).</summary>
    public static FieldShape Pattern(string pattern, string description) =>
        new Leaf(() => new JsonObject { ["type"] = "string", ["pattern"] = pattern }, description);

    /// <summary>true or false.</summary>
    public static FieldShape Bool(string description) => new Leaf(() => new JsonObject { ["type"] = "boolean" }, description);

    /// <summary>A whole number within bounds.</summary>
    public static WholeShape Whole(long min, long max, string description) => new(min, max, description);

    /// <summary>A number within bounds.</summary>
    public static NumberShape Number(double min, double max, string description) => new(min, max, description);

    /// <summary>One of fixed names.</summary>
    public static FieldShape Choice(IEnumerable<string> names, string description) =>
        new Leaf(() => new JsonObject { ["enum"] = new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n)!)]) }, description);

    /// <summary>A CIDR block (or, with <paramref name="allowAddress"/>, a single address).</summary>
    public static FieldShape Cidr(bool allowAddress, string description) => new Leaf(
        () => new JsonObject
        {
            ["type"] = "string",
            ["pattern"] = allowAddress
                ? @"^[0-9]{1,3}(\.[0-9]{1,3}){3}(/[0-9]{1,2})?$"
                : @"^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$",
        },
        description);

    /// <summary>A duration: seconds, or text such as 30s, 15m, 2h or 1h30m (<see cref="DurationText"/>).</summary>
    public static FieldShape Duration(string description) => new Leaf(
        () => new JsonObject
        {
            ["anyOf"] = new JsonArray(
                new JsonObject { ["type"] = "number", ["minimum"] = 0 },
                new JsonObject { ["type"] = "string", ["pattern"] = @"^\s*([0-9]+(\.[0-9]*)?[smhd])+\s*$" }),
        },
        description);

    /// <summary>A CPU quantity in Kubernetes syntax: cores (0.5, 2) or millicores (250m).</summary>
    public static FieldShape Cpu(string description) => new Leaf(
        () => new JsonObject
        {
            ["anyOf"] = new JsonArray(
                new JsonObject { ["type"] = "number", ["minimum"] = 0 },
                new JsonObject { ["type"] = "string", ["pattern"] = @"^[0-9]+(\.[0-9]+)?([eE][0-9]+)?m?$" }),
        },
        description);

    /// <summary>A memory quantity in Kubernetes syntax: bytes, or with a suffix (512Mi, 1Gi, 1G, 1e9).</summary>
    public static FieldShape Memory(string description) => new Leaf(
        () => new JsonObject
        {
            ["anyOf"] = new JsonArray(
                new JsonObject { ["type"] = "number", ["minimum"] = 0 },
                new JsonObject { ["type"] = "string", ["pattern"] = @"^[0-9]+(\.[0-9]+)?([eE][0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|K|M|G|T|P|E)?$" }),
        },
        description);

    /// <summary>A list of <paramref name="item"/>.</summary>
    public static FieldShape ListOf(FieldShape item, string description) => new Leaf(
        () => new JsonObject { ["type"] = "array", ["items"] = item.Schema() },
        description);

    /// <summary>A mapping of free keys to scalars (tags, zone-to-subnet maps).</summary>
    public static FieldShape MapOfScalars(string description) => new Leaf(
        () => new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean", "null") },
        },
        description);

    /// <summary>A mapping with the keys of another field table.</summary>
    public static FieldShape Object<T>(Fields<T> fields, string description) => new Leaf(fields.Schema, description);

    /// <summary>A list of mappings with the keys of another field table.</summary>
    public static FieldShape ListOfObjects<T>(Fields<T> fields, string description) => ListOf(Object(fields, ""), description);

    /// <summary>What the key means, for the editor's hover text.</summary>
    public abstract string Description { get; }

    /// <summary>The JSON Schema of the value (without the description).</summary>
    public abstract JsonObject Schema();

    private sealed class Leaf(Func<JsonObject> schema, string description) : FieldShape
    {
        public override string Description => description;

        public override JsonObject Schema() => schema();
    }
}

/// <summary>A whole number in [Min, Max]: the reader refuses anything outside, the schema says the same bounds.</summary>
internal sealed class WholeShape(long min, long max, string description) : FieldShape
{
    public long Min => min;

    public long Max => max;

    public override string Description => description;

    public override JsonObject Schema() => new() { ["type"] = "integer", ["minimum"] = min, ["maximum"] = max };
}

/// <summary>A number in [Min, Max].</summary>
internal sealed class NumberShape(double min, double max, string description) : FieldShape
{
    public double Min => min;

    public double Max => max;

    public override string Description => description;

    public override JsonObject Schema() => new() { ["type"] = "number", ["minimum"] = min, ["maximum"] = max };
}
