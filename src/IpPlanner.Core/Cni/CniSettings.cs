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

    /// <summary>ENIConfigs by availability zone: zone name -> subnet id (custom networking).</summary>
    public IReadOnlyDictionary<string, string> EniConfigs { get; init; } = new Dictionary<string, string>();

    /// <summary>ENABLE_POD_ENI (security groups for pods).</summary>
    public bool SecurityGroupsForPods { get; init; }

    /// <summary>ENABLE_SUBNET_DISCOVERY (on by default since 1.18; never with custom networking).</summary>
    public bool SubnetDiscovery { get; init; } = true;

    /// <summary>IP_COOLDOWN_PERIOD in seconds.</summary>
    public int IpCooldownSeconds { get; init; } = 30;

    /// <summary>AWS_VPC_K8S_CNI_EXTERNALSNAT.</summary>
    public bool ExternalSnat { get; init; }

    /// <summary>True when WARM_IP_TARGET or MINIMUM_IP_TARGET is set: then they size the pool and WARM_ENI/PREFIX_TARGET are ignored.</summary>
    public bool IpTargetsDefined => WarmIpTarget > 0 || MinimumIpTarget > 0;
}
