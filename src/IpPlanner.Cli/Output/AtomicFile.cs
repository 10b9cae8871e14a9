using System.Security;
using System.Text;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Output;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a half-written file:
/// the content goes to a temporary file in the same directory (same file system), which then replaces the target.
/// Every verb that writes a file (import, recommend --write, --html, --plot) goes through here. A path that is not a
/// regular file (a device, a FIFO, /dev/stdout) is written through instead, and a symlink's target is what changes.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>. Throws <see cref="InputException"/>
    /// ("PATH: cannot write WHAT: reason") when the directory is missing or the file cannot be written; nothing is
    /// left behind then and an existing file is untouched.
    /// </summary>
    public static void WriteAllText(string path, string text, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), what);
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

        if (FileIdentity.IsSymlinkLoop(full))
        {
            throw new InputException($"{path}: {cannot}: it is a symlink loop (too many levels of symbolic links); give a file name to write to");
        }

        var directory = Path.GetDirectoryName(full) ?? throw new InputException($"{path}: not a file path");
        if (!Directory.Exists(directory))
        {
            throw new InputException($"{path}: {cannot}: the directory {directory} does not exist");
        }

        return full;
    }

    /// <summary>
    /// Refuses, before any work, an output that would destroy something that is not the output: a regular file that is
    /// also an input of the run, or one file named by two outputs. Paths are compared by file identity (device and
    /// inode, after symlinks), not by their text. Devices, FIFOs and the like are written through, so they may repeat.
    /// </summary>
    /// <param name="outputs">Each output's flag (e.g. <c>--html</c>) and path; null paths are skipped.</param>
    /// <param name="inputs">The run's input files (<c>-</c>: standard input, which may be a redirected file, at most once); null is skipped.</param>
    public static void CheckOutputs(IEnumerable<(string Flag, string? Path)> outputs, IEnumerable<string?> inputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        inputs = [.. inputs];

        // Standard input can be read once: a second '-' would get nothing (or the first input's leftovers).
        if (inputs.Count(i => i == "-") > 1)
        {
            throw new InputException("-: standard input can hold only one of the inputs; give the others as files");
        }

        // Standard input redirected from a file (`plan - < S.yaml`) is that file: on Linux /proc/self/fd/0 names it.
        var inputIds = inputs
            .Where(i => !string.IsNullOrEmpty(i) && (i != "-" || OperatingSystem.IsLinux()))
            .Select(i => (Path: i == "-" ? "standard input" : i!, Id: FileIdentity.Of(i == "-" ? "/proc/self/fd/0" : i!)))
            .Where(i => i.Id.Kind == FileKind.Regular)
            .ToList();
        var seen = new List<(string Flag, FileIdentity Id)>();
        foreach (var (flag, path) in outputs)
        {
            if (string.IsNullOrEmpty(path))
            {
                continue;
            }

            var id = FileIdentity.Of(path);
            if (id.Kind is not (FileKind.Regular or FileKind.Missing))
            {
                continue;
            }

            foreach (var input in inputIds)
            {
                if (input.Id.Key == id.Key)
                {
                    throw new InputException($"{path}: {flag} would overwrite the input {input.Path}; write to another file");
                }
            }

            foreach (var other in seen)
            {
                if (other.Id.Key == id.Key)
                {
                    throw new InputException($"{path}: {other.Flag} and {flag} name the same file; give each output its own file");
                }
            }

            seen.Add((flag, id));
        }
    }

    /// <summary>
    /// Puts <paramref name="content"/> in place: a regular file (or a new one) is replaced atomically, by a temporary
    /// file in its directory and a rename, after following symlinks so the link stays and its target changes; a
    /// device, FIFO or anything else that is not a regular file is opened and written through, never replaced, and no
    /// temporary file is made for it (a FIFO without a reader then waits in open(2), where Ctrl+C stops it with
    /// nothing left behind). A symlink loop is refused, never replaced by a regular file.
    /// </summary>
    public static void WriteAllBytes(string path, byte[] content, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckTarget(path, what);
        var cannot = string.IsNullOrEmpty(what) ? "cannot write" : $"cannot write {what}";
        var full = Path.GetFullPath(path);
        var writeThrough = IsSpecialPath(full) || FileIdentity.Of(full).Kind == FileKind.Other;
        var target = writeThrough ? full : FileIdentity.FollowLinks(full);
        var temp = writeThrough ? null : Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (temp is null)
            {
                using var sink = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.None);
                sink.Write(content);
                sink.Flush();
            }
            else
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, target, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }

            // The temporary name means nothing to the user; the target does.
            // .NET ends some messages with " : 'PATH'"; the path already leads the line, so the tail is only noise.
            var reason = (temp is null ? e.Message : e.Message.Replace(temp, full, StringComparison.Ordinal)).ReplaceLineEndings(" ");
            var tail = $" : '{full}'";
            reason = reason.EndsWith(tail, StringComparison.Ordinal) ? reason[..^tail.Length] : reason;
            throw new InputException($"{path}: {cannot}: {reason}", e);
        }
    }

    /// <summary>/dev/stdout, /dev/fd/N, /proc/self/fd/N: names of streams, written through whatever they point at.</summary>
    private static bool IsSpecialPath(string full) =>
        OperatingSystem.IsLinux() && (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal));

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
