using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Catalog;

/// <summary>
/// A user's on-demand prices (<c>instance_type,usd_per_hour</c>, one type a row) replacing the embedded us-east-1
/// table's, so a NodePool launches the cheapest type at the user's own prices (docs/nodepools.md, "Prices").
/// </summary>
public static class PriceFile
{
    /// <summary>The most a price file may hold: about 40,000 rows, far more than there are instance types.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>The highest hourly price accepted: far above any instance (the largest cost a few hundred dollars).</summary>
    public const decimal MaxUsdPerHour = 10_000m;

    private const string TypeColumn = "instance_type";
    private const string PriceColumn = "usd_per_hour";
    private const string Expected = "a CSV of instance_type,usd_per_hour";

    /// <summary><paramref name="catalog"/> with the prices of the file at <paramref name="path"/> (<c>-</c> for standard input).</summary>
    public static InstanceCatalog Apply(InstanceCatalog catalog, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var text = BoundedInput.ReadText(path, MaxFileBytes, Expected);
        return Apply(catalog, text, BoundedInput.Name(path));
    }

    /// <summary>
    /// <paramref name="catalog"/> with the prices in <paramref name="text"/>. A bad row, an unknown or repeated type
    /// is an <see cref="InputException"/> naming <paramref name="source"/>, the line and the field.
    /// </summary>
    public static InstanceCatalog Apply(InstanceCatalog catalog, string text, string source)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(text);
        var prices = new Dictionary<string, (decimal Price, long Line)>(StringComparer.OrdinalIgnoreCase);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        long line = 1;
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
            {
                throw InputException.At(source, 1, null, null, $"the file is empty; expected {Expected} with that header");
            }

            var header = csv.HeaderRecord.Select(h => h.Trim()).ToList();
            if (header.Count != 2 || !header.Contains(TypeColumn, StringComparer.Ordinal) || !header.Contains(PriceColumn, StringComparer.Ordinal))
            {
                throw InputException.At(source, csv.Parser.RawRow, null, null,
                    $"the header is '{string.Join(',', header)}'; expected the two columns {TypeColumn},{PriceColumn}");
            }

            while (csv.Read())
            {
                line = csv.Parser.RawRow;
                if (csv.Parser.Count != 2)
                {
                    throw InputException.At(source, line, null, null, $"{csv.Parser.Count} field{(csv.Parser.Count == 1 ? "" : "s")}; expected 2 ({TypeColumn},{PriceColumn})");
                }

                var name = csv.GetField(TypeColumn) ?? "";
                var priceText = csv.GetField(PriceColumn) ?? "";
                if (name.Length == 0)
                {
                    throw InputException.At(source, line, null, TypeColumn, "is empty; expected an instance type such as m5.large");
                }

                if (!catalog.TryGet(name, out var type))
                {
                    throw InputException.At(source, line, null, TypeColumn, catalog.UnknownTypeMessage(name));
                }

                if (!decimal.TryParse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) || price > MaxUsdPerHour)
                {
                    throw InputException.At(source, line, null, PriceColumn,
                        $"'{priceText}' is not a price; expected US dollars per hour from 0 to {MaxUsdPerHour.ToString("N0", CultureInfo.InvariantCulture)}, such as 0.096");
                }

                if (prices.TryGetValue(type.Name, out var earlier))
                {
                    throw InputException.At(source, line, null, TypeColumn, $"'{type.Name}' is priced twice (first on line {earlier.Line})");
                }

                prices[type.Name] = (price, line);
            }
        }
        catch (CsvHelperException e) when (e is not null)
        {
            throw InputException.At(source, csv.Parser.RawRow > 0 ? csv.Parser.RawRow : line, null, null, $"not valid CSV; expected {Expected}");
        }

        return catalog.WithPrices(prices.ToDictionary(p => p.Key, p => p.Value.Price, StringComparer.OrdinalIgnoreCase));
    }
}
