using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace IpPlanner.Tests.Docs;

/// <summary>Every link from a page to a file of the repository (and to a heading in it) leads somewhere.</summary>
public partial class DocsLinkTests
{
    /// <summary>Files another branch adds, linked before they land. Each entry goes once the file exists.</summary>
    private static readonly Dictionary<string, string> s_notYetHere = new(StringComparer.Ordinal)
    {
    };

    private static IEnumerable<TestCaseData> Pages() =>
        DocsFiles.WithLinks().Select(p => new TestCaseData(p).SetArgDisplayNames(p));

    [TestCaseSource(nameof(Pages))]
    public void Links_ToRepositoryFiles_Resolve(string page)
    {
        var broken = new List<string>();
        var text = File.ReadAllText(DocsFiles.Full(page));
        foreach (var (line, target) in Links(text))
        {
            if (Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto")
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var full = path.Length == 0
                ? DocsFiles.Full(page)
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DocsFiles.Full(page))!, path));
            var relative = DocsFiles.Relative(full);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                if (!s_notYetHere.ContainsKey(relative))
                {
                    broken.Add($"{page}:{line}: {target}: no file {relative}");
                }

                continue;
            }

            if (anchor is not null && full.EndsWith(".md", StringComparison.Ordinal)
                && !HeadingAnchors(File.ReadAllText(full)).Contains(anchor))
            {
                broken.Add($"{page}:{line}: {target}: no heading #{anchor} in {relative}");
            }
        }

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void NotYetHere_EveryEntry_IsStillMissing()
    {
        // Once the file lands its entry must go, or a later deletion of it would pass unseen.
        Assert.That(s_notYetHere.Keys.Where(p => File.Exists(DocsFiles.Full(p))), Is.Empty);
    }

    [Test]
    public void HeadingAnchors_GitHubStyle_AreWhatGitHubMakes()
    {
        var anchors = HeadingAnchors("# A `plan`, then: more\n## Failure reasons: what stopped the next pod\n# A `plan`, then: more\n```sh\n# not a heading\n```\n");
        Assert.That(anchors, Is.EquivalentTo(new[] { "a-plan-then-more", "failure-reasons-what-stopped-the-next-pod", "a-plan-then-more-1" }));
    }

    /// <summary>The targets of inline links and images and of reference definitions, outside code.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string markdown)
    {
        var lines = WithoutCode(markdown);
        for (var i = 0; i < lines.Count; i++)
        {
            foreach (Match m in InlineLink().Matches(lines[i]))
            {
                yield return (i + 1, m.Groups["target"].Value);
            }

            if (ReferenceDefinition().Match(lines[i]) is { Success: true } d)
            {
                yield return (i + 1, d.Groups["target"].Value);
            }
        }
    }

    /// <summary>The lines with fenced blocks blanked and inline code spans removed (line numbers kept).</summary>
    private static List<string> WithoutCode(string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n').ToList();
        var fenced = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                lines[i] = "";
            }
            else
            {
                lines[i] = fenced ? "" : CodeSpan().Replace(lines[i], "");
            }
        }

        return lines;
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens, a
    /// repeated heading numbered.</summary>
    private static HashSet<string> HeadingAnchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in WithoutCodeBlocksOnly(markdown))
        {
            var heading = HeadingLine().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = new StringBuilder();
            foreach (var c in heading.Groups["text"].Value.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            var anchor = slug.ToString();
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = $"{slug}-{n}";
            }
        }

        return anchors;
    }

    private static IEnumerable<string> WithoutCodeBlocksOnly(string markdown)
    {
        var fenced = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                yield return line;
            }
        }
    }

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s+(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex HeadingLine();
}
