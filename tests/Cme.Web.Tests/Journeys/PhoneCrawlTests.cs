extern alias web;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Xunit.Abstractions;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// Every page a person can reach from the menus, opened on a 390 px wide phone: none may scroll
/// sideways (a table too wide scrolls inside its own box, not the page). One crawl per demo role; for the
/// two administrators, with work waiting for them, every page their role may open must be among those
/// reached, and the folded phone menu must link to each page of the administration row.
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
        if (AdminRoles.ContainsKey(email))
            await AdministrationWorkWaitingAsync(); // so the review and decision pages have rows to show

        var page = await PhoneViewport.SignInAsync(stack, email);
        if (MenuLinks.TryGetValue(email, out var menuLinks))
            await TheFoldedMenuLinksToAsync(page, menuLinks);
        var pages = await PageCrawl.CrawlAsync(page);
        var offenders = pages.Where(p => p.ScrollWidth > p.InnerWidth)
            .Select(p => $"{p.Path}: {p.ScrollWidth} px wide in {p.InnerWidth} px ({string.Join("; ", p.Wide)})").ToList();

        output.WriteLine($"{email} opened {pages.Count} pages:\n{string.Join("\n", pages.Select(p => p.Path))}");
        pages.Count.ShouldBeGreaterThan(3, $"{email} visited only {string.Join(", ", pages.Select(p => p.Path))}");
        offenders.ShouldBeEmpty($"{email}: pages wider than the phone (visited {pages.Count}):\n{string.Join("\n", offenders)}");
        if (AdminRoles.TryGetValue(email, out var role))
        {
            var adminPages = PagesOf(role);
            // Every administration page this role has was reached from the menus, and so measured above.
            var reached = pages.Select(p => PageCrawl.Kind(new Uri(new Uri(stack.WebUrl), p.Path).AbsolutePath)).ToHashSet();
            adminPages.Length.ShouldBeGreaterThan(5);
            output.WriteLine($"{role} pages:\n{string.Join("\n", adminPages)}");
            adminPages.Where(kind => !reached.Contains(kind)).ShouldBeEmpty($"{email}: administration pages not reached from the menus on a phone");
        }
    }

    /// <summary>The administrator roles of the demo administrators.</summary>
    private static readonly IReadOnlyDictionary<string, string> AdminRoles = new Dictionary<string, string>
    {
        [Demo.CmeAdmin] = "CmeAdmin",
        [Demo.InstitutionAdmin] = "InstitutionAdmin",
    };

    /// <summary>
    /// Pages the demo cannot lead to yet: the trainer form filled from a candidate (the same form as
    /// /admin/trainers/{id}) needs someone who finished a train-the-trainer offering.
    /// </summary>
    private static readonly string[] NoDemoPathYet = ["/admin/trainers/candidates/{id}"];

    /// <summary>
    /// Every page of the web app that names the role in its [Authorize(Roles = …)], as the crawl names them (ids
    /// as {id}): a new administration page is measured, and must be reachable from the menus, without anyone
    /// remembering to list it here.
    /// </summary>
    public static string[] PagesOf(string role) =>
        [.. typeof(web::Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()
                .Any(a => (a.Roles ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(role)))
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>())
            .Select(r => RouteParameter().Replace(r.Template, "{id}"))
            .Where(kind => !NoDemoPathYet.Contains(kind))
            .Distinct().Order()];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>The administration row's links, which fold into the phone's menu.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> MenuLinks = new Dictionary<string, string[]>
    {
        [Demo.CmeAdmin] = ["/review", "/admin/offerings", "/admin/institutions", "/admin/staff", "/admin/trainers", "/admin/trainers/queue",
            "/admin/credit-activities", "/admin/certificates", "/admin/reports", "/admin/credit-policies", "/admin/jobs", "/admin/hangfire"],
        [Demo.InstitutionAdmin] = ["/admin/staff", "/admin/offerings", "/admin/credit-activities", "/admin/certificates", "/admin/reports"],
    };

    /// <summary>On the phone the menus are folded; the menu button opens them, with a link to each administration page.</summary>
    private static async Task TheFoldedMenuLinksToAsync(IPage page, string[] paths)
    {
        var adminMenu = page.Locator("#admin-menu");
        await Assertions.Expect(adminMenu.Locator($"a[href='{paths[0]}']")).ToBeHiddenAsync();
        await page.GetByTestId("menu-toggle").ClickAsync();
        foreach (var path in paths)
        {
            var link = adminMenu.Locator($"a[href='{path}']");
            await Assertions.Expect(link).ToBeVisibleAsync();
            (await link.EvaluateAsync<double>("a => a.getBoundingClientRect().right")).ShouldBeLessThanOrEqualTo(390, $"{path} sticks out of the phone's menu");
        }
    }

    /// <summary>
    /// A course version waiting for review (the demo author's hypoglycaemia course, version 2), a GP's external
    /// activity waiting for a decision and a certificate the search lists (with its revoke and re-issue pages), made
    /// through the API as their people would; once per database.
    /// </summary>
    private async Task AdministrationWorkWaitingAsync()
    {
        using var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        if ((await admin.GetFromJsonAsync<JsonElement>("api/v1/reviews")).GetArrayLength() > 0)
            return;
        using var author = await stack.ApiClientAsync(Demo.Author);
        var course = (await author.GetFromJsonAsync<JsonElement>("api/v1/courses/mine")).EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "ENDO-HYPO-01").GetProperty("id").GetGuid();
        var started = await author.PostAsync($"api/v1/courses/{course}/versions", null);
        started.IsSuccessStatusCode.ShouldBeTrue(await started.Content.ReadAsStringAsync());
        var version = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionId").GetGuid();
        var submitted = await author.PostAsync($"api/v1/courses/{course}/versions/{version}/submit", null);
        submitted.IsSuccessStatusCode.ShouldBeTrue(await submitted.Content.ReadAsStringAsync());

        using var gp = await stack.ApiClientAsync(Demo.Gp);
        var activity = await gp.PostAsync("api/v1/credits/activities", new MultipartFormDataContent
        {
            { new StringContent("Conference"), "kind" }, { new StringContent("2026年四川省全科医学年会（心血管专场）"), "title" },
            { new StringContent("2026-10-12"), "startDate" }, { new StringContent("2026-10-13"), "endDate" },
            { new StringContent("12"), "hours" }, { new StringContent("4"), "claimedCredits" }, { new StringContent("II"), "creditClass" },
            { new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")), "file", "参会证明.pdf" },
        });
        activity.IsSuccessStatusCode.ShouldBeTrue(await activity.Content.ReadAsStringAsync());

        var certificates = await Certificates.CertificateApiSetup.StartAsync(stack.Api);
        var offering = await certificates.OfferingAsync();
        var learner = await certificates.ProfessionalAsync(Demo.Gp);
        await certificates.CompleteAsync(offering, learner);
        var issued = await certificates.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/certificate", new { learnerId = learner });
        issued.IsSuccessStatusCode.ShouldBeTrue(await issued.Content.ReadAsStringAsync());
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
