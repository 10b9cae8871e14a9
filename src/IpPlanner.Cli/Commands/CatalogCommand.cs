using System.CommandLine;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IpPlanner.Cli.Output;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;
using IpPlanner.Core.Input;

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
        var multiNic = new Option<bool>("--multi-nic") { Description = "Add the network cards ipamd manages with ENABLE_MULTI_NIC (table and csv)" };
        var efaOnly = new Option<string?>("--efa-only-cards") { Description = "With --multi-nic: network cards launched with only an EFA-only interface, e.g. 1,3" };
        var command = new Command("catalog", "List the instance catalog: vCPUs, memory, hypervisor, ENIs, IPv4 per ENI, network cards, branch ENIs, and allocatable CPU, memory and pods as Karpenter computes them for AL2023.")
        {
            output, types, overhead, multiNic, efaOnly,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = CommonOptions.LoadCatalog(parse.GetValue(types));
            var vmOverhead = parse.GetValue(overhead);
            if (vmOverhead != AllocatableRule.DefaultVmMemoryOverheadPercent)
            {
                catalog = InstanceCatalog.Of(catalog.Types.Select(t => t with { VmMemoryOverheadPercent = vmOverhead }));
            }

            CniSettings? cards = null;
            if (parse.GetValue(multiNic))
            {
                cards = CniSettings.Default with { MultiNic = true, EfaOnlyCards = NodeCommand.Cards(parse.GetValue(efaOnly)) };
            }
            else if (parse.GetValue(efaOnly) is not null)
            {
                throw new InputException("--efa-only-cards: only with --multi-nic");
            }

            switch (parse.GetValue(output))
            {
                case "json":
                    if (cards is not null)
                    {
                        throw new InputException("--multi-nic: the managed cards are shown in the table and csv outputs");
                    }

                    JsonOutput.Write(context.Out, catalog.Types);
                    break;
                case "csv":
                    WriteCsv(context.Out, catalog, cards);
                    break;
                default:
                    WriteTable(context.Out, catalog, cards);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Cards(InstanceType t) => string.Join(';', t.NetworkCards.Select(c => $"{c.Index}:{c.MaxEnis}"));

    /// <summary>
    /// The cards ipamd manages as index ranges, e.g. "0-1" or "0,2-7" (<see cref="NetworkCards.Managed"/>).
    /// </summary>
    private static string ManagedCards(InstanceType t, CniSettings settings)
    {
        var cards = NetworkCards.Managed(t, settings);
        var parts = new List<string>();
        for (var i = 0; i < cards.Count;)
        {
            var j = i;
            while (j + 1 < cards.Count && cards[j + 1] == cards[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? cards[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{cards[i]}-{cards[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static void WriteTable(TextWriter writer, InstanceCatalog catalog, CniSettings? cards)
    {
        string[] headers = ["type", "vCPUs", "memory MiB", "hypervisor", "metal", "ENIs", "IPv4/ENI", "network cards", "branch ENIs",
            "alloc CPU m", "alloc MiB", "alloc pods"];
        var table = new TextTable(cards is null ? headers : [.. headers, "managed cards"]);
        foreach (var t in catalog.Types)
        {
            var allocatable = t.Allocatable;
            string[] row = [
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
                allocatable.Pods.ToString(CultureInfo.InvariantCulture)];
            table.AddRow(cards is null ? row : [.. row, ManagedCards(t, cards)]);
        }

        table.Write(writer);
    }

    private static void WriteCsv(TextWriter writer, InstanceCatalog catalog, CniSettings? cards)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.Context.RegisterClassMap(new CatalogRowMap(cards));
        csv.WriteRecords(catalog.Types);
    }

    /// <summary>The catalog CSV's columns: the format the embedded catalog is read from (InstanceCatalog.ReadCsv).</summary>
    private sealed class CatalogRowMap : ClassMap<InstanceType>
    {
        public CatalogRowMap(CniSettings? cards)
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
            if (cards is not null)
            {
                Map().Name("managed_cards").Convert((ConvertToStringArgs<object> a) => ManagedCards((InstanceType)a.Value, cards));
            }
        }
    }
}
