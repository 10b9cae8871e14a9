using System.Security;
using System.Text;
using IpPlanner.Core;

namespace IpPlanner.Cli.Output.Html;

/// <summary>Writes a report so it appears whole or not at all: a temporary file beside the target, then a rename over it.</summary>
public static class HtmlReportFile
{
    /// <summary>
    /// Writes <paramref name="html"/> (UTF-8, no BOM) to <paramref name="path"/>, replacing any file there. A path
    /// that cannot be written is an <see cref="InputException"/> naming it; no temporary file is left behind.
    /// </summary>
    public static void Write(string path, string html)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(html);
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target) ?? target;
        if (!Directory.Exists(directory))
        {
            throw new InputException($"{target}: cannot write the HTML report: the directory {directory} does not exist");
        }

        // Same directory, so the final move is a rename on one file system and readers never see half a report.
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            TryDelete(temp);
            // The temporary name means nothing to the user; the target does.
            var reason = e.Message.Replace(temp, target, StringComparison.Ordinal).ReplaceLineEndings(" ");
            throw new InputException($"{target}: cannot write the HTML report: {reason}", e);
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the error about the report itself is what the user needs to see.
        }
    }
}
