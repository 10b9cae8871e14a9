using IpPlanner.Core.Catalog;

namespace IpPlanner.Core.Cni;

/// <summary>Why a node runs in the CNI mode it does (<see cref="CniMode"/>).</summary>
public enum CniModeReason
{
    /// <summary>ENABLE_PREFIX_DELEGATION as set: on, prefix mode; off, secondary IPs.</summary>
    Setting,

    /// <summary>Prefix delegation is asked for, but the instance type is neither Nitro nor bare metal: ipamd falls back to secondary IPs.</summary>
    InstanceType,

    /// <summary>Prefix delegation is asked for, but the VPC CNI is older than 1.9.0, which does not know the setting.</summary>
    CniVersion,
}

/// <summary>
/// The mode the VPC CNI really runs in on a node, prefix delegation or secondary IPs, and why: the one place that
/// decides it from the instance type, the CNI release and ENABLE_PREFIX_DELEGATION (docs/rules.md, "Prefix delegation
/// only on Nitro"). Max pods, the node engine, the findings, the plan's /28 checks and block maps, the knob advice,
/// recommend's strategies and sizing, the scale curve and the importer all ask it, so no consumer reads the setting
/// alone. <c>default</c> is secondary IPs as set.
/// </summary>
public readonly record struct CniMode(bool PrefixMode, CniModeReason Reason)
{
    /// <summary>The mode of a node of <paramref name="type"/> under <paramref name="settings"/>.</summary>
    public static CniMode Of(InstanceType type, CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Of(type, settings.PrefixDelegation, settings.Version);
    }

    /// <summary>The mode of a node of <paramref name="type"/> with prefix delegation asked for or not, on <paramref name="version"/>.</summary>
    public static CniMode Of(InstanceType type, bool prefixDelegation, CniVersion version)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!prefixDelegation)
        {
            return new CniMode(false, CniModeReason.Setting);
        }

        // pkg/ipamd/ipamd.go:2777@b521883 (isConfigValid): a type that is not Nitro falls back to secondary IPs; before
        // 1.9.0 there was no prefix delegation to fall back from.
        if (!new CniBehaviour(version).PrefixDelegation)
        {
            return new CniMode(false, CniModeReason.CniVersion);
        }

        return type.SupportsPrefixDelegation ? new CniMode(true, CniModeReason.Setting) : new CniMode(false, CniModeReason.InstanceType);
    }

    /// <summary>True when prefix delegation is asked for and not used.</summary>
    public bool PrefixIgnored => Reason != CniModeReason.Setting;

    /// <summary>"prefix delegation" or "secondary IPs", the words every output uses for the mode.</summary>
    public string Words => PrefixMode ? "prefix delegation" : "secondary IPs";

    /// <summary>
    /// The mode as every JSON names it (<c>node</c>'s <c>mode</c>, the plan's and the scale curve's
    /// <c>nodeGroups[].mode</c>): <c>prefix</c> or <c>secondary-ip</c>, with <c>+custom-networking</c> when pods take their
    /// addresses from the ENIConfig subnets.
    /// </summary>
    public string Name(bool customNetworking) => Name(PrefixMode, customNetworking);

    /// <summary>The mode's name (<see cref="Name(bool)"/>) for a node that runs prefix mode or not.</summary>
    public static string Name(bool prefixMode, bool customNetworking) =>
        (prefixMode ? "prefix" : "secondary-ip") + (customNetworking ? "+custom-networking" : "");
}
