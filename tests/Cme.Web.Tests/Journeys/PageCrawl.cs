using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// One page the crawl opened: its path, what a reader sees on it, its width against the window's, and
/// the innermost elements that stick out of the window without a scrolling box around them (what to fix).
/// </summary>
public sealed record CrawledPage(string Path, IReadOnlyList<string> Texts, int ScrollWidth, int InnerWidth, IReadOnlyList<string> Wide);

/// <summary>
/// Opens every page a signed-in person can reach from the page header (the main menu, the administration
/// row, the bell), following links breadth-first through the pages they lead to and opening each kind of
/// page once (paths that differ only in ids are one kind), and reads each as a person sees it: every
/// element's own visible text, the words of placeholders and buttons, and how wide it is. The viewport is
/// the browser context's, so the same crawl serves a Chinese desktop and a 390-px phone.
/// </summary>
public static partial class PageCrawl
{
    public const int MaxPages = 80;

    // Files, JSON and form-only endpoints: not pages. And Hangfire's dashboard (/admin/hangfire), a third-party UI
    // for the CME office only that we pass through but do not write: its texts, markup and layout are Hangfire's,
    // so the language, accessibility and phone crawls leave it out (docs/accessibility.md lists it as non-conforming).
    // The project's own jobs page (/admin/jobs) stays in the crawls.
    private static readonly string[] NotPages =
        ["/logout", "/culture", "/export", "/evidence", "/media/", "/progress", "/check-in-code", "/pdf", ".pdf", ".csv", ".ics", ".json", "/admin/hangfire"];

    /// <param name="visit">Called on each page opened, before the crawl moves on (such as an accessibility check).</param>
    public static async Task<IReadOnlyList<CrawledPage>> CrawlAsync(IPage page, Func<string, Task>? visit = null)
    {
        var origin = new Uri(new Uri(page.Url).GetLeftPart(UriPartial.Authority));
        await page.GotoAsync("/");
        var queue = new Queue<Uri>(await LinksAsync(page, "header a[href]", origin));
        var kinds = new HashSet<string>();
        var pages = new List<CrawledPage>();
        while (queue.TryDequeue(out var url) && pages.Count < MaxPages)
        {
            if (!kinds.Add(Kind(url.AbsolutePath)))
                continue;
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url.PathAndQuery);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (response is null || !(await response.HeaderValueAsync("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
                continue;
            pages.Add(await ReadAsync(page, url.PathAndQuery));
            if (visit is not null)
                await visit(url.PathAndQuery);
            foreach (var link in await LinksAsync(page, "a[href]", origin))
                queue.Enqueue(link);
        }
        return pages;
    }

    public static async Task<CrawledPage> ReadAsync(IPage page, string path)
    {
        var texts = await page.EvaluateAsync<string[]>(VisibleTexts);
        var measure = await page.EvaluateAsync<Measure>(MeasureScript);
        return new CrawledPage(path, texts, measure.ScrollWidth, measure.InnerWidth, measure.Wide);
    }

    private static async Task<IEnumerable<Uri>> LinksAsync(IPage page, string selector, Uri origin)
    {
        var hrefs = await page.EvalOnSelectorAllAsync<string[]>(selector, "els => els.map(a => new URL(a.getAttribute('href'), document.baseURI).href)");
        return hrefs.Select(h => Uri.TryCreate(h, UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => u.Scheme == origin.Scheme && u.Authority == origin.Authority)
            .Where(u => !NotPages.Any(n => u.AbsolutePath.Contains(n, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>"/admin/staff/3f2…" and "/admin/staff/9c1…" are one kind of page.</summary>
    public static string Kind(string path) => IdSegment().Replace(path.TrimEnd('/'), "/{id}");

    [GeneratedRegex(@"/(?=[^/]*\d)[0-9A-Za-z-]{8,}(?=/|$)")]
    private static partial Regex IdSegment();

    private sealed class Measure
    {
        public int ScrollWidth { get; set; }
        public int InnerWidth { get; set; }
        public string[] Wide { get; set; } = [];
    }

    // The page's width, and the innermost elements that stick out of the window without a scrolling box around them.
    private const string MeasureScript = """
        () => {
          const width = window.innerWidth;
          const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
          const out = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 0.5 && !clipped(e));
          const wide = out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '')
              + (e.dataset.testid ? `[${e.dataset.testid}]` : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide };
        }
        """;

    // Each visible element's own text (its direct text nodes, joined), so "Hello <b>world</b> again" is
    // read as "Hello again" and "world"; plus placeholders and the words on input buttons. Not read: the
    // title of a cited work (<cite>, such as a policy's source document) and a name the page shows on
    // purpose in English (data-english-name, such as the English name column an administrator edits), and
    // content marked as English (lang="en", such as the English summary an author writes in its field)
    // or as no language at all (lang="zxx": an authenticator key, recovery codes).
    private const string VisibleTexts = """
        () => {
          const out = [];
          const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG']);
          for (const el of document.body.querySelectorAll('*')) {
            if (skip.has(el.tagName) || el.closest('svg, script, style, noscript, template, cite, [data-english-name], [lang=en], [lang=zxx]')) continue;
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
