using System.Globalization;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Kubernetes;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

/// <summary>
/// Turns imported NodePools and EC2NodeClasses into the scenario's <c>nodePools</c> entries: the requirements are
/// evaluated against the catalog (In, NotIn, Gt, Lt, Exists, DoesNotExist on the well-known labels) and written as
/// the explicit <c>instanceTypes</c> list they allow; the subnets are the EC2NodeClass's status subnets that were
/// imported. The pending pods are left at 0 for the user to fill in.
/// </summary>
internal static class KarpenterImport
{
    /// <summary>
    /// The <c>nodePools</c> list, and warnings for what could not be carried over; <paramref name="nodeClassesLabel"/>
    /// names the EC2NodeClasses input to the user (default: <see cref="AwsImportInputs.DefaultLabel"/>).
    /// </summary>
    public static DocList Build(
        IReadOnlyList<KarpenterNodePool> pools,
        IReadOnlyList<KarpenterNodeClass> classes,
        IReadOnlySet<string> importedSubnets,
        InstanceCatalog catalog,
        List<string> warnings,
        string? nodeClassesLabel = null)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(importedSubnets);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(warnings);
        var list = new DocList();
        foreach (var pool in pools)
        {
            var types = catalog.Types.Where(t => pool.Requirements.All(r => Meets(t, r, pool.Name, warnings))).Select(t => t.Name).ToList();
            var nodeClass = classes.FirstOrDefault(c => c.Name == pool.NodeClass);
            var subnets = (nodeClass?.Subnets ?? []).Where(importedSubnets.Contains).ToList();
            if (nodeClass is null)
            {
                warnings.Add($"NodePool {pool.Name}: EC2NodeClass '{pool.NodeClass}' not among the imported ones ({nodeClassesLabel ?? AwsImportInputs.DefaultLabel(AwsImportInput.Ec2NodeClasses)}); skipped");
                continue;
            }

            if (subnets.Count == 0 || types.Count == 0)
            {
                warnings.Add($"NodePool {pool.Name}: {(subnets.Count == 0 ? "none of its EC2NodeClass's subnets were imported" : "its requirements allow no type of the catalog")}; skipped");
                continue;
            }

            var map = list.Add(new DocMap());
            map.Comment($"Karpenter NodePool {pool.Name} (EC2NodeClass {pool.NodeClass}); its requirements allow these {types.Count} types.");
            map.Set("name", pool.Name);
            map.Set("instanceTypes", DocList.OfStrings(types));
            map.Set("subnets", DocList.OfStrings(subnets));
            if (nodeClass.MaxPods is { } maxPods)
            {
                // An integer is kubelet maxPods as written; a string is a CEL expression (feature gate NodeClassCEL)
                // the import does not evaluate (aws/karpenter-provider-aws pkg/providers/instancetype/types.go:207-213@1d927085d).
                if (int.TryParse(maxPods, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
                {
                    map.Set("maxPods", count).Trailing = $"EC2NodeClass {nodeClass.Name}: spec.kubelet.maxPods";
                }
                else
                {
                    warnings.Add($"NodePool {pool.Name}: EC2NodeClass {nodeClass.Name} sets spec.kubelet.maxPods to '{maxPods}', not a whole number (a CEL expression is not evaluated); left out, so Karpenter's ENI-limited count is planned");
                }
            }

            if (pool.LimitCpu is not null || pool.LimitMemory is not null)
            {
                var limits = map.Set("limits", new DocMap());
                if (pool.LimitCpu is { } cpu)
                {
                    limits.Set("cpu", cpu);
                }

                if (pool.LimitMemory is { } memory)
                {
                    limits.Set("memory", memory);
                }
            }

            var pods = map.Set("pods", new DocMap());
            pods.Comment("Pending pods to plan for: fill in count, cpu and memory.");
            pods.Set("count", 0);
            pods.Set("cpu", "0");
            pods.Set("memory", "0");
        }

        return list;
    }

    private static bool Meets(InstanceType type, KarpenterRequirement requirement, string pool, List<string> warnings)
    {
        string? value = requirement.Key switch
        {
            "node.kubernetes.io/instance-type" => type.Name,
            "karpenter.k8s.aws/instance-category" => InstanceTypeLabels.Category(type),
            "karpenter.k8s.aws/instance-family" => InstanceTypeLabels.Family(type),
            "karpenter.k8s.aws/instance-size" => InstanceTypeLabels.Size(type),
            "karpenter.k8s.aws/instance-generation" => InstanceTypeLabels.Generation(type),
            "karpenter.k8s.aws/instance-cpu" => type.Vcpus?.ToString(CultureInfo.InvariantCulture),
            "karpenter.k8s.aws/instance-memory" => type.MemoryMiB?.ToString(CultureInfo.InvariantCulture),
            "kubernetes.io/arch" => type.Architecture,
            _ => null,
        };
        if (value is null)
        {
            var note = $"NodePool {pool}: requirement {requirement.Key} is not modelled and was ignored";
            if (requirement.Key is not ("node.kubernetes.io/instance-type" or "karpenter.k8s.aws/instance-cpu" or "karpenter.k8s.aws/instance-memory") && !warnings.Contains(note))
            {
                warnings.Add(note);
            }

            return requirement.Key is not ("karpenter.k8s.aws/instance-cpu" or "karpenter.k8s.aws/instance-memory") || requirement.Operator is "DoesNotExist";
        }

        return requirement.Operator switch
        {
            "In" => requirement.Values.Contains(value, StringComparer.Ordinal),
            "NotIn" => !requirement.Values.Contains(value, StringComparer.Ordinal),
            "Exists" => value.Length > 0,
            "DoesNotExist" => value.Length == 0,
            "Gt" => Compare(value, requirement.Values) is > 0,
            "Lt" => Compare(value, requirement.Values) is < 0,
            _ => true,
        };
    }

    private static int? Compare(string value, IReadOnlyList<string> values) =>
        values.Count == 1 &&
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var a) &&
        long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b)
            : null;
}
