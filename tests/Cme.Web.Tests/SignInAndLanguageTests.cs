using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

public sealed class SignInAndLanguageTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Gp_SignsIn_SeesHomeInChinese_SwitchesToEnglish()
    {
        var page = await stack.SignInAsync(Demo.Gp);

        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("首页");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("王芳");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GetByTestId("lang-switch-en").ClickAsync();

        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("Home");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("Home");
    }

    [Fact]
    public async Task WrongPassword_ShowsAnErrorAndStaysOnSignIn()
    {
        var page = await stack.SignInAsync(Demo.Gp, "wrong-password-1");

        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("邮箱或密码不正确");
        page.Url.ShouldContain("/login");
    }

    [Fact]
    public async Task SignOut_ReturnsToSignIn()
    {
        var page = await stack.SignInAsync(Demo.Trainer);
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();

        await page.GetByTestId("logout").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-email")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("login-email")).ToBeVisibleAsync();
    }
}
