using System.Globalization;
using System.Text.RegularExpressions;
using IpPlanner.Core.Input;

namespace IpPlanner.Core.Model;

/// <summary>How a growth rate adds pods each month: a number of pods, or a percentage of the pods of the month before.</summary>
public enum GrowthUnit
{
    /// <summary>+N pods a month (linear).</summary>
    Pods,

    /// <summary>+P% of last month's pods (compounding).</summary>
    Percent,
}

/// <summary>
/// A node group's pod growth per month, written <c>+N/month</c>, <c>+P%/month</c> or, when uncertain, <c>+N±SD/month</c>
/// (<c>+P±SD%/month</c>): each month's step is drawn from a normal distribution with that mean and standard deviation.
/// <c>default</c> is no growth.
/// </summary>
public readonly partial record struct GrowthRate(GrowthUnit Unit, double PerMonth, double StandardDeviation)
{
    /// <summary>The most pods a month a rate may add (a linear rate) or take away.</summary>
    public const double MaxPodsPerMonth = 1_000_000;

    /// <summary>The largest percentage a month.</summary>
    public const double MaxPercentPerMonth = 1000;

    /// <summary>What a valid rate looks like, for error messages.</summary>
    public const string Forms = "+N/month, +P%/month or +N±SD/month, e.g. +40/month, +5%/month, +40±10/month";

    /// <summary>True when the rate has a standard deviation, so runs differ.</summary>
    public bool Uncertain => StandardDeviation > 0;

    /// <summary>Parses a rate; the message says what is wrong and what would be valid.</summary>
    public static bool TryParse(string? text, out GrowthRate rate, out string? error)
    {
        rate = default;
        error = null;
        var match = text is null ? null : RatePattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            error = $"'{text}' is not a growth rate (expected {Forms}){NumberText.ForeignDigitHint(text)}";
            return false;
        }

        // The pattern holds ASCII digits only (Input.NumberText), so these parse; a number of any length does (a
        // huge one to infinity), and the range check below calls it too large rather than no rate at all.
        var mean = double.Parse(match.Groups["mean"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var sd = match.Groups["sd"].Success ? double.Parse(match.Groups["sd"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0;
        var unit = match.Groups["pct"].Success ? GrowthUnit.Percent : GrowthUnit.Pods;
        var limit = unit == GrowthUnit.Percent ? MaxPercentPerMonth : MaxPodsPerMonth;
        var lowest = unit == GrowthUnit.Percent ? -100 : -MaxPodsPerMonth;
        if (mean < lowest || mean > limit || sd > limit)
        {
            var size = mean > limit || sd > limit ? "too large" : "too small";
            error = unit == GrowthUnit.Percent
                ? string.Create(CultureInfo.InvariantCulture, $"'{text}' is {size} (a monthly percentage from -100 to +{MaxPercentPerMonth:0}, a standard deviation up to {MaxPercentPerMonth:0})")
                : string.Create(CultureInfo.InvariantCulture, $"'{text}' is {size} (pods a month from -{MaxPodsPerMonth:N0} to +{MaxPodsPerMonth:N0}, a standard deviation up to {MaxPodsPerMonth:N0})");
            return false;
        }

        rate = new GrowthRate(unit, mean, sd);
        return true;
    }

    /// <summary>Parses a rate or throws an <see cref="InputException"/> that starts with <paramref name="where"/>.</summary>
    public static GrowthRate Parse(string text, string where) =>
        TryParse(text, out var rate, out var error) ? rate : throw new InputException($"{where}: {error}");

    /// <summary>The rate as written in a scenario or on the command line.</summary>
    public override string ToString()
    {
        var sign = PerMonth >= 0 ? "+" : "";
        var mean = PerMonth.ToString("0.###", CultureInfo.InvariantCulture);
        var sd = Uncertain ? "±" + StandardDeviation.ToString("0.###", CultureInfo.InvariantCulture) : "";
        return $"{sign}{mean}{sd}{(Unit == GrowthUnit.Percent ? "%" : "")}/month";
    }

    // "+-" is accepted for "±" because not every shell or keyboard types the latter.
    // Digits are [0-9], never \d (Input.NumberText).
    [GeneratedRegex(@"^(?<mean>[+-]?[0-9]+(\.[0-9]+)?)((±|\+-|\+/-)(?<sd>[0-9]+(\.[0-9]+)?))?(?<pct>%)?\s*/\s*month$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex RatePattern();
}
