using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

/// <summary>One NodePool requirement as Karpenter writes it: a label key, an operator and values.</summary>
internal sealed record KarpenterRequirement(string Key, string Operator, IReadOnlyList<string> Values);

/// <summary>One NodePool from <c>kubectl get nodepools -o json</c>: its requirements, EC2NodeClass and limits.</summary>
internal sealed record KarpenterNodePool(string Name, IReadOnlyList<KarpenterRequirement> Requirements, string? NodeClass, string? LimitCpu, string? LimitMemory);

/// <summary>One EC2NodeClass from <c>kubectl get ec2nodeclasses -o json</c>: the subnets its status resolved.</summary>
internal sealed record KarpenterNodeClass(string Name, IReadOnlyList<string> Subnets);

/// <summary>
/// Reads saved <c>kubectl get nodepools -o json</c> and <c>kubectl get ec2nodeclasses -o json</c> (a List, or one
/// object; YAML reads the same way). Errors name the file, line and field.
/// </summary>
internal static class KarpenterReader
{
    /// <summary>The command whose output <see cref="ReadNodePools"/> reads.</summary>
    public const string NodePoolsCommand = "kubectl get nodepools -o json";

    /// <summary>The command whose output <see cref="ReadNodeClasses"/> reads.</summary>
    public const string NodeClassesCommand = "kubectl get ec2nodeclasses -o json";

    /// <summary>Reads NodePools.</summary>
    public static IReadOnlyList<KarpenterNodePool> ReadNodePools(string path) =>
        [.. Items(path, NodePoolsCommand, "NodePool").Select(x => NodePool(x.Item, x.Prefix, path))];

    /// <summary>Reads EC2NodeClasses.</summary>
    public static IReadOnlyList<KarpenterNodeClass> ReadNodeClasses(string path) =>
        [.. Items(path, NodeClassesCommand, "EC2NodeClass").Select(x => NodeClass(x.Item, x.Prefix, path))];

    private static KarpenterNodePool NodePool(YMapping item, string prefix, string path)
    {
        var name = Name(item, prefix, path);
        var template = Get(Get(Get(item, "spec"), "template"), "spec") as YMapping;
        var requirements = new List<KarpenterRequirement>();
        if (Get(template, "requirements") is YSequence list)
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                var r = list.Items[i] as YMapping
                    ?? throw InputException.At(path, list.Items[i].Start.Line, list.Items[i].Start.Column, $"{prefix}spec.template.spec.requirements[{i}]", "expected {key, operator, values}");
                var key = Scalar(r, "key") ?? throw InputException.At(path, r.Start.Line, r.Start.Column, $"{prefix}spec.template.spec.requirements[{i}].key", "missing");
                var op = Scalar(r, "operator") ?? "In";
                var values = Get(r, "values") is YSequence v ? v.Items.OfType<YScalar>().Where(s => !s.IsNull).Select(s => s.Value).ToList() : [];
                requirements.Add(new KarpenterRequirement(key, op, values));
            }
        }

        var nodeClass = Scalar(Get(template, "nodeClassRef") as YMapping, "name");
        var limits = Get(Get(item, "spec"), "limits") as YMapping;
        return new KarpenterNodePool(name, requirements, nodeClass, Scalar(limits, "cpu"), Scalar(limits, "memory"));
    }

    private static KarpenterNodeClass NodeClass(YMapping item, string prefix, string path)
    {
        var name = Name(item, prefix, path);
        var subnets = Get(Get(item, "status"), "subnets") is YSequence list
            ? list.Items.OfType<YMapping>().Select(s => Scalar(s, "id")).OfType<string>().ToList()
            : [];
        return new KarpenterNodeClass(name, subnets);
    }

    private static List<(YMapping Item, string Prefix)> Items(string path, string command, string kind)
    {
        var text = AwsJsonInput.ReadText(path, command);
        var root = YamlTree.Parse(text, (at, _, message) =>
            throw InputException.At(path, at.Line, at.Column, null, $"not valid JSON or YAML: {message} (expected the output of '{command}')"));
        if (root is not YMapping map)
        {
            throw InputException.At(path, root?.Start.Line, root?.Start.Column, null, $"expected the output of '{command}' (a List of {kind} objects)");
        }

        if (Scalar(map, "kind") == kind)
        {
            return [(map, "")];
        }

        var result = new List<(YMapping Item, string Prefix)>();

        if (Get(map, "items") is not YSequence items)
        {
            throw InputException.At(path, map.Start.Line, map.Start.Column, "items", $"expected the output of '{command}' (kind: List, items: {kind} objects)");
        }

        for (var i = 0; i < items.Items.Count; i++)
        {
            var node = items.Items[i];
            if (node is not YMapping m || (Scalar(m, "kind") ?? kind) != kind)
            {
                throw InputException.At(path, node.Start.Line, node.Start.Column, $"items[{i}].kind", $"expected a {kind}");
            }

            result.Add((m, $"items[{i}]."));
        }

        return result;
    }

    private static string Name(YMapping item, string prefix, string path) =>
        Scalar(Get(item, "metadata") as YMapping, "name") is { Length: > 0 } name
            ? name
            : throw InputException.At(path, item.Start.Line, item.Start.Column, prefix + "metadata.name", "missing");

    private static YNode? Get(YNode? node, string key)
    {
        if (node is not YMapping map)
        {
            return null;
        }

        foreach (var (k, v) in map.Entries)
        {
            if (k is YScalar { IsNull: false } s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    private static string? Scalar(YMapping? map, string key) =>
        Get(map, key) is YScalar { IsNull: false } s ? s.Value : null;
}
