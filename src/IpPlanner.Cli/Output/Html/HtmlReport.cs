using System.Text;
using System.Text.RegularExpressions;

namespace IpPlanner.Cli.Output.Html;

/// <summary>How the headline reads at a glance; the word is printed too, so colour never carries it alone.</summary>
internal enum HeadlineTone
{
    /// <summary>Nothing to act on.</summary>
    Ok,

    /// <summary>Worth acting on before scaling.</summary>
    Warning,

    /// <summary>Broken now, or at the planned size.</summary>
    Error,
}

/// <summary>One titled part of a report; <see cref="Fragment"/> is markup, already encoded.</summary>
internal sealed record HtmlSection(string Id, string Title, string Fragment);

/// <summary>
/// What the page of <c>ipplanner serve</c> adds to a report: its own Content-Security-Policy (which lets the server's
/// own script run), stylesheets and scripts from the server (paths such as <c>/app.js</c>), and the markup of its
/// controls, put before the report. A report file has none of it.
/// </summary>
/// <param name="ContentSecurityPolicy">The page's policy.</param>
/// <param name="Stylesheets">Stylesheet paths on the server.</param>
/// <param name="Scripts">Script paths on the server (deferred).</param>
/// <param name="Controls">Markup put before the report (already encoded).</param>
internal sealed record HtmlPageHost(string ContentSecurityPolicy, IReadOnlyList<string> Stylesheets, IReadOnlyList<string> Scripts, string Controls);

/// <summary>
/// A self-contained HTML report: a title, a one-line headline, sections in the order added, and a foot naming the
/// inputs, the tool version and the time of the run. Verbs build one (plan's sections come from
/// <see cref="PlanHtml"/>), append their own with <see cref="AddSection"/> (charts as inline SVG, see
/// <see cref="InlineSvg"/>), then <see cref="Render"/> it and hand the text to <see cref="HtmlReportFile.Write"/>.
/// </summary>
/// <remarks>
/// The document is polyglot markup: HTML5 a browser reads, and well-formed XML that tests can parse. So fragments
/// must be well formed too (close every element, <c>&lt;br /&gt;</c>, numeric entities such as <c>&amp;#160;</c>),
/// and may not reach outside the file (no scripts, no external <c>href</c>/<c>src</c>, no <c>url()</c> but
/// <c>#id</c> or <c>data:</c>); <see cref="AddSection"/> throws otherwise. A Content-Security-Policy in the head
/// makes the browser refuse any network load as a second line of defence. No JavaScript is used, except on the page
/// of <c>ipplanner serve</c> (<see cref="HtmlPageHost"/>), whose policy allows the server's own script only.
/// </remarks>
internal sealed partial class HtmlReport
{
    private readonly List<HtmlSection> _sections = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal) { "top" };

    /// <summary>A report titled <paramref name="title"/> (plain text), with an optional plain-text line under it.</summary>
    public HtmlReport(string title, string? subtitle = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
        Subtitle = subtitle;
    }

    /// <summary>The page and print title (plain text).</summary>
    public string Title { get; }

    /// <summary>The line under the title (plain text), or null.</summary>
    public string? Subtitle { get; }

    /// <summary>The one-line verdict at the top (plain text), or null.</summary>
    public string? Headline { get; private set; }

    /// <summary>How <see cref="Headline"/> reads.</summary>
    public HeadlineTone HeadlineTone { get; private set; }

    /// <summary>The sections in the order they are printed.</summary>
    public IReadOnlyList<HtmlSection> Sections => _sections;

    /// <summary>Sets the verdict line (plain text; it is encoded here).</summary>
    public HtmlReport SetHeadline(string text, HeadlineTone tone)
    {
        ArgumentNullException.ThrowIfNull(text);
        Headline = text;
        HeadlineTone = tone;
        return this;
    }

    /// <summary>
    /// Appends a section: <paramref name="title"/> is plain text, <paramref name="htmlFragment"/> is markup (encode
    /// any text in it with <see cref="Html.Text"/>). <paramref name="id"/> is the anchor, made from the title when
    /// null. Throws <see cref="ArgumentException"/> when the fragment is not well formed or reaches outside the file.
    /// </summary>
    public HtmlReport AddSection(string title, string htmlFragment, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(htmlFragment);
        if (FragmentCheck.Problem(htmlFragment) is { } problem)
        {
            throw new ArgumentException(problem, nameof(htmlFragment));
        }

        _sections.Add(new HtmlSection(UniqueId(id ?? title), title, htmlFragment));
        return this;
    }

    /// <summary>
    /// An SVG document (from a chart library, say) made fit for <see cref="AddSection"/>: the XML declaration,
    /// doctype, comments before the root and the SVG/XLink namespace declarations go (HTML supplies the namespace),
    /// and <c>xlink:href</c> becomes SVG 2's <c>href</c>.
    /// </summary>
    public static string InlineSvg(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var start = svg.IndexOf("<svg", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            throw new ArgumentException("no <svg> element found", nameof(svg));
        }

        var body = svg[start..].Trim();
        body = SvgNamespaceDeclaration().Replace(body, "");
        return body.Replace("xlink:href=", "href=", StringComparison.Ordinal);
    }

    /// <summary>The Content-Security-Policy of a report file: nothing loads, nothing runs.</summary>
    public const string FileContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /// <summary>The whole document. The same report and <paramref name="run"/> give the same text, byte for byte.</summary>
    public string Render(ReportRun run) => Render(run, null);

    /// <summary>
    /// The whole document; with <paramref name="host"/> (the page of <c>ipplanner serve</c>) its policy, stylesheets and
    /// scripts go in the head, its controls before the report, and the report's verdict and sections inside
    /// <c>&lt;div id="report"&gt;</c> so the page can swap in <see cref="RenderContent"/> of a re-planned report.
    /// </summary>
    public string Render(ReportRun run, HtmlPageHost? host)
    {
        ArgumentNullException.ThrowIfNull(run);
        var policy = host?.ContentSecurityPolicy ?? FileContentSecurityPolicy;
        if (policy.IndexOfAny(['"', '<', '>', '&']) >= 0)
        {
            throw new ArgumentException("a Content-Security-Policy is written as is: no quotes, angle brackets or ampersands", nameof(host));
        }

        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(policy).Append("\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<meta name=\"generator\" content=\"ipplanner ").Append(Html.Text(run.ToolVersion)).Append("\" />\n")
            .Append("<title>").Append(Html.Text(Title)).Append("</title>\n<style>").Append(HtmlStyles.Css).Append("</style>\n");
        if (host is not null)
        {
            foreach (var sheet in host.Stylesheets)
            {
                html.Append("<link rel=\"stylesheet\" href=\"").Append(Html.Text(sheet)).Append("\" />\n");
            }

            foreach (var script in host.Scripts)
            {
                html.Append("<script src=\"").Append(Html.Text(script)).Append("\" defer=\"defer\"></script>\n");
            }
        }

        html.Append("</head>\n<body>\n<main id=\"top\">\n");
        if (host is null)
        {
            AppendContent(html);
        }
        else
        {
            html.Append(host.Controls).Append("\n<div id=\"report\">\n");
            AppendContent(html);
            html.Append("</div>\n");
        }

        AppendFoot(html, run);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The verdict and the sections alone (no head, no foot): what the served page swaps in when it re-plans.</summary>
    public string RenderContent()
    {
        var html = new StringBuilder(64 * 1024);
        AppendContent(html);
        return html.ToString();
    }

    private void AppendContent(StringBuilder html)
    {
        html.Append("<header>\n<h1>").Append(Html.Text(Title)).Append("</h1>\n");
        if (!string.IsNullOrEmpty(Subtitle))
        {
            html.Append("<p class=\"subtitle\">").Append(Html.Text(Subtitle)).Append("</p>\n");
        }

        if (Headline is not null)
        {
            var (css, word) = HeadlineTone switch
            {
                HeadlineTone.Error => ("verdict-error", "\u2716 Errors"),
                HeadlineTone.Warning => ("verdict-warning", "\u25B2 Warnings"),
                _ => ("verdict-ok", "\u2714 OK"),
            };
            html.Append("<p class=\"verdict ").Append(css).Append("\"><span class=\"tone\">").Append(Html.Text(word))
                .Append("</span> <span class=\"verdict-text\">").Append(Html.Text(Headline)).Append("</span></p>\n");
        }

        html.Append("</header>\n");
        foreach (var section in _sections)
        {
            html.Append("<section id=\"").Append(Html.Text(section.Id)).Append("\">\n<h2>").Append(Html.Text(section.Title)).Append("</h2>\n")
                .Append(section.Fragment).Append("\n</section>\n");
        }
    }

    private static void AppendFoot(StringBuilder html, ReportRun run)
    {
        html.Append("<footer>\n<h2>Run</h2>\n<dl class=\"run\">\n");
        foreach (var input in run.Inputs)
        {
            html.Append("<dt>").Append(Html.Text(input.Role)).Append("</dt><dd><span class=\"mono\">").Append(Html.Text(input.Name))
                .Append("</span> <span class=\"muted\">SHA-256</span> <code class=\"hash\">").Append(Html.Text(input.Sha256)).Append("</code></dd>\n");
        }

        var utc = run.Time.ToUniversalTime();
        html.Append("<dt>Tool</dt><dd>ipplanner <span class=\"mono\">").Append(Html.Text(run.ToolVersion)).Append("</span></dd>\n")
            .Append("<dt>Run at</dt><dd><time datetime=\"").Append(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
            .Append("\">").Append(utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append("</time></dd>\n")
            .Append("</dl>\n</footer>\n");
    }

    private string UniqueId(string wanted)
    {
        var slug = Slug().Replace(wanted.ToLowerInvariant(), "-").Trim('-');
        if (slug.Length == 0 || !char.IsAsciiLetter(slug[0]))
        {
            slug = "s-" + slug;
        }

        var id = slug;
        for (var n = 2; !_ids.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();

    [GeneratedRegex("""\s+xmlns(:xlink)?\s*=\s*("http://www\.w3\.org/(2000/svg|1999/xlink)"|'http://www\.w3\.org/(2000/svg|1999/xlink)')""")]
    private static partial Regex SvgNamespaceDeclaration();
}
