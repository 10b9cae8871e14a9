using System.Text;

namespace IpPlanner.Core.Import.ScenarioWriter;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a half-written file:
/// the text goes to a temporary file in the same directory (same file system), which then replaces the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>. Throws <see cref="InputException"/>
    /// naming the path when the directory is missing or the file cannot be written; nothing is left behind then.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
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
            throw new InputException($"{path}: is a directory; give a file name to write the scenario to");
        }

        var directory = Path.GetDirectoryName(full) ?? throw new InputException($"{path}: not a file path");
        if (!Directory.Exists(directory))
        {
            throw new InputException($"{path}: cannot write: the directory {directory} does not exist");
        }

        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new InputException($"{path}: cannot write: {e.Message}", e);
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
            // Best effort: the original error is the one worth reporting.
        }
    }
}
