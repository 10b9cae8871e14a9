using System.Globalization;
using System.Text;

namespace IpPlanner.Core.Input;

/// <summary>
/// The one rule for showing text that came from a file (names, ids, values quoted in messages) to a person: the
/// characters that act instead of showing are written as <c>\uXXXX</c>. They are the C0 and C1 control characters
/// but line feed and tab (ESC starts the ANSI and OSC sequences that recolour a terminal or retitle its window; BEL,
/// backspace and carriage return overwrite what was printed), DEL, the bidirectional controls (U+202E turns the rest
/// of a line around, U+2066..2069 and the marks U+200E/U+200F/U+061C likewise), the byte order mark U+FEFF (an
/// invisible character inside a name) and the line and paragraph separators U+2028/U+2029. <c>\uXXXX</c> reads the
/// same inside a JSON string and a double-quoted YAML scalar, so escaping there keeps the value. The terminal writer
/// of the CLI, the HTML writers and the served page apply it (the page through a copy in its script).
/// </summary>
public static class ShownText
{
    /// <summary>True when <paramref name="c"/> would act on a terminal or a text's direction instead of showing.</summary>
    public static bool IsHidden(char c) => c switch
    {
        '\n' or '\t' => false,
        < ' ' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or '\uFEFF' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    /// <summary>True when <paramref name="text"/> holds a character <see cref="IsHidden"/> names.</summary>
    public static bool HasHidden(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsHidden(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> with every character <see cref="IsHidden"/> names written <c>\uXXXX</c>.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !HasHidden(text))
        {
            return text ?? "";
        }

        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsHidden(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }
}
