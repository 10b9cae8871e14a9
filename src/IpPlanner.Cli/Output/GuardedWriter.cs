using System.Text;

namespace IpPlanner.Cli.Output;

/// <summary>A stream the user named (standard output) could not be written: full disk, closed pipe.</summary>
internal sealed class OutputStreamException(string stream, IOException inner)
    : IOException($"cannot write to {stream}: {inner.Message.ReplaceLineEndings(" ")}", inner);

/// <summary>
/// Wraps the process's standard output so a full disk (<c>plan S.yaml &gt; /dev/full</c>) or a closed pipe becomes
/// an <see cref="OutputStreamException"/> that the CLI reports in one line, not an internal error.
/// </summary>
internal sealed class GuardedWriter(TextWriter inner, string stream) : TextWriter
{
    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc/>
    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter.NewLine's setter takes null to mean the default.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    /// <inheritdoc/>
    public override void Write(char value) => Guard(() => inner.Write(value));

    /// <inheritdoc/>
    public override void Write(string? value) => Guard(() => inner.Write(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    /// <inheritdoc/>
    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e) when (e is not OutputStreamException)
        {
            throw new OutputStreamException(stream, e);
        }
    }
}
