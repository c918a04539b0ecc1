using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

/// <summary>Finding #5 in the browser: signing out ends the sign-in at the API, so the old cookie is worth nothing.</summary>
public sealed class SignInSessionTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task OldCookie_ReplayedAfterSignOut_IsSentToSignIn()
    {
        var page = await stack.SignInAsync(Demo.Gp);
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        // The auth cookie may be split into chunks (cme.auth, cme.authC1, ...): copy them all.
        var stolen = (await page.Context.CookiesAsync()).Where(c => c.Name.StartsWith("cme.auth", StringComparison.Ordinal)).ToList();
        stolen.ShouldNotBeEmpty();

        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-email")).ToBeVisibleAsync();

        var replay = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "en-US" });
        await replay.AddCookiesAsync(stolen.Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var thief = await replay.NewPageAsync();
        await thief.GotoAsync("/");

        await Assertions.Expect(thief.GetByTestId("login-email")).ToBeVisibleAsync();
        thief.Url.ShouldContain("/login");
        await Assertions.Expect(thief.GetByTestId("user-name")).ToHaveCountAsync(0);
        await replay.CloseAsync();
    }

    [Fact]
    public async Task SignOutEverywhere_OnTheProfilePage_SignsOutTheOtherBrowser()
    {
        var laptop = await stack.SignInAsync(Demo.Author);
        await Assertions.Expect(laptop.GetByTestId("home-title")).ToBeVisibleAsync();
        var phone = await stack.SignInAsync(Demo.Author);
        await Assertions.Expect(phone.GetByTestId("home-title")).ToBeVisibleAsync();

        await laptop.GetByTestId("user-name").ClickAsync();
        await Assertions.Expect(laptop.GetByTestId("profile-title")).ToHaveTextAsync("我的账号");
        await Assertions.Expect(laptop.GetByTestId("profile-email")).ToHaveTextAsync(Demo.Author);
        await Assertions.Expect(laptop.GetByTestId("session-row")).ToHaveCountAsync(2);
        await Assertions.Expect(laptop.Locator("[data-testid=session-row][data-current=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(laptop.GetByTestId("session-row").First).ToContainTextAsync("Chrome 浏览器（Linux）");
        await Assertions.Expect(laptop.GetByTestId("profile-change-password")).ToHaveAttributeAsync("href", "/account/password");

        await laptop.GetByTestId("logout-everywhere").ClickAsync();
        await Assertions.Expect(laptop.GetByTestId("login-email")).ToBeVisibleAsync();

        await phone.GotoAsync("/");
        await Assertions.Expect(phone.GetByTestId("login-email")).ToBeVisibleAsync();
        phone.Url.ShouldContain("/login");
    }

    [Fact]
    public async Task Profile_InChinese_ListsThisBrowserAsTheCurrentSignIn()
    {
        var page = await stack.SignInAsync(Demo.Trainer, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();

        await page.GotoAsync("/account");

        await Assertions.Expect(page.GetByTestId("profile-title")).ToHaveTextAsync("我的账号");
        await Assertions.Expect(page.GetByTestId("logout-everywhere")).ToHaveTextAsync("在所有设备上退出登录");
        await Assertions.Expect(page.GetByTestId("session-current")).ToContainTextAsync("当前设备");
        await Assertions.Expect(page.GetByTestId("profile-roles")).ToContainTextAsync("培训");
    }

    [Fact]
    public async Task ConcurrentPageLoads_WhenTheTokenIsDueForRefresh_KeepThePersonSignedIn()
    {
        var page = await stack.SignInAsync(Demo.Gp);
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();

        // The access token (30 minutes) is now due for refresh: four tabs load at once with the same cookie,
        // and the one refresh token they carry must be spent once, not four times (which would end the session).
        stack.Clock.Advance(TimeSpan.FromMinutes(29.5));
        var tabs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => page.Context.NewPageAsync()));
        await Task.WhenAll(tabs.Select(tab => tab.GotoAsync("/")));
        foreach (var tab in tabs)
            await Assertions.Expect(tab.GetByTestId("home-title")).ToBeVisibleAsync();

        // The renewed cookie goes on working through the next refresh.
        stack.Clock.Advance(TimeSpan.FromMinutes(29.5));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByTestId("session-current")).ToHaveCountAsync(1);
    }
}
