using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

/// <summary>One ENIConfig: its name (the zone, when named after it) and the subnet pod ENIs go to.</summary>
internal sealed record EniConfigEntry(string Name, string Subnet, int Line);

/// <summary>
/// Reads the output of <c>kubectl get eniconfigs -o yaml</c> (a List of ENIConfig objects; <c>-o json</c> and a
/// single ENIConfig manifest read the same way).
/// </summary>
internal static class EniConfigReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "kubectl get eniconfigs -o yaml";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file, line and field for anything else.</summary>
    public static IReadOnlyList<EniConfigEntry> Read(string path)
    {
        var text = AwsJsonInput.ReadText(path, Command);
        var root = YamlTree.Parse(text, (at, code, message) =>
            throw InputException.At(path, at.Line, at.Column, null, code == FindingCodes.MultipleDocuments
                ? $"holds several YAML documents; expected the single List that '{Command}' prints"
                : $"not valid YAML: {message} (expected the output of '{Command}')"));
        if (root is not YMapping map)
        {
            throw InputException.At(path, root?.Start.Line, root?.Start.Column, null, $"expected the output of '{Command}' (a List of ENIConfig objects)");
        }

        var kind = YMapping.Scalar(map, "kind");
        if (kind == "ENIConfig")
        {
            return [Entry(map, "", path)];
        }

        if (kind is not (null or "List" or "ENIConfigList") || YMapping.Get(map, "items") is not { } itemsNode)
        {
            var what = kind is null ? "no ENIConfig objects" : $"a Kubernetes {kind}";
            throw InputException.At(path, map.Start.Line, map.Start.Column, kind is null ? "items" : "kind", $"this holds {what}; expected the output of '{Command}' (kind: List, items: ENIConfig objects)");
        }

        if (itemsNode is YScalar { IsNull: true })
        {
            return [];
        }

        if (itemsNode is not YSequence items)
        {
            throw InputException.At(path, itemsNode.Start.Line, itemsNode.Start.Column, "items", "expected a list of ENIConfig objects");
        }

        var entries = new List<EniConfigEntry>();
        for (var i = 0; i < items.Items.Count; i++)
        {
            if (items.Items[i] is not YMapping item)
            {
                throw InputException.At(path, items.Items[i].Start.Line, items.Items[i].Start.Column, $"items[{i}]", "expected an ENIConfig object");
            }

            entries.Add(Entry(item, $"items[{i}].", path));
        }

        return entries;
    }

    private static EniConfigEntry Entry(YMapping item, string prefix, string path)
    {
        var kind = YMapping.Scalar(item, "kind");
        if (kind is not null and not "ENIConfig")
        {
            throw InputException.At(path, item.Start.Line, item.Start.Column, prefix + "kind", $"'{kind}' is not an ENIConfig");
        }

        var name = YMapping.Get(item, "metadata") is YMapping metadata ? YMapping.Scalar(metadata, "name") : null;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw InputException.At(path, item.Start.Line, item.Start.Column, prefix + "metadata.name", "missing: every ENIConfig has a name (the zone it serves, or 'default')");
        }

        var subnet = YMapping.Get(item, "spec") is YMapping spec ? YMapping.Scalar(spec, "subnet") : null;
        if (string.IsNullOrWhiteSpace(subnet))
        {
            throw InputException.At(path, item.Start.Line, item.Start.Column, prefix + "spec.subnet", $"missing: ENIConfig '{name}' names no subnet for its pod ENIs");
        }

        return new EniConfigEntry(name.Trim(), subnet.Trim(), item.Start.Line);
    }
}
