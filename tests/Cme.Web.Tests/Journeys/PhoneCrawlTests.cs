using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// Every page a person can reach from the menus, opened on a 390 px wide phone: none may scroll
/// sideways (a table too wide scrolls inside its own box, not the page). One crawl per demo role.
/// </summary>
public sealed class PhoneCrawlTests(WebStack stack, ITestOutputHelper output) : IClassFixture<WebStack>
{
    public static TheoryData<string> Roles => new() { Demo.Gp, Demo.Author, Demo.Trainer, Demo.CmeAdmin, Demo.InstitutionAdmin };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EveryPageReachableFromTheMenus_FitsA390PxPhone_WithoutScrollingSideways(string email)
    {
        if (email != Demo.CmeAdmin) // every other demo account is a learner too
            await ScenarioAttemptAsync(email); // so the attempts page has a row: its table once made the page 645 px wide

        var page = await PhoneViewport.SignInAsync(stack, email);
        var pages = await PageCrawl.CrawlAsync(page);
        var offenders = pages.Where(p => p.ScrollWidth > p.InnerWidth)
            .Select(p => $"{p.Path}: {p.ScrollWidth} px wide in {p.InnerWidth} px ({string.Join("; ", p.Wide)})").ToList();

        output.WriteLine($"{email} opened {pages.Count} pages:\n{string.Join("\n", pages.Select(p => p.Path))}");
        pages.Count.ShouldBeGreaterThan(3, $"{email} visited only {string.Join(", ", pages.Select(p => p.Path))}");
        offenders.ShouldBeEmpty($"{email}: pages wider than the phone (visited {pages.Count}):\n{string.Join("\n", offenders)}");
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
