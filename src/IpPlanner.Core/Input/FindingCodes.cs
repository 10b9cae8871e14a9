namespace IpPlanner.Core.Input;

/// <summary>
/// The one catalogue of finding codes, whoever raises the finding: the scenario loader, the node model and the plan.
/// Each code is a constant here and an entry of <see cref="All"/>, which says its severity, the docs/rules.md section
/// of its rule and what it reports. Messages may be reworded; codes are not, so tests, scripts and suppressions match
/// on these.
/// </summary>
internal static class FindingCodes
{
    // The file as YAML.

    public const string YamlSyntax = "yaml-syntax";

    public const string EmptyDocument = "empty-document";

    public const string MultipleDocuments = "multiple-documents";

    // Keys and types.

    public const string UnknownKey = "unknown-key";

    public const string DuplicateKey = "duplicate-key";

    public const string MissingField = "missing-field";

    public const string WrongType = "wrong-type";

    public const string InvalidValue = "invalid-value";

    public const string OutOfRange = "out-of-range";

    // Addresses.

    public const string CidrInvalid = "cidr-invalid";

    public const string CidrHostBits = "cidr-host-bits";

    public const string CidrSize = "cidr-size";

    public const string VpcCidrOverlap = "vpc-cidr-overlap";

    public const string VpcCidrQuota = "vpc-cidr-quota";

    public const string ZoneNameUnknown = "zone-name-unknown";

    public const string ZonesInSeveralRegions = "zones-in-several-regions";

    public const string SubnetOutsideVpc = "subnet-outside-vpc";

    public const string SubnetOverlap = "subnet-overlap";

    public const string DuplicateSubnetId = "duplicate-subnet-id";

    public const string InUseExceedsSubnet = "in-use-exceeds-subnet";

    public const string TakenOutsideSubnet = "taken-outside-subnet";

    public const string TakenOverlap = "taken-overlap";

    public const string TakenReserved = "taken-reserved";
    public const string ReservationOutsideSubnet = "reservation-outside-subnet";

    public const string ReservationOverlap = "reservation-overlap";

    // References and names.

    public const string UnknownSubnet = "unknown-subnet";

    public const string DuplicateName = "duplicate-name";

    public const string UnknownInstanceType = "unknown-instance-type";

    public const string OneSubnetPerZone = "one-subnet-per-zone";

    public const string AlbZones = "alb-zones";

    // Counts.

    public const string UpdateConfigConflict = "update-config-conflict";
    public const string MaxNodesBelowNodes = "max-nodes-below-nodes";

    public const string GrowthInvalid = "growth-invalid";

    public const string GrowthWithoutPodsPerNode = "growth-without-pods-per-node";

    // Cluster and CNI.

    public const string ControlPlaneZones = "control-plane-zones";

    public const string NoNodeGroups = "no-node-groups";

    public const string ControlPlaneSubnetsUnchosen = "control-plane-subnets-unchosen";

    public const string CniVersionInvalid = "cni-version-invalid";

    public const string CniVersionUnmodelled = "cni-version-unmodelled";

    public const string CniUpgradeMovesPods = "cni-upgrade-moves-pods";
    public const string Ipv6CustomNetworking = "ipv6-custom-networking";

    public const string Ipv6RequiresPrefixDelegation = "ipv6-requires-prefix-delegation";

    public const string Ipv6InstanceTypeUnsupported = "ipv6-instance-type-unsupported";

    public const string EniConfigMissing = "eniconfig-missing";

    public const string EniConfigZoneMismatch = "eniconfig-zone-mismatch";

    public const string EniConfigIgnored = "eniconfig-ignored";

    public const string PrefixDelegationUnsupported = "prefix-delegation-unsupported";

    public const string PrefixDelegationVersion = "prefix-delegation-version";

    public const string PrefixTargetsZero = "prefix-targets-zero";

    public const string SecurityGroupsForPodsDisabled = "sgp-disabled";

    public const string SecurityGroupsForPodsUnsupported = "sgp-unsupported-type";

    public const string SecurityGroupsForPodsTrunkingUnknown = "sgp-trunking-unknown";

    public const string SecurityGroupsForPodsExceedBranches = "sgp-exceeds-branch-enis";

    public const string FargatePublicSubnet = "fargate-public-subnet";

    public const string GatewayEndpointSubnets = "gateway-endpoint-subnets";

    public const string NatPrivateSubnet = "nat-private-subnet";

    public const string ExternalSnatWithoutNat = "external-snat-no-nat";

    public const string UnknownNodeGroup = "unknown-node-group";

    // Pod requests and DaemonSets.

    public const string PodsPerNodeAndRequests = "pods-per-node-and-requests";

    public const string EmptyPodRequests = "empty-pod-requests";

    public const string RequestsUnknownCapacity = "requests-unknown-capacity";

    public const string NodeGroupTypeAndTypes = "nodegroup-type-and-types";
    public const string NodePoolTypesAndRequirements = "nodepool-types-and-requirements";

    public const string NodePoolNoTypes = "nodepool-no-types";

    public const string MultiNicIgnored = "multi-nic-ignored";

    // EKS Auto Mode.

    public const string AutoModeWarmPoolSettings = "auto-mode-warm-pool-settings";

    public const string AutoModeSettingIgnored = "auto-mode-setting-ignored";

    public const string AutoModePodSubnetMissing = "auto-mode-pod-subnet-missing";

    public const string AutoModeSingleAddresses = "auto-mode-single-addresses";
    public const string HostNetworkWithDaemonSets = "host-network-with-daemonsets";

    // The node model (node, and the plan for each node group).

    public const string WarmPoolOscillates = "warm-pool-oscillates";

    public const string WarmPoolUnsettled = "warm-pool-unsettled";

    public const string PlacementChangesCount = "placement-changes-count";

    public const string MinimumIpTargetAlone = "minimum-ip-target-alone";

    public const string WarmIpTargetWastesPrefix = "warm-ip-target-wastes-prefix";

    public const string WarmEniTargetIdleIps = "warm-eni-target-idle-ips";

    public const string MaxPodsAboveEniSupply = "max-pods-above-eni-supply";

    public const string PodsFailed = "pods-failed";

    // The plan.

    public const string SubnetInfrastructureShortfall = "subnet-infrastructure-shortfall";

    public const string ControlPlaneUpgradeBlocked = "control-plane-upgrade-blocked";
    public const string ControlPlaneSubnetFull = "control-plane-subnet-full";

    public const string ControlPlaneSubnetLow = "control-plane-subnet-low";

    public const string PlannedPodsDoNotFit = "planned-pods-do-not-fit";

    public const string PodsPending = "pods-pending";

    public const string LaunchOrderMargin = "launch-order-margin";

    public const string DisruptionBudgetBlocksDrift = "disruption-budget-blocks-drift";

    public const string PodsWithoutIp = "pods-without-ip";
    public const string SubnetExhaustsBeforeMaxNodes = "subnet-exhausts-before-max-nodes";

    public const string PodsPerNodeAboveCapacity = "pods-per-node-above-capacity";

    public const string NoFreePrefix = "no-free-prefix";

    public const string PrefixFragmentation = "prefix-fragmentation";

    public const string LoadBalancerSubnetTooSmall = "load-balancer-subnet-too-small";

    public const string LoadBalancerSubnetFull = "load-balancer-subnet-full";

    public const string LoadBalancerSubnetUntagged = "load-balancer-subnet-untagged";

    // Several clusters, the VPC CNI's cluster tags, Network Address Usage, unmanaged ENIs.
    public const string ClustersWithTopLevelCluster = "clusters-with-top-level-cluster";
    public const string ClusterTagIgnored = "cluster-tag-ignored";
    public const string SubnetReservedForOtherCluster = "subnet-reserved-for-other-cluster";
    public const string EniConfigSubnetExcluded = "eniconfig-subnet-excluded";
    public const string UnmanagedEnisAboveLimit = "unmanaged-enis-above-limit";
    public const string UnmanagedEnisLeaveNoPodEni = "unmanaged-enis-leave-no-pod-eni";
    public const string UnmanagedEnisBelowMaxPods = "unmanaged-enis-below-max-pods";
    public const string NetworkAddressUsageQuota = "network-address-usage-quota";
    public const string PeeredNetworkAddressUsageQuota = "peered-network-address-usage-quota";
    public const string NetworkAddressUsageBeforeMaxNodes = "network-address-usage-before-max-nodes";
    public const string NetworkInterfacesRegionQuota = "network-interfaces-region-quota";

    /// <summary>
    /// Every code with its severity, the docs/rules.md section that states its rule, and what it says, in the order
    /// above. A finding's severity comes from here (<see cref="SeverityOf"/>), and a test holds docs/rules.md's
    /// findings table to it.
    /// </summary>
    public static IReadOnlyList<FindingRule> All { get; } =
    [
        new(FindingCodes.YamlSyntax, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "Not well-formed YAML or JSON."),
        new(FindingCodes.EmptyDocument, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "The file holds no document at all."),
        new(FindingCodes.MultipleDocuments, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "More than one YAML document ('---')."),
        new(FindingCodes.UnknownKey, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "A key the format does not know (with a did-you-mean)."),
        new(FindingCodes.DuplicateKey, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "The same key twice in one mapping."),
        new(FindingCodes.MissingField, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "A required field is absent."),
        new(FindingCodes.WrongType, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "A value of the wrong kind: a string where a number goes, a scalar where a list goes, …"),
        new(FindingCodes.InvalidValue, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "A string outside a fixed set (ipFamily, load balancer type, …)."),
        new(FindingCodes.OutOfRange, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "A number below its minimum or absurdly large."),
        new(FindingCodes.CidrInvalid, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "Not an IPv4 CIDR (or address)."),
        new(FindingCodes.CidrHostBits, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "A CIDR with host bits set (10.0.0.5/24): EC2 rejects it."),
        new(FindingCodes.CidrSize, Severity.Error, "subnet-sizes-16-to-28-checked-before-anything-is-counted", "A VPC CIDR or subnet outside /16 to /28."),
        new(FindingCodes.VpcCidrOverlap, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "Two VPC CIDR blocks overlap."),
        new(FindingCodes.VpcCidrQuota, Severity.Warning, "vpc-cidr-blocks-sizes-and-quota", "More VPC CIDR blocks than the default quota of 5."),
        new(FindingCodes.ZoneNameUnknown, Severity.Warning, "zone-names-and-one-region-per-vpc", "A zone that is not an AWS zone name (region plus letter, or a Local/Wavelength Zone)."),
        new(FindingCodes.ZonesInSeveralRegions, Severity.Warning, "zone-names-and-one-region-per-vpc", "The subnets' zones lie in more than one region; a VPC lives in one."),
        new(FindingCodes.SubnetOutsideVpc, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "A subnet outside every VPC CIDR block."),
        new(FindingCodes.SubnetOverlap, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "Two subnets overlap."),
        new(FindingCodes.DuplicateSubnetId, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "Two subnets with the same id."),
        new(FindingCodes.InUseExceedsSubnet, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "inUse plus taken is more than the subnet can hold."),
        new(FindingCodes.TakenOutsideSubnet, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "A taken address or block outside its subnet."),
        new(FindingCodes.TakenOverlap, Severity.Error, "taken-addresses-exact-once-never-awss", "Two taken entries overlap: an address held twice, which the engine cannot build."),
        new(FindingCodes.ReservationOutsideSubnet, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "A CIDR reservation outside its subnet."),
        new(FindingCodes.ReservationOverlap, Severity.Error, "cidrs-overlaps-and-what-is-already-taken", "Two CIDR reservations of one subnet overlap."),
        new(FindingCodes.UnknownSubnet, Severity.Error, "references-names-and-counts", "A subnet id used but not defined under subnets."),
        new(FindingCodes.DuplicateName, Severity.Error, "references-names-and-counts", "Two node groups (or profiles, load balancers) with the same name."),
        new(FindingCodes.UnknownInstanceType, Severity.Error, "references-names-and-counts", "An instance type the catalog does not know."),
        new(FindingCodes.OneSubnetPerZone, Severity.Error, "references-names-and-counts", "One consumer given two subnets in the same zone (EC2 allows one per zone)."),
        new(FindingCodes.AlbZones, Severity.Error, "load-balancers-endpoints-nat-gateways-and-fargate", "An Application Load Balancer in fewer than two zones."),
        new(FindingCodes.MaxNodesBelowNodes, Severity.Error, "references-names-and-counts", "maxNodes below nodes."),
        new(FindingCodes.GrowthInvalid, Severity.Error, "runway-the-month-each-subnet-runs-out-as-pods-grow", "nodeGroups[].growth or nodePools[].growth is not a growth rate."),
        new(FindingCodes.GrowthWithoutPodsPerNode, Severity.Error, "runway-the-month-each-subnet-runs-out-as-pods-grow", "nodeGroups[].growth on a group without podsPerNode."),
        new(FindingCodes.ControlPlaneZones, Severity.Error, "control-plane-subnets-at-least-two-zones-or-not-chosen-yet", "Control plane subnets in fewer than two zones."),
        new(FindingCodes.NoNodeGroups, Severity.Warning, "nothing-to-place-free-room-per-zone", "Neither node groups nor Fargate profiles: nothing to place, only free room to report."),
        new(FindingCodes.ControlPlaneSubnetsUnchosen, Severity.Warning, "control-plane-subnets-at-least-two-zones-or-not-chosen-yet", "An empty controlPlaneSubnets list: a cluster still to be created, whose subnets are not picked yet."),
        new(FindingCodes.CniVersionInvalid, Severity.Error, "the-scenario-file-syntax-keys-types-and-values", "cni.version is not a version."),
        new(FindingCodes.Ipv6CustomNetworking, Severity.Error, "ipv6-clusters", "IPv6 with custom networking (the CNI does not support it)."),
        new(FindingCodes.Ipv6RequiresPrefixDelegation, Severity.Error, "ipv6-clusters", "IPv6 without prefix delegation (IPv6 always uses it)."),
        new(FindingCodes.Ipv6InstanceTypeUnsupported, Severity.Error, "ipv6-clusters", "IPv6 on a type that is neither Nitro nor bare metal: it cannot do the prefix delegation IPv6 needs."),
        new(FindingCodes.EniConfigMissing, Severity.Error, "the-default-eniconfig", "Custom networking with nodes in a zone that has no ENIConfig."),
        new(FindingCodes.EniConfigZoneMismatch, Severity.Error, "the-default-eniconfig", "An ENIConfig whose subnet is in another zone than the nodes it serves."),
        new(FindingCodes.EniConfigIgnored, Severity.Warning, "the-default-eniconfig", "ENIConfigs given while custom networking is off (warning)."),
        new(FindingCodes.PrefixDelegationUnsupported, Severity.Warning, "prefix-delegation-only-on-nitro-and-bare-metal-cni-19", "Prefix delegation on a type that is neither Nitro nor bare metal (warning: it silently falls back)."),
        new(FindingCodes.PrefixDelegationVersion, Severity.Warning, "prefix-delegation-only-on-nitro-and-bare-metal-cni-19", "Prefix delegation with a VPC CNI older than 1.9 (warning: ignored)."),
        new(FindingCodes.PrefixTargetsZero, Severity.Warning, "ipamd-refuses-to-start", "Prefix delegation with WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET all 0: aws-node refuses to start."),
        new(FindingCodes.SecurityGroupsForPodsDisabled, Severity.Error, "security-groups-for-pods", "Security-group pods without ENABLE_POD_ENI."),
        new(FindingCodes.SecurityGroupsForPodsUnsupported, Severity.Error, "security-groups-for-pods", "Security-group pods on a type without branch ENIs."),
        new(FindingCodes.SecurityGroupsForPodsTrunkingUnknown, Severity.Warning, "security-groups-for-pods", "Security-group pods on a type the catalog has no branch-ENI count for (warning: it may not trunk)."),
        new(FindingCodes.SecurityGroupsForPodsExceedBranches, Severity.Warning, "security-groups-for-pods", "More security-group pods per node than the type has branch ENIs (warning)."),
        new(FindingCodes.FargatePublicSubnet, Severity.Error, "load-balancers-endpoints-nat-gateways-and-fargate", "A Fargate profile on a public subnet."),
        new(FindingCodes.GatewayEndpointSubnets, Severity.Warning, "load-balancers-endpoints-nat-gateways-and-fargate", "A gateway endpoint listed with subnets (it takes no subnet IPs; warning)."),
        new(FindingCodes.NatPrivateSubnet, Severity.Warning, "load-balancers-endpoints-nat-gateways-and-fargate", "A NAT gateway in a private subnet (warning)."),
        new(FindingCodes.ExternalSnatWithoutNat, Severity.Warning, "external-snat-needs-a-nat-gateway", "External SNAT with no NAT gateway in the scenario (warning)."),
        new(FindingCodes.UnknownNodeGroup, Severity.Error, "references-names-and-counts", "A workload names a node group that does not exist."),
        new(FindingCodes.PodsPerNodeAndRequests, Severity.Error, "pods-per-node-from-requests-and-daemonsets", "A node group gives both podsPerNode and podRequests (one or the other)."),
        new(FindingCodes.EmptyPodRequests, Severity.Error, "pods-per-node-from-requests-and-daemonsets", "podRequests with neither CPU nor memory."),
        new(FindingCodes.RequestsUnknownCapacity, Severity.Error, "pods-per-node-from-requests-and-daemonsets", "A request for a resource the instance type's catalog entry does not know (vCPUs or memory)."),
        new(FindingCodes.NodePoolTypesAndRequirements, Severity.Error, "karpenter-nodepools-which-nodes-launch", "A NodePool with both instanceTypes and requirements."),
        new(FindingCodes.NodePoolNoTypes, Severity.Warning, "karpenter-nodepools-which-nodes-launch", "A NodePool whose instanceTypes or requirements allow no type of the catalog."),
        new(FindingCodes.HostNetworkWithDaemonSets, Severity.Error, "pods-per-node-from-requests-and-daemonsets", "hostNetworkPodsPerNode beside a daemonSets list, which already says which pods use the host network."),
        new(FindingCodes.WarmPoolOscillates, Severity.Warning, "the-warm-pool-tick-eni-minimum-lifetime-and-the-warm_eni_target0-oscillation", "WARM_ENI_TARGET=0 with the pool exactly used up: ipamd frees an ENI and attaches one again, over and over."),
        new(FindingCodes.WarmPoolUnsettled, Severity.Warning, "the-warm-pool-tick-eni-minimum-lifetime-and-the-warm_eni_target0-oscillation", "The warm pool still changing after <c>VpcCniNode.SettleStepLimit</c> reconcile steps."),
        new(FindingCodes.PlacementChangesCount, Severity.Info, "pod-placement", "Prefix mode: the random map walk of ipamd changes how many /28s the node holds."),
        new(FindingCodes.MinimumIpTargetAlone, Severity.Warning, "warm-targets-and-whole-28s", "MINIMUM_IP_TARGET without WARM_IP_TARGET."),
        new(FindingCodes.WarmIpTargetWastesPrefix, Severity.Warning, "warm-targets-and-whole-28s", "WARM_IP_TARGET of a whole /28 or more in prefix mode."),
        new(FindingCodes.WarmEniTargetIdleIps, Severity.Info, "knob-advice", "WARM_ENI_TARGET holding whole ENIs of idle IPs that the advised IP targets would free."),
        new(FindingCodes.MaxPodsAboveEniSupply, Severity.Warning, "max-pods-and-host-network-pods", "Kubelet max pods above what the ENIs can supply."),
        new(FindingCodes.PodsFailed, Severity.Error, "failure-reasons-what-stopped-the-next-pod", "Pods of the node that cannot get an IP."),
        new(FindingCodes.SubnetInfrastructureShortfall, Severity.Error, "what-takes-subnet-addresses", "A subnet with no room for a fixed consumer (control plane ENI, NAT gateway, endpoint, load balancer, Fargate, inUse)."),
        new(FindingCodes.ControlPlaneUpgradeBlocked, Severity.Error, "control-plane-room-5-free-for-an-update-6-to-choose-a-subnet", "A cluster subnet with fewer than the 5 free addresses a version update needs (now, or at a node roll's peak)."),
        new(FindingCodes.ControlPlaneSubnetFull, Severity.Warning, "control-plane-room-5-free-for-an-update-6-to-choose-a-subnet", "A cluster subnet with 5 free addresses: a version update works, choosing the subnet again (6) does not."),
        new(FindingCodes.ControlPlaneSubnetLow, Severity.Warning, "control-plane-subnets-at-least-two-zones-or-not-chosen-yet", "A cluster subnet with fewer than the 16 free addresses AWS recommends (warning)."),
        new(FindingCodes.PlannedPodsDoNotFit, Severity.Error, "nodes-that-fit-pod-capacity-first-exhausted", "Planned nodes of a group that cannot get their pods."),
        new(FindingCodes.SubnetExhaustsBeforeMaxNodes, Severity.Warning, "nodes-that-fit-pod-capacity-first-exhausted", "A subnet that runs out before its node group reaches maxNodes (warning)."),
        new(FindingCodes.PodsPerNodeAboveCapacity, Severity.Error, "max-pods-and-host-network-pods", "podsPerNode above the VPC-IP pods one node of the type holds."),
        new(FindingCodes.NoFreePrefix, Severity.Error, "whole-free-28s-and-fragmentation", "Prefix mode: a node subnet with no fully free aligned /28."),
        new(FindingCodes.PrefixFragmentation, Severity.Warning, "whole-free-28s-and-fragmentation", "Prefix mode: a fragmented node subnet with few fully free /28s left (warning)."),
        new(FindingCodes.LoadBalancerSubnetTooSmall, Severity.Warning, "load-balancers-endpoints-nat-gateways-and-fargate", "An ALB in a subnet smaller than /27 (warning)."),
        new(FindingCodes.LoadBalancerSubnetFull, Severity.Warning, "load-balancers-endpoints-nat-gateways-and-fargate", "An ALB in a subnet with fewer than 8 free addresses to scale into (warning)."),
        new(FindingCodes.LoadBalancerSubnetUntagged, Severity.Info, "load-balancers-endpoints-nat-gateways-and-fargate", "A load balancer's subnet without the role tag the AWS Load Balancer Controller discovers subnets by (info)."),
        new(FindingCodes.TakenReserved, Severity.Error, "taken-addresses-exact-once-never-awss", "A taken address that AWS reserves (the subnet's first four or last): nothing else can hold it."),
        new(FindingCodes.UpdateConfigConflict, Severity.Error, "node-group-updates-the-surge", "updateConfig with both maxUnavailable and maxUnavailablePercentage (EKS takes one)."),
        new(FindingCodes.CniVersionUnmodelled, Severity.Warning, "vpc-cni-versions", "A VPC CNI release older than 1.8.0, the oldest the node model follows."),
        new(FindingCodes.CniUpgradeMovesPods, Severity.Warning, "vpc-cni-versions", "Upgrading the scenario's VPC CNI to the current release crosses a change that leaves pods without an address."),
        new(FindingCodes.NodeGroupTypeAndTypes, Severity.Error, "a-managed-node-group-with-several-types", "A node group with both instanceType and instanceTypes."),
        new(FindingCodes.MultiNicIgnored, Severity.Warning, "multi-nic-a-pool-on-every-managed-card", "cni.multiNic or cni.efaOnlyCards that change nothing: a VPC CNI older than 1.20, Auto Mode, or EFA-only cards without multi-NIC."),
        new(FindingCodes.AutoModeWarmPoolSettings, Severity.Warning, "eks-auto-modes-networking", "The VPC CNI's warm-pool knobs set on an Auto Mode cluster: Auto Mode nodes have none."),
        new(FindingCodes.AutoModeSettingIgnored, Severity.Warning, "eks-auto-modes-networking", "A setting that does not apply: a nodeClass without Auto Mode, or maxPods / reservedEnis with it."),
        new(FindingCodes.AutoModePodSubnetMissing, Severity.Error, "eks-auto-modes-networking", "An Auto Mode NodePool with pod subnets but none in a zone where it launches nodes."),
        new(FindingCodes.AutoModeSingleAddresses, Severity.Info, "eks-auto-modes-networking", "An Auto Mode node found no free /28 and fell back to single addresses."),
        new(FindingCodes.PodsPending, Severity.Error, "pods-that-stay-pending", "Pods that stay pending: a NodePool that leaves pods unscheduled, DaemonSets larger than a node, or pod requests that leave no room beside the DaemonSets."),
        new(FindingCodes.LaunchOrderMargin, Severity.Info, "launch-order-one-at-a-time-or-a-burst", "A node group's planned nodes fare differently launched one at a time and at once."),
        new(FindingCodes.DisruptionBudgetBlocksDrift, Severity.Warning, "nodepool-drift-disruption-budgets", "A NodePool whose disruption budgets allow no drifted node to be replaced (simulate --upgrade)."),
        new(FindingCodes.PodsWithoutIp, Severity.Error, "karpenters-max-pods-and-pods-without-an-ip", "Pods a NodePool's nodes take (Karpenter counts max pods) that their ENIs cannot address: ContainerCreating."),
        new(FindingCodes.ClustersWithTopLevelCluster, Severity.Error, "several-clusters-in-one-vpc", "A file with a clusters list that also writes cluster, cni, nodeGroups, … at the top level."),
        new(FindingCodes.ClusterTagIgnored, Severity.Info, "the-cnis-cluster-tags", "Subnets carry cni.networking.k8s.aws/cluster/ tags that a cluster's VPC CNI does not read (before 1.22.1, or CLUSTER_NAME empty)."),
        new(FindingCodes.SubnetReservedForOtherCluster, Severity.Warning, "the-cnis-cluster-tags", "A node group's subnet is reserved for another cluster by its tags: no ENI goes there, the primary ENI gives no pod an IP."),
        new(FindingCodes.EniConfigSubnetExcluded, Severity.Error, "the-cnis-cluster-tags", "An ENIConfig's subnet is excluded by its tags (role/cni=0, or another cluster's tag): its ENIs give no pod an IP."),
        new(FindingCodes.UnmanagedEnisAboveLimit, Severity.Error, "unmanaged-enis", "More unmanaged ENIs than the instance type has ENIs besides the primary."),
        new(FindingCodes.UnmanagedEnisLeaveNoPodEni, Severity.Warning, "unmanaged-enis", "Unmanaged ENIs leave no ENI for pods under custom networking."),
        new(FindingCodes.UnmanagedEnisBelowMaxPods, Severity.Warning, "unmanaged-enis", "Unmanaged ENIs leave fewer pod IPs than kubelet's max pods, which the VPC CNI does not lower for them."),
        new(FindingCodes.NetworkAddressUsageQuota, Severity.Error, "network-address-usage", "The plan passes the VPC's Network Address Usage quota: a node cannot start or get its pods."),
        new(FindingCodes.PeeredNetworkAddressUsageQuota, Severity.Error, "network-address-usage", "The plan passes the quota of the VPC and its same-Region peers."),
        new(FindingCodes.NetworkAddressUsageBeforeMaxNodes, Severity.Warning, "network-address-usage", "Scaling toward maxNodes reaches a Network Address Usage quota before a group's maxNodes."),
        new(FindingCodes.NetworkInterfacesRegionQuota, Severity.Warning, "network-interfaces-per-region", "The plan's network interfaces pass the account's default Region quota of 5,000."),
    ];

    private static readonly Dictionary<string, FindingRule> s_byCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>The catalogue's entry for <paramref name="code"/>; throws for a code it does not have (a bug).</summary>
    public static FindingRule Rule(string code) =>
        s_byCode.TryGetValue(code, out var rule) ? rule : throw new ArgumentException($"'{code}' is not in the findings catalogue", nameof(code));

    /// <summary>The severity the catalogue gives <paramref name="code"/>.</summary>
    public static Severity SeverityOf(string code) => Rule(code).Severity;
}

/// <summary>
/// One entry of the findings catalogue: a stable code, its severity, the anchor of the docs/rules.md section that
/// states its rule, and in one sentence what it reports.
/// </summary>
internal sealed record FindingRule(string Code, Severity Severity, string Anchor, string Summary);
