using System.Text.RegularExpressions;

namespace IpPlanner.Core.ScenarioFile;

/// <summary>
/// Whether a text written plain (unquoted) would be read back as something other than a string by a YAML 1.2
/// core-schema reader or a YAML 1.1 reader (the YAML language server, PyYAML): then the writers quote it.
/// </summary>
/// <remarks>
/// The forms are the specs' own: YAML 1.2.2 section 10.3.2 (core schema tag resolution: null, bool, int in base 10, 8
/// with 0o and 16 with 0x, float with an exponent and .inf/.nan), and the YAML 1.1 type repository (yaml.org/type:
/// bool with y/n/yes/no/on/off, null, int with 0b, leading-0 octal, 0x, underscores and base 60, float with
/// underscores and base 60, timestamp, and the merge (&lt;&lt;) and value (=) keys). The 1.1 float is PyYAML's form
/// of it: the type page's pattern allows any dots after the first, so an address like 10.0.1.7 would be a float, which
/// no reader makes of it. YamlDotNet's own table misses some
/// (1e3, a date), so the writers ask here as well; quoting a string that did not need it is harmless.
/// </remarks>
internal static partial class YamlPlainScalar
{
    /// <summary>True when <paramref name="text"/>, written plain, would not be read back as this string.</summary>
    public static bool ResolvesAsNonString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 || Core12().IsMatch(text) || Yaml11().IsMatch(text);
    }

    [GeneratedRegex(
        @"^(?:null|Null|NULL|~" +
        @"|true|True|TRUE|false|False|FALSE" +
        @"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+" +
        @"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?" +
        @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Core12();

    [GeneratedRegex(
        @"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF" +
        @"|~|null|Null|NULL" +
        @"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+" +
        @"|[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)" +
        @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?" +
        @"|<<|=)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Yaml11();
}
