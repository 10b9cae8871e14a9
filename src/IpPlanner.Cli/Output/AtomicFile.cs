using System.Security;
using System.Text;
using IpPlanner.Core;

namespace IpPlanner.Cli.Output;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a half-written file:
/// the content goes to a temporary file in the same directory (same file system), which then replaces the target.
/// Every verb that writes a file (import, recommend --write, --html, --plot) goes through here.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>. Throws <see cref="InputException"/>
    /// ("PATH: cannot write WHAT: reason") when the directory is missing or the file cannot be written; nothing is
    /// left behind then and an existing file is untouched.
    /// </summary>
    public static void WriteAllText(string path, string text, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }, what);
    }

    /// <summary>
    /// Throws the <see cref="InputException"/> that <see cref="Write"/> would throw for a path it cannot write to
    /// (not a file name, a directory, or in a directory that does not exist), so a verb can check its output paths
    /// before it does any work. Returns the full path.
    /// </summary>
    public static string CheckTarget(string path, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var cannot = string.IsNullOrEmpty(what) ? "cannot write" : $"cannot write {what}";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new InputException($"{path}: not a usable file name: {e.Message}", e);
        }

        if (Directory.Exists(full))
        {
            throw new InputException($"{path}: {cannot}: it is a directory; give a file name to write to");
        }

        var directory = Path.GetDirectoryName(full) ?? throw new InputException($"{path}: not a file path");
        if (!Directory.Exists(directory))
        {
            throw new InputException($"{path}: {cannot}: the directory {directory} does not exist");
        }

        return full;
    }

    /// <summary>Calls <paramref name="writeTemp"/> with a temporary path beside the target, then moves it into place.</summary>
    public static void Write(string path, Action<string> writeTemp, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(writeTemp);
        var full = CheckTarget(path, what);
        var cannot = string.IsNullOrEmpty(what) ? "cannot write" : $"cannot write {what}";
        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            TryDelete(temp);

            // The temporary name means nothing to the user; the target does.
            var reason = e.Message.Replace(temp, full, StringComparison.Ordinal).ReplaceLineEndings(" ");
            throw new InputException($"{path}: {cannot}: {reason}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the error about the target is what the user needs to see.
        }
    }
}
