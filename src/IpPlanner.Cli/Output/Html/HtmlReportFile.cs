namespace IpPlanner.Cli.Output.Html;

/// <summary>Writes a report so it appears whole or not at all (see <see cref="AtomicFile"/>).</summary>
internal static class HtmlReportFile
{
    private const string What = "the HTML report";

    /// <summary>Writes <paramref name="html"/> (UTF-8, no BOM) to <paramref name="path"/>, replacing any file there.</summary>
    public static void Write(string path, string html) => AtomicFile.WriteAllText(path, html, What);

    /// <summary>Throws the error <see cref="Write"/> would throw for a path it cannot write, before the report is made.</summary>
    public static void CheckPath(string path) => AtomicFile.CheckTarget(path, What);
}
