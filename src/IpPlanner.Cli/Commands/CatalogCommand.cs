using System.CommandLine;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;

namespace IpPlanner.Cli.Commands;

/// <summary><c>ipplanner catalog</c>: the instance types the tool knows and their network limits.</summary>
internal static class CatalogCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(CliContext context)
    {
        var output = CommonOptions.Output("table", "csv", "json");
        var types = CommonOptions.InstanceTypes();
        var overhead = CommonOptions.Number(
            "--vm-memory-overhead-percent",
            "The VM memory overhead allocatable memory is computed with: Karpenter's VM_MEMORY_OVERHEAD_PERCENT, a fraction (0.075 = 7.5 %)",
            0,
            AllocatableRule.MaxVmMemoryOverheadPercent,
            AllocatableRule.DefaultVmMemoryOverheadPercent);
        var command = new Command("catalog", "List the instance catalog: vCPUs, memory, hypervisor, ENIs, IPv4 per ENI, network cards, branch ENIs, and allocatable CPU, memory and pods as Karpenter computes them for AL2023.")
        {
            output, types, overhead,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types));
            var vmOverhead = parse.GetValue(overhead);
            if (vmOverhead != AllocatableRule.DefaultVmMemoryOverheadPercent)
            {
                catalog = InstanceCatalog.Of(catalog.Types.Select(t => t with { VmMemoryOverheadPercent = vmOverhead }));
            }

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
        csv.Context.RegisterClassMap<CatalogRowMap>();
        csv.WriteRecords(catalog.Types);
    }

    /// <summary>The catalog CSV's columns: the format the embedded catalog is read from (InstanceCatalog.ReadCsv).</summary>
    private sealed class CatalogRowMap : ClassMap<InstanceType>
    {
        public CatalogRowMap()
        {
            Map(t => t.Name).Name("instance_type");
            Map(t => t.Vcpus).Name("vcpus");
            Map(t => t.Hypervisor).Name("hypervisor");
            Map(t => t.BareMetal).Name("bare_metal").Convert(a => a.Value.BareMetal ? "true" : "false");
            Map(t => t.MaxEnis).Name("max_enis");
            Map(t => t.Ipv4PerEni).Name("ipv4_per_eni");
            Map(t => t.NetworkCards).Name("network_cards").Convert(a => Cards(a.Value));
            Map(t => t.BranchEnis).Name("branch_enis");
            Map(t => t.MemoryMiB).Name("memory_mib");
            Map(t => t.OnDemandUsdPerHour).Name("on_demand_usd_per_hour_us_east_1");
            Map(t => t.Architecture).Name("architecture");
            Map().Name("allocatable_cpu_millicores").Convert((ConvertToStringArgs<object> a) => ((InstanceType)a.Value).Allocatable.CpuMillicores?.ToString(CultureInfo.InvariantCulture) ?? "");
            Map().Name("allocatable_memory_mib").Convert((ConvertToStringArgs<object> a) => ((InstanceType)a.Value).Allocatable.MemoryMiB?.ToString(CultureInfo.InvariantCulture) ?? "");
            Map().Name("allocatable_pods").Convert((ConvertToStringArgs<object> a) => ((InstanceType)a.Value).Allocatable.Pods.ToString(CultureInfo.InvariantCulture));
        }
    }
}
