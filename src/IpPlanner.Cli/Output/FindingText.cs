using IpPlanner.Core.Input;

namespace IpPlanner.Cli.Output;

/// <summary>
/// A finding in text, the same way in every verb's table output: <c>warning code: message (file:line)</c>, the place
/// only when it has one (its file by name). JSON writes the <see cref="Finding"/> itself.
/// </summary>
internal static class FindingText
{
    /// <summary>"code: message (scenario.yaml:17)".</summary>
    public static string CodeAndMessage(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return $"{finding.Code}: {finding.Message}{Place(finding)}";
    }

    /// <summary>" (scenario.yaml:17)" for a finding in an input file, else empty.</summary>
    public static string Place(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (string.IsNullOrEmpty(finding.File))
        {
            return "";
        }

        var name = Path.GetFileName(finding.File);
        return finding.Line > 0 ? $" ({name}:{finding.Line})" : $" ({name})";
    }

    /// <summary>The "Warnings:" section of a table output: one indented line per finding, the severity first.</summary>
    public static void WriteSection(TextWriter writer, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("Warnings:");
        foreach (var f in findings)
        {
            writer.WriteLine($"  {f.SeverityText,-7} {CodeAndMessage(f)}");
        }
    }
}
