using System.Globalization;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>
/// The VPC CNI (aws-node) settings the engine follows, with the defaults of the add-on as AWS ships it:
/// WARM_ENI_TARGET 1, WARM_IP_TARGET and MINIMUM_IP_TARGET unset (0), WARM_PREFIX_TARGET 1 (the shipped
/// manifests set 1; the code default is 0), IP_COOLDOWN_PERIOD 30 s, subnet discovery on (CNI 1.18+).
/// </summary>
public sealed record CniSettings
{
    /// <summary>The settings of a default install.</summary>
    public static CniSettings Default { get; } = new();

    /// <summary>The VPC CNI release.</summary>
    public CniVersion Version { get; init; } = CniVersion.Current;

    /// <summary>What <see cref="Version"/> does where releases differ (the one home of every version gate).</summary>
    public CniBehaviour Behaviour => new(Version);

    /// <summary>ENABLE_PREFIX_DELEGATION.</summary>
    public bool PrefixDelegation { get; init; }

    /// <summary>WARM_ENI_TARGET: whole spare ENIs' worth of IPs to keep (ignored when IP targets are set).</summary>
    public int WarmEniTarget { get; init; } = 1;

    /// <summary>WARM_IP_TARGET: spare IPs to keep; 0 means unset.</summary>
    public int WarmIpTarget { get; init; }

    /// <summary>MINIMUM_IP_TARGET: IPs to hold at least; 0 means unset.</summary>
    public int MinimumIpTarget { get; init; }

    /// <summary>WARM_PREFIX_TARGET: spare /28 prefixes to keep in prefix mode.</summary>
    public int WarmPrefixTarget { get; init; } = 1;

    /// <summary>MAX_ENI, when set.</summary>
    public int? MaxEni { get; init; }

    /// <summary>AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG.</summary>
    public bool CustomNetworking { get; init; }

    /// <summary>The ENIConfig that serves nodes whose zone has no ENIConfig of its own.</summary>
    public const string DefaultEniConfig = "default";

    /// <summary>ENIConfigs by availability zone: zone name (or <see cref="DefaultEniConfig"/>) -> subnet id (custom networking).</summary>
    public IReadOnlyDictionary<string, string> EniConfigs { get; init; } = new Dictionary<string, string>();

    /// <summary>ENABLE_POD_ENI (security groups for pods).</summary>
    public bool SecurityGroupsForPods { get; init; }

    /// <summary>ENABLE_SUBNET_DISCOVERY (on by default since 1.18; never with custom networking).</summary>
    public bool SubnetDiscovery { get; init; } = true;

    /// <summary>IP_COOLDOWN_PERIOD in seconds.</summary>
    public int IpCooldownSeconds { get; init; } = 30;

    /// <summary>AWS_VPC_K8S_CNI_EXTERNALSNAT.</summary>
    public bool ExternalSnat { get; init; }

    /// <summary>
    /// EKS Auto Mode's own networking instead of the VPC CNI add-on (<see cref="AutoModeNetworking"/>): prefixes first,
    /// single addresses when no /28 is free, max pods at most 110. Built by <see cref="AutoModeNetworking.Settings"/>.
    /// </summary>
    public bool AutoMode { get; init; }

    /// <summary>
    /// ENABLE_MULTI_NIC (VPC CNI 1.20+): every network card but the default one and EFA-only ones gets its own ENI and
    /// pool (<see cref="NetworkCards"/>).
    /// </summary>
    public bool MultiNic { get; init; }

    /// <summary>
    /// Network cards launched with only an EFA-only interface: ipamd leaves them alone. The catalog cannot say which
    /// cards these are (it is how the node was launched, not the type), so the scenario names them.
    /// </summary>
    public IReadOnlyList<int> EfaOnlyCards { get; init; } = [];

    /// <summary>
    /// CLUSTER_NAME as aws-node sees it: null means the cluster's own name (what the scenario assumes unless told),
    /// "" means unset, so subnet discovery reads no cluster tag (pkg/awsutils/awsutils.go:1298-1301@b521883).
    /// </summary>
    public string? ClusterName { get; init; }

    /// <summary>CLUSTER_NAME for a cluster named <paramref name="cluster"/>: <see cref="ClusterName"/> when set, else the cluster's name.</summary>
    public string ClusterNameFor(string cluster) => ClusterName ?? cluster;

    /// <summary>True when WARM_IP_TARGET or MINIMUM_IP_TARGET is set: then they size the pool and WARM_ENI/PREFIX_TARGET are ignored.</summary>
    public bool IpTargetsDefined => WarmIpTarget > 0 || MinimumIpTarget > 0;

    /// <summary>
    /// The subnet id whose ENIs carry the pods of a node in <paramref name="zone"/> under custom networking: the
    /// zone's ENIConfig, else the one named <see cref="DefaultEniConfig"/> (docs/rules.md, "The default ENIConfig"). Null when custom
    /// networking is off or no ENIConfig applies.
    /// </summary>
    public string? EniConfigSubnetFor(string zone) =>
        CustomNetworking && (EniConfigs.TryGetValue(zone, out var id) || EniConfigs.TryGetValue(DefaultEniConfig, out id)) ? id : null;

    /// <summary>The subnet id pods of a node in subnet <paramref name="nodeSubnetId"/> (in <paramref name="zone"/>) get their IPs from.</summary>
    public string PodSubnetFor(string nodeSubnetId, string zone) => EniConfigSubnetFor(zone) ?? nodeSubnetId;

    /// <summary>
    /// The mode the CNI really runs in on nodes of <paramref name="nodeTypes"/> (<see cref="CniMode"/>), with the
    /// settings that size its pool, for one-line summaries: "prefix delegation (WARM_PREFIX_TARGET=1)", or "secondary
    /// IPs (WARM_ENI_TARGET=1, prefix delegation ignored: VPC CNI 1.8.0 is older than 1.9.0)" when
    /// ENABLE_PREFIX_DELEGATION is set but the nodes fall back (an old release, or types that are neither Nitro nor
    /// bare metal).
    /// </summary>
    public string Describe(IEnumerable<InstanceType> nodeTypes)
    {
        ArgumentNullException.ThrowIfNull(nodeTypes);
        var types = nodeTypes.DistinctBy(t => t.Name).ToList();
        var modes = types.Select(t => (Type: t, Mode: CniMode.Of(t, this))).ToList();
        var fallback = modes.Where(m => m.Mode.Reason == CniModeReason.InstanceType).Select(m => m.Type.Name).ToList();
        var prefixMode = PrefixDelegation && Behaviour.PrefixDelegation && (types.Count == 0 || modes.Any(m => m.Mode.PrefixMode));
        string? note = null;
        if (PrefixDelegation && !Behaviour.PrefixDelegation)
        {
            note = $"prefix delegation ignored: VPC CNI {Version} is older than {CniVersion.PrefixDelegation}";
        }
        else if (fallback.Count > 0)
        {
            var which = $"{string.Join(", ", fallback)} {(fallback.Count == 1 ? "is" : "are")} neither Nitro nor bare metal";
            note = prefixMode ? $"secondary IPs on {which}" : $"prefix delegation ignored: {which}";
        }

        var extras = new List<string>
        {
            IpTargetsDefined
                ? string.Create(CultureInfo.InvariantCulture, $"WARM_IP_TARGET={WarmIpTarget}, MINIMUM_IP_TARGET={MinimumIpTarget}")
                : prefixMode
                    ? string.Create(CultureInfo.InvariantCulture, $"WARM_PREFIX_TARGET={WarmPrefixTarget}")
                    : string.Create(CultureInfo.InvariantCulture, $"WARM_ENI_TARGET={WarmEniTarget}"),
        };
        if (note is not null)
        {
            extras.Add(note);
        }

        if (CustomNetworking)
        {
            extras.Add(string.Create(CultureInfo.InvariantCulture, $"custom networking with {EniConfigs.Count} ENIConfig{(EniConfigs.Count == 1 ? "" : "s")}"));
        }

        if (SecurityGroupsForPods)
        {
            extras.Add("security groups for pods");
        }

        if (MultiNic && !AutoMode && Version >= CniVersion.MultiNic)
        {
            extras.Add(EfaOnlyCards.Count == 0
                ? "multi-NIC"
                : $"multi-NIC without EFA-only card{(EfaOnlyCards.Count == 1 ? "" : "s")} {string.Join(", ", EfaOnlyCards.Select(c => c.ToString(CultureInfo.InvariantCulture)))}");
        }

        return $"{(prefixMode ? "prefix delegation" : "secondary IPs")} ({string.Join(", ", extras)})";
    }
}
