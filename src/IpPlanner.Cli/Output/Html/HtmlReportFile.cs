namespace IpPlanner.Cli.Output.Html;

/// <summary>Writes a report so it appears whole or not at all (see <see cref="AtomicFile"/>).</summary>
public static class HtmlReportFile
{
    /// <summary>Writes <paramref name="html"/> (UTF-8, no BOM) to <paramref name="path"/>, replacing any file there.</summary>
    public static void Write(string path, string html) => AtomicFile.WriteAllText(path, html, "the HTML report");
}
