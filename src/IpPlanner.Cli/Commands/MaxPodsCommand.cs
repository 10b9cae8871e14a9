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
        var output = new Option<string?>("--output", "-o") { Description = "text|json for one type; table|csv|json with --all" };
        var types = CommonOptions.InstanceTypes();

        var command = new Command("maxpods", "Max pods per node for an instance type and VPC CNI mode, offline.")
        {
            instanceType, all, cniVersion, custom, prefix, maxEni, sgp, showMax, kubelet, output, types,
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
                            options.MaxEni, options.SecurityGroupsForPods, options.ShowMaxAllowed, options.KubeletMaxPods),
                        result));
                    break;
                default:
                    throw new InputException($"--output: '{format}' is not valid for one type (expected text or json)");
            }

            return ExitCodes.Ok;
        }));
        return command;
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
    bool SecurityGroupsForPods, bool ShowMaxAllowed, int? KubeletMaxPods);

/// <summary>The whole <c>maxpods -o json</c> document.</summary>
internal sealed record MaxPodsReport(MaxPodsInputs Inputs, MaxPodsResult Result);
