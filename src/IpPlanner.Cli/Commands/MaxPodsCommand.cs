using System.CommandLine;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;
using IpPlanner.Core.ScenarioFile;

namespace IpPlanner.Cli.Commands;

/// <summary>
/// <c>ipplanner maxpods</c>: max pods for one type (flags as in AWS's max-pods-calculator.sh) or for the whole catalog.
/// </summary>
internal static class MaxPodsCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var instanceType = new Option<string?>("--instance-type") { Description = "EC2 instance type, e.g. m5.large" };
        var all = new Option<bool>("--all") { Description = "Every type in the catalog, in every CNI mode" };
        var cniVersion = new Option<string>("--cni-version")
        {
            Description = "VPC CNI version (prefix delegation needs 1.9.0 or later)",
            DefaultValueFactory = _ => CniVersion.Current.ToString(),
        };
        var custom = new Option<bool>("--cni-custom-networking-enabled") { Description = "Custom networking: the primary ENI carries no pods" };
        var prefix = new Option<bool>("--cni-prefix-delegation-enabled") { Description = "Prefix delegation: a /28 per ENI slot" };
        var maxEni = CommonOptions.OptionalWholeNumber("--cni-max-eni", "MAX_ENI: the most ENIs the CNI attaches", 1, ScenarioLimits.MaxEniOrPrefixTarget);
        var sgp = new Option<bool>("--security-groups-for-pods") { Description = "ENABLE_POD_ENI: the trunk ENI takes one ENI slot" };
        var showMax = new Option<bool>("--show-max-allowed") { Description = "Print the formula's value without the 110/250 cap" };
        var kubelet = CommonOptions.OptionalWholeNumber("--max-pods", "A kubelet maxPods override (wins over the formula)", 1, ScenarioLimits.MaxPodsPerNode);
        var autoMode = new Option<bool>("--auto-mode") { Description = "EKS Auto Mode: its own networking, max pods at most 110 (docs/auto-mode.md)" };
        var prefixSize = new Option<string?>("--ipv4-prefix-size") { Description = "With --auto-mode: the NodeClass's ipv4PrefixSize, Auto (the default: /28 prefixes) or 32 (single addresses)" };
        var output = new Option<string?>("--output", "-o") { Description = "text|json for one type; table|csv|json with --all" };
        var types = CommonOptions.InstanceTypes();

        var command = new Command("maxpods", "Max pods per node for an instance type and VPC CNI mode, offline.")
        {
            instanceType, all, cniVersion, custom, prefix, maxEni, sgp, showMax, kubelet, autoMode, prefixSize, output, types,
        };

        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types));
            var options = new MaxPodsOptions
            {
                CniVersion = CniVersion.Parse(parse.GetValue(cniVersion), "--cni-version"),
                CustomNetworking = parse.GetValue(custom),
                PrefixDelegation = parse.GetValue(prefix),
                MaxEni = parse.GetValue(maxEni),
                SecurityGroupsForPods = parse.GetValue(sgp),
                ShowMaxAllowed = parse.GetValue(showMax),
                KubeletMaxPods = parse.GetValue(kubelet),
            };
            if (options.MaxEni is < 1)
            {
                throw new InputException($"--cni-max-eni: {options.MaxEni} is not valid (expected an ENI count of 1 or more)");
            }

            if (options.KubeletMaxPods is < 1)
            {
                throw new InputException($"--max-pods: {options.KubeletMaxPods} is not valid (expected 1 or more)");
            }

            Ipv4PrefixSize? size = null;
            if (parse.GetValue(autoMode))
            {
                options = AutoModeOptions(parse.GetValue(prefixSize), options, parse.GetValue(all));
                size = AutoModeNetworking.TryParse(parse.GetValue(prefixSize) ?? "Auto", out var parsed) ? parsed : Ipv4PrefixSize.Auto;
            }
            else if (parse.GetValue(prefixSize) is not null)
            {
                throw new InputException("--ipv4-prefix-size: only with --auto-mode (it is EKS Auto Mode's NodeClass setting)");
            }

            var format = parse.GetValue(output);
            if (parse.GetValue(all))
            {
                if (parse.GetValue(instanceType) is not null)
                {
                    throw new InputException("--all and --instance-type: give one or the other");
                }

                return WriteAll(context, catalog, options, format ?? "table");
            }

            var name = parse.GetValue(instanceType)
                ?? throw new InputException("--instance-type: required (or use --all for the whole catalog)");
            var result = MaxPodsCalculator.Calculate(catalog.Get(name), options);
            switch (format ?? "text")
            {
                case "text":
                    context.Out.WriteLine(result.MaxPods);
                    foreach (var note in result.Notes)
                    {
                        context.Error.WriteLine($"ipplanner: note: {note}");
                    }

                    break;
                case "json":
                    JsonOutput.Write(context.Out, new MaxPodsReport(
                        new MaxPodsInputs(result.InstanceType, options.CniVersion.ToString(), options.CustomNetworking, options.PrefixDelegation,
                            options.MaxEni, options.SecurityGroupsForPods, options.ShowMaxAllowed, options.KubeletMaxPods)
                        {
                            AutoMode = options.AutoMode,
                            Ipv4PrefixSize = size is { } s ? AutoModeNetworking.Name(s) : null,
                        },
                        result));
                    break;
                default:
                    throw new InputException($"--output: '{format}' is not valid for one type (expected text or json)");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// The options of an EKS Auto Mode node: <see cref="AutoModeNetworking.Settings"/> for the prefix size, with pod
    /// subnets when custom networking is asked for; the VPC CNI's own knobs do not exist there.
    /// </summary>
    private static MaxPodsOptions AutoModeOptions(string? prefixSize, MaxPodsOptions given, bool all)
    {
        if (all)
        {
            throw new InputException("--auto-mode: give an --instance-type (--all prints the VPC CNI's modes)");
        }

        if (!AutoModeNetworking.TryParse(prefixSize ?? "Auto", out var size))
        {
            throw new InputException($"--ipv4-prefix-size: '{prefixSize}' is not valid (expected Auto or 32)");
        }

        var flag = given.PrefixDelegation ? "--cni-prefix-delegation-enabled (use --ipv4-prefix-size)"
            : given.MaxEni is not null ? "--cni-max-eni"
            : given.SecurityGroupsForPods ? "--security-groups-for-pods"
            : given.ShowMaxAllowed ? "--show-max-allowed"
            : given.KubeletMaxPods is not null ? "--max-pods"
            : null;
        if (flag is not null)
        {
            throw new InputException($"--auto-mode: EKS Auto Mode has no setting for {flag}");
        }

        var settings = AutoModeNetworking.Settings(size) with { CustomNetworking = given.CustomNetworking };
        return MaxPodsOptions.For(settings, kubeletMaxPods: null);
    }

    private static int WriteAll(CliContext context, InstanceCatalog catalog, MaxPodsOptions options, string format)
    {
        var rows = MaxPodsTable.Build(catalog, options);
        switch (format)
        {
            case "table":
                MaxPodsTable.WriteTable(context.Out, rows);
                break;
            case "csv":
                MaxPodsTable.WriteCsv(context.Out, rows);
                break;
            case "json":
                JsonOutput.Write(context.Out, rows);
                break;
            default:
                throw new InputException($"--output: '{format}' is not valid with --all (expected table, csv or json)");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>The inputs echoed in <c>maxpods -o json</c>.</summary>
internal sealed record MaxPodsInputs(
    string InstanceType, string CniVersion, bool CustomNetworking, bool PrefixDelegation, int? MaxEni,
    bool SecurityGroupsForPods, bool ShowMaxAllowed, int? KubeletMaxPods)
{
    /// <summary>EKS Auto Mode (<c>--auto-mode</c>); left out of the JSON when false.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool AutoMode { get; init; }

    /// <summary>The NodeClass's ipv4PrefixSize with <c>--auto-mode</c> (<c>Auto</c> or <c>32</c>); left out otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Ipv4PrefixSize { get; init; }
}

/// <summary>The whole <c>maxpods -o json</c> document.</summary>
internal sealed record MaxPodsReport(MaxPodsInputs Inputs, MaxPodsResult Result);
