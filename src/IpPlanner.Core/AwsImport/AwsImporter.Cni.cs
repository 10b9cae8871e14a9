using System.Globalization;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.Model;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Core.AwsImport;

// The VPC CNI's settings from the aws-node DaemonSet, and the ENIConfigs.
public sealed partial class AwsImporter
{
    private const string EnvField = "spec.template.spec.containers[aws-node].env";

    /// <summary>Whether the node an ENI is attached to runs prefix delegation under <paramref name="settings"/> (<see cref="CniMode"/>).</summary>
    private bool RunsPrefixMode(AwsNetworkInterface eni, CniSettings settings) =>
        eni.InstanceId is { } id && _groupOfInstance.TryGetValue(id, out var group) && group.Type is { } type && CniMode.Of(type, settings).PrefixMode;

    private CniImport ImportCni()
    {
        var section = new DocMap();
        var settings = CniSettings.Default;
        var nodePrefixes = _subnetImports.Values.Any(s => s.NodeEnis.Any(e => e.Prefixes.Count > 0));
        var nodeSecondaryIps = _subnetImports.Values.Any(s => s.NodeEnis.Any(e => e.Addresses.Any(a => !a.Primary)));

        if (_awsNode is { } ds)
        {
            section.Comment($"From the aws-node DaemonSet ({_files.AwsNode}), container aws-node; a variable it does not set has the VPC CNI's default.");
            var env = ds.Env;
            if (ds.Version is { } version)
            {
                settings = settings with { Version = version };
                section.Set("version", version.ToString()).Trailing = ds.VersionSource;
            }
            else
            {
                _warnings.Add($"{_files.AwsNode}: cannot read the VPC CNI version from the image '{ds.Image}' or VPC_CNI_VERSION; the planner assumes {CniVersion.Current}");
            }

            settings = settings with
            {
                PrefixDelegation = Bool(env, "ENABLE_PREFIX_DELEGATION", false),
                WarmEniTarget = Int(env, "WARM_ENI_TARGET", 1, min: 0),
                WarmIpTarget = Int(env, "WARM_IP_TARGET", 0, min: 0),
                MinimumIpTarget = Int(env, "MINIMUM_IP_TARGET", 0, min: 0),
                // ipamd's own default is 0; the shipped manifests set 1 (docs/rules.md, "The warm pool").
                WarmPrefixTarget = Int(env, "WARM_PREFIX_TARGET", 0, min: 0),
                MaxEni = Int(env, "MAX_ENI", -1, min: int.MinValue) is var maxEni && maxEni >= 1 ? maxEni : null,
                CustomNetworking = Bool(env, "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", false),
                SecurityGroupsForPods = Bool(env, "ENABLE_POD_ENI", false),
                IpCooldownSeconds = Int(env, "IP_COOLDOWN_PERIOD", 30, min: 0),
                ExternalSnat = Bool(env, "AWS_VPC_K8S_CNI_EXTERNALSNAT", false),
            };
            var discoveryDefault = settings.Behaviour.SubnetDiscovery;
            settings = settings with { SubnetDiscovery = Bool(env, "ENABLE_SUBNET_DISCOVERY", discoveryDefault) };

            section.Set("prefixDelegation", settings.PrefixDelegation).Trailing = EnvNote(env, "ENABLE_PREFIX_DELEGATION");
            section.Set("warmEniTarget", settings.WarmEniTarget).Trailing = EnvNote(env, "WARM_ENI_TARGET");
            section.Set("warmIpTarget", settings.WarmIpTarget).Trailing = EnvNote(env, "WARM_IP_TARGET");
            section.Set("minimumIpTarget", settings.MinimumIpTarget).Trailing = EnvNote(env, "MINIMUM_IP_TARGET");
            section.Set("warmPrefixTarget", settings.WarmPrefixTarget).Trailing = EnvNote(env, "WARM_PREFIX_TARGET", "ipamd's default is 0");
            if (settings.MaxEni is { } max)
            {
                section.Set("maxEni", max).Trailing = EnvNote(env, "MAX_ENI");
            }

            section.Set("customNetworking", settings.CustomNetworking).Trailing = EnvNote(env, "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG");
            // Nodes that really run prefix delegation (CniMode: a Xen type or a CNI before 1.9.0 takes single
            // addresses whatever the setting) are the ones whose secondary IPs would contradict it.
            var prefixNodeSecondaryIps = _subnetImports.Values.Any(s => s.NodeEnis.Any(e => e.Addresses.Any(a => !a.Primary) && RunsPrefixMode(e, settings)));
            if (settings.PrefixDelegation ? prefixNodeSecondaryIps && !nodePrefixes : nodePrefixes)
            {
                _warnings.Add(settings.PrefixDelegation
                    ? $"{_files.AwsNode}: ENABLE_PREFIX_DELEGATION=true, but the nodes' ENIs hold secondary IPs, not /28 prefixes (nodes launched before the switch?); the planner models prefix delegation"
                    : $"{_files.AwsNode}: ENABLE_PREFIX_DELEGATION is not true, but the nodes' ENIs hold /28 prefixes (left from before a switch?); the planner models secondary IPs");
            }
        }
        else
        {
            section.Comment($"No aws-node DaemonSet given ({_files.Label(AwsImportInput.AwsNode)}): the VPC CNI's defaults, version {CniVersion.Current} included, except what the ENIs show.");
            settings = settings with { PrefixDelegation = nodePrefixes || _cluster?.IpFamily == IpFamily.Ipv6 };
            section.Set("prefixDelegation", settings.PrefixDelegation).Trailing = nodePrefixes
                ? "the nodes' ENIs hold /28 prefixes"
                : _cluster?.IpFamily == IpFamily.Ipv6 ? "IPv6 clusters always use prefix delegation" : "the nodes' ENIs hold no /28 prefixes";
        }

        var eniConfigs = ImportEniConfigs(ref settings, section);
        if (_awsNode is { } daemonSet)
        {
            if (settings.CustomNetworking && settings.SubnetDiscovery)
            {
                settings = settings with { SubnetDiscovery = false };
                section.Set("subnetDiscovery", false).Trailing = $"{EnvNote(daemonSet.Env, "ENABLE_SUBNET_DISCOVERY")}, but custom networking turns it off";
            }
            else
            {
                section.Set("subnetDiscovery", settings.SubnetDiscovery).Trailing = EnvNote(daemonSet.Env, "ENABLE_SUBNET_DISCOVERY",
                    settings.Behaviour.SubnetDiscovery ? "on by default since 1.18" : "not in CNI versions before 1.18");
            }

            section.Set("securityGroupsForPods", settings.SecurityGroupsForPods).Trailing = EnvNote(daemonSet.Env, "ENABLE_POD_ENI");
            section.Set("ipCooldownSeconds", settings.IpCooldownSeconds).Trailing = EnvNote(daemonSet.Env, "IP_COOLDOWN_PERIOD");
            section.Set("externalSnat", settings.ExternalSnat).Trailing = EnvNote(daemonSet.Env, "AWS_VPC_K8S_CNI_EXTERNALSNAT");
        }

        return new CniImport(settings with { EniConfigs = eniConfigs }, section);
    }

    /// <summary>Adds the eniConfigs entry (and, without aws-node, infers custom networking from them).</summary>
    private Dictionary<string, string> ImportEniConfigs(ref CniSettings settings, DocMap section)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var map = new DocMap();
        if (_eniConfigs is not null)
        {
            var zones = _subnets.Select(s => s.Zone).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in _eniConfigs)
            {
                if (!_subnetById.TryGetValue(entry.Subnet, out var subnet))
                {
                    throw InputException.At(_files.EniConfigs, entry.Line, null, $"ENIConfig {entry.Name}: spec.subnet",
                        $"{entry.Subnet} is not among the subnets of {_vpcId} in {_files.Subnets}");
                }

                var key = entry.Name == CniSettings.DefaultEniConfig || zones.Contains(entry.Name) ? entry.Name : subnet.Zone;
                if (!result.TryAdd(key, subnet.Id))
                {
                    _warnings.Add($"{_files.EniConfigs}:{entry.Line}: ENIConfig {entry.Name} serves {key} like an earlier one; the earlier one is kept");
                    continue;
                }

                var value = map.Set(key, subnet.Id);
                if (key != entry.Name)
                {
                    value.Trailing = $"ENIConfig '{entry.Name}', keyed by its subnet's zone (nodes must select it by label)";
                }
            }

            if (_awsNode is null)
            {
                var podSubnets = result.Values.ToHashSet(StringComparer.Ordinal);
                var used = _subnetImports.Values.Any(s => podSubnets.Contains(s.Subnet.Id) && s.NodeEnis.Count > 0);
                settings = settings with { CustomNetworking = used, SubnetDiscovery = !used && settings.SubnetDiscovery };
                section.Set("customNetworking", used).Trailing = used
                    ? "node ENIs sit in the ENIConfig subnets"
                    : "no node ENI sits in an ENIConfig subnet";
                if (used)
                {
                    section.Set("subnetDiscovery", false).Trailing = "custom networking turns it off";
                }
            }

            section.Set("eniConfigs", map).Comment($"kubectl get eniconfigs ({_files.EniConfigs}): ENIConfig name (the zone) -> spec.subnet");
            return result;
        }

        if (!settings.CustomNetworking)
        {
            return result;
        }

        // Custom networking without the ENIConfigs: the nodes' secondary ENIs show which subnet each zone uses.
        var seen = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var import in _subnetImports.Values)
        {
            foreach (var eni in import.NodeEnis.Where(e => e.DeviceIndex is > 0 && e.InterfaceType != "trunk"))
            {
                var node = _instanceById[eni.InstanceId!];
                if (node.SubnetId is { } nodeSubnet && nodeSubnet != eni.SubnetId)
                {
                    var zone = _subnetById[nodeSubnet].Zone;
                    var counts = seen.TryGetValue(zone, out var c) ? c : seen[zone] = new Dictionary<string, int>(StringComparer.Ordinal);
                    counts[eni.SubnetId] = counts.GetValueOrDefault(eni.SubnetId) + 1;
                }
            }
        }

        if (seen.Count == 0)
        {
            throw new InputException($"{_files.AwsNode}: AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true, but no ENIConfigs were given ({_files.Label(AwsImportInput.EniConfigs)}) and no node ENI shows the pod subnets; give {_files.Label(AwsImportInput.EniConfigs)} with the output of 'kubectl get eniconfigs -o yaml'");
        }

        foreach (var (zone, counts) in seen.OrderBy(z => z.Key, StringComparer.Ordinal))
        {
            var best = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
            result[zone] = best.Key;
            map.Set(zone, best.Key).Trailing = string.Create(CultureInfo.InvariantCulture, $"{best.Value} node ENI(s) there");
            if (counts.Count > 1)
            {
                _warnings.Add($"custom networking: node ENIs in {zone} use {counts.Count} subnets ({string.Join(", ", counts.Keys)}); {best.Key} is kept as the zone's ENIConfig");
            }
        }

        section.Set("eniConfigs", map).Comment($"No ENIConfigs given ({_files.Label(AwsImportInput.EniConfigs)}): each zone's pod subnet is where its nodes' secondary ENIs are.");
        return result;
    }

    private bool Bool(IReadOnlyDictionary<string, string> env, string name, bool fallback)
    {
        if (!env.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw InputException.At(_files.AwsNode, null, null, $"{EnvField}.{name}", $"'{text}' is not true or false"),
        };
    }

    private int Int(IReadOnlyDictionary<string, string> env, string name, int fallback, int min)
    {
        if (!env.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw InputException.At(_files.AwsNode, null, null, $"{EnvField}.{name}", $"'{text}' is not valid (expected a whole number{(min == 0 ? ", 0 or more" : "")})");
        }

        return value;
    }

    private static string EnvNote(IReadOnlyDictionary<string, string> env, string name, string? defaultNote = null) =>
        env.TryGetValue(name, out var text) && !string.IsNullOrWhiteSpace(text)
            ? $"{name}={text}"
            : $"{name} not set: {defaultNote ?? "the default"}";

    /// <summary>The settings the scenario gets, and its cni section.</summary>
    private sealed record CniImport(CniSettings Settings, DocMap Section);

    /// <summary>
    /// One cluster's CNI section when several clusters are imported (no aws-node or ENIConfigs can be given then): the
    /// VPC CNI's defaults, with prefix delegation when its own nodes' ENIs hold /28 prefixes or it is an IPv6 cluster.
    /// </summary>
    private CniImport ClusterCniFor(string cluster, IpFamily family)
    {
        var section = new DocMap();
        section.Comment($"No aws-node DaemonSet ({_files.Label(AwsImportInput.AwsNode)} describes one cluster, so several clusters are imported without it): the VPC CNI's defaults, version {CniVersion.Current} included, except what cluster {cluster}'s ENIs show.");
        var nodePrefixes = _subnetImports.Values.Any(s => s.NodeEnis.Any(e => e.Prefixes.Count > 0 && _groupOfInstance[e.InstanceId!].Cluster == cluster));
        var settings = CniSettings.Default with { PrefixDelegation = nodePrefixes || family == IpFamily.Ipv6 };
        section.Set("prefixDelegation", settings.PrefixDelegation).Trailing = nodePrefixes
            ? "its nodes' ENIs hold /28 prefixes"
            : family == IpFamily.Ipv6 ? "IPv6 clusters always use prefix delegation" : "its nodes' ENIs hold no /28 prefixes";
        return new CniImport(settings, section);
    }

    private CniImport ImportClusterCni(string cluster) =>
        ClusterCniFor(cluster, cluster == _clusterName ? _cluster?.IpFamily ?? IpFamily.Ipv4 : _otherClusters.First(c => c.Eks.Name == cluster).Eks.IpFamily);
}
