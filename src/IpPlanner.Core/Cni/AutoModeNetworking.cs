using System.Globalization;

namespace IpPlanner.Core.Cni;

/// <summary>EKS Auto Mode's <c>advancedNetworking.ipv4PrefixSize</c>: how a node gets its pods' IPv4 addresses.</summary>
public enum Ipv4PrefixSize
{
    /// <summary><c>Auto</c> (the default): /28 prefixes, single addresses when the subnet has no free /28.</summary>
    Auto,

    /// <summary><c>"32"</c>: single secondary addresses only.</summary>
    SingleAddresses,
}

/// <summary>
/// EKS Auto Mode's pod networking as a node mode beside the VPC CNI's secondary-IP and prefix modes (docs/auto-mode.md):
/// the settings its nodes run with and the rule the node model follows when no /28 is free. AWS documents the
/// behaviour, not the numbers; each number here is IpPlanner's stated assumption:
/// <list type="bullet">
/// <item><c>Auto</c>: prefix delegation with one spare /28 (WARM_PREFIX_TARGET=1: "each node reserves 16 pod IPs").</item>
/// <item>When EC2 answers InsufficientCidrBlocks, the node falls back to single addresses for good, keeping one spare
/// address (WARM_IP_TARGET=1); the /28s it holds stay (<see cref="FallBack"/>).</item>
/// <item><c>"32"</c>: single addresses from the start, one spare (WARM_IP_TARGET=1).</item>
/// <item>Max pods: the VPC CNI's calculation for that mode, at most <see cref="MaxPodsCap"/>.</item>
/// <item><c>podSubnetSelectorTerms</c>: pod ENIs in the zone's pod subnet and none of the primary ENI's addresses
/// for pods, as custom networking runs them.</item>
/// <item>No warm-pool settings (the scenario's <c>cni</c> knobs do not reach Auto Mode nodes), no subnet discovery,
/// no security groups for pods.</item>
/// </list>
/// </summary>
public static class AutoModeNetworking
{
    /// <summary>EKS Auto Mode limits max pods to 110 after the max-pods calculation (EKS User Guide, create-node-class).</summary>
    public const int MaxPodsCap = 110;

    /// <summary>
    /// The settings an Auto Mode node runs with: prefix delegation for <see cref="Ipv4PrefixSize.Auto"/>, single
    /// addresses for <see cref="Ipv4PrefixSize.SingleAddresses"/>, and, when <paramref name="podSubnetsByZone"/> is not empty,
    /// pod ENIs in the zone's pod subnet (zone -> subnet id).
    /// </summary>
    public static CniSettings Settings(Ipv4PrefixSize prefixSize, IReadOnlyDictionary<string, string>? podSubnetsByZone = null)
    {
        var podSubnets = podSubnetsByZone ?? new Dictionary<string, string>();
        return new CniSettings
        {
            AutoMode = true,
            PrefixDelegation = prefixSize == Ipv4PrefixSize.Auto,
            WarmEniTarget = 0,
            WarmPrefixTarget = prefixSize == Ipv4PrefixSize.Auto ? 1 : 0,
            WarmIpTarget = prefixSize == Ipv4PrefixSize.Auto ? 0 : 1,
            MinimumIpTarget = 0,
            CustomNetworking = podSubnets.Count > 0,
            EniConfigs = podSubnets,
            SubnetDiscovery = false,
        };
    }

    /// <summary>
    /// The settings a node running <paramref name="settings"/> switches to when it falls back to single addresses:
    /// secondary-IP mode keeping one spare address (WARM_IP_TARGET=1).
    /// </summary>
    public static CniSettings FallBack(CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings with { PrefixDelegation = false, WarmPrefixTarget = 0, WarmIpTarget = 1, MinimumIpTarget = 0, WarmEniTarget = 0 };
    }

    /// <summary>"32" or "Auto", as a NodeClass writes it.</summary>
    public static string Name(Ipv4PrefixSize size) => size == Ipv4PrefixSize.SingleAddresses ? "32" : "Auto";

    /// <summary>Reads "Auto" or "32" (any case); false otherwise.</summary>
    public static bool TryParse(string? text, out Ipv4PrefixSize size)
    {
        switch (text?.Trim())
        {
            case { } t when string.Equals(t, "auto", StringComparison.OrdinalIgnoreCase):
                size = Ipv4PrefixSize.Auto;
                return true;
            case "32":
                size = Ipv4PrefixSize.SingleAddresses;
                return true;
            default:
                size = Ipv4PrefixSize.Auto;
                return false;
        }
    }

    /// <summary>"EKS Auto Mode, /28 prefixes (single addresses when no /28 is free)" for one-line summaries.</summary>
    public static string Describe(CniSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mode = settings.PrefixDelegation
            ? "/28 prefixes, single addresses when no /28 is free"
            : "single addresses (ipv4PrefixSize \"32\")";
        var pods = settings.CustomNetworking
            ? string.Create(CultureInfo.InvariantCulture, $", pods in {settings.EniConfigs.Count} pod subnet{(settings.EniConfigs.Count == 1 ? "" : "s")}")
            : "";
        return $"EKS Auto Mode ({mode}{pods})";
    }
}
