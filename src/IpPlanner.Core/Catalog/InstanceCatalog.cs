using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Quickenshtein;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Catalog;

/// <summary>
/// The instance types IpPlanner knows: the embedded table (a snapshot of the VPC CNI's limits) optionally
/// overridden by a user's own <c>aws ec2 describe-instance-types</c> output.
/// </summary>
public sealed class InstanceCatalog
{
    private static readonly Lazy<InstanceCatalog> s_embedded = new(LoadEmbedded);
    private readonly Dictionary<string, InstanceType> _types;
    private readonly InstanceType[] _sorted;

    private InstanceCatalog(IEnumerable<InstanceType> types)
    {
        _types = new Dictionary<string, InstanceType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types)
        {
            _types[type.Name] = type;
        }

        _sorted = [.. _types.Values.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <summary>The catalog embedded in the tool.</summary>
    public static InstanceCatalog Embedded => s_embedded.Value;

    /// <summary>Every type, sorted by name.</summary>
    public IReadOnlyList<InstanceType> Types => _sorted;

    /// <summary>How many types the catalog holds.</summary>
    public int Count => _sorted.Length;

    /// <summary>A catalog holding these types and no others (for tests and imports).</summary>
    public static InstanceCatalog Of(IEnumerable<InstanceType> types) => new(types);

    /// <summary>This catalog with <paramref name="overrides"/> replacing or adding entries of the same name.</summary>
    public InstanceCatalog WithOverrides(IEnumerable<InstanceType> overrides)
    {
        var merged = new Dictionary<string, InstanceType>(_types, StringComparer.OrdinalIgnoreCase);
        foreach (var type in overrides)
        {
            // describe-instance-types reports neither branch ENIs nor prices; keep what the embedded table knows.
            if (merged.TryGetValue(type.Name, out var known))
            {
                merged[type.Name] = type with
                {
                    BranchEnis = type.BranchEnis ?? known.BranchEnis,
                    MemoryMiB = type.MemoryMiB ?? known.MemoryMiB,
                    OnDemandUsdPerHour = type.OnDemandUsdPerHour ?? known.OnDemandUsdPerHour,
                };
            }
            else
            {
                merged[type.Name] = type;
            }
        }

        return new InstanceCatalog(merged.Values);
    }

    /// <summary>This catalog with the on-demand prices of <paramref name="prices"/> (type name to USD per hour) replacing its own.</summary>
    public InstanceCatalog WithPrices(IReadOnlyDictionary<string, decimal> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return new InstanceCatalog(_types.Values.Select(t => prices.TryGetValue(t.Name, out var price) ? t with { OnDemandUsdPerHour = price } : t));
    }

    /// <summary>Looks a type up by name (case-insensitive).</summary>
    public bool TryGet(string name, out InstanceType type)
    {
        if (_types.TryGetValue(name.Trim(), out var found))
        {
            type = found;
            return true;
        }

        type = null!;
        return false;
    }

    /// <summary>Looks a type up by name or throws an <see cref="InputException"/> that suggests the closest names.</summary>
    public InstanceType Get(string name, string? source = null) =>
        TryGet(name, out var type) ? type : throw new InputException(UnknownTypeMessage(name, source));

    /// <summary>"unknown instance type 'm5.lrage' (did you mean m5.large, m5.xlarge?)".</summary>
    public string UnknownTypeMessage(string name, string? field = null)
    {
        var suggestions = SuggestClosest(name, 3);
        var prefix = string.IsNullOrEmpty(field) ? "" : field + ": ";
        var hint = suggestions.Count == 0 ? "" : $" (did you mean {string.Join(", ", suggestions)}?)";
        return $"{prefix}unknown instance type '{name}'{hint}";
    }

    /// <summary>The known names nearest to <paramref name="name"/> by edit distance, closest first.</summary>
    public IReadOnlyList<string> SuggestClosest(string name, int count)
    {
        var wanted = name.Trim().ToLowerInvariant();
        return _sorted
            .Select(t => (t.Name, Distance: Levenshtein.GetDistance(wanted, t.Name)))
            .Where(x => x.Distance <= Math.Max(3, wanted.Length / 3))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)
            .ToList();
    }

    private static InstanceCatalog LoadEmbedded()
    {
        using var stream = typeof(InstanceCatalog).Assembly.GetManifestResourceStream("IpPlanner.Core.Catalog.instance-types.csv")
            ?? throw new InvalidOperationException("the embedded instance catalog is missing from the assembly");
        using var reader = new StreamReader(stream);
        return new InstanceCatalog(ReadCsv(reader, "instance-types.csv"));
    }

    /// <summary>Reads the catalog CSV format described in shared/data/README.md.</summary>
    public static IReadOnlyList<InstanceType> ReadCsv(TextReader reader, string source)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true };
        using var csv = new CsvReader(reader, config);
        var types = new List<InstanceType>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            try
            {
                var name = csv.GetField("instance_type")!;
                var cards = csv.GetField("network_cards")!
                    .Split(';', StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => c.Split(':'))
                    .Select(p => new NetworkCard(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))
                    .ToArray();
                types.Add(new InstanceType(
                    name,
                    OptionalInt(csv.GetField("vcpus")),
                    NullIfEmpty(csv.GetField("hypervisor")),
                    bool.Parse(csv.GetField("bare_metal")!),
                    int.Parse(csv.GetField("max_enis")!, CultureInfo.InvariantCulture),
                    int.Parse(csv.GetField("ipv4_per_eni")!, CultureInfo.InvariantCulture),
                    cards,
                    OptionalInt(csv.GetField("branch_enis")),
                    csv.TryGetField<string>("memory_mib", out var memory) ? OptionalInt(memory) : null,
                    csv.TryGetField<string>("on_demand_usd_per_hour_us_east_1", out var price) ? OptionalDecimal(price) : null));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or CsvHelperException)
            {
                throw InputException.At(source, row, null, null, $"malformed catalog row: {e.Message}");
            }
        }

        return types;
    }

    private static int? OptionalInt(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : int.Parse(text, CultureInfo.InvariantCulture);

    // Dividing by 1.000...0m drops the table's trailing zeros (0.096000 -> 0.096) so outputs print the price as published.
    private static decimal? OptionalDecimal(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) / 1.000000000000000000000000000000000m;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
