namespace IpPlanner.Core.Cni;

/// <summary>What an ENI is for.</summary>
public enum EniRole
{
    /// <summary>The instance's primary ENI (device 0): its primary IP is the node IP.</summary>
    Primary,

    /// <summary>An ENI the CNI attached for pod IPs.</summary>
    Secondary,

    /// <summary>The trunk ENI of security groups for pods: takes an ENI slot, carries branch ENIs, no pool IPs.</summary>
    Trunk,

    /// <summary>
    /// An ENI tagged <c>node.k8s.amazonaws.com/no_manage=true</c> (an appliance's, an agent's): ipamd leaves it alone,
    /// so it takes an ENI slot and its primary address in the node subnet, never a pod (pkg/ipamd/ipamd.go:127-129,2149-2153@b521883).
    /// </summary>
    Unmanaged,
}

/// <summary>Why a pod could not get an IP on a node.</summary>
public enum PodFailure
{
    /// <summary>The pod started.</summary>
    None,

    /// <summary>Kubelet max pods reached.</summary>
    MaxPods,

    /// <summary>Every ENI is attached and full: the instance type's limit.</summary>
    EniLimit,

    /// <summary>The subnet has no free address for the ENI or its secondary IPs.</summary>
    InsufficientFreeAddressesInSubnet,

    /// <summary>Prefix mode: the subnet has free addresses but no fully free aligned /28.</summary>
    InsufficientCidrBlocks,

    /// <summary>The warm pool will not grow (MINIMUM_IP_TARGET without WARM_IP_TARGET, back-off, IPs cooling down).</summary>
    PoolNotGrowing,

    /// <summary>Prefix delegation with WARM_PREFIX_TARGET, WARM_IP_TARGET and MINIMUM_IP_TARGET all 0: ipamd refuses to start.</summary>
    IpamdRefused,

    /// <summary>Security groups for pods: no branch ENI left (or the type cannot trunk).</summary>
    BranchEniLimit,

    /// <summary>The node itself could not start: no address for its primary IP.</summary>
    NodeNotStarted,

    /// <summary>
    /// The EC2 call (launch, ENI, addresses or prefixes) would take the VPC past its Network Address Usage quota:
    /// EC2 answers <c>NetworkAddressUsageLimitExceeded</c> (docs/rules.md, "Network Address Usage").
    /// </summary>
    NetworkAddressUsage,

    /// <summary>As <see cref="NetworkAddressUsage"/>, for the quota of the VPC and its same-Region peers (<c>NetworkAddressUsagePeeredLimitExceeded</c>).</summary>
    PeeredNetworkAddressUsage,

    /// <summary>
    /// Subnet discovery finds no subnet it may create the ENI in: the node's own is excluded by its tags and no
    /// same-zone subnet is tagged for this cluster ("no valid subnets available for ENI creation",
    /// pkg/awsutils/awsutils.go:1198-1201@b521883).
    /// </summary>
    NoEligibleSubnet,
}

/// <summary>
/// The one vocabulary of what stopped a pod or a node (docs/rules.md, "Failure reasons"): each <see cref="PodFailure"/>
/// has one short wording, which <c>node</c>, the plan, the scale curve, the runway, recommend and the HTML report all
/// print (the engine's <c>FailureReason</c> words are these).
/// </summary>
public static class PodFailures
{
    /// <summary>"addresses", "no free /28", "node subnet full", "max pods", "ENI limit", ...; "none" for <see cref="PodFailure.None"/>.</summary>
    public static string Words(this PodFailure failure) => failure switch
    {
        PodFailure.None => "none",
        PodFailure.InsufficientFreeAddressesInSubnet => "addresses",
        PodFailure.InsufficientCidrBlocks => "no free /28",
        PodFailure.NodeNotStarted => "node subnet full",
        PodFailure.MaxPods => "max pods",
        PodFailure.EniLimit => "ENI limit",
        PodFailure.BranchEniLimit => "branch ENI limit",
        PodFailure.IpamdRefused => "aws-node refuses to start",
        PodFailure.PoolNotGrowing => "warm pool not growing",
        PodFailure.NetworkAddressUsage => "Network Address Usage quota",
        PodFailure.PeeredNetworkAddressUsage => "peered Network Address Usage quota",
        PodFailure.NoEligibleSubnet => "no subnet the VPC CNI may use",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "unknown pod failure"),
    };

    /// <summary>The words with the number behind them where there is one: "max pods 29" for a node of max pods 29.</summary>
    public static string Detail(this PodFailure failure, int maxPods) =>
        failure == PodFailure.MaxPods ? $"{failure.Words()} {maxPods.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}" : failure.Words();
}

/// <summary>What one reconcile step did.</summary>
public enum ReconcileOutcome
{
    /// <summary>The pool is where the targets want it.</summary>
    Steady,

    /// <summary>IPs, prefixes or an ENI were added or released.</summary>
    Changed,

    /// <summary>The pool is low but cannot grow now (limit, subnet, back-off, a target that forbids it).</summary>
    Blocked,
}
