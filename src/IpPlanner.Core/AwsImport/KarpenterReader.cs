using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

/// <summary>One NodePool requirement as Karpenter writes it: a label key, an operator and values.</summary>
internal sealed record KarpenterRequirement(string Key, string Operator, IReadOnlyList<string> Values);

/// <summary>One NodePool from <c>kubectl get nodepools -o json</c>: its requirements, EC2NodeClass and limits.</summary>
internal sealed record KarpenterNodePool(string Name, IReadOnlyList<KarpenterRequirement> Requirements, string? NodeClass, string? LimitCpu, string? LimitMemory);

/// <summary>
/// One EC2NodeClass from <c>kubectl get ec2nodeclasses -o json</c>: the subnets its status resolved, and its kubelet
/// <c>maxPods</c> as written (an integer, or a CEL expression the import does not evaluate), null when unset.
/// </summary>
internal sealed record KarpenterNodeClass(string Name, IReadOnlyList<string> Subnets, string? MaxPods = null);

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
        var template = YMapping.Get(YMapping.Get(YMapping.Get(item, "spec"), "template"), "spec") as YMapping;
        var requirements = new List<KarpenterRequirement>();
        if (YMapping.Get(template, "requirements") is YSequence list)
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                var r = list.Items[i] as YMapping
                    ?? throw InputException.At(path, list.Items[i].Start.Line, list.Items[i].Start.Column, $"{prefix}spec.template.spec.requirements[{i}]", "expected {key, operator, values}");
                var key = YMapping.Scalar(r, "key") ?? throw InputException.At(path, r.Start.Line, r.Start.Column, $"{prefix}spec.template.spec.requirements[{i}].key", "missing");
                var op = YMapping.Scalar(r, "operator") ?? "In";
                var values = YMapping.Get(r, "values") is YSequence v ? v.Items.OfType<YScalar>().Where(s => !s.IsNull).Select(s => s.Value).ToList() : [];
                requirements.Add(new KarpenterRequirement(key, op, values));
            }
        }

        var nodeClass = YMapping.Scalar(YMapping.Get(template, "nodeClassRef") as YMapping, "name");
        var limits = YMapping.Get(YMapping.Get(item, "spec"), "limits") as YMapping;
        return new KarpenterNodePool(name, requirements, nodeClass, YMapping.Scalar(limits, "cpu"), YMapping.Scalar(limits, "memory"));
    }

    private static KarpenterNodeClass NodeClass(YMapping item, string prefix, string path)
    {
        var name = Name(item, prefix, path);
        var subnets = YMapping.Get(YMapping.Get(item, "status"), "subnets") is YSequence list
            ? list.Items.OfType<YMapping>().Select(s => YMapping.Scalar(s, "id")).OfType<string>().ToList()
            : [];
        // v1 EC2NodeClass: spec.kubelet.maxPods (aws/karpenter-provider-aws pkg/apis/v1/ec2nodeclass.go:277-283@1d927085d).
        var maxPods = YMapping.Scalar(YMapping.Get(YMapping.Get(item, "spec"), "kubelet") as YMapping, "maxPods");
        return new KarpenterNodeClass(name, subnets, maxPods);
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

        if (YMapping.Scalar(map, "kind") == kind)
        {
            return [(map, "")];
        }

        var result = new List<(YMapping Item, string Prefix)>();

        if (YMapping.Get(map, "items") is not YSequence items)
        {
            throw InputException.At(path, map.Start.Line, map.Start.Column, "items", $"expected the output of '{command}' (kind: List, items: {kind} objects)");
        }

        for (var i = 0; i < items.Items.Count; i++)
        {
            var node = items.Items[i];
            if (node is not YMapping m || (YMapping.Scalar(m, "kind") ?? kind) != kind)
            {
                throw InputException.At(path, node.Start.Line, node.Start.Column, $"items[{i}].kind", $"expected a {kind}");
            }

            result.Add((m, $"items[{i}]."));
        }

        return result;
    }

    private static string Name(YMapping item, string prefix, string path) =>
        YMapping.Scalar(YMapping.Get(item, "metadata") as YMapping, "name") is { Length: > 0 } name
            ? name
            : throw InputException.At(path, item.Start.Line, item.Start.Column, prefix + "metadata.name", "missing");
}

/// <summary>
/// Reads the Karpenter controller's Deployment (<c>kubectl -n kube-system get deployment karpenter -o json</c>) for
/// RESERVED_ENIS: the controller container's environment variable, or its <c>--reserved-enis</c> argument, which wins
/// as Go's flag parsing runs after the environment default (aws/karpenter-provider-aws pkg/operator/options/options.go:68@1d927085d;
/// the chart sets the variable from <c>settings.reservedENIs</c>, charts/karpenter/templates/deployment.yaml:178-181).
/// </summary>
internal static class KarpenterControllerReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "kubectl -n kube-system get deployment karpenter -o json";

    /// <summary>RESERVED_ENIS and where it was read (null when the Deployment does not set it: Karpenter's default, 0).</summary>
    public static (int? ReservedEnis, string Source) Read(string path)
    {
        var text = AwsJsonInput.ReadText(path, Command);
        var root = YamlTree.Parse(text, (at, _, message) =>
            throw InputException.At(path, at.Line, at.Column, null, $"not valid JSON or YAML: {message} (expected the output of '{Command}')"));
        if (root is not YMapping map || YMapping.Scalar(map, "kind") != "Deployment")
        {
            throw InputException.At(path, root?.Start.Line, root?.Start.Column, "kind", $"expected a Deployment (the output of '{Command}')");
        }

        if (YMapping.Get(YMapping.Get(YMapping.Get(YMapping.Get(map, "spec"), "template"), "spec"), "containers") is not YSequence containers)
        {
            throw InputException.At(path, map.Start.Line, map.Start.Column, "spec.template.spec.containers", "missing: the controller's container");
        }

        // The chart names the container "controller"; a hand-made Deployment may have one container of another name.
        var chosen = containers.Items.OfType<YMapping>().FirstOrDefault(c => YMapping.Scalar(c, "name") == "controller")
            ?? (containers.Items.Count == 1 ? containers.Items[0] as YMapping : null);
        if (chosen is null)
        {
            throw InputException.At(path, containers.Start.Line, containers.Start.Column, "spec.template.spec.containers", "no container named 'controller' (Karpenter's chart names it so)");
        }

        int? reserved = null;
        var source = "";
        if (YMapping.Get(chosen, "env") is YSequence env)
        {
            foreach (var variable in env.Items.OfType<YMapping>())
            {
                if (YMapping.Scalar(variable, "name") == "RESERVED_ENIS" && YMapping.Scalar(variable, "value") is { } value)
                {
                    reserved = Parse(value, path, variable, "env RESERVED_ENIS");
                    source = "the controller's env RESERVED_ENIS";
                }
            }
        }

        if (YMapping.Get(chosen, "args") is YSequence args)
        {
            var items = args.Items.OfType<YScalar>().Where(a => !a.IsNull).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var arg = items[i].Value;
                if (arg.StartsWith("--reserved-enis=", StringComparison.Ordinal))
                {
                    reserved = Parse(arg["--reserved-enis=".Length..], path, items[i], "args --reserved-enis");
                    source = "the controller's argument --reserved-enis";
                }
                else if (arg == "--reserved-enis" && i + 1 < items.Count)
                {
                    reserved = Parse(items[i + 1].Value, path, items[i + 1], "args --reserved-enis");
                    source = "the controller's argument --reserved-enis";
                }
            }
        }

        return (reserved, source);
    }

    private static int Parse(string value, string path, YNode at, string field) =>
        int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 100
            ? n
            : throw InputException.At(path, at.Start.Line, at.Start.Column, field, $"'{value}' is not a number of ENIs (expected 0 or more)");
}
