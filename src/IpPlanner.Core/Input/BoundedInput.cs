using System.Globalization;
using System.Text;

namespace IpPlanner.Core.Input;

/// <summary>
/// The one way every reader (scenarios, AWS CLI JSON, instance types, ENIConfigs) gets its text: from a file, a device,
/// a FIFO or standard input (<c>-</c>), reading at most the limit plus one byte, so an endless stream (/dev/zero, a
/// generator) is refused as soon as it passes the limit instead of filling memory. Binary data (a NUL byte in text
/// that has no UTF-16/32 byte order mark) is refused on the first block.
/// </summary>
public static class BoundedInput
{
    /// <summary>The name that means standard input, as for other command-line tools.</summary>
    public const string StandardInputName = "-";

    private const int BlockBytes = 64 * 1024;

    /// <summary>
    /// Opens standard input. Core knows no console, so the host sets it: the CLI to Console.OpenStandardInput(), which
    /// works on every platform (Windows has no /dev/stdin); tests to a file. Unset, reading <c>-</c> is refused.
    /// </summary>
    public static Func<Stream> StandardInput { get; set; } = () => throw new IOException("standard input is not available here");

    /// <summary>
    /// The text of <paramref name="path"/> (<c>-</c>: standard input). Throws <see cref="InputException"/>
    /// ("PATH: ...; expected WHAT") when it is missing, a directory, unreadable, binary or larger than
    /// <paramref name="maxBytes"/>.
    /// </summary>
    /// <param name="path">A file path, or <c>-</c>.</param>
    /// <param name="maxBytes">The most a real input of this kind holds.</param>
    /// <param name="expected">What the input should be, for messages: "a scenario file", "the output of 'aws ec2 describe-subnets'".</param>
    public static string ReadText(string path, long maxBytes, string expected)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = Open(path, expected);
            using var content = new MemoryStream();
            var block = new byte[BlockBytes];
            long total = 0;
            bool? wide = null;
            int read;
            while ((read = stream.Read(block, 0, (int)Math.Min(block.Length, maxBytes + 1 - total))) > 0)
            {
                wide ??= HasWideByteOrderMark(block.AsSpan(0, read));
                if (wide == false)
                {
                    var nul = block.AsSpan(0, read).IndexOf((byte)0);
                    if (nul >= 0)
                    {
                        throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{Name(path)}: holds binary data (a NUL byte at offset {total + nul:N0}), not text; expected {expected}"));
                    }
                }

                total += read;
                if (total > maxBytes)
                {
                    throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{Name(path)}: more than {maxBytes:N0} bytes, too large for {expected}"));
                }

                content.Write(block, 0, read);
            }

            content.Position = 0;
            using var reader = new StreamReader(content, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"{Name(path)}: cannot read the file: {e.Message}", e);
        }
    }

    /// <summary>How messages name the input: "standard input" for <c>-</c>.</summary>
    public static string Name(string path) => path == StandardInputName ? "standard input" : path;

    private static Stream Open(string path, string expected)
    {
        if (path == StandardInputName)
        {
            return StandardInput();
        }

        if (Directory.Exists(path))
        {
            throw new InputException($"{path}: is a directory; expected {expected}");
        }

        if (!File.Exists(path))
        {
            throw new InputException($"{path}: no such file (expected {expected})");
        }

        // No length check: a device or FIFO has none; the read loop bounds what is read.
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
    }

    private static bool HasWideByteOrderMark(ReadOnlySpan<byte> start) =>
        start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ||
        start.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
}
