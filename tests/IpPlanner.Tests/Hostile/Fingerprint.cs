using System.Security.Cryptography;
using IpPlanner.Cli.Output;
using IpPlanner.Tests.Architecture;

namespace IpPlanner.Tests.Hostile;

/// <summary>
/// What every file under some folders holds (a SHA-256 of its bytes, where a symlink points, or a large file's size and time of last write), so a test can say
/// "nothing changed but what I meant to write": the repository's samples/ and schema/, the samples copied next to the
/// test assembly, and the test's own temporary folder. FIFOs and devices are recorded by kind, never opened.
/// </summary>
internal sealed class Fingerprint
{
    private readonly Dictionary<string, string> _files;

    private Fingerprint(Dictionary<string, string> files) => _files = files;

    /// <summary>The folders a hostile run must never change: the repository's samples and schema, and the copies the tests read.</summary>
    public static IReadOnlyList<string> ProtectedFolders { get; } =
    [
        Path.Combine(CoreSource.RepositoryRoot, "samples"),
        Path.Combine(CoreSource.RepositoryRoot, "schema"),
        Fixtures.SamplesDirectory,
    ];

    /// <summary>Every file under <paramref name="folders"/> now.</summary>
    public static Fingerprint Of(IEnumerable<string> folders)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
            foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", options))
            {
                files[path] = Describe(path);
            }

            files[folder] = "folder";
        }

        return new Fingerprint(files);
    }

    /// <summary>
    /// The paths that differ from <paramref name="before"/> (added, removed or changed), but for
    /// <paramref name="meant"/>: the files the run was asked to write.
    /// </summary>
    public IReadOnlyList<string> ChangedSince(Fingerprint before, params string[] meant)
    {
        ArgumentNullException.ThrowIfNull(before);
        var allowed = meant.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        return [.. before._files.Keys.Union(_files.Keys)
            .Where(p => !allowed.Contains(p))
            .Where(p => !before._files.TryGetValue(p, out var was) || !_files.TryGetValue(p, out var now) || was != now)
            .Order(StringComparer.Ordinal)];
    }

    private static string Describe(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            return $"link -> {target}";
        }

        if (info.Attributes.HasFlag(FileAttributes.Directory))
        {
            return "folder";
        }

        if (FileIdentity.Of(path).Kind == FileKind.Other)
        {
            return "special";
        }

        // A large file (the suite's too-large scenario) by its size and time of last write, which any write changes;
        // hashing it before and after every run would cost more than the runs.
        if (info.Length > 1024 * 1024)
        {
            return $"{info.Length} bytes written {info.LastWriteTimeUtc.Ticks}";
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
