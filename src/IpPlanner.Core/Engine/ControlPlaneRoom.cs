using System.Globalization;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Engine;

/// <summary>
/// The free addresses EKS asks for in each cluster subnet, and the one finding about them (docs/rules.md, "Control
/// plane room"): a version update of a running cluster needs up to 5 (it replaces the control plane ENIs); choosing
/// the subnets (creating the cluster, or giving it new subnets) asks 6; AWS recommends 16. The plan checks today's
/// free addresses, the upgrade simulation the roll's peak.
/// </summary>
public static class ControlPlaneRoom
{
    /// <summary>Free addresses in each cluster subnet a control-plane version update needs.</summary>
    public const int UpdateNeeds = 5;

    /// <summary>Free addresses in each subnet EKS asks for when the subnets are chosen (cluster creation or new subnets).</summary>
    public const int ChooseNeeds = 6;

    /// <summary>Free addresses AWS recommends in each cluster subnet.</summary>
    public const int Recommended = 16;

    /// <summary>The finding about a cluster subnet of a running cluster with <paramref name="free"/> free addresses, or null when it has room.</summary>
    internal static Finding? Check(string subnetId, int free)
    {
        ArgumentNullException.ThrowIfNull(subnetId);
        if (free < UpdateNeeds)
        {
            return Blocked(subnetId, free, "");
        }

        if (free < ChooseNeeds)
        {
            return new Finding(FindingCodes.ControlPlaneSubnetFull, Severity.Warning, $"subnet {subnetId}",
                $"cluster subnet {subnetId} has {N(free)} free IPs: enough for a version update ({UpdateNeeds}), not for choosing it as a cluster subnet again (EKS asks {ChooseNeeds} when a cluster is created or its subnets change); AWS recommends {Recommended}");
        }

        return free < Recommended
            ? new Finding(FindingCodes.ControlPlaneSubnetLow, Severity.Warning, $"subnet {subnetId}",
                $"cluster subnet {subnetId} has {N(free)} free IPs; AWS recommends at least {Recommended} (an upgrade needs {UpdateNeeds}, the control plane {ChooseNeeds})")
            : null;
    }

    /// <summary>The finding about a cluster subnet at the peak of a node roll: only a version update that would fail is one.</summary>
    internal static Finding? AtPeak(string subnetId, int free)
    {
        ArgumentNullException.ThrowIfNull(subnetId);
        return free < UpdateNeeds ? Blocked(subnetId, free, " at the roll's peak") : null;
    }

    private static Finding Blocked(string subnetId, int free, string moment) =>
        new(FindingCodes.ControlPlaneUpgradeBlocked, Severity.Error, $"subnet {subnetId}",
            $"cluster subnet {subnetId} has {N(free)} free IPs{moment}; a version upgrade needs {UpdateNeeds}");

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
