using System.CommandLine;
using System.Globalization;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner node</c>: what ipamd holds on one node at steady state, ENI by ENI.</summary>
internal static class NodeCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var instanceType = new Option<string>("--instance-type") { Description = "EC2 instance type, e.g. m5.large", Required = true };
        var pods = CommonOptions.WholeNumber("--pods", "VPC-IP pods on the node (added one at a time from zero)", 0, ScenarioLimits.MaxPodsPerNode);
        pods.Required = true;
        var wet = CommonOptions.OptionalWholeNumber("--warm-eni-target", "WARM_ENI_TARGET (default 1)", 0, ScenarioLimits.MaxEniOrPrefixTarget);
        var wit = CommonOptions.OptionalWholeNumber("--warm-ip-target", "WARM_IP_TARGET (default unset)", 0, ScenarioLimits.MaxIpTarget);
        var mit = CommonOptions.OptionalWholeNumber("--minimum-ip-target", "MINIMUM_IP_TARGET (default unset)", 0, ScenarioLimits.MaxIpTarget);
        var wpt = CommonOptions.OptionalWholeNumber("--warm-prefix-target", "WARM_PREFIX_TARGET (default 1)", 0, ScenarioLimits.MaxEniOrPrefixTarget);
        var prefix = new Option<bool>("--prefix-delegation") { Description = "ENABLE_PREFIX_DELEGATION" };
        var custom = new Option<bool>("--custom-networking") { Description = "Custom networking: pod ENIs in the --pod-subnet" };
        var maxEni = CommonOptions.OptionalWholeNumber("--max-eni", "MAX_ENI", 1, ScenarioLimits.MaxEniOrPrefixTarget);
        var maxPods = CommonOptions.OptionalWholeNumber("--max-pods", "A kubelet maxPods override", 1, ScenarioLimits.MaxPodsPerNode);
        var sgPods = CommonOptions.WholeNumber("--security-group-pods", "Security-group pods (branch ENIs; turns on ENABLE_POD_ENI)", 0, ScenarioLimits.MaxPodsPerNode);
        var sgp = new Option<bool>("--security-groups-for-pods") { Description = "ENABLE_POD_ENI without security-group pods on this node (the trunk ENI is attached)" };
        var unmanaged = CommonOptions.WholeNumber("--unmanaged-enis", "ENIs tagged node.k8s.amazonaws.com/no_manage=true: an ENI slot and an address each in the node subnet, never a pod", 0, ScenarioLimits.MaxEniOrPrefixTarget);
        var cooldown = CommonOptions.OptionalWholeNumber("--ip-cooldown", "IP_COOLDOWN_PERIOD in seconds (default 30)", 0, ScenarioLimits.MaxCooldownSeconds);
        var cniVersion = new Option<string>("--cni-version") { Description = "VPC CNI version", DefaultValueFactory = _ => CniVersion.Current.ToString() };
        var subnet = new Option<string>("--subnet") { Description = "The node subnet", DefaultValueFactory = _ => "10.0.0.0/16" };
        var podSubnet = new Option<string>("--pod-subnet") { Description = "The ENIConfig subnet under custom networking", DefaultValueFactory = _ => "100.64.0.0/16" };
        var autoMode = new Option<bool>("--auto-mode") { Description = "EKS Auto Mode's networking instead of the VPC CNI's: /28 prefixes, single addresses when no /28 is free (docs/auto-mode.md)" };
        var prefixSize = new Option<string?>("--ipv4-prefix-size") { Description = "With --auto-mode: Auto (the default) or 32 (single addresses)" };
        var multiNic = new Option<bool>("--multi-nic") { Description = "ENABLE_MULTI_NIC (VPC CNI 1.20+): an ENI and pool on every network card but EFA-only ones" };
        var efaOnly = new Option<string?>("--efa-only-cards") { Description = "With --multi-nic: network cards launched with only an EFA-only interface, e.g. 1,3 (ipamd leaves them alone)" };
        var output = CommonOptions.Output("text", "json");
        var types = CommonOptions.InstanceTypes();

        var command = new Command("node", "Run one node's VPC CNI warm pool to steady state and show what it holds.")
        {
            instanceType, pods, wet, wit, mit, wpt, prefix, custom, maxEni, maxPods, sgPods, sgp, unmanaged, cooldown, cniVersion, subnet, podSubnet, autoMode, prefixSize, multiNic, efaOnly, output, types,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types));
            var defaults = CniSettings.Default;
            var settings = defaults with
            {
                Version = CniVersion.Parse(parse.GetValue(cniVersion), "--cni-version"),
                WarmEniTarget = NonNegative(parse.GetValue(wet), "--warm-eni-target") ?? defaults.WarmEniTarget,
                WarmIpTarget = NonNegative(parse.GetValue(wit), "--warm-ip-target") ?? defaults.WarmIpTarget,
                MinimumIpTarget = NonNegative(parse.GetValue(mit), "--minimum-ip-target") ?? defaults.MinimumIpTarget,
                WarmPrefixTarget = NonNegative(parse.GetValue(wpt), "--warm-prefix-target") ?? defaults.WarmPrefixTarget,
                PrefixDelegation = parse.GetValue(prefix),
                CustomNetworking = parse.GetValue(custom),
                MaxEni = Positive(parse.GetValue(maxEni), "--max-eni"),
                SecurityGroupsForPods = parse.GetValue(sgp) || parse.GetValue(sgPods) > 0,
                IpCooldownSeconds = NonNegative(parse.GetValue(cooldown), "--ip-cooldown") ?? defaults.IpCooldownSeconds,
            };
            if (parse.GetValue(autoMode))
            {
                // Auto Mode has none of the VPC CNI's knobs (EKS User Guide, auto-networking): refuse them by name.
                var knob = parse.GetValue(wet) is not null ? "--warm-eni-target" : parse.GetValue(wit) is not null ? "--warm-ip-target"
                    : parse.GetValue(mit) is not null ? "--minimum-ip-target" : parse.GetValue(wpt) is not null ? "--warm-prefix-target"
                    : parse.GetValue(prefix) ? "--prefix-delegation (use --ipv4-prefix-size)" : parse.GetValue(maxEni) is not null ? "--max-eni"
                    : parse.GetValue(maxPods) is not null ? "--max-pods" : parse.GetValue(sgPods) > 0 ? "--security-group-pods"
                    : parse.GetValue(sgp) ? "--security-groups-for-pods" : null;
                if (knob is not null)
                {
                    throw new InputException($"--auto-mode: EKS Auto Mode has no setting for {knob}");
                }

                if (!AutoModeNetworking.TryParse(parse.GetValue(prefixSize) ?? "Auto", out var size))
                {
                    throw new InputException($"--ipv4-prefix-size: '{parse.GetValue(prefixSize)}' is not valid (expected Auto or 32)");
                }

                settings = AutoModeNetworking.Settings(size) with { CustomNetworking = parse.GetValue(custom), IpCooldownSeconds = settings.IpCooldownSeconds };
            }
            else if (parse.GetValue(prefixSize) is not null)
            {
                throw new InputException("--ipv4-prefix-size: only with --auto-mode (it is EKS Auto Mode's NodeClass setting)");
            }

            if (parse.GetValue(multiNic))
            {
                if (settings.AutoMode)
                {
                    throw new InputException("--multi-nic: EKS Auto Mode has no ENABLE_MULTI_NIC setting");
                }

                settings = settings with { MultiNic = true, EfaOnlyCards = Cards(parse.GetValue(efaOnly)) };
            }
            else if (parse.GetValue(efaOnly) is not null)
            {
                throw new InputException("--efa-only-cards: only with --multi-nic");
            }

            CheckSubnet(parse.GetValue(subnet)!, "--subnet");
            if (parse.GetValue(custom))
            {
                CheckSubnet(parse.GetValue(podSubnet)!, "--pod-subnet");
            }

            var report = NodeRun.Run(new NodeRunRequest
            {
                Type = catalog.Get(parse.GetValue(instanceType)!),
                Settings = settings,
                Pods = NonNegative(parse.GetValue(pods), "--pods")!.Value,
                SecurityGroupPods = NonNegative(parse.GetValue(sgPods), "--security-group-pods")!.Value,
                KubeletMaxPods = Positive(parse.GetValue(maxPods), "--max-pods"),
                Subnet = parse.GetValue(subnet)!,
                PodSubnet = parse.GetValue(podSubnet)!,
                UnmanagedEnis = NonNegative(parse.GetValue(unmanaged), "--unmanaged-enis")!.Value,
            });
            if (parse.GetValue(output) == "json")
            {
                JsonOutput.Write(context.Out, report);
            }
            else
            {
                WriteText(context.Out, report);
            }

            // Pods that get no IP are a finding of error severity: a script must not read them as success.
            return report.Warnings.Any(w => w.Severity == Severity.Error) ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Refuses a subnet the engine cannot use, naming the flag (the engine names the setting only).</summary>
    private static void CheckSubnet(string cidr, string flag)
    {
        if (!Core.Addressing.SubnetAddressSpace.TryParse(cidr, out _, out var problem))
        {
            throw new InputException($"{flag}: {problem}");
        }
    }

    /// <summary>"1,3" as card indexes, each 1 or more (card 0 carries the node's primary ENI, never EFA-only alone).</summary>
    internal static int[] Cards(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return [.. text.Split(',').Select(part => int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var card) && card is >= 1 and <= ScenarioLimits.MaxEniOrPrefixTarget
            ? card
            : throw new InputException($"--efa-only-cards: '{part.Trim()}' is not a network card index (expected 1 or more, e.g. 1,3)"))];
    }

    private static int? NonNegative(int? value, string flag) =>
        value is < 0 ? throw new InputException($"{flag}: {value} is not valid (expected 0 or more)") : value;

    private static int? Positive(int? value, string flag) =>
        value is < 1 ? throw new InputException($"{flag}: {value} is not valid (expected 1 or more)") : value;

    private static void WriteText(TextWriter writer, NodeReport report)
    {
        writer.WriteLine($"{report.InstanceType}, {report.Mode} mode, max pods {report.MaxPods}: {report.PodsRunning + report.SecurityGroupPodsRunning} of {report.PodsRequested} pods running");
        writer.WriteLine();
        // An EKS Auto Mode node that fell back to single addresses holds both: then both columns.
        var both = report.Prefixes > 0 && report.SecondaryIps > 0;
        // With multi-NIC a card column says which network card each ENI is on.
        var cards = report.PerEni.Any(e => e.NetworkCard is not null);
        string[] head = cards ? ["card", "ENI"] : ["ENI"];
        var table = both
            ? new TextTable([.. head, "role", "subnet", "primary IP", "prefixes", "secondary IPs", "pods"])
            : new TextTable([.. head, "role", "subnet", "primary IP", report.Prefixes > 0 ? "prefixes" : "secondary IPs", "pods"]);
        foreach (var eni in report.PerEni)
        {
            string[] slots = both
                ? [eni.Prefixes.ToString(CultureInfo.InvariantCulture), eni.SecondaryIps.ToString(CultureInfo.InvariantCulture)]
                : [(report.Prefixes > 0 ? eni.Prefixes : eni.SecondaryIps).ToString(CultureInfo.InvariantCulture)];
            string[] id = cards
                ? [eni.NetworkCard!.Value.ToString(CultureInfo.InvariantCulture), eni.Index.ToString(CultureInfo.InvariantCulture)]
                : [eni.Index.ToString(CultureInfo.InvariantCulture)];
            table.AddRow([.. id, eni.Role, eni.Subnet, eni.PrimaryIp, .. slots, eni.Pods.ToString(CultureInfo.InvariantCulture)]);
        }

        table.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"Verdict: {report.Verdict}.");
        FindingText.WriteSection(writer, report.Warnings);
    }
}
