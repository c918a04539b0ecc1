using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// On a common office screen (1366 × 768) the top bar keeps every link of the main menu, the user's
/// name and sign-out on one line, in both languages, for every demo role (issue 14, item 10).
/// </summary>
public sealed class DesktopMenuTests(WebStack stack) : IClassFixture<WebStack>
{
    public static TheoryData<string, string> RolesAndLocales => new()
    {
        { Demo.Gp, "zh-CN" }, { Demo.Author, "zh-CN" }, { Demo.Trainer, "zh-CN" }, { Demo.CmeAdmin, "zh-CN" }, { Demo.InstitutionAdmin, "zh-CN" },
        { Demo.Author, "en-US" }, { Demo.CmeAdmin, "en-US" },
    };

    [Theory]
    [MemberData(nameof(RolesAndLocales))]
    public async Task TheTopBar_FitsOneLine_At1366Px(string email, string locale)
    {
        var page = await stack.SignInAsync(email, CmeDatabase.DemoPassword, new BrowserNewContextOptions
        {
            Locale = locale, ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();

        // The top of every menu link, the user's name and sign-out, relative to the bar's first link.
        var tops = await page.EvaluateAsync<double[]>("""
            () => [...document.querySelectorAll('.topbar .mainnav a, .topbar [data-testid=user-name], .topbar [data-testid=logout]')]
                .map(e => Math.round(e.getBoundingClientRect().top))
            """);
        var barHeight = await page.EvaluateAsync<double>("() => document.querySelector('.topbar-inner').getBoundingClientRect().height");

        tops.Length.ShouldBeGreaterThan(3, $"{email}: the top bar shows only {tops.Length} items");
        (tops.Max() - tops.Min()).ShouldBeLessThan(12, $"{email} ({locale}): the top bar wraps; tops {string.Join(", ", tops)}");
        barHeight.ShouldBeLessThan(80, $"{email} ({locale}): the top bar is {barHeight} px high");
    }
}
