using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Cli.Output;

/// <summary>One row of <c>maxpods --all</c>: a type and its max pods in the four CNI modes, capped and uncapped.</summary>
internal sealed record MaxPodsRow(
    string Type, int? Vcpus, int Enis, int Ipv4PerEni,
    int Secondary, int SecondaryUncapped,
    int Custom, int CustomUncapped,
    int Prefix, int PrefixUncapped,
    int CustomPrefix, int CustomPrefixUncapped);

/// <summary>Computes and prints the whole-catalog max-pods table.</summary>
internal static class MaxPodsTable
{
    /// <summary>One row per catalog type, with the user's MAX_ENI, version and trunk settings applied to every mode.</summary>
    public static IReadOnlyList<MaxPodsRow> Build(InstanceCatalog catalog, MaxPodsOptions options)
    {
        var rows = new List<MaxPodsRow>(catalog.Count);
        foreach (var type in catalog.Types)
        {
            var secondary = MaxPodsCalculator.Calculate(type, options with { CustomNetworking = false, PrefixDelegation = false });
            var custom = MaxPodsCalculator.Calculate(type, options with { CustomNetworking = true, PrefixDelegation = false });
            var prefix = MaxPodsCalculator.Calculate(type, options with { CustomNetworking = false, PrefixDelegation = true });
            var both = MaxPodsCalculator.Calculate(type, options with { CustomNetworking = true, PrefixDelegation = true });
            rows.Add(new MaxPodsRow(
                type.Name, type.Vcpus, secondary.Enis, type.Ipv4PerEni,
                secondary.MaxPods, secondary.Uncapped,
                custom.MaxPods, custom.Uncapped,
                prefix.MaxPods, prefix.Uncapped,
                both.MaxPods, both.Uncapped));
        }

        return rows;
    }

    /// <summary>A table for people.</summary>
    public static void WriteTable(TextWriter writer, IReadOnlyList<MaxPodsRow> rows)
    {
        var table = new TextTable("type", "vCPUs", "ENIs", "IPv4/ENI", "secondary", "(uncapped)", "custom", "(uncapped)", "prefix", "(uncapped)", "custom+prefix", "(uncapped)");
        foreach (var r in rows)
        {
            table.AddRow(
                r.Type, r.Vcpus?.ToString(CultureInfo.InvariantCulture) ?? "?", N(r.Enis), N(r.Ipv4PerEni),
                N(r.Secondary), N(r.SecondaryUncapped), N(r.Custom), N(r.CustomUncapped),
                N(r.Prefix), N(r.PrefixUncapped), N(r.CustomPrefix), N(r.CustomPrefixUncapped));
        }

        table.Write(writer);
    }

    /// <summary>CSV with a header row, for spreadsheets: CsvHelper writes the records through <see cref="MaxPodsRowMap"/>.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<MaxPodsRow> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.Context.RegisterClassMap<MaxPodsRowMap>();
        csv.WriteRecords(rows);
    }

    /// <summary>The CSV's column names and order (snake_case, as spreadsheets and the catalog CSV use).</summary>
    private sealed class MaxPodsRowMap : ClassMap<MaxPodsRow>
    {
        public MaxPodsRowMap()
        {
            Map(r => r.Type).Name("type");
            Map(r => r.Vcpus).Name("vcpus");
            Map(r => r.Enis).Name("enis");
            Map(r => r.Ipv4PerEni).Name("ipv4_per_eni");
            Map(r => r.Secondary).Name("secondary");
            Map(r => r.SecondaryUncapped).Name("secondary_uncapped");
            Map(r => r.Custom).Name("custom");
            Map(r => r.CustomUncapped).Name("custom_uncapped");
            Map(r => r.Prefix).Name("prefix");
            Map(r => r.PrefixUncapped).Name("prefix_uncapped");
            Map(r => r.CustomPrefix).Name("custom_prefix");
            Map(r => r.CustomPrefixUncapped).Name("custom_prefix_uncapped");
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
