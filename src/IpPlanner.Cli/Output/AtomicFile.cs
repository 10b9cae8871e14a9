using IpPlanner.Core;

namespace IpPlanner.Cli.Output;

/// <summary>Writes a file whole or not at all: into a temp file beside it, then a rename over the target.</summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temp path in the target's folder, then moves it into place.</summary>
    public static void Write(string path, Action<string> write, string field)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new InputException($"{field}: cannot write '{path}': the folder {folder} does not exist");
        }

        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            write(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{field}: cannot write '{path}' ({e.Message})", e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
