using System.CommandLine;
using System.Globalization;
using CsvHelper;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner catalog</c>: the instance types the tool knows and their network limits.</summary>
public static class CatalogCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var output = CommonOptions.Output("table", "csv", "json");
        var types = CommonOptions.InstanceTypes();
        var command = new Command("catalog", "List the instance catalog: vCPUs, memory, hypervisor, ENIs, IPv4 per ENI, network cards, branch ENIs, and allocatable CPU, memory and pods as Karpenter computes them for AL2023.")
        {
            output, types,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types));
            switch (parse.GetValue(output))
            {
                case "json":
                    JsonOutput.Write(context.Out, catalog.Types);
                    break;
                case "csv":
                    WriteCsv(context.Out, catalog);
                    break;
                default:
                    WriteTable(context.Out, catalog);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Cards(InstanceType t) => string.Join(';', t.NetworkCards.Select(c => $"{c.Index}:{c.MaxEnis}"));

    private static void WriteTable(TextWriter writer, InstanceCatalog catalog)
    {
        var table = new TextTable("type", "vCPUs", "memory MiB", "hypervisor", "metal", "ENIs", "IPv4/ENI", "network cards", "branch ENIs",
            "alloc CPU m", "alloc MiB", "alloc pods");
        foreach (var t in catalog.Types)
        {
            var allocatable = t.Allocatable;
            table.AddRow(
                t.Name,
                t.Vcpus?.ToString(CultureInfo.InvariantCulture) ?? "?",
                t.MemoryMiB?.ToString(CultureInfo.InvariantCulture) ?? "?",
                t.Hypervisor ?? "-",
                t.BareMetal ? "yes" : "no",
                t.MaxEnis.ToString(CultureInfo.InvariantCulture),
                t.Ipv4PerEni.ToString(CultureInfo.InvariantCulture),
                t.NetworkCards.Count.ToString(CultureInfo.InvariantCulture),
                t.BranchEnis?.ToString(CultureInfo.InvariantCulture) ?? "?",
                allocatable.CpuMillicores?.ToString(CultureInfo.InvariantCulture) ?? "?",
                allocatable.MemoryMiB?.ToString(CultureInfo.InvariantCulture) ?? "?",
                allocatable.Pods.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(writer);
    }

    private static void WriteCsv(TextWriter writer, InstanceCatalog catalog)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in new[] { "instance_type", "vcpus", "hypervisor", "bare_metal", "max_enis", "ipv4_per_eni", "network_cards", "branch_enis", "memory_mib",
            "on_demand_usd_per_hour_us_east_1", "architecture", "allocatable_cpu_millicores", "allocatable_memory_mib", "allocatable_pods" })
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var t in catalog.Types)
        {
            csv.WriteField(t.Name);
            csv.WriteField(t.Vcpus);
            csv.WriteField(t.Hypervisor);
            csv.WriteField(t.BareMetal ? "true" : "false");
            csv.WriteField(t.MaxEnis);
            csv.WriteField(t.Ipv4PerEni);
            csv.WriteField(Cards(t));
            csv.WriteField(t.BranchEnis);
            csv.WriteField(t.MemoryMiB);
            csv.WriteField(t.OnDemandUsdPerHour);
            csv.WriteField(t.Architecture);
            var allocatable = t.Allocatable;
            csv.WriteField(allocatable.CpuMillicores);
            csv.WriteField(allocatable.MemoryMiB);
            csv.WriteField(allocatable.Pods);
            csv.NextRecord();
        }
    }
}
