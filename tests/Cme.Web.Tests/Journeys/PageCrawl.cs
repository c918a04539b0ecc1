using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>One page the crawl opened: its address and what a reader sees on it.</summary>
public sealed record CrawledPage(string Path, IReadOnlyList<string> Texts, int ScrollWidth, int InnerWidth);

/// <summary>
/// Opens every same-site page linked from the menus (the top navigation and the administration row)
/// of a signed-in page and reads what a person sees there: each element's own visible text, and the
/// words of placeholders and buttons. The viewport is the browser context's, so the same crawl serves
/// a desktop and a 390-px phone (scrollWidth and innerWidth are kept for a check on sideways scrolling).
/// </summary>
public static class PageCrawl
{
    /// <summary>The menus' links on this page, as site paths ("/credits/transcript"), each once, in order.</summary>
    public static async Task<IReadOnlyList<string>> MenuLinksAsync(IPage page)
    {
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        var hrefs = await page.EvalOnSelectorAllAsync<string[]>("header nav a[href]", "links => links.map(a => a.href)");
        return [.. hrefs.Where(h => h.StartsWith(origin + "/", StringComparison.Ordinal))
            .Select(h => new Uri(h).PathAndQuery).Distinct()];
    }

    /// <summary>Opens each path in turn on this page and reads it.</summary>
    public static async Task<IReadOnlyList<CrawledPage>> VisitAsync(IPage page, IEnumerable<string> paths)
    {
        var pages = new List<CrawledPage>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response is null || !response.Ok)
                throw new InvalidOperationException($"{path} answered {response?.Status.ToString() ?? "nothing"}");
            pages.Add(await ReadAsync(page, path));
        }
        return pages;
    }

    public static async Task<CrawledPage> ReadAsync(IPage page, string path)
    {
        var texts = await page.EvaluateAsync<string[]>(VisibleTexts);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return new CrawledPage(path, texts, widths[0], widths[1]);
    }

    // Each visible element's own text (its direct text nodes, joined), so "Hello <b>world</b> again" is
    // read as "Hello again" and "world"; plus placeholders and the words on input buttons. Not read: the
    // title of a cited work (<cite>, such as a policy's source document) and a name the page shows on
    // purpose in English (data-english-name, such as the English name column an administrator edits).
    private const string VisibleTexts = """
        () => {
          const out = [];
          const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
          for (const el of document.body.querySelectorAll('*')) {
            if (skip.has(el.tagName) || el.closest('svg, script, style, noscript, template, cite, [data-english-name]')) continue;
            if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
            const own = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join(' ').replace(/\s+/g, ' ').trim();
            if (own) out.push(own);
            if (el.placeholder) out.push(el.placeholder.trim());
            if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type) && el.value) out.push(el.value.trim());
          }
          return out;
        }
        """;
}

/// <summary>
/// Whether a text is a sentence in Latin letters only: at least two words of letters and no Chinese
/// character. Not words: e-mail addresses, web addresses, codes and acronyms (any chunk with a digit,
/// all capitals, or letters mixed with '-', '_', '/', '.' inside), names the caller allows (people's
/// Latin names), and the few product words listed.
/// </summary>
public sealed partial class LatinSentenceRule(IEnumerable<string> allowedNames)
{
    /// <summary>Product and protocol names, and units, that stay as they are in a Chinese page.</summary>
    public static readonly IReadOnlySet<string> ProductWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "min", "iCalendar", "webcal", "Markdown", "WebP",
    };

    private readonly string[] _names = [.. allowedNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().OrderByDescending(n => n.Length)];

    public bool IsLatinSentence(string text)
    {
        if (Cjk().IsMatch(text))
            return false;
        var rest = Url().Replace(Email().Replace(text, " "), " ");
        foreach (var name in _names)
            rest = rest.Replace(name, " ", StringComparison.Ordinal);
        var words = rest.Split((char[])[' ', '\t', '\n', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)
            .Select(chunk => chunk.Trim('(', ')', '[', ']', '"', '\'', '“', '”', ',', ';', ':', '.', '!', '?', '·', '…', '—', '–'))
            .Count(chunk => Word().IsMatch(chunk) && !ProductWords.Contains(chunk));
        return words >= 2;
    }

    [GeneratedRegex(@"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[a-z][a-z0-9+.-]*://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // A word: letters only, not all capitals (an acronym such as QR, CSV or WCH is a code), e.g. "Enrol", "the".
    [GeneratedRegex(@"^(?:[A-Za-z][a-z]+|[a-z])$")]
    private static partial Regex Word();
}
