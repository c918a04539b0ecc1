using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Account;

/// <summary>
/// A trainer leaves: the CME office disables her account on the staff page, her open browser is signed
/// out within a minute and her password no longer lets her in; enabled again, she signs in as before.
/// </summary>
public sealed class SignInAccessJourneyTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task CmeAdmin_DisablesAndEnablesATrainersAccount_OnTheStaffPage()
    {
        var trainerId = (await (await stack.ApiClientAsync(Demo.Trainer)).GetFromJsonAsync<JsonElement>("api/v1/me")).GetProperty("professionalId").GetGuid();
        var chinese = new BrowserNewContextOptions { Locale = "zh-CN" };
        var trainer = await stack.SignInAsync(Demo.Trainer, CmeDatabase.DemoPassword, chinese);
        await Assertions.Expect(trainer.GetByTestId("home-title")).ToBeVisibleAsync();
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(admin.GetByTestId("home-title")).ToBeVisibleAsync();

        await admin.GotoAsync($"/admin/staff/{trainerId}");
        await Assertions.Expect(admin.GetByTestId("sign-in-access-state")).ToHaveTextAsync("此人可以登录。");
        await admin.GetByTestId("sign-in-access-toggle").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("sign-in-access-state")).ToContainTextAsync("此账户已停用");
        await Assertions.Expect(admin.GetByTestId("sign-in-access-toggle")).ToHaveTextAsync("恢复登录");

        // Within a minute her open browser is signed out, and her password no longer opens the door.
        stack.Clock.Advance(TimeSpan.FromSeconds(31));
        await trainer.ReloadAsync();
        await Assertions.Expect(trainer.GetByTestId("login-email")).ToBeVisibleAsync();
        await trainer.GetByTestId("login-email").FillAsync(Demo.Trainer);
        await trainer.GetByTestId("login-password").FillAsync(CmeDatabase.DemoPassword);
        await trainer.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(trainer.GetByTestId("login-error")).ToHaveTextAsync("邮箱或密码不正确");

        await admin.GetByTestId("sign-in-access-toggle").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("sign-in-access-state")).ToHaveTextAsync("此人可以登录。");
        await trainer.GetByTestId("login-password").FillAsync(CmeDatabase.DemoPassword);
        await trainer.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(trainer.GetByTestId("home-title")).ToBeVisibleAsync();
    }
}
