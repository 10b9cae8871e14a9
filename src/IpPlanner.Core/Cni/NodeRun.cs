using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Cni;

/// <summary>What one ENI holds at steady state.</summary>
public sealed record EniReport(int Index, string Role, string Subnet, string PrimaryIp, int SecondaryIps, int Prefixes, IReadOnlyList<string> Addresses, int Pods);

/// <summary>The steady state of one node after its pods were added one by one, as ipamd would hold it.</summary>
public sealed record NodeReport(
    string InstanceType,
    string Mode,
    int MaxPods,
    int PodsRequested,
    int PodsRunning,
    int PodsFailed,
    string? FailureReason,
    int SecurityGroupPodsRunning,
    int Enis,
    int SecondaryIps,
    int Prefixes,
    int UnusedIps,
    int IdleWarmIps,
    int SubnetIpsUsed,
    IReadOnlyList<EniReport> PerEni,
    IReadOnlyList<Finding> Warnings,
    string Verdict);

/// <summary>The inputs of a one-node steady-state run.</summary>
public sealed record NodeRunRequest
{
    /// <summary>The instance type.</summary>
    public required InstanceType Type { get; init; }

    /// <summary>The CNI settings.</summary>
    public CniSettings Settings { get; init; } = CniSettings.Default;

    /// <summary>VPC-IP pods to add, one at a time.</summary>
    public int Pods { get; init; }

    /// <summary>Security-group pods (branch ENIs).</summary>
    public int SecurityGroupPods { get; init; }

    /// <summary>A kubelet maxPods override.</summary>
    public int? KubeletMaxPods { get; init; }

    /// <summary>The node subnet.</summary>
    public string Subnet { get; init; } = "10.0.0.0/16";

    /// <summary>The ENIConfig subnet under custom networking.</summary>
    public string PodSubnet { get; init; } = "100.64.0.0/16";

    /// <summary>ENIs ipamd does not manage (tag <c>node.k8s.amazonaws.com/no_manage=true</c>), attached at launch in the node subnet.</summary>
    public int UnmanagedEnis { get; init; }
}

/// <summary>Runs one node to steady state and explains what it holds.</summary>
public static class NodeRun
{
    /// <summary>Adds the pods one at a time, reconciling the pool to steady state after each.</summary>
    public static NodeReport Run(NodeRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Pods < 0 || request.SecurityGroupPods < 0)
        {
            throw new InputException($"pods: {Math.Min(request.Pods, request.SecurityGroupPods)} is not valid (expected 0 or more)");
        }

        // The primary ENI is always the VPC CNI's (pkg/ipamd/ipamd.go:281-282@b521883).
        var enis = MaxPodsCalculator.EffectiveEnis(request.Type, request.Settings.MaxEni);
        if (request.UnmanagedEnis < 0 || request.UnmanagedEnis > enis - 1)
        {
            throw new InputException($"unmanaged ENIs: {request.UnmanagedEnis} is not valid for {request.Type.Name} (expected 0 to {enis - 1}: it attaches {enis} ENIs and the primary is always the VPC CNI's)");
        }

        var nodeSubnet = ParseSubnet(request.Subnet, "node subnet");
        var placement = new NodePlacement(nodeSubnet)
        {
            EniConfigSubnet = request.Settings.CustomNetworking ? ParseSubnet(request.PodSubnet, "pod subnet") : null,
            UnmanagedEnis = request.UnmanagedEnis,
        };
        var maxPods = MaxPodsCalculator.Calculate(request.Type, MaxPodsOptions.For(request.Settings, request.KubeletMaxPods));
        var spread = PodPlacement.HighSide(request.Type, request.Settings, maxPods, MaxPodsCalculator.HostNetworkPods, request.Pods);
        var node = new VpcCniNode(request.Type, request.Settings, placement, maxPods) { PlacementSeed = spread.HighSeed };
        node.ReconcileToSteadyState();

        var running = 0;
        var failed = 0;
        var failure = PodFailure.None;
        for (var i = 0; i < request.Pods; i++)
        {
            var result = node.AddPod(out _);
            if (result == PodFailure.None)
            {
                running++;
            }
            else
            {
                failed++;
                failure = failure == PodFailure.None ? result : failure;
            }
        }

        var sgRunning = 0;
        for (var i = 0; i < request.SecurityGroupPods; i++)
        {
            var result = node.AddBranchPod(out _);
            if (result == PodFailure.None)
            {
                sgRunning++;
            }
            else
            {
                failed++;
                failure = failure == PodFailure.None ? result : failure;
            }
        }

        return Describe(node, request, running, failed, failure, sgRunning, spread);
    }

    private static SubnetAddressSpace ParseSubnet(string cidr, string field) =>
        SubnetAddressSpace.TryParse(cidr, out var space, out var problem) ? space : throw new InputException($"{field}: {problem}");

    private static NodeReport Describe(VpcCniNode node, NodeRunRequest request, int running, int failed, PodFailure failure, int sgRunning, PlacementSpread spread)
    {
        var perEni = new List<EniReport>();
        var slots = 0;
        foreach (var eni in node.Enis)
        {
            slots += eni.Slots;
            var addresses = eni.SlotAddresses().Select(a => node.PrefixMode ? $"{Ipv4.Format(a)}/28" : Ipv4.Format(a)).ToList();
            perEni.Add(new EniReport(
                eni.Index,
                eni.Role.ToString().ToLowerInvariant(),
                eni.Subnet.Cidr,
                Ipv4.Format(eni.PrimaryIp),
                node.PrefixMode ? 0 : eni.Slots,
                node.PrefixMode ? eni.Slots : 0,
                addresses,
                eni.Pods));
        }

        // Held but used by no pod: the idle warm pool plus the primaries of every ENI (the node IP included).
        var idleWarm = node.TotalIps - node.AssignedIps;
        var unused = node.SubnetIpsUsed - node.AssignedIps - node.BranchPods;
        var mode = node.PrefixMode ? "prefix" : "secondary-ip";
        if (request.Settings.CustomNetworking)
        {
            mode += "+custom-networking";
        }

        var warnings = NodeWarnings(node, request, failed, failure, spread);
        var verdict = Verdict(node, running, failed, failure, unused, idleWarm);
        return new NodeReport(
            request.Type.Name, mode, node.MaxPods, request.Pods + request.SecurityGroupPods, running, failed,
            failure == PodFailure.None ? null : Describe(failure),
            sgRunning, node.Enis.Length, node.PrefixMode ? 0 : slots, node.PrefixMode ? slots : 0,
            unused, idleWarm, node.SubnetIpsUsed, perEni, warnings, verdict);
    }

    private static string Verdict(VpcCniNode node, int running, int failed, PodFailure failure, int unused, int idleWarm)
    {
        if (!node.Started)
        {
            return "the node cannot start: no free address in its subnet";
        }

        var pods = running + node.BranchPods;
        var holds = $"holds {N(node.SubnetIpsUsed)} IPs for {N(pods)} pod{(pods == 1 ? "" : "s")}: {N(unused)} idle " +
            $"({N(idleWarm)} in the warm pool, {N(node.Enis.Length)} ENI primar{(node.Enis.Length == 1 ? "y" : "ies")})";
        return failed == 0 ? holds : $"{holds}; {N(failed)} pod{(failed == 1 ? "" : "s")} failed ({Describe(failure)})";
    }

    /// <summary>A short phrase for a failure reason.</summary>
    public static string Describe(PodFailure failure) => failure switch
    {
        PodFailure.MaxPods => "kubelet max pods reached",
        PodFailure.EniLimit => "every ENI is attached and full",
        PodFailure.InsufficientFreeAddressesInSubnet => "InsufficientFreeAddressesInSubnet: the subnet is out of addresses",
        PodFailure.InsufficientCidrBlocks => "InsufficientCidrBlocks: no fully free aligned /28 in the subnet",
        PodFailure.PoolNotGrowing => "the warm pool does not grow (MINIMUM_IP_TARGET without WARM_IP_TARGET, or IPs cooling down)",
        PodFailure.IpamdRefused => "prefix delegation with every warm target 0: aws-node refuses to start",
        PodFailure.BranchEniLimit => "no branch ENI left for a security-group pod",
        PodFailure.NodeNotStarted => "the node could not start",
        PodFailure.NetworkAddressUsage => "NetworkAddressUsageLimitExceeded: the VPC's Network Address Usage quota is reached",
        PodFailure.PeeredNetworkAddressUsage => "NetworkAddressUsagePeeredLimitExceeded: the peered Network Address Usage quota is reached",
        PodFailure.NoEligibleSubnet => "no subnet the VPC CNI may create the ENI in (the subnets' tags exclude them)",
        _ => "none",
    };

    private static List<Finding> NodeWarnings(VpcCniNode node, NodeRunRequest request, int failed, PodFailure failure, PlacementSpread spread)
    {
        var s = request.Settings;
        var type = request.Type;
        var subject = $"node {type.Name}";
        var list = new List<Finding>();
        // The Xen fallback to secondary IPs happens in ipamd, which never runs when aws-node refuses to start.
        if (!node.IpamdRefused && CniFindings.PrefixDelegationFallback(type, s, subject) is { } fallback)
        {
            list.Add(fallback);
        }

        if (node.IpamdRefused)
        {
            list.Add(CniFindings.PrefixTargetsZeroFinding(subject));
        }

        if (node.Oscillation is { } o)
        {
            list.Add(new Finding(FindingCodes.WarmPoolOscillates, Severity.Warning, subject,
                $"WARM_ENI_TARGET=0 with every warm IP on one unused ENI: ipamd frees that ENI once it is a minute old, the pool is then empty, and it attaches one again, over and over; the node swings between {N(o.TroughEnis)} ENI{(o.TroughEnis == 1 ? "" : "s")} ({N(o.TroughSubnetIps)} subnet IPs) and {N(o.PeakEnis)} ENIs ({N(o.PeakSubnetIps)} subnet IPs), and the plan counts the peak"));
        }

        if (spread.LowSlots != spread.HighSlots)
        {
            list.Add(new Finding(FindingCodes.PlacementChangesCount, Severity.Info, subject,
                $"ipamd gives each pod the first free IP its map walk reaches, in effect at random: over {PodPlacement.Trials} seeded placements this node holds {N(spread.LowSlots)} to {N(spread.HighSlots)} /28s ({N(spread.LowSubnetIps)} to {N(spread.HighSubnetIps)} subnet IPs); shown and planned: the high side"));
        }

        if (node.DidNotSettle)
        {
            list.Add(new Finding(FindingCodes.WarmPoolUnsettled, Severity.Warning, subject,
                $"the warm pool was still changing after {N(VpcCniNode.SettleStepLimit)} reconcile steps; the figures are its state at that point"));
        }

        if (CniFindings.MinimumIpTargetAloneFinding(s, [node.PrefixMode], subject) is { } alone)
        {
            list.Add(alone);
        }

        if (CniFindings.WarmIpTargetWastesPrefixFinding(s, node.PrefixMode, subject) is { } wastes)
        {
            list.Add(wastes);
        }

        var shape = new NodeGroupShape(type, request.Pods) { SecurityGroupPods = request.SecurityGroupPods, KubeletMaxPods = request.KubeletMaxPods };
        if (CniFindings.WarmEniTargetIdle(shape, s, WarmPoolTargets.Advise(s, [request.Pods]), nodes: 1, subject) is { } idle)
        {
            list.Add(idle);
        }

        if (CniFindings.MaxPodsAboveEniSupplyFinding(node.MaxPodsInfo, s, subject) is { } above)
        {
            list.Add(above);
        }

        if (CniFindings.UnmanagedEnisBelowMaxPodsFinding(node.MaxPodsInfo, s, type, request.UnmanagedEnis, node.HostNetworkPods, subject) is { } unmanaged)
        {
            list.Add(unmanaged);
        }

        if (request.SecurityGroupPods > 0 && !node.TrunkEnabled)
        {
            list.Add(new Finding(FindingCodes.SecurityGroupPodsWithoutTrunk, Severity.Error, subject,
                s.SecurityGroupsForPods
                    ? $"{type.Name} cannot trunk (no branch ENIs): security-group pods cannot start on it"
                    : "security-group pods need ENABLE_POD_ENI=true (securityGroupsForPods)"));
        }

        if (failed > 0)
        {
            list.Add(new Finding(FindingCodes.PodsFailed, Severity.Error, subject,
                $"{N(failed)} of {N(request.Pods + request.SecurityGroupPods)} pods cannot get an IP: {Describe(failure)}"));
        }

        return list;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
