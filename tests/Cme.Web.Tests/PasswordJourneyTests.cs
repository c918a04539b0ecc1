using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Infrastructure.Notifications;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

/// <summary>The web pages over an API whose e-mail goes to an in-test SMTP sink.</summary>
public sealed class MailCatchingWebStack : WebStack, IAsyncLifetime
{
    public SmtpSink Sink { get; } = new();

    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Cme:Email:Host"] = "127.0.0.1",
        ["Cme:Email:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>What the outbox dispatcher job would do within seconds.</summary>
    public Task DispatchAsync() => Api.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync("web-test", CancellationToken.None);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed partial class PasswordJourneyTests(MailCatchingWebStack stack) : IClassFixture<MailCatchingWebStack>
{
    [Fact]
    public async Task Gp_ForgetsHerPassword_ResetsItThroughTheEmailedLink_AndOnlyTheNewOneWorks()
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-forgot").ClickAsync();
        await page.GetByTestId("forgot-email").FillAsync(Demo.Gp);
        await page.GetByTestId("forgot-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("forgot-sent")).ToContainTextAsync("30 分钟内有效");

        await stack.DispatchAsync();
        var mail = (await stack.Sink.WaitForAsync(m => m.Any(x => x.To.Any(t => t.Contains(Demo.Gp, StringComparison.OrdinalIgnoreCase))), TimeSpan.FromSeconds(10)))
            .Single(x => x.To.Any(t => t.Contains(Demo.Gp, StringComparison.OrdinalIgnoreCase)));
        mail.Subject.ShouldBe("重置密码");
        var link = ResetLink().Match(mail.Body);
        link.Success.ShouldBeTrue(mail.Body);
        link.Value.ShouldStartWith(stack.WebUrl + "/account/reset?");

        await page.GotoAsync(link.Value);
        await page.GetByTestId("reset-new").FillAsync("plum blossoms in the snow");
        await page.GetByTestId("reset-confirm").FillAsync("plum blossoms in the snow");
        await page.GetByTestId("reset-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();

        await page.GetByTestId("reset-login").ClickAsync();
        await page.GetByTestId("login-email").FillAsync(Demo.Gp);
        await page.GetByTestId("login-password").FillAsync("plum blossoms in the snow");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("首页");

        var withOldPassword = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword);
        await Assertions.Expect(withOldPassword.GetByTestId("login-error")).ToBeVisibleAsync();

        // The same link a second time: it says so, and the password stays as she set it.
        var again = await (await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl })).NewPageAsync();
        await again.GotoAsync(link.Value);
        await again.GetByTestId("reset-new").FillAsync("someone else tries this link");
        await again.GetByTestId("reset-confirm").FillAsync("someone else tries this link");
        await again.GetByTestId("reset-submit").ClickAsync();
        await Assertions.Expect(again.GetByTestId("reset-link-invalid")).ToContainTextAsync("此链接已使用或已过期");
        var stillHers = await stack.SignInAsync(Demo.Gp, "plum blossoms in the snow");
        await Assertions.Expect(stillHers.GetByTestId("home-title")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AdminCreatedAccount_FirstSignIn_MustSetANewPasswordBeforeAnythingElse()
    {
        var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var wch = (await admin.GetFromJsonAsync<JsonElement>("api/v1/institutions?search=WCH")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var email = $"{Guid.NewGuid():N}"[..10] + "@first.test";
        var created = await (await admin.PostAsJsonAsync("api/v1/professionals", new
        {
            nameZh = "首登学员", nameLatin = "Shoudeng Xueyuan", profession = "Nurse", titleLevel = "Junior", licenceNumber = $"F{Guid.NewGuid():N}"[..12],
            institutionId = wch, email, preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var temporary = created.GetProperty("temporaryPassword").GetString()!;

        var page = await stack.SignInAsync(email, temporary);

        await Assertions.Expect(page.GetByTestId("password-gate")).ToContainTextAsync("请先设置新密码");
        await page.GotoAsync("/credits");
        await Assertions.Expect(page.GetByTestId("password-gate")).ToBeVisibleAsync();
        page.Url.ShouldEndWith("/account/password");

        await page.GetByTestId("password-current").FillAsync(temporary);
        await page.GetByTestId("password-new").FillAsync("short one");
        await page.GetByTestId("password-confirm").FillAsync("short one");
        await page.GetByTestId("password-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-new-error")).ToContainTextAsync("至少需要 12 个字符");

        await page.GetByTestId("password-current").FillAsync(temporary);
        await page.GetByTestId("password-new").FillAsync("my own long password now");
        await page.GetByTestId("password-confirm").FillAsync("my own long password now");
        await page.GetByTestId("password-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-changed")).ToBeVisibleAsync();
        await page.GetByTestId("password-continue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToHaveTextAsync("首页");
        await page.GotoAsync("/credits");
        page.Url.ShouldNotContain("/account/password");
    }

    [GeneratedRegex(@"https?://\S+/account/reset\?\S+")]
    private static partial Regex ResetLink();
}
