using System.Globalization;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Model;
using Quickenshtein;

namespace IpPlanner.Core.Import.Scenarios;

/// <summary>
/// Turns a parsed document into a <see cref="ScenarioDraft"/>, reporting every key, type and value problem it
/// meets and reading on past it. Checks that need more than one field are the validator's.
/// </summary>
internal sealed class ScenarioReader(DiagnosticBag bag, InstanceCatalog catalog)
{
    private static readonly Fields<ClusterDraft> s_cluster = new Fields<ClusterDraft>()
        .Required("name", (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("ipFamily", (r, n, p, d) => d.IpFamily = r.Choice(n, p, [("ipv4", IpFamily.Ipv4), ("ipv6", IpFamily.Ipv6)]) ?? d.IpFamily)
        .Required("controlPlaneSubnets", (r, n, p, d) => r.SubnetRefs(n, p, d.ControlPlaneSubnets));

    private static readonly Fields<VpcDraft> s_vpc = new Fields<VpcDraft>()
        .Required("cidrs", (r, n, p, d) => r.Sequence(n, p, "CIDR blocks (the primary first), e.g. [10.0.0.0/16]", (item, ip) =>
        {
            if (r.Cidr(item, ip, allowAddress: false) is { } cidr)
            {
                d.Cidrs.Add(cidr);
            }
        }));

    private static readonly Fields<ReservationDraft> s_reservation = new Fields<ReservationDraft>()
        .Required("cidr", (r, n, p, d) => d.Cidr = r.Cidr(n, p, allowAddress: false))
        .Required("type", (r, n, p, d) => d.Type = r.Choice(n, p, [("prefix", ReservationType.Prefix), ("explicit", ReservationType.Explicit)]));

    private static readonly Fields<SubnetDraft> s_subnet = new Fields<SubnetDraft>()
        .Required("id", (r, n, p, d) => d.Id = r.String(n, p))
        .Required("cidr", (r, n, p, d) => d.Cidr = r.Cidr(n, p, allowAddress: false))
        .Required("zone", (r, n, p, d) => d.Zone = r.String(n, p))
        .Optional("public", (r, n, p, d) => d.Public = r.Bool(n, p) ?? false)
        .Optional("tags", (r, n, p, d) => r.StringMap(n, p, "tag keys to values", (key, value, _) => d.Tags[key] = value))
        .Optional("reservations", (r, n, p, d) => r.Objects(n, p, "CIDR reservations ({cidr, type})", s_reservation, d.Reservations, (ip, line) => new ReservationDraft(ip, line)))
        .Optional("inUse", (r, n, p, d) => d.InUse = r.Integer(n, p, 0, ScenarioLimits.MaxInUse) ?? 0)
        .Optional("taken", (r, n, p, d) => r.Sequence(n, p, "addresses or CIDRs in use, e.g. [10.0.1.7, 10.0.1.32/28]", (item, ip) =>
        {
            if (r.Cidr(item, ip, allowAddress: true) is { } cidr)
            {
                d.Taken.Add(cidr);
            }
        }));

    private static readonly Fields<CniDraft> s_cni = new Fields<CniDraft>()
        .Optional("version", (r, n, p, d) =>
        {
            if (r.String(n, p) is not { } text)
            {
                return;
            }

            if (CniVersion.TryParse(text, out var version))
            {
                d.Settings = d.Settings with { Version = version };
            }
            else
            {
                r.Bag.Error(DiagnosticCodes.CniVersionInvalid, p, $"'{text}' is not a VPC CNI version (expected X.Y.Z, e.g. 1.18.3 or v1.12.6-eksbuild.2)");
            }
        })
        .Optional("prefixDelegation", (r, n, p, d) => d.Settings = d.Settings with { PrefixDelegation = r.Bool(n, p) ?? d.Settings.PrefixDelegation })
        .Optional("warmEniTarget", (r, n, p, d) => d.Settings = d.Settings with { WarmEniTarget = r.Int(n, p, 0, ScenarioLimits.MaxEniOrPrefixTarget) ?? d.Settings.WarmEniTarget })
        .Optional("warmIpTarget", (r, n, p, d) => d.Settings = d.Settings with { WarmIpTarget = r.Int(n, p, 0, ScenarioLimits.MaxIpTarget) ?? d.Settings.WarmIpTarget })
        .Optional("minimumIpTarget", (r, n, p, d) => d.Settings = d.Settings with { MinimumIpTarget = r.Int(n, p, 0, ScenarioLimits.MaxIpTarget) ?? d.Settings.MinimumIpTarget })
        .Optional("warmPrefixTarget", (r, n, p, d) => d.Settings = d.Settings with { WarmPrefixTarget = r.Int(n, p, 0, ScenarioLimits.MaxEniOrPrefixTarget) ?? d.Settings.WarmPrefixTarget })
        .Optional("maxEni", (r, n, p, d) => d.Settings = d.Settings with { MaxEni = r.Int(n, p, 1, ScenarioLimits.MaxEniOrPrefixTarget) ?? d.Settings.MaxEni })
        .Optional("customNetworking", (r, n, p, d) => d.Settings = d.Settings with { CustomNetworking = r.Bool(n, p) ?? d.Settings.CustomNetworking })
        .Optional("eniConfigs", (r, n, p, d) => r.StringMap(n, p, "zones to subnet ids, e.g. {us-east-1a: subnet-pods-a}", (zone, subnet, sp) => d.EniConfigs.Add((zone, new SubnetRef(subnet, sp)))))
        .Optional("securityGroupsForPods", (r, n, p, d) => d.Settings = d.Settings with { SecurityGroupsForPods = r.Bool(n, p) ?? d.Settings.SecurityGroupsForPods })
        .Optional("subnetDiscovery", (r, n, p, d) => d.Settings = d.Settings with { SubnetDiscovery = r.Bool(n, p) ?? d.Settings.SubnetDiscovery })
        .Optional("ipCooldownSeconds", (r, n, p, d) => d.Settings = d.Settings with { IpCooldownSeconds = r.Int(n, p, 0, ScenarioLimits.MaxCooldownSeconds) ?? d.Settings.IpCooldownSeconds })
        .Optional("externalSnat", (r, n, p, d) => d.Settings = d.Settings with { ExternalSnat = r.Bool(n, p) ?? d.Settings.ExternalSnat });

    private static readonly Fields<NodeGroupDraft> s_nodeGroup = new Fields<NodeGroupDraft>()
        .Required("name", (r, n, p, d) => d.Name = r.String(n, p))
        .Required("instanceType", (r, n, p, d) => r.InstanceTypeName(n, p, d))
        .Required("subnets", (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Required("nodes", (r, n, p, d) => d.Nodes = r.Integer(n, p, 0, ScenarioLimits.MaxNodes))
        .Optional("maxNodes", (r, n, p, d) => d.MaxNodes = r.Integer(n, p, 0, ScenarioLimits.MaxNodes))
        .Optional("maxPods", (r, n, p, d) => d.MaxPods = r.Integer(n, p, 1, ScenarioLimits.MaxPodsPerNode))
        .Optional("podsPerNode", (r, n, p, d) => d.PodsPerNode = r.Integer(n, p, 0, ScenarioLimits.MaxPodsPerNode) ?? 0)
        .Optional("hostNetworkPodsPerNode", (r, n, p, d) => d.HostNetworkPodsPerNode = r.Integer(n, p, 0, ScenarioLimits.MaxPodsPerNode) ?? d.HostNetworkPodsPerNode)
        .Optional("securityGroupPodsPerNode", (r, n, p, d) => d.SecurityGroupPodsPerNode = r.Integer(n, p, 0, ScenarioLimits.MaxPodsPerNode) ?? 0)
        .Optional("growth", (r, n, p, d) => d.Growth = r.Growth(n, p));

    private static readonly Fields<FargateDraft> s_fargate = new Fields<FargateDraft>()
        .Required("name", (r, n, p, d) => d.Name = r.String(n, p))
        .Required("subnets", (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Optional("pods", (r, n, p, d) => d.Pods = r.Integer(n, p, 0, ScenarioLimits.MaxFargatePods) ?? 0);

    private static readonly Fields<LoadBalancerDraft> s_loadBalancer = new Fields<LoadBalancerDraft>()
        .Required("name", (r, n, p, d) => d.Name = r.String(n, p))
        .Required("type", (r, n, p, d) => d.Type = r.Choice(n, p, [("alb", LoadBalancerType.Alb), ("nlb", LoadBalancerType.Nlb)]))
        .Required("subnets", (r, n, p, d) => r.SubnetRefs(n, p, d.Subnets))
        .Optional("internal", (r, n, p, d) => d.Internal = r.Bool(n, p));

    private static readonly Fields<EndpointDraft> s_endpoint = new Fields<EndpointDraft>()
        .Required("service", (r, n, p, d) => d.Service = r.String(n, p))
        .Optional("type", (r, n, p, d) => d.Type = r.Choice(n, p, [("interface", EndpointType.Interface), ("gateway", EndpointType.Gateway)]))
        .Optional("subnets", (r, n, p, d) =>
        {
            d.SubnetsGiven = true;
            r.SubnetRefs(n, p, d.Subnets);
        });

    private static readonly Fields<NatDraft> s_nat = new Fields<NatDraft>()
        .Optional("name", (r, n, p, d) => d.Name = r.String(n, p))
        .Required("subnet", (r, n, p, d) => d.Subnet = r.String(n, p) is { } id ? new SubnetRef(id, p) : null);

    private static readonly Fields<WorkloadDraft> s_duration = new Fields<WorkloadDraft>()
        .Optional("distribution", (r, n, p, d) => d.Distribution = r.Choice(n, p, [("exponential", DurationDistribution.Exponential), ("lognormal", DurationDistribution.LogNormal)]) ?? d.Distribution)
        .Optional("mean", (r, n, p, d) => d.Duration = r.Duration(n, p))
        .Optional("median", (r, n, p, d) => d.Duration = r.Duration(n, p))
        .Optional("sigma", (r, n, p, d) => d.Sigma = r.Number(n, p, 0.01, 5) ?? d.Sigma);

    private static readonly Fields<WorkloadDraft> s_workload = new Fields<WorkloadDraft>()
        .Required("kind", (r, n, p, d) => d.Kind = r.Choice(n, p, [("deployment", WorkloadKind.Deployment), ("jobs", WorkloadKind.Jobs), ("scale", WorkloadKind.Scale)]))
        .Optional("name", (r, n, p, d) => d.Name = r.String(n, p))
        .Optional("nodeGroup", (r, n, p, d) => d.NodeGroup = r.String(n, p))
        .Optional("replicas", (r, n, p, d) => d.Replicas = r.Integer(n, p, 0, ScenarioLimits.MaxFargatePods) ?? 0)
        .Optional("rolloutEvery", (r, n, p, d) => d.RolloutEvery = r.Duration(n, p))
        .Optional("maxSurge", (r, n, p, d) => d.MaxSurge = r.String(n, p))
        .Optional("podReadySeconds", (r, n, p, d) => d.PodReady = r.Integer(n, p, 0, ScenarioLimits.MaxCooldownSeconds) ?? 10)
        .Optional("perMinute", (r, n, p, d) => d.PerMinute = r.Number(n, p, 0, 100_000))
        .Optional("duration", (r, n, p, d) => r.Object(n, p, s_duration, d))
        .Optional("at", (r, n, p, d) => d.At = r.Duration(n, p))
        .Optional("nodes", (r, n, p, d) => d.Nodes = r.Integer(n, p, 0, ScenarioLimits.MaxNodes));

    /// <summary>The top level. A later section (workloads, …) is one more line here and one more list on the draft.</summary>
    private static readonly Fields<ScenarioDraft> s_root = new Fields<ScenarioDraft>()
        .Required("cluster", (r, n, p, d) => d.Cluster = r.Object(n, p, s_cluster, new ClusterDraft(p, n.Start.Line)))
        .Required("vpc", (r, n, p, d) => d.Vpc = r.Object(n, p, s_vpc, new VpcDraft(p, n.Start.Line)))
        .Required("subnets", (r, n, p, d) => r.Objects(n, p, "subnets ({id, cidr, zone, …})", s_subnet, d.Subnets, (ip, line) => new SubnetDraft(ip, line)))
        .Optional("cni", (r, n, p, d) => r.Object(n, p, s_cni, d.Cni))
        .Optional("nodeGroups", (r, n, p, d) => r.Objects(n, p, "node groups ({name, instanceType, subnets, nodes, …})", s_nodeGroup, d.NodeGroups, (ip, line) => new NodeGroupDraft(ip, line)))
        .Optional("fargateProfiles", (r, n, p, d) => r.Objects(n, p, "Fargate profiles ({name, subnets, pods})", s_fargate, d.FargateProfiles, (ip, line) => new FargateDraft(ip, line)))
        .Optional("loadBalancers", (r, n, p, d) => r.Objects(n, p, "load balancers ({name, type, subnets})", s_loadBalancer, d.LoadBalancers, (ip, line) => new LoadBalancerDraft(ip, line)))
        .Optional("endpoints", (r, n, p, d) => r.Objects(n, p, "VPC endpoints ({service, subnets})", s_endpoint, d.Endpoints, (ip, line) => new EndpointDraft(ip, line)))
        .Optional("natGateways", (r, n, p, d) => r.Objects(n, p, "NAT gateways ({subnet})", s_nat, d.NatGateways, (ip, line) => new NatDraft(ip, line)))
        .Optional("workloads", (r, n, p, d) => r.Objects(n, p, "workloads ({kind: deployment|jobs|scale, …})", s_workload, d.Workloads, (ip, line) => new WorkloadDraft(ip, line)));

    public DiagnosticBag Bag { get; } = bag;

    /// <summary>Reads the whole document; <paramref name="root"/> is null for a file with no document.</summary>
    public ScenarioDraft Read(YNode? root)
    {
        var draft = new ScenarioDraft();
        if (root is null or YScalar { IsNull: true })
        {
            Bag.Error(DiagnosticCodes.EmptyDocument, new SourcePosition(1, 1), "", $"the file holds no scenario (expected a mapping with the keys {string.Join(", ", s_root.Keys)})");
            return draft;
        }

        Mapping(root, "", s_root, draft);
        return draft;
    }

    // Structure.

    private TDraft? Object<TDraft>(YNode node, string path, Fields<TDraft> fields, TDraft draft)
        where TDraft : class =>
        Mapping(node, path, fields, draft) ? draft : null;

    /// <summary>Reads a mapping with <paramref name="fields"/>; false when the node is not a mapping at all.</summary>
    private bool Mapping<TDraft>(YNode node, string path, Fields<TDraft> fields, TDraft draft)
    {
        Bag.Record(path, node.Start);
        if (node is not YMapping map)
        {
            var what = path.Length == 0 ? "a scenario" : $"'{path}'";
            WrongType(node, path, $"{what} is a mapping with the keys {string.Join(", ", fields.Keys)}");
            return false;
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not YScalar { IsNull: false } key)
            {
                Bag.Error(DiagnosticCodes.WrongType, keyNode.Start, path, $"a key must be a plain name, not {keyNode.Describe()} (expected one of {string.Join(", ", fields.Keys)})");
                continue;
            }

            var fieldPath = Join(path, key.Value);
            if (!seen.Add(key.Value))
            {
                Bag.Error(DiagnosticCodes.DuplicateKey, key.Start, fieldPath, $"'{key.Value}' appears twice in this mapping (the first one is used; delete the other)");
                continue;
            }

            if (!fields.TryGet(key.Value, out var read))
            {
                Bag.Error(DiagnosticCodes.UnknownKey, key.Start, fieldPath, UnknownKeyMessage(key.Value, fields.Keys, path));
                continue;
            }

            // A scalar is blamed where it stands; a list or mapping at its key, since a block one starts a line below.
            Bag.Record(fieldPath, value is YScalar ? value.Start : key.Start);
            if (value is YScalar { IsNull: true })
            {
                // "maxPods:" with nothing after it means "not set", like leaving the key out.
                continue;
            }

            present.Add(key.Value);
            read(this, value, fieldPath, draft);
        }

        foreach (var required in fields.RequiredKeys)
        {
            if (!present.Contains(required))
            {
                var what = seen.Contains(required) ? "is empty" : "is missing";
                Bag.Error(DiagnosticCodes.MissingField, Bag.Locate(Join(path, required)), Join(path, required), $"required field {what}{MissingHint(required)}");
            }
        }

        return true;
    }

    private void Objects<TDraft>(YNode node, string path, string what, Fields<TDraft> fields, List<TDraft> into, Func<string, int, TDraft> create) =>
        Sequence(node, path, what, (item, itemPath) =>
        {
            var draft = create(itemPath, item.Start.Line);
            if (Mapping(item, itemPath, fields, draft))
            {
                into.Add(draft);
            }
        });

    private void Sequence(YNode node, string path, string what, Action<YNode, string> readItem)
    {
        if (node is not YSequence seq)
        {
            var hint = node is YScalar { IsNull: false } s ? $" (for one entry write [{s.Value}] or '- {s.Value}')" : "";
            WrongType(node, path, $"expected a list of {what}{hint}");
            return;
        }

        for (var i = 0; i < seq.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            Bag.Record(itemPath, seq.Items[i].Start);
            readItem(seq.Items[i], itemPath);
        }
    }

    private void StringMap(YNode node, string path, string what, Action<string, string, string> add)
    {
        if (node is not YMapping map)
        {
            WrongType(node, path, $"expected a mapping of {what}");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not YScalar { IsNull: false } key)
            {
                Bag.Error(DiagnosticCodes.WrongType, keyNode.Start, path, $"a key must be a plain name, not {keyNode.Describe()}");
                continue;
            }

            var entryPath = $"{path}[{key.Value}]";
            if (!seen.Add(key.Value))
            {
                Bag.Error(DiagnosticCodes.DuplicateKey, key.Start, entryPath, $"'{key.Value}' appears twice (the first one is used; delete the other)");
                continue;
            }

            Bag.Record(entryPath, value is YScalar ? value.Start : key.Start);
            // A tag with an empty value is common (kubernetes.io/role/elb: ""): keep it as "".
            if (value is YScalar scalar)
            {
                add(key.Value, scalar.IsNull ? "" : scalar.Value, entryPath);
            }
            else
            {
                WrongType(value, entryPath, "expected a string");
            }
        }
    }

    private void SubnetRefs(YNode node, string path, List<SubnetRef> into) =>
        Sequence(node, path, "subnet ids, e.g. [subnet-a, subnet-b]", (item, itemPath) =>
        {
            if (String(item, itemPath) is { } id)
            {
                into.Add(new SubnetRef(id, itemPath));
            }
        });

    // Scalars.

    private string? String(YNode node, string path)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                Bag.Error(DiagnosticCodes.MissingField, path, "expected a value here, found nothing");
                return null;
            case YScalar s:
                return s.Value;
            default:
                WrongType(node, path, "expected a string");
                return null;
        }
    }

    private GrowthRate? Growth(YNode node, string path)
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        if (GrowthRate.TryParse(text, out var rate, out var error))
        {
            return rate;
        }

        Bag.Error(DiagnosticCodes.GrowthInvalid, node.Start, path, error!);
        return null;
    }

    private int? Int(YNode node, string path, int min, int max) => (int?)Integer(node, path, min, max);

    private long? Integer(YNode node, string path, long min, long max)
    {
        if (node is not YScalar s || s.IsNull)
        {
            WrongType(node, path, $"expected a whole number from {min} to {max}");
            return null;
        }

        var text = s.Value.Trim();
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        var looksNumeric = digits.Length > 0 && digits.All(char.IsAsciiDigit);
        if (!s.IsPlain)
        {
            var hint = looksNumeric ? " (write it without quotes)" : "";
            WrongType(node, path, $"expected a whole number from {min} to {max}, got the string '{s.Value}'{hint}");
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                var limit = min == 0 ? "cannot be negative" : $"must be {min} or more";
                var problem = value < min ? limit : $"is more than {max}, the most a scenario allows";
                Bag.Error(DiagnosticCodes.OutOfRange, path, $"{value} {problem} (expected {min} to {max})");
                return null;
            }

            return value;
        }

        if (looksNumeric)
        {
            Bag.Error(DiagnosticCodes.OutOfRange, path, $"{text} is far too large (expected {min} to {max})");
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            WrongType(node, path, $"expected a whole number from {min} to {max}, got {text}");
        }
        else
        {
            WrongType(node, path, $"expected a whole number from {min} to {max}, got {s.Describe()}");
        }

        return null;
    }

    /// <summary>A plain number (whole or decimal) within [min, max].</summary>
    private double? Number(YNode node, string path, double min, double max)
    {
        if (node is YScalar { IsPlain: true, IsNull: false } s &&
            double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value < min || value > max)
            {
                Bag.Error(DiagnosticCodes.OutOfRange, path, $"{s.Value} is out of range (expected {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }

            return value;
        }

        WrongType(node, path, $"expected a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got {node.Describe()}");
        return null;
    }

    /// <summary>A duration such as 30s, 15m, 2h, 1h30m, or a plain number of seconds; returns seconds.</summary>
    private double? Duration(YNode node, string path)
    {
        if (node is YScalar { IsNull: false } s && DurationText.TryParseSeconds(s.Value, out var seconds))
        {
            return seconds;
        }

        WrongType(node, path, $"expected a duration such as 30s, 15m, 2h or 1h30m, got {node.Describe()}");
        return null;
    }

    private bool? Bool(YNode node, string path)
    {
        if (node is YScalar { IsPlain: true } s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
                case "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF" or "y" or "n":
                    WrongType(node, path, $"expected true or false, got '{s.Value}' (YAML 1.1's yes/no/on/off mean different things to different tools)");
                    return null;
                default:
                    break;
            }
        }

        var quoted = node is YScalar { IsPlain: false } q && (q.Value is "true" or "false") ? " (write it without quotes)" : "";
        WrongType(node, path, $"expected true or false, got {node.Describe()}{quoted}");
        return null;
    }

    private TEnum? Choice<TEnum>(YNode node, string path, (string Name, TEnum Value)[] options)
        where TEnum : struct
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        foreach (var (name, value) in options)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var names = options.Select(o => o.Name).ToList();
        Bag.Error(DiagnosticCodes.InvalidValue, path, $"'{text}' is not valid (expected {Alternatives(names)})");
        return null;
    }

    private CidrDraft? Cidr(YNode node, string path, bool allowAddress)
    {
        if (String(node, path) is not { } text)
        {
            return null;
        }

        var cidr = CidrText.TryParse(text, allowAddress, out var code, out var problem);
        if (cidr is null)
        {
            Bag.Error(code, path, problem);
        }

        return new CidrDraft(text, cidr?.Network, path, node.Start.Line);
    }

    private void InstanceTypeName(YNode node, string path, NodeGroupDraft draft)
    {
        if (String(node, path) is not { } name)
        {
            return;
        }

        draft.InstanceTypeName = name;
        if (catalog.TryGet(name, out var type))
        {
            draft.Type = type;
        }
        else
        {
            Bag.Error(DiagnosticCodes.UnknownInstanceType, path, catalog.UnknownTypeMessage(name) + "; for a type newer than the embedded catalog, supply describe-instance-types output");
        }
    }

    private void WrongType(YNode node, string path, string message) =>
        Bag.Error(DiagnosticCodes.WrongType, node.Start, path, message.Contains(", got ", StringComparison.Ordinal) ? message : $"{message}, got {node.Describe()}");

    // Messages.

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string UnknownKeyMessage(string key, IReadOnlyList<string> known, string path)
    {
        var where = path.Length == 0 ? "at the top level" : $"in {path}";
        var suggestion = Closest(key, known);
        var hint = suggestion is null ? "" : $"did you mean '{suggestion}'? ";
        return $"unknown key '{key}' {where} ({hint}expected {Alternatives(known)})";
    }

    /// <summary>The known name nearest to <paramref name="name"/>, if it is near enough to be a typo.</summary>
    internal static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                ? 0
                : Levenshtein.GetDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    internal static string Alternatives(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "nothing",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
    };

    private static string MissingHint(string key) => key switch
    {
        "cidr" => " (e.g. cidr: 10.0.0.0/24)",
        "zone" => " (the Availability Zone, e.g. zone: us-east-1a)",
        "subnets" or "controlPlaneSubnets" => " (a list of subnet ids defined under subnets)",
        "instanceType" => " (e.g. instanceType: m5.large)",
        "cidrs" => " (the VPC's CIDR blocks, e.g. cidrs: [10.0.0.0/16])",
        _ => "",
    };
}
