using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// Every page a person can reach from the menus, opened on a 390 px wide phone: none may scroll
/// sideways (a table too wide scrolls inside its own box, not the page). One crawl per demo role.
/// </summary>
public sealed partial class PhoneCrawlTests(WebStack stack, ITestOutputHelper output) : IClassFixture<WebStack>
{
    public static TheoryData<string> Roles => new() { Demo.Gp, Demo.Author, Demo.Trainer, Demo.CmeAdmin, Demo.InstitutionAdmin };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageReachableFromTheMenus_FitsA390PxPhone_WithoutScrollingSideways(string email)
    {
        if (email != Demo.CmeAdmin) // every other demo account is a learner too
            await ScenarioAttemptAsync(email); // so the attempts page has a row: its table once made the page 645 px wide

        var page = await PhoneViewport.SignInAsync(stack, email);
        var crawl = await PhoneCrawler.CrawlAsync(page, stack.WebUrl);

        output.WriteLine($"{email} opened {crawl.Visited.Count} pages:\n{string.Join("\n", crawl.Visited)}");
        crawl.Visited.ShouldNotBeEmpty($"{email}: no page was reachable from the menus");
        crawl.Visited.Count.ShouldBeGreaterThan(3, $"{email} visited only {string.Join(", ", crawl.Visited)}");
        crawl.Offenders.ShouldBeEmpty($"{email}: pages wider than the phone (visited {crawl.Visited.Count}):\n{string.Join("\n", crawl.Offenders)}");
    }

    /// <summary>A scenario attempt of the demo chest-pain course, started through the API as the person would.</summary>
    private async Task ScenarioAttemptAsync(string email)
    {
        using var api = await stack.ApiClientAsync(email);
        var items = (await api.GetFromJsonAsync<JsonElement>("api/v1/catalogue?search=CARD-CP-01")).GetProperty("items");
        items.GetArrayLength().ShouldBeGreaterThan(0);
        var courseId = items[0].GetProperty("courseId").GetGuid();
        var course = await api.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/{courseId}");
        var scenario = course.GetProperty("modules").EnumerateArray().First(m => m.GetProperty("kind").GetString() == "Scenario").GetProperty("id").GetGuid();
        var started = await api.PostAsync($"api/v1/learning/courses/{courseId}/modules/{scenario}/attempts", null);
        started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Follows links breadth-first from the page header (the main menu, the administration row, the bell)
    /// through every page they lead to, opening each kind of page once (paths that differ only in ids
    /// are one kind), and measures each against the viewport.
    /// </summary>
    private static partial class PhoneCrawler
    {
        public sealed record Result(IReadOnlyList<string> Visited, IReadOnlyList<string> Offenders);

        private const int MaxPages = 80;

        // Files, JSON and form-only endpoints: not pages.
        private static readonly string[] NotPages =
            ["/logout", "/culture", "/export", "/evidence", "/media/", "/progress", "/check-in-code", "/pdf", ".pdf", ".csv", ".ics", ".json"];

        // The page's width, and the innermost elements that stick out of the viewport without a scrolling box
        // around them: what to fix.
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

        private sealed class Measure
        {
            public int ScrollWidth { get; set; }
            public int InnerWidth { get; set; }
            public string[] Wide { get; set; } = [];
        }

        public static async Task<Result> CrawlAsync(IPage page, string webUrl)
        {
            var origin = new Uri(webUrl);
            await page.GotoAsync("/");
            var queue = new Queue<Uri>(await LinksAsync(page, "header a[href]", origin));
            queue.ShouldNotBeEmpty("the page header has no links");
            var kinds = new HashSet<string>();
            var visited = new List<string>();
            var offenders = new List<string>();
            while (queue.TryDequeue(out var url) && visited.Count < MaxPages)
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
                visited.Add(url.PathAndQuery);
                var measure = await page.EvaluateAsync<Measure>(MeasureScript);
                if (measure.ScrollWidth > measure.InnerWidth)
                    offenders.Add($"{url.PathAndQuery}: {measure.ScrollWidth} px wide in {measure.InnerWidth} px ({string.Join("; ", measure.Wide)})");
                foreach (var link in await LinksAsync(page, "a[href]", origin))
                    queue.Enqueue(link);
            }
            return new Result(visited, offenders);
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
        private static string Kind(string path) => IdSegment().Replace(path.TrimEnd('/'), "/{id}");

        [GeneratedRegex(@"/(?=[^/]*\d)[0-9A-Za-z-]{8,}(?=/|$)")]
        private static partial Regex IdSegment();
    }
}

/// <summary>
/// A phone: a 390 × 844 viewport with touch, in Chinese. Not Chromium's mobile mode, which zooms out to fit
/// a page wider than the screen and so would hide the very overflow the tests look for.
/// </summary>
internal static class PhoneViewport
{
    public static async Task<IPage> SignInAsync(WebStack stack, string email, string password = CmeDatabase.DemoPassword)
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.WebUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToBeAttachedAsync();
        return page;
    }
}
