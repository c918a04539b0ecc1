using System.Text.RegularExpressions;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Account;

/// <summary>The system as shipped: CmeAdmin and InstitutionAdmin must sign in with a second factor.</summary>
public sealed class TwoFactorStack : WebStack
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Cme:Security:TwoFactorRequiredRoles"] = "CmeAdmin,InstitutionAdmin",
    };
}

public sealed partial class TwoFactorJourneyTests(TwoFactorStack stack) : IClassFixture<TwoFactorStack>
{
    [Fact]
    public async Task DemoCmeAdmin_IsAskedToEnrol_EnrolsWithTheKeyAsText_ThenSignsInWithPasswordAndCode()
    {
        // First sign-in with the password alone: sent to set up two-factor sign-in, told why.
        var page = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(page).ToHaveURLAsync(TwoFactorPage());
        await Assertions.Expect(page.GetByTestId("two-factor-why")).ToContainTextAsync("必须使用两步验证");
        await page.GotoAsync("/admin/institutions");
        await Assertions.Expect(page).ToHaveURLAsync(TwoFactorPage());
        var qr = page.GetByTestId("two-factor-qr").Locator("svg");
        await Assertions.Expect(qr).ToHaveAttributeAsync("role", "img");
        await Assertions.Expect(qr).ToHaveAttributeAsync("aria-label", "用身份验证器应用扫描此二维码，以添加您的账号");

        // What the person's app does: read the key shown as text, make the code of now.
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Trim();
        key.Replace(" ", "").Length.ShouldBeGreaterThanOrEqualTo(16);
        await page.GetByTestId("two-factor-code").FillAsync(Authenticator.Code(key, stack.Clock.GetUtcNow()));
        await page.GetByTestId("two-factor-enable").ClickAsync();

        await Assertions.Expect(page.GetByTestId("two-factor-done")).ToContainTextAsync("两步验证已开启");
        await Assertions.Expect(page.GetByTestId("two-factor-recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var recoveryCode = (await page.GetByTestId("two-factor-recovery-codes").Locator("li").First.InnerTextAsync()).Trim();
        recoveryCode.ShouldNotBeEmpty();

        // The set-up step is closed in this very session: the admin pages open.
        await page.GetByTestId("two-factor-continue").ClickAsync();
        await page.GotoAsync("/admin/institutions");
        await Assertions.Expect(page.GetByTestId("institutions-title")).ToBeVisibleAsync();

        await page.GetByTestId("logout").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-email")).ToBeVisibleAsync();

        // Next sign-in: the password, then a code (of a later 30-second step: the one used to enrol is spent).
        stack.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByTestId("login-email").FillAsync(Demo.CmeAdmin);
        await page.GetByTestId("login-password").FillAsync(CmeDatabase.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-two-factor-intro")).ToBeVisibleAsync();
        page.Url.ShouldNotContain("Ticket", Case.Insensitive);
        await page.GetByTestId("login-code").FillAsync("000000" == Authenticator.Code(key, stack.Clock.GetUtcNow()) ? "111111" : "000000");
        await page.GetByTestId("login-code-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("验证码不正确");

        await page.GetByTestId("login-code").FillAsync(Authenticator.Code(key, stack.Clock.GetUtcNow()));
        await page.GetByTestId("login-code-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/institutions");
        await Assertions.Expect(page.GetByTestId("institutions-title")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Learner_MayTurnItOn_RenewsCodes_SignsInWithARecoveryCode_AndTurnsItOff()
    {
        var page = await stack.SignInAsync(Demo.Gp);
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
        await page.GotoAsync("/account/two-factor");
        await Assertions.Expect(page.GetByTestId("two-factor-why")).ToContainTextAsync("两步验证是可选的");
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Trim();
        await page.GetByTestId("two-factor-code").FillAsync(Authenticator.Code(key, stack.Clock.GetUtcNow()));
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var first = await page.GetByTestId("two-factor-recovery-codes").Locator("li").AllInnerTextsAsync();

        // New recovery codes, with a code of a later step: the old ones stop working.
        await page.GotoAsync("/account/two-factor");
        await Assertions.Expect(page.GetByTestId("two-factor-on")).ToContainTextAsync("剩余恢复码：10 个");
        stack.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByTestId("two-factor-renew-code").FillAsync(Authenticator.Code(key, stack.Clock.GetUtcNow()));
        await page.GetByTestId("two-factor-renew").ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-done")).ToContainTextAsync("已生成新的恢复码");
        var renewed = (await page.GetByTestId("two-factor-recovery-codes").Locator("li").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        renewed.Count.ShouldBe(10);
        renewed.ShouldNotContain(first[0].Trim());

        // Phone left at home: a recovery code instead of the app's code.
        await page.GetByTestId("logout").ClickAsync();
        await page.GetByTestId("login-email").FillAsync(Demo.Gp);
        await page.GetByTestId("login-password").FillAsync(CmeDatabase.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("login-code").FillAsync(first[0].Trim());
        await page.GetByTestId("login-code-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        await page.GetByTestId("login-code").FillAsync(renewed[0]);
        await page.GetByTestId("login-code-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();

        // Optional for a learner: turned off with a code, and the password alone signs in again.
        await page.GotoAsync("/account/two-factor");
        await Assertions.Expect(page.GetByTestId("two-factor-on")).ToContainTextAsync("剩余恢复码：9 个");
        stack.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByTestId("two-factor-disable-code").FillAsync(Authenticator.Code(key, stack.Clock.GetUtcNow()));
        await page.GetByTestId("two-factor-disable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-done")).ToContainTextAsync("两步验证已关闭");
        await Assertions.Expect(page.GetByTestId("two-factor-key")).ToBeVisibleAsync();
        await page.GetByTestId("logout").ClickAsync();
        await page.GetByTestId("login-email").FillAsync(Demo.Gp);
        await page.GetByTestId("login-password").FillAsync(CmeDatabase.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-title")).ToBeVisibleAsync();
    }

    private static Regex TwoFactorPage() => TwoFactorPath();

    [GeneratedRegex("/account/two-factor$")]
    private static partial Regex TwoFactorPath();
}
