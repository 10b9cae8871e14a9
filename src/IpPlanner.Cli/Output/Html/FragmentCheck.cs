using System.Text.RegularExpressions;
using System.Xml;

namespace IpPlanner.Cli.Output.Html;

/// <summary>
/// Keeps a report whole and self-contained: a fragment must be well-formed markup and may not load anything from
/// outside the file (scripts, frames, external <c>href</c>/<c>src</c>, CSS <c>url()</c> or <c>@import</c>).
/// </summary>
internal static partial class FragmentCheck
{
    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "link", "iframe", "frame", "object", "embed", "base", "meta", "audio", "video", "source", "form",
    };

    private static readonly HashSet<string> ReferenceAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "xlink:href", "src", "srcset", "action", "formaction", "poster", "background", "data",
    };

    /// <summary>What is wrong with <paramref name="fragment"/>, or null when it may go into a report.</summary>
    public static string? Problem(string fragment)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ConformanceLevel = ConformanceLevel.Fragment };
        try
        {
            using var reader = XmlReader.Create(new StringReader(fragment), settings);
            var inStyle = false;
            while (reader.Read())
            {
                var problem = reader.NodeType switch
                {
                    XmlNodeType.Element => ElementProblem(reader),
                    XmlNodeType.Text or XmlNodeType.CDATA when inStyle => CssProblem(reader.Value),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }

                if (reader.NodeType == XmlNodeType.Element)
                {
                    inStyle = reader.LocalName == "style" && !reader.IsEmptyElement;
                }
                else if (reader.NodeType == XmlNodeType.EndElement)
                {
                    inStyle = false;
                }
            }
        }
        catch (XmlException e)
        {
            return $"the fragment is not well-formed markup: {e.Message}";
        }

        return null;
    }

    private static string? ElementProblem(XmlReader reader)
    {
        if (ForbiddenElements.Contains(reader.LocalName))
        {
            return $"<{reader.Name}> is not allowed: the report must stay self-contained";
        }

        string? problem = null;
        for (var more = reader.MoveToFirstAttribute(); more && problem is null; more = reader.MoveToNextAttribute())
        {
            if (ReferenceAttributes.Contains(reader.Name) && !IsLocalReference(reader.Value))
            {
                problem = $"{reader.Name}=\"{reader.Value}\" points outside the report";
            }
            else if (reader.Name == "style")
            {
                problem = CssProblem(reader.Value);
            }
        }

        reader.MoveToElement();
        return problem;
    }

    // Only style sheets and style attributes are looked at, so a subnet named "url(x)" stays plain text.
    private static string? CssProblem(string css)
    {
        foreach (Match url in CssUrl().Matches(css))
        {
            if (!IsLocalReference(url.Groups[1].Value))
            {
                return $"{url.Value} points outside the report";
            }
        }

        return css.Contains("@import", StringComparison.OrdinalIgnoreCase) ? "@import is not allowed: the report must stay self-contained" : null;
    }

    private static bool IsLocalReference(string value)
    {
        var v = value.Trim().Trim('\'', '"');
        return v.StartsWith('#') || v.StartsWith("data:", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"url\(\s*([^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
