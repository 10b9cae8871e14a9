namespace IpPlanner.Core.Input;

/// <summary>
/// The one digit rule of every number IpPlanner reads (scenario values, growth rates, CIDRs, quantities, prices,
/// command-line options): a digit is ASCII <c>0</c> to <c>9</c>. .NET's number parsers already hold to it; a regular
/// expression's <c>\d</c> does not (it matches every Unicode digit: full-width <c>５</c>, Arabic-Indic <c>٥</c>), so
/// patterns spell digits <c>[0-9]</c>, and a test keeps <c>\d</c> out of the source.
/// </summary>
public static class NumberText
{
    /// <summary>
    /// " (digits are 0-9; '５' is a digit of another script)" when <paramref name="text"/> holds a digit that is not
    /// ASCII, so a message about a number the tool could not read says why; otherwise empty.
    /// </summary>
    public static string ForeignDigitHint(string? text)
    {
        foreach (var c in text ?? "")
        {
            if (char.IsDigit(c) && !char.IsAsciiDigit(c))
            {
                return $" (digits are 0-9; '{c}' is a digit of another script)";
            }
        }

        return "";
    }
}
