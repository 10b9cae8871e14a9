using System.Reflection;
using System.Security.Cryptography;
using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Output.Html;

/// <summary>One file a report was made from: what it was for, its name (not its path) and its SHA-256.</summary>
internal sealed record ReportInput(string Role, string Name, string Sha256)
{
    /// <summary>Hashes <paramref name="file"/>; an unreadable file is an <see cref="InputException"/>.</summary>
    public static ReportInput Of(string role, FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.ToString() == Core.Input.BoundedInput.StandardInputName)
        {
            // Standard input was read once, by the loader; there is nothing left to hash.
            return new ReportInput(role, "standard input", "not hashed");
        }

        try
        {
            using var stream = file.OpenRead();
            return new ReportInput(role, file.Name, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{file.FullName}: cannot read it to hash it for the report: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}

/// <summary>
/// What a report was made from and when, printed at its foot so a saved file can be traced to its inputs. The time
/// is the only part that differs between runs on the same inputs; it comes from a <see cref="TimeProvider"/> so
/// tests can fix it.
/// </summary>
internal sealed record ReportRun(IReadOnlyList<ReportInput> Inputs, string ToolVersion, DateTimeOffset Time)
{
    /// <summary>The CLI's informational version, e.g. <c>0.1.0+1deb196…</c> (the commit it was built from).</summary>
    public static string CurrentToolVersion { get; } =
        typeof(ReportRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ReportRun).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>A run of the current tool at <paramref name="clock"/>'s now over <paramref name="inputs"/>.</summary>
    public static ReportRun Now(TimeProvider clock, params IEnumerable<ReportInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ReportRun([.. inputs], CurrentToolVersion, clock.GetUtcNow());
    }
}
