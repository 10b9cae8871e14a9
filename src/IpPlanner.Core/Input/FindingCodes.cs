namespace IpPlanner.Core.Input;

/// <summary>
/// The one catalogue of finding codes, whoever raises the finding: the scenario loader, the node model and the plan
/// (docs/rules.md names the rule behind each). Messages may be reworded; codes are not, so tests, scripts and
/// suppressions match on these.
/// </summary>
internal static class FindingCodes
{
    // The file as YAML.

    /// <summary>Not well-formed YAML or JSON.</summary>
    public const string YamlSyntax = "yaml-syntax";

    /// <summary>The file holds no document at all.</summary>
    public const string EmptyDocument = "empty-document";

    /// <summary>More than one YAML document ('---').</summary>
    public const string MultipleDocuments = "multiple-documents";

    // Keys and types.

    /// <summary>A key the format does not know (with a did-you-mean).</summary>
    public const string UnknownKey = "unknown-key";

    /// <summary>The same key twice in one mapping.</summary>
    public const string DuplicateKey = "duplicate-key";

    /// <summary>A required field is absent.</summary>
    public const string MissingField = "missing-field";

    /// <summary>A value of the wrong kind: a string where a number goes, a scalar where a list goes, …</summary>
    public const string WrongType = "wrong-type";

    /// <summary>A string outside a fixed set (ipFamily, load balancer type, …).</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>A number below its minimum or absurdly large.</summary>
    public const string OutOfRange = "out-of-range";

    // Addresses.

    /// <summary>Not an IPv4 CIDR (or address).</summary>
    public const string CidrInvalid = "cidr-invalid";

    /// <summary>A CIDR with host bits set (10.0.0.5/24): EC2 rejects it.</summary>
    public const string CidrHostBits = "cidr-host-bits";

    /// <summary>A VPC CIDR or subnet outside /16 to /28.</summary>
    public const string CidrSize = "cidr-size";

    /// <summary>Two VPC CIDR blocks overlap.</summary>
    public const string VpcCidrOverlap = "vpc-cidr-overlap";

    /// <summary>More VPC CIDR blocks than the default quota of 5.</summary>
    public const string VpcCidrQuota = "vpc-cidr-quota";

    /// <summary>A zone that is not an AWS zone name (region plus letter, or a Local/Wavelength Zone).</summary>
    public const string ZoneNameUnknown = "zone-name-unknown";

    /// <summary>The subnets' zones lie in more than one region; a VPC lives in one.</summary>
    public const string ZonesInSeveralRegions = "zones-in-several-regions";

    /// <summary>A subnet outside every VPC CIDR block.</summary>
    public const string SubnetOutsideVpc = "subnet-outside-vpc";

    /// <summary>Two subnets overlap.</summary>
    public const string SubnetOverlap = "subnet-overlap";

    /// <summary>Two subnets with the same id.</summary>
    public const string DuplicateSubnetId = "duplicate-subnet-id";

    /// <summary>inUse plus taken is more than the subnet can hold.</summary>
    public const string InUseExceedsSubnet = "in-use-exceeds-subnet";

    /// <summary>A taken address or block outside its subnet.</summary>
    public const string TakenOutsideSubnet = "taken-outside-subnet";

    /// <summary>Two taken entries overlap (addresses counted twice).</summary>
    public const string TakenOverlap = "taken-overlap";

    /// <summary>A CIDR reservation outside its subnet.</summary>
    public const string ReservationOutsideSubnet = "reservation-outside-subnet";

    /// <summary>Two CIDR reservations of one subnet overlap.</summary>
    public const string ReservationOverlap = "reservation-overlap";

    // References and names.

    /// <summary>A subnet id used but not defined under subnets.</summary>
    public const string UnknownSubnet = "unknown-subnet";

    /// <summary>Two node groups (or profiles, load balancers) with the same name.</summary>
    public const string DuplicateName = "duplicate-name";

    /// <summary>An instance type the catalog does not know.</summary>
    public const string UnknownInstanceType = "unknown-instance-type";

    /// <summary>One consumer given two subnets in the same zone (EC2 allows one per zone).</summary>
    public const string OneSubnetPerZone = "one-subnet-per-zone";

    /// <summary>An Application Load Balancer in fewer than two zones.</summary>
    public const string AlbZones = "alb-zones";

    // Counts.

    /// <summary>maxNodes below nodes.</summary>
    public const string MaxNodesBelowNodes = "max-nodes-below-nodes";

    /// <summary>nodeGroups[].growth or nodePools[].growth is not a growth rate.</summary>
    public const string GrowthInvalid = "growth-invalid";

    /// <summary>nodeGroups[].growth on a group without podsPerNode.</summary>
    public const string GrowthWithoutPodsPerNode = "growth-without-pods-per-node";

    // Cluster and CNI.

    /// <summary>Control plane subnets in fewer than two zones.</summary>
    public const string ControlPlaneZones = "control-plane-zones";

    /// <summary>Neither node groups nor Fargate profiles: nothing to place, only free room to report.</summary>
    public const string NoNodeGroups = "no-node-groups";

    /// <summary>An empty controlPlaneSubnets list: a cluster still to be created, whose subnets are not picked yet.</summary>
    public const string ControlPlaneSubnetsUnchosen = "control-plane-subnets-unchosen";

    /// <summary>cni.version is not a version.</summary>
    public const string CniVersionInvalid = "cni-version-invalid";

    /// <summary>IPv6 with custom networking (the CNI does not support it).</summary>
    public const string Ipv6CustomNetworking = "ipv6-custom-networking";

    /// <summary>IPv6 without prefix delegation (IPv6 always uses it).</summary>
    public const string Ipv6RequiresPrefixDelegation = "ipv6-requires-prefix-delegation";

    /// <summary>Custom networking with nodes in a zone that has no ENIConfig.</summary>
    public const string EniConfigMissing = "eniconfig-missing";

    /// <summary>An ENIConfig whose subnet is in another zone than the nodes it serves.</summary>
    public const string EniConfigZoneMismatch = "eniconfig-zone-mismatch";

    /// <summary>ENIConfigs given while custom networking is off (warning).</summary>
    public const string EniConfigIgnored = "eniconfig-ignored";

    /// <summary>Prefix delegation on a type that is neither Nitro nor bare metal (warning: it silently falls back).</summary>
    public const string PrefixDelegationUnsupported = "prefix-delegation-unsupported";

    /// <summary>Prefix delegation with a VPC CNI older than 1.9 (warning: ignored).</summary>
    public const string PrefixDelegationVersion = "prefix-delegation-version";

    /// <summary>Prefix delegation with WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET all 0: aws-node refuses to start.</summary>
    public const string PrefixTargetsZero = "prefix-targets-zero";

    /// <summary>Security-group pods without ENABLE_POD_ENI.</summary>
    public const string SecurityGroupsForPodsDisabled = "sgp-disabled";

    /// <summary>Security-group pods on a type without branch ENIs.</summary>
    public const string SecurityGroupsForPodsUnsupported = "sgp-unsupported-type";

    /// <summary>More security-group pods per node than the type has branch ENIs (warning).</summary>
    public const string SecurityGroupsForPodsExceedBranches = "sgp-exceeds-branch-enis";

    /// <summary>A Fargate profile on a public subnet.</summary>
    public const string FargatePublicSubnet = "fargate-public-subnet";

    /// <summary>A gateway endpoint listed with subnets (it takes no subnet IPs; warning).</summary>
    public const string GatewayEndpointSubnets = "gateway-endpoint-subnets";

    /// <summary>A NAT gateway in a private subnet (warning).</summary>
    public const string NatPrivateSubnet = "nat-private-subnet";

    /// <summary>External SNAT with no NAT gateway in the scenario (warning).</summary>
    public const string ExternalSnatWithoutNat = "external-snat-no-nat";

    /// <summary>A workload names a node group that does not exist.</summary>
    public const string UnknownNodeGroup = "unknown-node-group";

    // Pod requests and DaemonSets.

    /// <summary>A node group gives both podsPerNode and podRequests (one or the other).</summary>
    public const string PodsPerNodeAndRequests = "pods-per-node-and-requests";

    /// <summary>podRequests with neither CPU nor memory.</summary>
    public const string EmptyPodRequests = "empty-pod-requests";

    /// <summary>A request for a resource the instance type's catalog entry does not know (vCPUs or memory).</summary>
    public const string RequestsUnknownCapacity = "requests-unknown-capacity";

    /// <summary>A NodePool with both instanceTypes and requirements.</summary>
    public const string NodePoolTypesAndRequirements = "nodepool-types-and-requirements";

    /// <summary>A NodePool whose instanceTypes or requirements allow no type of the catalog.</summary>
    public const string NodePoolNoTypes = "nodepool-no-types";

    /// <summary>hostNetworkPodsPerNode beside a daemonSets list, which already says which pods use the host network.</summary>
    public const string HostNetworkWithDaemonSets = "host-network-with-daemonsets";

    // The node model (node, and the plan for each node group).

    /// <summary>WARM_ENI_TARGET=0 with the pool exactly used up: ipamd frees an ENI and attaches one again, over and over.</summary>
    public const string WarmPoolOscillates = "warm-pool-oscillates";

    /// <summary>The warm pool still changing after <c>VpcCniNode.SettleStepLimit</c> reconcile steps.</summary>
    public const string WarmPoolUnsettled = "warm-pool-unsettled";

    /// <summary>Prefix mode: the random map walk of ipamd changes how many /28s the node holds.</summary>
    public const string PlacementChangesCount = "placement-changes-count";

    /// <summary>MINIMUM_IP_TARGET without WARM_IP_TARGET.</summary>
    public const string MinimumIpTargetAlone = "minimum-ip-target-alone";

    /// <summary>WARM_IP_TARGET of a whole /28 or more in prefix mode.</summary>
    public const string WarmIpTargetWastesPrefix = "warm-ip-target-wastes-prefix";

    /// <summary>WARM_ENI_TARGET holding whole ENIs of idle IPs that the advised IP targets would free.</summary>
    public const string WarmEniTargetIdleIps = "warm-eni-target-idle-ips";

    /// <summary>Kubelet max pods above what the ENIs can supply.</summary>
    public const string MaxPodsAboveEniSupply = "max-pods-above-eni-supply";

    /// <summary>Security-group pods on a node that cannot trunk (no branch ENIs, or ENABLE_POD_ENI off).</summary>
    public const string SecurityGroupPodsWithoutTrunk = "security-group-pods-without-trunk";

    /// <summary>Pods of the node that cannot get an IP.</summary>
    public const string PodsFailed = "pods-failed";

    // The plan.

    /// <summary>A subnet with no room for a fixed consumer (control plane ENI, NAT gateway, endpoint, load balancer, Fargate, inUse).</summary>
    public const string SubnetInfrastructureShortfall = "subnet-infrastructure-shortfall";

    /// <summary>A cluster subnet with fewer than the 5 free addresses a version upgrade needs.</summary>
    public const string ControlPlaneUpgradeBlocked = "control-plane-upgrade-blocked";

    /// <summary>A cluster subnet with fewer than the 6 free addresses EKS needs.</summary>
    public const string ControlPlaneSubnetFull = "control-plane-subnet-full";

    /// <summary>A cluster subnet with fewer than the 16 free addresses AWS recommends (warning).</summary>
    public const string ControlPlaneSubnetLow = "control-plane-subnet-low";

    /// <summary>Planned nodes of a group that cannot get their pods.</summary>
    public const string PlannedPodsDoNotFit = "planned-pods-do-not-fit";

    /// <summary>A subnet that runs out before its node group reaches maxNodes (warning).</summary>
    public const string SubnetExhaustsBeforeMaxNodes = "subnet-exhausts-before-max-nodes";

    /// <summary>podsPerNode above the VPC-IP pods one node of the type holds.</summary>
    public const string PodsPerNodeAboveCapacity = "pods-per-node-above-capacity";

    /// <summary>Prefix mode: a node subnet with no fully free aligned /28.</summary>
    public const string NoFreePrefix = "no-free-prefix";

    /// <summary>Prefix mode: a fragmented node subnet with few fully free /28s left (warning).</summary>
    public const string PrefixFragmentation = "prefix-fragmentation";

    /// <summary>An ALB in a subnet smaller than /27 (warning).</summary>
    public const string LoadBalancerSubnetTooSmall = "load-balancer-subnet-too-small";

    /// <summary>An ALB in a subnet with fewer than 8 free addresses to scale into (warning).</summary>
    public const string LoadBalancerSubnetFull = "load-balancer-subnet-full";

    /// <summary>A load balancer's subnet without the role tag the AWS Load Balancer Controller discovers subnets by (info).</summary>
    public const string LoadBalancerSubnetUntagged = "load-balancer-subnet-untagged";

    // Several clusters, the VPC CNI's cluster tags, Network Address Usage, unmanaged ENIs.

    /// <summary>A file with a clusters list that also writes cluster, cni, nodeGroups, … at the top level.</summary>
    public const string ClustersWithTopLevelCluster = "clusters-with-top-level-cluster";

    /// <summary>Subnets carry cni.networking.k8s.aws/cluster/ tags that a cluster's VPC CNI does not read (before 1.22.1, or CLUSTER_NAME empty).</summary>
    public const string ClusterTagIgnored = "cluster-tag-ignored";

    /// <summary>A node group's subnet is reserved for another cluster by its tags: no ENI goes there, the primary ENI gives no pod an IP.</summary>
    public const string SubnetReservedForOtherCluster = "subnet-reserved-for-other-cluster";

    /// <summary>An ENIConfig's subnet is excluded by its tags (role/cni=0, or another cluster's tag): its ENIs give no pod an IP.</summary>
    public const string EniConfigSubnetExcluded = "eniconfig-subnet-excluded";

    /// <summary>More unmanaged ENIs than the instance type has ENIs besides the primary.</summary>
    public const string UnmanagedEnisAboveLimit = "unmanaged-enis-above-limit";

    /// <summary>Unmanaged ENIs leave no ENI for pods under custom networking.</summary>
    public const string UnmanagedEnisLeaveNoPodEni = "unmanaged-enis-leave-no-pod-eni";

    /// <summary>Unmanaged ENIs leave fewer pod IPs than kubelet's max pods, which the VPC CNI does not lower for them.</summary>
    public const string UnmanagedEnisBelowMaxPods = "unmanaged-enis-below-max-pods";

    /// <summary>The plan passes the VPC's Network Address Usage quota: a node cannot start or get its pods.</summary>
    public const string NetworkAddressUsageQuota = "network-address-usage-quota";

    /// <summary>The plan passes the quota of the VPC and its same-Region peers.</summary>
    public const string PeeredNetworkAddressUsageQuota = "peered-network-address-usage-quota";

    /// <summary>Scaling toward maxNodes reaches a Network Address Usage quota before a group's maxNodes.</summary>
    public const string NetworkAddressUsageBeforeMaxNodes = "network-address-usage-before-max-nodes";

    /// <summary>The plan's network interfaces pass the account's default Region quota of 5,000.</summary>
    public const string NetworkInterfacesRegionQuota = "network-interfaces-region-quota";
}
