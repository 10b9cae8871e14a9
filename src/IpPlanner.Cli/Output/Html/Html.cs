using System.Globalization;
using System.Net;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Output.Html;

/// <summary>Encoding and number formatting for the HTML writers: every piece of text from a scenario goes through <see cref="Text"/>.</summary>
internal static class Html
{
    /// <summary>
    /// <paramref name="value"/> HTML-encoded for element content or a double-quoted attribute. Control characters and
    /// the other hidden ones (bidi overrides, a BOM: <see cref="ShownText"/>) are shown as <c>\uXXXX</c>, as the
    /// terminal shows them, so a name cannot turn a line of the report around; U+FFFE and U+FFFF, which XML does not
    /// allow, become U+FFFD. A stray byte in a scenario cannot break the document.
    /// </summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var shown = ShownText.Escape(value);
        return WebUtility.HtmlEncode(HasForbiddenCharacter(shown) ? Scrub(shown) : shown);
    }

    /// <summary>A count with thousands separators, as the text output prints it (1,019).</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A measured value such as a percentile, rounded to a whole number with thousands separators exactly as the
    /// text output prints it (717.5 becomes 718, not 717).
    /// </summary>
    public static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal (39.0 %), as the text output prints it.</summary>
    public static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>A number for CSS and SVG attributes: invariant, at most 3 decimals.</summary>
    public static string Coordinate(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool IsForbidden(char c) => (c < ' ' && c is not '\t' and not '\n' and not '\r') || c is '\uFFFE' or '\uFFFF';

    private static bool HasForbiddenCharacter(string value)
    {
        foreach (var c in value)
        {
            if (IsForbidden(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Scrub(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = IsForbidden(source[i]) ? '\uFFFD' : source[i];
        }
    });
}
