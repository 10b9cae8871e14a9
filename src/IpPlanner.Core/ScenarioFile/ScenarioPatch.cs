using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// Writes a changed scenario as its original file with only the changed values replaced or added: YamlDotNet's parser
/// reads the original with its comments, its emitter writes the same events back (comment events included), and only
/// the keys in the edit list get new values. Every edit becomes a line of the header, so the file says every change.
/// </summary>
public static class ScenarioPatch
{
    /// <summary>One change: the value at a path (<c>cni.warmIpTarget</c>, <c>nodeGroups[0].maxNodes</c>; <c>subnets[+]</c> appends).</summary>
    public sealed record Edit(string Path, object Value, string Description);

    /// <summary>
    /// The changes that turn <paramref name="original"/> into <paramref name="patched"/>, keys the format knows only. With
    /// <paramref name="clusterIndex"/> both are one cluster of a file that lists several under <c>clusters:</c>, and the
    /// cluster's own keys (<c>ipFamily</c>, <c>cni</c>, <c>nodeGroups</c>, <c>nodePools</c>) are changed in that entry.
    /// </summary>
    public static IReadOnlyList<Edit> Diff(Scenario original, Scenario patched, int? clusterIndex)
    {
        var edits = Diff(original, patched);
        if (clusterIndex is not { } k)
        {
            return edits;
        }

        // The header names the cluster by its name (clusters[green].cni.prefixDelegation), the edit by its position.
        var entry = $"clusters[{k.ToString(CultureInfo.InvariantCulture)}]";
        var named = $"clusters[{original.Cluster.Name}]";
        static string Prefixed(string description, string old, string by) =>
            description.StartsWith(old, StringComparison.Ordinal) ? by + description[old.Length..] : description;
        return [.. edits.Select(e => e.Path switch
        {
            var p when p.StartsWith("cluster.", StringComparison.Ordinal) =>
                e with { Path = entry + p["cluster".Length..], Description = Prefixed(e.Description, "cluster.", named + ".") },
            var p when p.StartsWith("cni.", StringComparison.Ordinal) =>
                e with { Path = $"{entry}.{p}", Description = Prefixed(e.Description, "cni.", named + ".cni.") },
            var p when p.StartsWith("nodeGroups[", StringComparison.Ordinal) || p.StartsWith("nodePools[", StringComparison.Ordinal)
                => e with { Path = $"{entry}.{p}" },
            _ => e,
        })];
    }

    /// <summary>The changes that turn <paramref name="original"/> into <paramref name="patched"/>, keys the format knows only.</summary>
    public static IReadOnlyList<Edit> Diff(Scenario original, Scenario patched)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patched);
        var edits = new List<Edit>();
        if (original.Cluster.IpFamily != patched.Cluster.IpFamily)
        {
            edits.Add(Value("cluster.ipFamily", patched.Cluster.IpFamily == IpFamily.Ipv6 ? "ipv6" : "ipv4", original.Cluster.IpFamily == IpFamily.Ipv6 ? "ipv6" : "ipv4"));
        }

        var vpcBefore = original.Vpc.Cidrs.Select(c => c.Text).ToList();
        var vpcAfter = patched.Vpc.Cidrs.Select(c => c.Text).ToList();
        if (!vpcBefore.SequenceEqual(vpcAfter))
        {
            edits.Add(new Edit("vpc.cidrs", vpcAfter, $"vpc.cidrs: [{string.Join(", ", vpcAfter)}] (was [{string.Join(", ", vpcBefore)}])"));
        }

        for (var i = 0; i < original.Subnets.Count; i++)
        {
            var before = original.Subnets[i];
            var after = patched.Subnets.FirstOrDefault(s => s.Id == before.Id);
            if (after is not null && !Reservations(before).SequenceEqual(Reservations(after)))
            {
                edits.Add(new Edit($"subnets[{i}].reservations", ReservationList(after), $"subnets[{before.Id}].reservations: {string.Join(", ", Reservations(after))}"));
            }
        }

        foreach (var added in patched.Subnets.Where(s => original.Subnets.All(o => o.Id != s.Id)))
        {
            edits.Add(new Edit("subnets[+]", SubnetMap(added), $"subnets: added {added.Id} ({added.Cidr}, {added.Zone})"));
        }

        CniEdits(original.Cni, patched.Cni, edits);
        if (original.Karpenter.ReservedEnis != patched.Karpenter.ReservedEnis)
        {
            edits.Add(Value("karpenter.reservedEnis", patched.Karpenter.ReservedEnis, original.Karpenter.ReservedEnis));
        }

        var fileGroups = original.NodeGroups;
        for (var i = 0; i < fileGroups.Count; i++)
        {
            var before = fileGroups[i];
            var after = patched.NodeGroups.FirstOrDefault(g => g.Name == before.Name);
            if (after is null)
            {
                continue;
            }

            // nodes stays as it is: the target is what the group may grow to (maxNodes), not what runs now.
            if (after.MaxNodes != before.MaxNodes)
            {
                edits.Add(Value($"nodeGroups[{i}].maxNodes", after.MaxNodes, before.MaxNodes, $"nodeGroups[{before.Name}].maxNodes"));
            }

            if (after.InstanceType != before.InstanceType)
            {
                edits.Add(Value($"nodeGroups[{i}].instanceType", after.InstanceType, before.InstanceType, $"nodeGroups[{before.Name}].instanceType"));
            }

            if (!after.Subnets.SequenceEqual(before.Subnets))
            {
                edits.Add(new Edit($"nodeGroups[{i}].subnets", after.Subnets.ToList(), $"nodeGroups[{before.Name}].subnets: [{string.Join(", ", after.Subnets)}] (was [{string.Join(", ", before.Subnets)}])"));
            }
        }

        for (var i = 0; i < original.NodePools.Count; i++)
        {
            var before = original.NodePools[i];
            if (patched.NodePools.FirstOrDefault(p => p.Name == before.Name) is not { } after)
            {
                continue;
            }

            if (!after.Subnets.SequenceEqual(before.Subnets))
            {
                edits.Add(new Edit($"nodePools[{i}].subnets", after.Subnets.ToList(), $"nodePools[{before.Name}].subnets: [{string.Join(", ", after.Subnets)}] (was [{string.Join(", ", before.Subnets)}])"));
            }

            var typesBefore = before.InstanceTypes.Select(t => t.Name).ToList();
            var typesAfter = after.InstanceTypes.Select(t => t.Name).ToList();
            if (before.TypesListed && !typesBefore.SequenceEqual(typesAfter))
            {
                edits.Add(new Edit($"nodePools[{i}].instanceTypes", typesAfter, $"nodePools[{before.Name}].instanceTypes: [{string.Join(", ", typesAfter)}] (was [{string.Join(", ", typesBefore)}])"));
            }
            else if (!before.TypesListed && !before.RequirementSizes.SequenceEqual(after.RequirementSizes))
            {
                edits.Add(new Edit($"nodePools[{i}].requirements.sizes", after.RequirementSizes.ToList(),
                    $"nodePools[{before.Name}].requirements.sizes: [{string.Join(", ", after.RequirementSizes)}] (was [{string.Join(", ", before.RequirementSizes)}])"));
            }

            if (after.MaxPods != before.MaxPods && after.MaxPods is { } maxPods)
            {
                edits.Add(new Edit($"nodePools[{i}].maxPods", maxPods, $"nodePools[{before.Name}].maxPods: {maxPods} (was {(before.MaxPods is { } b ? b.ToString(CultureInfo.InvariantCulture) : "Karpenter's count")})"));
            }

            if (after.LimitCpuMillicores != before.LimitCpuMillicores && after.LimitCpuMillicores is { } cpu)
            {
                var text = Kubernetes.ResourceQuantity.FormatCpu(cpu);
                edits.Add(new Edit($"nodePools[{i}].limits.cpu", cpu % 1000 == 0 ? cpu / 1000 : text,
                    $"nodePools[{before.Name}].limits.cpu: {text} (was {(before.LimitCpuMillicores is { } b ? Kubernetes.ResourceQuantity.FormatCpu(b) : "none")})"));
            }

            if (after.LimitMemoryBytes != before.LimitMemoryBytes && after.LimitMemoryBytes is { } memory)
            {
                var text = Kubernetes.ResourceQuantity.FormatMemory(memory);
                edits.Add(new Edit($"nodePools[{i}].limits.memory", text,
                    $"nodePools[{before.Name}].limits.memory: {text} (was {(before.LimitMemoryBytes is { } b ? Kubernetes.ResourceQuantity.FormatMemory(b) : "none")})"));
            }
        }

        return edits;
    }

    /// <summary>
    /// The original text with the edits applied and <paramref name="header"/> (then one line per edit) as the first
    /// comment lines. Comments, key order, scalar styles and every key not edited are kept; blank lines are not.
    /// </summary>
    public static string Apply(string originalText, IReadOnlyList<Edit> edits, IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(originalText);
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(header);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings().WithBestIndent(2).WithBestWidth(int.MaxValue).WithIndentedSequences());
        new Patcher(emitter, edits).Run(new Parser(new Scanner(new StringReader(originalText), skipComments: false)), header);
        return ScenarioYaml.WithoutTrailingCommentSpace(IndentItemComments(writer.ToString()));
    }

    /// <summary>Marks the original's own comment lines, so <see cref="IndentItemComments"/> touches those and nothing else.</summary>
    private const char CommentMark = '\uE000';

    /// <summary>
    /// The original's comment lines right above a block list item, indented like the item. YamlDotNet's emitter writes a
    /// comment at its current indent: above a list's first item that is still the list key's column (it steps in for a
    /// mapping's first key, not for a list's first item), above a later item still the previous item's keys' column.
    /// </summary>
    private static string IndentItemComments(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var mark = lines[i].IndexOf("# " + CommentMark, StringComparison.Ordinal);
            if (mark < 0 || lines[i].AsSpan(0, mark).Trim(' ').Length > 0)
            {
                continue;
            }

            // The run of comment lines this one starts, and the line after it.
            var end = i;
            while (end < lines.Length && IsMarked(lines[end]))
            {
                end++;
            }

            var next = end < lines.Length ? lines[end] : "";
            var indent = next.Length - next.TrimStart(' ').Length;
            var item = next.AsSpan(indent).StartsWith("- ", StringComparison.Ordinal) || next.AsSpan(indent).SequenceEqual("-");
            for (var j = i; j < end; j++)
            {
                var own = lines[j].IndexOf('#', StringComparison.Ordinal);
                var body = lines[j][(own + 2)..].Replace(CommentMark.ToString(), "", StringComparison.Ordinal);
                lines[j] = (item ? new string(' ', indent) : lines[j][..own]) + "# " + body;
            }

            i = end - 1;
        }

        return string.Join('\n', lines);

        static bool IsMarked(string line)
        {
            var mark = line.IndexOf("# " + CommentMark, StringComparison.Ordinal);
            return mark >= 0 && line.AsSpan(0, mark).Trim(' ').Length == 0;
        }
    }

    private static Edit Value(string path, object after, object before, string? name = null) =>
        new(path, after, $"{name ?? path}: {Text(after)} (was {Text(before)})");

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void CniEdits(CniSettings before, CniSettings after, List<Edit> edits)
    {
        void Compare<T>(string key, T a, T b)
            where T : notnull
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                edits.Add(Value("cni." + key, b, a));
            }
        }

        Compare("prefixDelegation", before.PrefixDelegation, after.PrefixDelegation);
        Compare("warmEniTarget", before.WarmEniTarget, after.WarmEniTarget);
        Compare("warmIpTarget", before.WarmIpTarget, after.WarmIpTarget);
        Compare("minimumIpTarget", before.MinimumIpTarget, after.MinimumIpTarget);
        Compare("warmPrefixTarget", before.WarmPrefixTarget, after.WarmPrefixTarget);
        if (before.MaxEni != after.MaxEni && after.MaxEni is { } maxEni)
        {
            edits.Add(new Edit("cni.maxEni", maxEni, $"cni.maxEni: {maxEni}"));
        }

        Compare("customNetworking", before.CustomNetworking, after.CustomNetworking);
        Compare("securityGroupsForPods", before.SecurityGroupsForPods, after.SecurityGroupsForPods);
        Compare("subnetDiscovery", before.SubnetDiscovery, after.SubnetDiscovery);
        Compare("ipCooldownSeconds", before.IpCooldownSeconds, after.IpCooldownSeconds);
        Compare("externalSnat", before.ExternalSnat, after.ExternalSnat);
        var configs = after.EniConfigs.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        if (!before.EniConfigs.OrderBy(e => e.Key, StringComparer.Ordinal).SequenceEqual(configs))
        {
            var map = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (zone, subnet) in configs)
            {
                map[zone] = subnet;
            }

            edits.Add(new Edit("cni.eniConfigs", map, $"cni.eniConfigs: {string.Join(", ", configs.Select(c => $"{c.Key} -> {c.Value}"))}"));
        }
    }

    private static IEnumerable<string> Reservations(SubnetSpec subnet) =>
        subnet.Reservations.Select(r => $"{r.Block.Text} {(r.Type == ReservationType.Prefix ? "prefix" : "explicit")}");

    private static List<object> ReservationList(SubnetSpec subnet) =>
        [.. subnet.Reservations.Select(r => (object)new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["cidr"] = r.Block.Text,
            ["type"] = r.Type == ReservationType.Prefix ? "prefix" : "explicit",
        })];

    private static Dictionary<string, object> SubnetMap(SubnetSpec s)
    {
        var map = new Dictionary<string, object>(StringComparer.Ordinal) { ["id"] = s.Id, ["cidr"] = s.Cidr, ["zone"] = s.Zone };
        if (s.Public)
        {
            map["public"] = true;
        }

        if (s.Tags.Count > 0)
        {
            map["tags"] = s.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => (object)t.Value, StringComparer.Ordinal);
        }

        if (s.Reservations.Count > 0)
        {
            map["reservations"] = ReservationList(s);
        }

        return map;
    }

    /// <summary>Copies parser events to the emitter, swapping in edited values and adding missing keys at the end of their mapping.</summary>
    private sealed class Patcher(IEmitter emitter, IReadOnlyList<Edit> edits)
    {
        private readonly HashSet<Edit> _done = [];
        private readonly Stack<Frame> _frames = new();

        public void Run(Parser parser, IReadOnlyList<string> header)
        {
            var skipDepth = 0;
            var headerWritten = false;
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                if (skipDepth > 0)
                {
                    skipDepth += e is MappingStart or SequenceStart ? 1 : e is MappingEnd or SequenceEnd ? -1 : 0;
                    continue;
                }

                switch (e)
                {
                    case StreamStart:
                        emitter.Emit(e);
                        break;
                    case Comment { IsInline: false } comment when comment.Value.TrimStart().StartsWith("yaml-language-server:", StringComparison.Ordinal):
                        // The header has its own schema line: the original's may point elsewhere (../schema/ in samples).
                        break;
                    case Comment { IsInline: false } own:
                        Header(ref headerWritten, header);
                        emitter.Emit(new Comment(CommentMark + own.Value, false));
                        break;
                    case Comment:
                        Header(ref headerWritten, header);
                        emitter.Emit(e);
                        break;
                    case DocumentStart:
                        Header(ref headerWritten, header);
                        emitter.Emit(e);
                        break;
                    case MappingEnd or SequenceEnd:
                        AddMissing(_frames.Pop());
                        emitter.Emit(e);
                        EndOfValue();
                        break;
                    case Scalar key when _frames.TryPeek(out var map) && map.IsMapping && map.Key is null:
                        map.Key = key.Value;
                        map.Seen.Add(key.Value);
                        emitter.Emit(e);
                        break;
                    case NodeEvent node:
                        var path = ValuePath();
                        if (edits.FirstOrDefault(x => x.Path == path && !_done.Contains(x)) is { } edit)
                        {
                            _done.Add(edit);
                            EmitValue(edit.Value, FlowOf(node));
                            skipDepth = node is MappingStart or SequenceStart ? 1 : 0;
                            EndOfValue();
                        }
                        else if (node is MappingStart or SequenceStart)
                        {
                            _frames.Push(new Frame(path, node is MappingStart));
                            emitter.Emit(e);
                        }
                        else
                        {
                            emitter.Emit(e);
                            EndOfValue();
                        }

                        break;
                    default:
                        emitter.Emit(e);
                        break;
                }
            }
        }

        private void Header(ref bool written, IReadOnlyList<string> header)
        {
            if (written)
            {
                return;
            }

            written = true;
            foreach (var line in header.Concat(edits.Select(e => "  " + e.Description)))
            {
                emitter.Emit(new Comment(line, false));
            }
        }

        private string ValuePath()
        {
            if (!_frames.TryPeek(out var parent))
            {
                return "";
            }

            return parent.IsMapping ? Join(parent.Path, parent.Key!) : $"{parent.Path}[{parent.Index}]";
        }

        private void EndOfValue()
        {
            if (_frames.TryPeek(out var parent))
            {
                if (parent.IsMapping)
                {
                    parent.Key = null;
                }
                else
                {
                    parent.Index++;
                }
            }
        }

        /// <summary>Keys the edits set that the mapping does not have (a nested mapping made for deeper paths), and appended items.</summary>
        private void AddMissing(Frame frame)
        {
            if (!frame.IsMapping)
            {
                foreach (var edit in edits.Where(x => x.Path == frame.Path + "[+]" && _done.Add(x)))
                {
                    EmitValue(edit.Value, flow: false);
                }

                return;
            }

            var prefix = frame.Path.Length == 0 ? "" : frame.Path + ".";
            var pending = edits.Where(x => !_done.Contains(x) && x.Path.StartsWith(prefix, StringComparison.Ordinal) && !x.Path[prefix.Length..].Contains('[', StringComparison.Ordinal)).ToList();
            foreach (var group in pending.GroupBy(x => x.Path[prefix.Length..].Split('.')[0]).Where(g => !frame.Seen.Contains(g.Key)))
            {
                object value;
                if (group.FirstOrDefault(x => x.Path == prefix + group.Key) is { } direct)
                {
                    value = direct.Value;
                }
                else
                {
                    var nested = new Dictionary<string, object>(StringComparer.Ordinal);
                    foreach (var x in group)
                    {
                        nested[x.Path[(prefix.Length + group.Key.Length + 1)..]] = x.Value;
                    }

                    value = nested;
                }

                foreach (var x in group)
                {
                    _done.Add(x);
                }

                EmitScalar(group.Key);
                EmitValue(value, flow: false);
            }
        }

        private static bool FlowOf(NodeEvent node) =>
            node is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };

        private void EmitValue(object value, bool flow)
        {
            switch (value)
            {
                case IDictionary<string, object> map:
                    emitter.Emit(new MappingStart(null, null, true, flow ? MappingStyle.Flow : MappingStyle.Block));
                    foreach (var (key, item) in map)
                    {
                        EmitScalar(key);
                        EmitValue(item, flow);
                    }

                    emitter.Emit(new MappingEnd());
                    break;
                case IEnumerable<string> strings:
                    emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
                    foreach (var item in strings)
                    {
                        EmitScalar(item);
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                case IEnumerable<object> items:
                    emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
                    foreach (var item in items)
                    {
                        EmitValue(item, flow);
                    }

                    emitter.Emit(new SequenceEnd());
                    break;
                default:
                    EmitScalar(value);
                    break;
            }
        }

        /// <summary>A scalar as every scenario writer emits it (<see cref="ScenarioYaml"/>): "1", "yes" or a line break get quotes.</summary>
        private void EmitScalar(object value) => ScenarioYaml.EmitScalarValue(emitter, value);

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    }

    private sealed class Frame(string path, bool isMapping)
    {
        public string Path { get; } = path;

        public bool IsMapping { get; } = isMapping;

        public string? Key { get; set; }

        public int Index { get; set; }

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    }
}
