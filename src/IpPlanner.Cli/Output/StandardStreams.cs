using System.Runtime.InteropServices;

namespace IpPlanner.Cli.Output;

/// <summary>
/// The process's standard streams as the shell handed them over. A stream the shell closed
/// (<c>ipplanner plan S.yaml &gt;&amp;-</c>) leaves its descriptor free, and the next file opened takes it: the
/// runtime's own pipes, or the scenario being read, so that what the tool prints would go there. A descriptor
/// inherited from the shell never has close-on-exec set (it would not have survived the exec), while everything
/// .NET opens does; so a standard descriptor that is missing or close-on-exec was closed when the tool started.
/// </summary>
internal static class StandardStreams
{
    /// <summary>Which of standard input, output and error were closed when the process started (Unix; elsewhere none).</summary>
    public static (bool Input, bool Output, bool Error) ClosedAtStart()
    {
        if (OperatingSystem.IsWindows())
        {
            return (false, false, false);
        }

        // In order: open() returns the lowest free descriptor, so a /dev/null lands on each free one and no file
        // opened later can take it. A descriptor the runtime already took is left alone (it is the runtime's).
        var closed = new bool[3];
        for (var fd = 0; fd <= 2; fd++)
        {
            var flags = NativeMethods.fcntl(fd, GetFd);
            closed[fd] = flags == -1 || (flags & CloseOnExec) != 0;
            if (flags == -1)
            {
                _ = NativeMethods.open("/dev/null", fd == 0 ? ReadOnly : WriteOnly);
            }
        }

        return (closed[0], closed[1], closed[2]);
    }

    /// <summary>
    /// Standard output as a writer that reports a reader going away: .NET's console stream drops a write that fails
    /// with EPIPE (<c>ipplanner catalog | head -1</c> then exits 0 as if all was written), while a plain stream over
    /// descriptor 1 throws, which <see cref="GuardedWriter"/> turns into exit 74. Unbuffered (each write goes out at
    /// once, in order with standard error), UTF-8 without a byte order mark. Windows keeps the console's writer.
    /// </summary>
    public static TextWriter Output()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        return new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    private const int GetFd = 1;
    private const int CloseOnExec = 1;
    private const int ReadOnly = 0;
    private const int WriteOnly = 1;

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392 // Two plain libc calls need no generated marshalling; libc is a system library.
        [DllImport("libc", SetLastError = true)]
        internal static extern int fcntl(int fd, int cmd);

        [DllImport("libc", SetLastError = true)]
        internal static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore SYSLIB1054, CA5392
    }
}
