using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.AwsImport;

/// <summary>The aws-node DaemonSet's aws-node container: its image and the env values set literally (valueFrom entries are skipped).</summary>
internal sealed record AwsNodeDaemonSet(string Image, CniVersion? Version, string? VersionSource, IReadOnlyDictionary<string, string> Env);

/// <summary>Reads the output of <c>kubectl -n kube-system get daemonset aws-node -o json</c>.</summary>
internal static class AwsNodeReader
{
    /// <summary>The command whose output this reads.</summary>
    public const string Command = "kubectl -n kube-system get daemonset aws-node";

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InputException"/> naming the file and field for anything else.</summary>
    public static AwsNodeDaemonSet Read(string path)
    {
        var json = AwsJsonInput.Read(path, "spec", Command, AwsCliJsonContext.Default.DaemonSetJson, "the aws-node DaemonSet as JSON");
        if (json.Kind is not "DaemonSet")
        {
            throw InputException.At(path, 1, null, "kind", $"this is a Kubernetes {json.Kind ?? "object without a kind"}; expected the aws-node DaemonSet ('{Command} -o json')");
        }

        var containers = json.Spec?.Template?.Spec?.Containers ?? [];
        var container = containers.FirstOrDefault(c => c.Name == "aws-node")
            ?? throw InputException.At(path, null, null, "spec.template.spec.containers",
                $"no container named aws-node (found: {string.Join(", ", containers.Select(c => c.Name ?? "?"))}); is this the VPC CNI's DaemonSet (metadata.name {json.Metadata?.Name ?? "?"})?");
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (!string.IsNullOrEmpty(variable.Name) && variable.Value is not null)
            {
                env[variable.Name] = variable.Value;
            }
        }

        var image = container.Image ?? "";
        CniVersion? version = null;
        string? source = null;
        if (CniVersion.TryParse(ImageTag(image), out var fromImage))
        {
            (version, source) = (fromImage, $"the image tag ({image})");
        }
        else if (env.TryGetValue("VPC_CNI_VERSION", out var text) && CniVersion.TryParse(text, out var fromEnv))
        {
            (version, source) = (fromEnv, $"VPC_CNI_VERSION={text}");
        }

        return new AwsNodeDaemonSet(image, version, source, env);
    }

    /// <summary>"…/amazon-k8s-cni:v1.19.2-eksbuild.1" -> "v1.19.2-eksbuild.1"; a digest or no tag -> null.</summary>
    internal static string? ImageTag(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? image[..at] : image;
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash ? name[(colon + 1)..] : null;
    }
}
