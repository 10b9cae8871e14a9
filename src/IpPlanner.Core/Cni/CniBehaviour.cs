namespace IpPlanner.Core.Cni;

/// <summary>
/// One VPC CNI release whose change altered what a node holds: the release, the change in words, and whether it
/// moves pods that ran before (an upgrade across it leaves some of them without an address).
/// </summary>
public sealed record CniChange(CniVersion Version, string Summary, bool MovesPods);

/// <summary>
/// What a VPC CNI release does where releases differ in the addresses a node holds: every version gate of the node
/// model in one place, so the node engine, max pods and the findings ask this type and never compare versions
/// themselves (docs/rules.md, "VPC CNI versions"; the upstream lines per gate are in docs/node-model.md).
/// </summary>
public readonly record struct CniBehaviour(CniVersion Version)
{
    /// <summary>
    /// The model follows this release: from <see cref="CniVersion.OldestModelled"/> (1.8.0) on. Older releases grew
    /// the pool by whole ENIs under WARM_IP_TARGET, and before 1.6.0 had no MINIMUM_IP_TARGET.
    /// </summary>
    public bool Modelled => Version >= CniVersion.OldestModelled;

    /// <summary>ENABLE_PREFIX_DELEGATION exists (1.9.0); older releases ignore it and use secondary IPs.</summary>
    public bool PrefixDelegation => Version >= CniVersion.PrefixDelegation;

    /// <summary>
    /// aws-node refuses prefix delegation with WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET at 0 even when
    /// WARM_IP_TARGET and MINIMUM_IP_TARGET are unset (1.12.1, cmd/aws-vpc-cni/main.go). From 1.9.0 to 1.12.0 the
    /// check was entrypoint.sh's, which compared the variables' text with "0" and so passed when they were unset.
    /// </summary>
    public bool RefusesUnsetPrefixTargets => Version >= CniVersion.PrefixTargetsZeroRefused;

    /// <summary>The warm pool stops growing once it holds kubelet max pods' worth of IPs (1.16.3).</summary>
    public bool StopsGrowthAtMaxPods => Version >= CniVersion.GrowthStopsAtMaxPods;

    /// <summary>With security groups for pods, ipamd also puts pod IPs (or /28s) on the trunk ENI: before 1.16.4.</summary>
    public bool TrunkCarriesPods => Version < CniVersion.TrunkCarriesNoPods;

    /// <summary>Subnet discovery exists and is on by default (1.18.0).</summary>
    public bool SubnetDiscovery => Version >= CniVersion.SubnetDiscovery;

    /// <summary>Subnet discovery reads the value of <c>kubernetes.io/role/cni</c> and the cluster tags (1.22.1).</summary>
    public bool EnhancedSubnetDiscovery => Version >= CniVersion.EnhancedSubnetDiscovery;

    /// <summary>
    /// With ENABLE_POD_ENI, ipamd keeps an ENI free for a trunk even on a type that cannot trunk, so such a node
    /// attaches one ENI fewer: before 1.20.4.
    /// </summary>
    public bool ReservesTrunkSlotOnAnyType => Version < CniVersion.TrunkSlotOnlyOnTrunkTypes;

    /// <summary>The releases that changed what a node holds, oldest first (docs/rules.md, "VPC CNI versions").</summary>
    public static IReadOnlyList<CniChange> Changes { get; } =
    [
        new(CniVersion.OldestModelled, "WARM_IP_TARGET grows the pool by the shortfall, not by a whole ENI", MovesPods: false),
        new(CniVersion.PrefixDelegation, "prefix delegation (ENABLE_PREFIX_DELEGATION, WARM_PREFIX_TARGET)", MovesPods: false),
        new(new CniVersion(1, 11, 3), "a cordoned node neither attaches nor frees ENIs", MovesPods: false),
        new(CniVersion.PrefixTargetsZeroRefused, "aws-node refuses prefix delegation with WARM_PREFIX_TARGET=0 when WARM_IP_TARGET and MINIMUM_IP_TARGET are unset", MovesPods: true),
        new(CniVersion.GrowthStopsAtMaxPods, "the warm pool stops growing at kubelet max pods", MovesPods: false),
        new(CniVersion.TrunkCarriesNoPods, "the trunk ENI gets no pod IPs or /28s (security groups for pods)", MovesPods: true),
        new(CniVersion.SubnetDiscovery, "subnet discovery: a new ENI goes to the tagged same-zone subnet with the most free addresses", MovesPods: false),
        new(CniVersion.TrunkSlotOnlyOnTrunkTypes, "no ENI is kept for a trunk on types that cannot trunk", MovesPods: false),
    ];

    /// <summary>The changes an upgrade from this release to <paramref name="target"/> crosses (after this release, up to the target).</summary>
    public IEnumerable<CniChange> ChangesUpTo(CniVersion target)
    {
        var from = Version;
        return Changes.Where(c => c.Version > from && c.Version <= target);
    }
}
