using System.Diagnostics;
using System.Text.Json;
using Cme.Testing;
using Cme.Web.Tests.Attendance;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// Every page meets WCAG 2.0 and 2.1 A and AA as far as axe-core can tell: signed in as each demo role, in
/// Chinese and in English, every page the crawl reaches (the menus, the administration row, the bell and
/// the pages they lead to) gets axe-core injected and checked; any violation fails the test with its rule,
/// impact and the elements it found.
/// </summary>
public sealed class AccessibilityCrawlTests(WebStack stack, ITestOutputHelper output) : IClassFixture<WebStack>
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var modules = Environment.GetEnvironmentVariable("CME_NODE_MODULES")
            ?? Path.Combine(RepositoryRoot(), ".tools", "node_modules");
        var file = Path.Combine(modules, "axe-core", "axe.min.js");
        if (!File.Exists(file))
            throw new InvalidOperationException($"axe-core is not installed in {modules}; run ./test.sh, which installs it.");
        return File.ReadAllText(file);
    });

    private const string RunAxe = """
        async () => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
          return JSON.stringify(result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)) })));
        }
        """;

    [Theory]
    [InlineData(Demo.Gp, "zh-CN")]
    [InlineData(Demo.Author, "zh-CN")]
    [InlineData(Demo.Trainer, "zh-CN")]
    [InlineData(Demo.CmeAdmin, "zh-CN")]
    [InlineData(Demo.InstitutionAdmin, "zh-CN")]
    [InlineData(Demo.Gp, "en-US")]
    [InlineData(Demo.Author, "en-US")]
    [InlineData(Demo.Trainer, "en-US")]
    [InlineData(Demo.CmeAdmin, "en-US")]
    [InlineData(Demo.InstitutionAdmin, "en-US")]
    public async Task EveryCrawledPage_PassesAxe_WcagAAndAA(string email, string locale)
    {
        var watch = Stopwatch.StartNew();
        // The site's CSP (script-src 'self') would refuse the injected axe script; the browser lets it in for this test only.
        var page = await stack.SignInAsync(email, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = locale, BypassCSP = true });
        await Assertions.Expect(page.GetByTestId("logout")).ToBeVisibleAsync();

        var violations = new List<string>();
        var pages = await PageCrawl.CrawlAsync(page, async path => violations.AddRange(await AxeViolationsAsync(page, path)));
        await page.Context.CloseAsync();
        output.WriteLine($"{email} {locale}: {pages.Count} pages checked in {watch.Elapsed.TotalSeconds:F1} s");

        pages.Count.ShouldBeGreaterThanOrEqualTo(5, "the menus should lead somewhere");
        violations.ShouldBeEmpty($"axe found WCAG A/AA violations for {email} ({locale}):\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task ARefusedCheckIn_PassesAxe()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 无障碍签到班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(15), 60, "无障碍签到演练");
        await arrange.EnrolAsync(offering, Demo.Gp);
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync($"/admin/offerings/{offering}");
        await admin.GetByTestId("session-attendance-link").ClickAsync();
        var shown = (await admin.GetByTestId("checkin-code-number").TextContentAsync())!.Replace(" ", "");
        await admin.Context.CloseAsync();

        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN", BypassCSP = true });
        await gp.GotoAsync($"/checkin/{session}");
        await gp.GetByTestId("checkin-number").FillAsync(((int.Parse(shown) + 1) % 100_000_000).ToString("D8"));
        await gp.GetByTestId("checkin-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("checkin-refused")).ToHaveAttributeAsync("data-reason", "code");

        var violations = await AxeViolationsAsync(gp, $"/checkin/{session} (refused)");
        await gp.Context.CloseAsync();
        violations.ShouldBeEmpty("axe found WCAG A/AA violations:\n" + string.Join("\n", violations));
    }

    /// <summary>Injects axe-core into the page as it is now and lists each violation: page, rule, impact, and the elements found.</summary>
    private static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page, string path)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeScript.Value });
        var json = await page.EvaluateAsync<string>(RunAxe);
        return [.. JsonSerializer.Deserialize<JsonElement>(json).EnumerateArray().Select(v =>
            $"{path}: {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}) {v.GetProperty("help").GetString()}\n      "
            + string.Join("\n      ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Cme.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Cme.sln not found above " + AppContext.BaseDirectory);
    }
}
