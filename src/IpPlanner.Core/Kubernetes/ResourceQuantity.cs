using System.Globalization;
using System.Text.RegularExpressions;

namespace IpPlanner.Core.Kubernetes;

/// <summary>
/// Kubernetes resource quantities as pod specs write them: <c>250m</c>, <c>0.5</c>, <c>2</c> for CPU and
/// <c>512Mi</c>, <c>1Gi</c>, <c>1G</c>, <c>1e9</c> for memory (k8s.io/apimachinery resource.Quantity's grammar,
/// without signs). Fractions round up, as the Kubernetes scheduler's <c>MilliValue</c>/<c>Value</c> do.
/// </summary>
internal static partial class ResourceQuantity
{
    /// <summary>The most CPU one request may ask for (cores): far beyond any instance.</summary>
    public const long MaxCpuCores = 100_000;

    /// <summary>The most memory one request may ask for: 1 PiB, far beyond any instance.</summary>
    public const long MaxMemoryBytes = 1L << 50;

    /// <summary>
    /// The most CPU a NodePool's limit may name (cores): a limit is the pool's total over all its nodes, so the bound is
    /// far above any node's (100,000 nodes of the largest types hold a few tens of millions of cores).
    /// </summary>
    public const long MaxLimitCpuCores = 100_000_000;

    /// <summary>The most memory a NodePool's limit may name: 1 EiB, the pool's total over all its nodes.</summary>
    public const long MaxLimitMemoryBytes = 1L << 60;

    /// <summary>One MiB in bytes.</summary>
    public const long Mebibyte = 1024 * 1024;

    /// <summary>
    /// Reads a CPU quantity into millicores; false (with the reason) for anything else. <paramref name="poolTotal"/>:
    /// a NodePool's limit, the total over all its nodes, bounded by <see cref="MaxLimitCpuCores"/> instead of a node's.
    /// </summary>
    public static bool TryParseCpuMillicores(string text, out long millicores, out string problem, bool poolTotal = false)
    {
        millicores = 0;
        if (!TryParse(text, out var cores, out problem))
        {
            problem += " (expected CPU such as 250m, 0.5 or 2)";
            return false;
        }

        if (poolTotal && cores > MaxLimitCpuCores)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"'{text}' is more CPU than any NodePool can launch (a limit is the pool's total over all its nodes; at most {MaxLimitCpuCores:N0} cores)");
            return false;
        }

        if (!poolTotal && cores > MaxCpuCores)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"'{text}' is more CPU than any node has (at most {MaxCpuCores:N0} cores)");
            return false;
        }

        millicores = (long)decimal.Ceiling(cores * 1000m);
        return true;
    }

    /// <summary>
    /// Reads a memory quantity into bytes; false (with the reason) for anything else. <paramref name="poolTotal"/>: a
    /// NodePool's limit, bounded by <see cref="MaxLimitMemoryBytes"/> instead of a node's.
    /// </summary>
    public static bool TryParseMemoryBytes(string text, out long bytes, out string problem, bool poolTotal = false)
    {
        bytes = 0;
        if (!TryParse(text, out var value, out problem))
        {
            problem += " (expected memory such as 512Mi, 1Gi or 1G)";
            return false;
        }

        if (poolTotal && value > MaxLimitMemoryBytes)
        {
            problem = $"'{text}' is more memory than any NodePool can launch (a limit is the pool's total over all its nodes; at most 1Ei)";
            return false;
        }

        if (!poolTotal && value > MaxMemoryBytes)
        {
            problem = $"'{text}' is more memory than any node has (at most 1Pi)";
            return false;
        }

        bytes = (long)decimal.Ceiling(value);
        return true;
    }

    /// <summary>Millicores as Kubernetes prints them: <c>250m</c>, or whole cores as <c>2</c>.</summary>
    public static string FormatCpu(long millicores) =>
        millicores % 1000 == 0
            ? (millicores / 1000).ToString(CultureInfo.InvariantCulture)
            : millicores.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>Bytes as the largest binary unit that divides them: <c>512Mi</c>, <c>1Gi</c>, else plain bytes.</summary>
    public static string FormatMemory(long bytes)
    {
        foreach (var (suffix, factor) in s_binary.Reverse())
        {
            if (bytes != 0 && bytes % factor == 0)
            {
                return (bytes / factor).ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    private static readonly (string Suffix, long Factor)[] s_binary =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40), ("Pi", 1L << 50), ("Ei", 1L << 60),
    ];

    private static bool TryParse(string text, out decimal value, out string problem)
    {
        value = 0;
        problem = "";
        var match = QuantityPattern().Match(text.Trim());
        if (!match.Success)
        {
            problem = $"'{text}' is not a Kubernetes quantity";
            return false;
        }

        try
        {
            var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var suffix = match.Groups["suffix"].Value;
            value = number * Multiplier(suffix);
            return true;
        }
        catch (OverflowException)
        {
            problem = $"'{text}' is far too large";
            return false;
        }
    }

    private static decimal Multiplier(string suffix)
    {
        foreach (var (name, factor) in s_binary)
        {
            if (suffix == name)
            {
                return factor;
            }
        }

        return suffix switch
        {
            "" => 1m,
            "n" => 0.000000001m,
            "u" => 0.000001m,
            "m" => 0.001m,
            "k" => 1e3m,
            "M" => 1e6m,
            "G" => 1e9m,
            "T" => 1e12m,
            "P" => 1e15m,
            "E" => 1e18m,
            _ => Exponent(suffix),
        };
    }

    private static decimal Exponent(string suffix)
    {
        var exponent = int.Parse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent is > 18 or < -9)
        {
            throw new OverflowException();
        }

        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result = exponent > 0 ? result * 10m : result / 10m;
        }

        return result;
    }

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();
}
