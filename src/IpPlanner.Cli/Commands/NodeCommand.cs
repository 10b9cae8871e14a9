using System.CommandLine;
using System.Globalization;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner node</c>: what ipamd holds on one node at steady state, ENI by ENI.</summary>
internal static class NodeCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var instanceType = new Option<string>("--instance-type") { Description = "EC2 instance type, e.g. m5.large", Required = true };
        var pods = CommonOptions.WholeNumber("--pods", "VPC-IP pods on the node (added one at a time from zero)", 0, Limits.PodsPerNode);
        pods.Required = true;
        var wet = CommonOptions.OptionalWholeNumber("--warm-eni-target", "WARM_ENI_TARGET (default 1)", 0, Limits.Enis);
        var wit = CommonOptions.OptionalWholeNumber("--warm-ip-target", "WARM_IP_TARGET (default unset)", 0, Limits.Ips);
        var mit = CommonOptions.OptionalWholeNumber("--minimum-ip-target", "MINIMUM_IP_TARGET (default unset)", 0, Limits.Ips);
        var wpt = CommonOptions.OptionalWholeNumber("--warm-prefix-target", "WARM_PREFIX_TARGET (default 1)", 0, Limits.Ips / 16);
        var prefix = new Option<bool>("--prefix-delegation") { Description = "ENABLE_PREFIX_DELEGATION" };
        var custom = new Option<bool>("--custom-networking") { Description = "Custom networking: pod ENIs in the --pod-subnet" };
        var maxEni = CommonOptions.OptionalWholeNumber("--max-eni", "MAX_ENI", 1, Limits.Enis);
        var maxPods = CommonOptions.OptionalWholeNumber("--max-pods", "A kubelet maxPods override", 1, Limits.PodsPerNode);
        var sgPods = CommonOptions.WholeNumber("--security-group-pods", "Security-group pods (branch ENIs; turns on ENABLE_POD_ENI)", 0, Limits.PodsPerNode);
        var unmanaged = CommonOptions.WholeNumber("--unmanaged-enis", "ENIs tagged node.k8s.amazonaws.com/no_manage=true: an ENI slot and an address each in the node subnet, never a pod", 0, Limits.Enis);
        var cooldown = CommonOptions.OptionalWholeNumber("--ip-cooldown", "IP_COOLDOWN_PERIOD in seconds (default 30)", 0, Limits.DaySeconds);
        var cniVersion = new Option<string>("--cni-version") { Description = "VPC CNI version", DefaultValueFactory = _ => CniVersion.Current.ToString() };
        var subnet = new Option<string>("--subnet") { Description = "The node subnet", DefaultValueFactory = _ => "10.0.0.0/16" };
        var podSubnet = new Option<string>("--pod-subnet") { Description = "The ENIConfig subnet under custom networking", DefaultValueFactory = _ => "100.64.0.0/16" };
        var output = CommonOptions.Output("text", "json");
        var types = CommonOptions.InstanceTypes();

        var command = new Command("node", "Run one node's VPC CNI warm pool to steady state and show what it holds.")
        {
            instanceType, pods, wet, wit, mit, wpt, prefix, custom, maxEni, maxPods, sgPods, unmanaged, cooldown, cniVersion, subnet, podSubnet, output, types,
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
                SecurityGroupsForPods = parse.GetValue(sgPods) > 0,
                IpCooldownSeconds = NonNegative(parse.GetValue(cooldown), "--ip-cooldown") ?? defaults.IpCooldownSeconds,
            };
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

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Refuses a subnet the engine cannot use, naming the flag (the engine names the setting only).</summary>
    private static void CheckSubnet(string cidr, string flag)
    {
        if (!Core.Addressing.SubnetAddressSpace.TryParse(cidr, out _, out var problem))
        {
            // The words are those this check printed when it caught SubnetAddressSpace.Parse's ArgumentException,
            // whose message ends in the parameter's name; they stay byte for byte until output changes are meant.
            throw new InputException($"{flag}: {problem} (Parameter 'cidr')");
        }
    }

    private static int? NonNegative(int? value, string flag) =>
        value is < 0 ? throw new InputException($"{flag}: {value} is not valid (expected 0 or more)") : value;

    private static int? Positive(int? value, string flag) =>
        value is < 1 ? throw new InputException($"{flag}: {value} is not valid (expected 1 or more)") : value;

    private static void WriteText(TextWriter writer, NodeReport report)
    {
        writer.WriteLine($"{report.InstanceType}, {report.Mode} mode, max pods {report.MaxPods}: {report.PodsRunning} of {report.PodsRequested} pods running");
        writer.WriteLine();
        var table = new TextTable("ENI", "role", "subnet", "primary IP", report.Prefixes > 0 ? "prefixes" : "secondary IPs", "pods");
        foreach (var eni in report.PerEni)
        {
            table.AddRow(
                eni.Index.ToString(CultureInfo.InvariantCulture), eni.Role, eni.Subnet, eni.PrimaryIp,
                (report.Prefixes > 0 ? eni.Prefixes : eni.SecondaryIps).ToString(CultureInfo.InvariantCulture),
                eni.Pods.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"Verdict: {report.Verdict}.");
        foreach (var w in report.Warnings)
        {
            writer.WriteLine($"{w.Severity.ToString().ToLowerInvariant()} [{w.Code}]: {w.Message}");
        }
    }
}
