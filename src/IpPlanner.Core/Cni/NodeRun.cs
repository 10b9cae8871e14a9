using System.Globalization;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Cni;

/// <summary>What one ENI holds at steady state; <paramref name="NetworkCard"/> only with multi-NIC (null otherwise).</summary>
public sealed record EniReport(
    int Index,
    string Role,
    string Subnet,
    string PrimaryIp,
    int SecondaryIps,
    int Prefixes,
    IReadOnlyList<string> Addresses,
    int Pods,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? NetworkCard = null);

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
        int secondaryIps = 0, prefixes = 0;
        var multiNic = request.Settings.MultiNic;
        foreach (var eni in (Eni[])[.. node.Enis, .. node.OtherCardEnis])
        {
            // Per ENI: an Auto Mode node that fell back holds /28s on some ENIs and single addresses on others.
            var prefix = eni.HoldsPrefixes;
            secondaryIps += prefix ? 0 : eni.Slots;
            prefixes += prefix ? eni.Slots : 0;
            var addresses = eni.SlotAddresses().Select(a => prefix ? $"{Ipv4.Format(a)}/28" : Ipv4.Format(a)).ToList();
            perEni.Add(new EniReport(
                eni.Index,
                eni.Role.ToString().ToLowerInvariant(),
                eni.Subnet.Cidr,
                Ipv4.Format(eni.PrimaryIp),
                prefix ? 0 : eni.Slots,
                prefix ? eni.Slots : 0,
                addresses,
                eni.Pods,
                multiNic ? eni.NetworkCard : null));
        }

        // Held but used by no pod: the idle warm pool plus the primaries of every ENI (the node IP included), on
        // every managed card.
        var idleWarm = node.TotalIps + node.OtherCardIps - node.AssignedIps - node.OtherCardPods;
        var unused = node.SubnetIpsUsed - node.AssignedIps - node.OtherCardPods - node.BranchPods;
        var mode = CniMode.Name(node.PrefixMode, customNetworking: false);
        if (request.Settings.AutoMode)
        {
            mode = node.FellBackToSingleAddresses ? "auto-mode-prefix-fallback" : "auto-mode-" + mode;
        }

        if (request.Settings.CustomNetworking)
        {
            mode += "+custom-networking";
        }

        if (NetworkCards.Managed(request.Type, request.Settings).Count > 1)
        {
            mode += "+multi-nic";
        }

        var warnings = NodeWarnings(node, request, failed, failure, spread);
        var verdict = Verdict(node, running, failed, failure, unused, idleWarm);
        return new NodeReport(
            request.Type.Name, mode, node.MaxPods, request.Pods + request.SecurityGroupPods, running, failed,
            failure == PodFailure.None ? null : failure.Detail(node.MaxPods),
            sgRunning, node.EniCount, secondaryIps, prefixes,
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
            $"({N(idleWarm)} in the warm pool, {N(node.EniCount)} ENI primar{(node.EniCount == 1 ? "y" : "ies")})";
        return failed == 0 ? holds : $"{holds}; {N(failed)} pod{(failed == 1 ? "" : "s")} failed ({failure.Detail(node.MaxPods)})";
    }

    private static List<Finding> NodeWarnings(VpcCniNode node, NodeRunRequest request, int failed, PodFailure failure, PlacementSpread spread)
    {
        var s = request.Settings;
        var type = request.Type;
        var subject = $"node {type.Name}";
        var list = new List<Finding>();
        if (CniFindings.UnmodelledVersion(s.Version, subject) is { } unmodelled)
        {
            list.Add(unmodelled);
        }

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
            list.Add(Finding.Of(FindingCodes.WarmPoolOscillates, subject,
                $"WARM_ENI_TARGET=0 with every warm IP on one unused ENI: ipamd frees that ENI once it is a minute old, the pool is then empty, and it attaches one again, over and over; the node swings between {N(o.TroughEnis)} ENI{(o.TroughEnis == 1 ? "" : "s")} ({N(o.TroughSubnetIps)} subnet IPs) and {N(o.PeakEnis)} ENIs ({N(o.PeakSubnetIps)} subnet IPs), and the plan counts the peak"));
        }

        if (spread.LowSlots != spread.HighSlots)
        {
            list.Add(Finding.Of(FindingCodes.PlacementChangesCount, subject,
                $"ipamd gives each pod the first free IP its map walk reaches, in effect at random: over {PodPlacement.Trials} seeded placements this node holds {N(spread.LowSlots)} to {N(spread.HighSlots)} /28s ({N(spread.LowSubnetIps)} to {N(spread.HighSubnetIps)} subnet IPs); shown and planned: the high side"));
        }

        if (node.FellBackToSingleAddresses)
        {
            list.Add(CniFindings.AutoModeSingleAddressesFinding(subject, "the node"));
        }

        if (node.DidNotSettle)
        {
            list.Add(Finding.Of(FindingCodes.WarmPoolUnsettled, subject,
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
        if (CniFindings.WarmEniTargetIdle(shape, s, WarmPoolTargets.Advise(s, [(type, request.Pods)]), nodes: 1, subject) is { } idle)
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

        if (request.SecurityGroupPods > 0)
        {
            list.AddRange(CniFindings.SecurityGroupPodBlockers(type, s.SecurityGroupsForPods).Select(b => Finding.Of(b.Code, subject, b.Message)));
        }

        if (failed > 0)
        {
            list.Add(Finding.Of(FindingCodes.PodsFailed, subject,
                $"{N(failed)} of {N(request.Pods + request.SecurityGroupPods)} pods cannot get an IP: {failure.Detail(node.MaxPods)}"));
        }

        return list;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
