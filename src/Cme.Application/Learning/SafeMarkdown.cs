using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Cme.Application.Learning;

/// <summary>
/// Renders course pages from Markdown so that nothing in them can run: raw HTML is off (it is shown
/// as text), links survive only when they are http(s) or relative, and images only when they are
/// the course's own media (<c>media:&lt;id&gt;</c>, served at <c>/media/&lt;id&gt;</c>).
/// </summary>
public static partial class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseCjkFriendlyEmphasis()
        .Build();

    public static string ToHtml(string markdown, IReadOnlySet<Guid> courseMedia)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage)
            {
                if (MediaId(link.Url) is { } id && courseMedia.Contains(id))
                    link.Url = $"/media/{id}";
                else
                    link.ReplaceBy(new LiteralInline(string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()))));
            }
            else if (!IsSafeLink(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
            if (!autolink.IsEmail && !IsSafeLink(autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>http(s) or relative; anything with another scheme (javascript:, data:, vbscript:, file:) is not.</summary>
    public static bool IsSafeLink(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return true;
        // Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
        var cleaned = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var scheme = Scheme().Match(cleaned);
        return !scheme.Success
            || scheme.Groups[1].Value.Equals("http", StringComparison.OrdinalIgnoreCase)
            || scheme.Groups[1].Value.Equals("https", StringComparison.OrdinalIgnoreCase);
    }

    private static Guid? MediaId(string? url) =>
        url is not null && url.StartsWith("media:", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(url[6..], out var id) ? id : null;

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*):")]
    private static partial Regex Scheme();
}
