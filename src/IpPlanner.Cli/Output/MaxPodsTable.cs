using System.Globalization;
using CsvHelper;
using IpPlanner.Core.Catalog;
using IpPlanner.Core.Cni;

namespace IpPlanner.Cli.Output;

/// <summary>One row of <c>maxpods --all</c>: a type and its max pods in the four CNI modes, capped and uncapped.</summary>
public sealed record MaxPodsRow(
    string Type, int? Vcpus, int Enis, int Ipv4PerEni,
    int Secondary, int SecondaryUncapped,
    int Custom, int CustomUncapped,
    int Prefix, int PrefixUncapped,
    int CustomPrefix, int CustomPrefixUncapped);

/// <summary>Computes and prints the whole-catalog max-pods table.</summary>
public static class MaxPodsTable
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

    /// <summary>CSV with a header row, for spreadsheets.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<MaxPodsRow> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var header in new[]
        {
            "type", "vcpus", "enis", "ipv4_per_eni", "secondary", "secondary_uncapped", "custom", "custom_uncapped",
            "prefix", "prefix_uncapped", "custom_prefix", "custom_prefix_uncapped",
        })
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Type);
            csv.WriteField(r.Vcpus);
            csv.WriteField(r.Enis);
            csv.WriteField(r.Ipv4PerEni);
            csv.WriteField(r.Secondary);
            csv.WriteField(r.SecondaryUncapped);
            csv.WriteField(r.Custom);
            csv.WriteField(r.CustomUncapped);
            csv.WriteField(r.Prefix);
            csv.WriteField(r.PrefixUncapped);
            csv.WriteField(r.CustomPrefix);
            csv.WriteField(r.CustomPrefixUncapped);
            csv.NextRecord();
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
