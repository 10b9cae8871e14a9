using System.Text;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Output;

/// <summary>
/// Standard output and standard error as a person reads them: every character that would act on a terminal instead
/// of showing (ESC of an ANSI or OSC sequence, BEL, a lone carriage return, a bidi override, a BOM) is written as
/// <c>\uXXXX</c> (<see cref="ShownText"/>), so a scenario whose names carry them cannot recolour the terminal, retitle
/// its window or turn a line around. Everything the CLI prints passes through here, whatever the format: JSON and
/// YAML strings keep their value, as <c>\uXXXX</c> means the same character there (the YAML writer double-quotes such
/// a string). The tool's own terminal controls (Spectre's progress bar) write to the stream underneath.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    /// <summary>The writer underneath, for output that is the tool's own terminal control.</summary>
    public TextWriter Inner { get; } = inner;

    /// <inheritdoc/>
    public override Encoding Encoding => Inner.Encoding;

    /// <inheritdoc/>
    public override IFormatProvider FormatProvider => Inner.FormatProvider;

    /// <inheritdoc/>
    public override string NewLine
    {
        get => Inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null to mean the default.
        set => Inner.NewLine = value;
#pragma warning restore CS8765
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        if (ShownText.IsHidden(value))
        {
            Inner.Write(ShownText.Escape(value.ToString()));
        }
        else
        {
            Inner.Write(value);
        }
    }

    /// <inheritdoc/>
    public override void Write(string? value) => Inner.Write(Shown(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Inner.Write(Shown(new string(buffer, index, count)));

    /// <inheritdoc/>
    public override void WriteLine() => Inner.WriteLine();

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Inner.WriteLine(Shown(value));

    /// <inheritdoc/>
    public override void Flush() => Inner.Flush();

    /// <summary>The text with hidden characters escaped; a carriage return that starts a CRLF line end stays.</summary>
    private static string Shown(string? value)
    {
        if (value is null || !ShownText.HasHidden(value))
        {
            return value ?? "";
        }

        var parts = value.Split("\r\n");
        return string.Join("\r\n", parts.Select(ShownText.Escape));
    }
}
