using System.Runtime.InteropServices;

namespace IpPlanner.Cli.Output;

/// <summary>What a path names on disk, after following symlinks.</summary>
internal enum FileKind
{
    /// <summary>Nothing: the path does not exist (yet).</summary>
    Missing,

    /// <summary>A regular file: replaced atomically when written.</summary>
    Regular,

    /// <summary>A directory: never written.</summary>
    Directory,

    /// <summary>A device, FIFO or socket: written through, never replaced.</summary>
    Other,
}

/// <summary>
/// Which file a path names: device and inode (from statx, whose layout is the same on every Linux architecture), so
/// two paths to one file (a symlink, a hard link, <c>./x</c> and <c>x</c>) compare equal. A path that does not exist
/// is named by its directory's identity and its file name. Off Linux the resolved full path stands in.
/// </summary>
internal readonly record struct FileIdentity(string Key, FileKind Kind)
{
    /// <summary>The identity of <paramref name="path"/>, following symlinks.</summary>
    public static FileIdentity Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (Stat(full) is { } self)
        {
            return self;
        }

        // A broken symlink names the file it would create.
        var followed = FollowLinks(full);
        var directory = Path.GetDirectoryName(followed);
        var name = Path.GetFileName(followed);
        var parent = directory is null ? null : Stat(directory);
        return new FileIdentity(parent is { } p ? $"{p.Key}/{name}" : full, FileKind.Missing);
    }

    /// <summary>The file a symlink finally names (the path itself when it is not a symlink or the link is broken).</summary>
    public static string FollowLinks(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        try
        {
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            return target is null ? full : Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            return full;
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is a symlink whose chain never ends (<c>ln -s loop loop</c>, or two links to
    /// each other): the system refuses to follow it (ELOOP), and replacing it would destroy the link.
    /// </summary>
    public static bool IsSymlinkLoop(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        try
        {
            if (new FileInfo(full).LinkTarget is null)
            {
                return false;
            }

            File.ResolveLinkTarget(full, returnFinalTarget: true);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static FileIdentity? Stat(string full)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(full) ? new FileIdentity(FollowLinks(full), FileKind.Regular)
                : System.IO.Directory.Exists(full) ? new FileIdentity(full, FileKind.Directory) : null;
        }

        var buffer = new byte[256];
        if (NativeMethods.statx(AtFdCwd, full, 0, StatxBasicStats, buffer) != 0)
        {
            return null;
        }

        // struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_dev_major/minor (u32) at 136/140.
        var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        var ino = BitConverter.ToUInt64(buffer, 32);
        var major = BitConverter.ToUInt32(buffer, 136);
        var minor = BitConverter.ToUInt32(buffer, 140);
        var kind = mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            _ => FileKind.Other,
        };
        return new FileIdentity($"{major}:{minor}:{ino}", kind);
    }

    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA5392 // A plain byte buffer needs no generated marshalling; libc is a system library.
        internal static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
#pragma warning restore SYSLIB1054, CA5392
    }
}
