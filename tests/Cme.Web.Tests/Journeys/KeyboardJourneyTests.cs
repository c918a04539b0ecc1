using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Cme.Web.Tests.Attendance;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// A GP who uses no mouse: signs in, skips the menus, finds a class among the open offerings, enrols and
/// checks in by typing the number on the trainer's screen, with Tab, Enter and typing only. Each control
/// must be reached within a few Tab presses, which the test prints.
/// </summary>
public sealed class KeyboardJourneyTests(WebStack stack, ITestOutputHelper output) : IClassFixture<WebStack>
{
    /// <summary>The most Tab presses any one step may take.</summary>
    private const int MaxTabs = 25;

    [Fact]
    public async Task Gp_SignsIn_FindsAClass_Enrols_AndChecksIn_WithTheKeyboardAlone()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 键盘签到班");
        var session = await arrange.SessionAsync(offering, arrange.LocalNow.AddMinutes(5), 60, "键盘操作演练");

        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", BaseURL = stack.WebUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login"); // the only address typed: everything after is Tab, Enter and typing

        // Sign in.
        await TabToAsync(page, "email field", "[data-testid=login-email]");
        await page.Keyboard.TypeAsync(Demo.Gp);
        await TabToAsync(page, "password field", "[data-testid=login-password]");
        await page.Keyboard.TypeAsync(CmeDatabase.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("logout")).ToBeVisibleAsync();

        // To the open offerings through the menu, then past the menu with the skip link to the class.
        await TabToAsync(page, "menu: offerings", "[data-testid=nav-offerings]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("open-offerings-title")).ToBeVisibleAsync();
        await SkipToMainAsync(page);
        await TabToAsync(page, "the class", $"[data-offering-id='{offering}'] [data-testid=open-offering-link]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("offering-title-text")).ToContainTextAsync("E2E 键盘签到班");

        // Enrol.
        await SkipToMainAsync(page);
        await TabToAsync(page, "enrol button", "[data-testid=enrol]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("enrol-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");

        // Check in with the number the trainer's screen shows now.
        await SkipToMainAsync(page);
        await TabToAsync(page, "check-in link", $"[data-session-id='{session}'] [data-testid=session-checkin-link]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("checkin-session")).ToHaveTextAsync("键盘操作演练");
        await SkipToMainAsync(page);
        await TabToAsync(page, "check-in number", "[data-testid=checkin-number]");
        await page.Keyboard.TypeAsync(await ShownNumberAsync(session));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("checkin-result")).ToHaveAttributeAsync("data-status", "Present");
        await Assertions.Expect(page.GetByTestId("checkin-outcome")).ToContainTextAsync("签到成功");
        await context.CloseAsync();
    }

    /// <summary>
    /// The skip link first, then Enter: focus goes to the main content, past the menus. A page that already
    /// put focus in its main content (a heading or a message after a form post) needs no skip.
    /// </summary>
    private async Task SkipToMainAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("main#main")).ToBeVisibleAsync();
        if (await page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)"))
        {
            output.WriteLine("focus already in the main content");
            return;
        }
        (await TabToAsync(page, "skip link", "a.skip-link")).ShouldBe(1, "the skip link is the first stop on every page");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main")).ToBeFocusedAsync();
    }

    /// <summary>Presses Tab until the focused element matches; fails past <see cref="MaxTabs"/>.</summary>
    private async Task<int> TabToAsync(IPage page, string step, string selector)
    {
        for (var presses = 1; presses <= MaxTabs; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                output.WriteLine($"{step}: {presses} Tab");
                return presses;
            }
        }
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        throw new Xunit.Sdk.XunitException($"{step} not reached in {MaxTabs} Tab presses on {page.Url}; focus is on {focused}");
    }

    private async Task<string> ShownNumberAsync(Guid session)
    {
        using var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var code = await admin.GetFromJsonAsync<JsonElement>($"api/v1/sessions/{session}/check-in-code");
        var number = code.GetProperty("number").GetString()!;
        number.ShouldMatch(@"^\d{8}$");
        return $"{number[..4]} {number[4..]}"; // as the trainer's screen shows it
    }
}
