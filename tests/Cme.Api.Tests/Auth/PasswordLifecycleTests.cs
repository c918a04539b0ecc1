using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Api.Tests.Notifications;
using Cme.Testing;

namespace Cme.Api.Tests.Auth;

/// <summary>Finding 7: passwords that follow NIST SP 800-63B, change, reset by e-mail, temporary passwords changed at first sign-in.</summary>
public sealed partial class PasswordLifecycleTests(NotificationApi api) : IClassFixture<NotificationApi>
{
    [Fact]
    public async Task NewPassword_TooShortCommonOrTheEmail_IsRefusedWithTheReason()
    {
        var (email, password) = await NewAccountAsync();
        var (client, _) = await api.FirstSignInAsync(email, password);
        var current = $"{password} now mine";

        var tooShort = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = current, newPassword = "elevenchars" });
        var common = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = current, newPassword = "qwerty123456" });
        var sameAsEmail = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = current, newPassword = email.ToUpperInvariant() });

        (await CodesAsync(tooShort, "newPassword")).ShouldBe(["password.too-short"]);
        (await CodesAsync(common, "newPassword")).ShouldBe(["password.common"]);
        (await CodesAsync(sameAsEmail, "newPassword")).ShouldBe(["password.same-as-email"]);
        var problem = await (await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = current, newPassword = "short" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("12");
        // Nothing changed: the password she had still signs her in.
        (await LoginAsync(email, current)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Change_NeedsTheCurrentPassword_ThenOnlyTheNewOneSignsIn()
    {
        var (email, password) = await NewAccountAsync();
        var (client, current) = await api.FirstSignInAsync(email, password);
        const string chosen = "a long walk by the Jin river";

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "not my password at all", newPassword = chosen });
        (await CodesAsync(wrong, "currentPassword")).ShouldBe(["password.current-wrong"]);
        (await LoginAsync(email, chosen)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = current, newPassword = chosen });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!.AccessToken.ShouldNotBeNullOrEmpty();
        (await LoginAsync(email, current)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync(email, chosen)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AuditActionsAsync(email)).ShouldBe(["ChangePassword", "ChangePassword"]);
    }

    [Fact]
    public async Task Forgot_ForAnAccountAndForAnUnknownEmail_AnswersTheSame_AndOnlyTheAccountGetsMail()
    {
        var (email, _) = await NewAccountAsync();
        var anonymous = api.CreateClient();

        var known = await anonymous.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email });
        var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = "nobody.at.all@demo.cme" });

        known.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        unknown.StatusCode.ShouldBe(known.StatusCode);
        (await unknown.Content.ReadAsStringAsync()).ShouldBe(await known.Content.ReadAsStringAsync());
        await api.DispatchAsync();
        var mail = await MailToAsync(email);
        mail.Subject.ShouldBe("重置密码");
        api.Sink.Messages.ShouldNotContain(m => m.To.Any(t => t.Contains("nobody.at.all", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task ResetEmail_ForSomeoneWhoReadsEnglish_IsInEnglish()
    {
        var (email, _) = await NewAccountAsync("en");

        (await api.CreateClient().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await api.DispatchAsync();

        var mail = await MailToAsync(email);
        mail.Subject.ShouldBe("Reset your password");
        mail.Body.ShouldContain("within 30 minutes");
        mail.Body.ShouldContain("Set a new password: http://cme.test/account/reset?");
    }

    [Fact]
    public async Task Forgot_AskedAgainWithinAMinute_SendsOneEmail_AskedLaterSendsAnother()
    {
        var (email, _) = await NewAccountAsync();
        var anonymous = api.CreateClient();

        (await anonymous.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await api.DispatchAsync();
        await MailToAsync(email);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await api.DispatchAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(2));
        (await anonymous.PostAsJsonAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await api.DispatchAsync();

        var mails = await api.Sink.WaitForAsync(m => m.Count(x => x.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase))) >= 2, TimeSpan.FromSeconds(10));
        mails.Count(x => x.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase))).ShouldBe(2);
    }

    [Fact]
    public async Task ResetLink_WorksOnce_TheSecondUseSaysSoAndChangesNothing()
    {
        var (email, temporary) = await NewAccountAsync();
        var (link, token) = await ResetLinkAsync(email);
        link.ShouldStartWith("http://cme.test/account/reset?");

        var first = await api.CreateClient().PostAsJsonAsync("/api/v1/auth/password/reset", new { email, token, newPassword = "spring rain on the tea hills" });
        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await api.CreateClient().PostAsJsonAsync("/api/v1/auth/password/reset", new { email, token, newPassword = "someone else knows this link" });

        (await CodesAsync(again, "token")).ShouldBe(["password.reset-link-invalid"]);
        (await LoginAsync(email, "someone else knows this link")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync(email, temporary)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var signedIn = await LoginAsync(email, "spring rain on the tea hills");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        // She chose this password herself: no gate.
        (await GatesAsync(signedIn)).ShouldBeEmpty();
        (await AuditActionsAsync(email)).ShouldBe(["ResetPassword"]);
    }

    [Fact]
    public async Task ResetLink_After31Minutes_SaysItExpiredAndChangesNothing()
    {
        var (email, temporary) = await NewAccountAsync();
        var (_, token) = await ResetLinkAsync(email);

        api.Clock.Advance(TimeSpan.FromMinutes(31));
        var late = await api.CreateClient().PostAsJsonAsync("/api/v1/auth/password/reset", new { email, token, newPassword = "too late for this one" });

        late.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await late.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("codes").GetProperty("token")[0].GetString().ShouldBe("password.reset-link-invalid");
        problem.GetProperty("errors").GetProperty("token")[0].GetString()!.ShouldContain("过期");
        (await LoginAsync(email, "too late for this one")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync(email, temporary)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AccountCreatedByAnAdmin_IsGatedUntilItsPasswordIsChanged()
    {
        var (email, temporary) = await NewAccountAsync();
        var login = await LoginAsync(email, temporary);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!.AccessToken);

        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("gates").EnumerateArray().Select(g => g.GetString())
            .ShouldBe(["password-change"]);
        var gated = await client.GetAsync("/api/v1/me/credits");
        gated.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("auth.gate.password-change");

        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = temporary, newPassword = "my own words, not the admin's" });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await changed.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!.AccessToken);
        (await client.GetAsync("/api/v1/me/credits")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("gates").GetArrayLength().ShouldBe(0);
        (await GatesAsync(await LoginAsync(email, "my own words, not the admin's"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task CsvImportedAccount_IsGatedToo()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var csv = "name_zh,name_latin,licence_number,profession,title_level,institution_code,email,language\n"
            + $"导入学员,Daoru Xueyuan,I{unique},Nurse,Junior,WCH,{unique}@import.test,zh-CN\n";
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var content = new MultipartFormDataContent { { file, "file", "staff.csv" } };
        var imported = await admin.PostAsync("/api/v1/professionals/import", content);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var row = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0];

        var login = await LoginAsync($"{unique}@import.test", row.GetProperty("temporaryPassword").GetString()!);

        (await GatesAsync(login)).ShouldBe(["password-change"]);
    }

    private async Task<(string Email, string TemporaryPassword)> NewAccountAsync(string language = "zh-CN")
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var wch = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=WCH")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"{unique}@password.test";
        var response = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "密码学员", nameLatin = "Mima Xueyuan", profession = "Nurse", titleLevel = "Junior", licenceNumber = $"P{unique}",
            institutionId = wch, email, preferredLanguage = language, roles = new[] { "Learner" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (email, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!);
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    private async Task<List<string?>> GatesAsync(HttpResponseMessage login)
    {
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!.AccessToken);
        return [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("gates").EnumerateArray().Select(g => g.GetString())];
    }

    private static async Task<List<string?>> CodesAsync(HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(c => c.GetString())];
    }

    private async Task<SinkMessage> MailToAsync(string email)
    {
        var messages = await api.Sink.WaitForAsync(m => m.Any(x => x.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase))), TimeSpan.FromSeconds(10));
        return messages.Single(x => x.To.Any(t => t.Contains(email, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Asks for a reset link as she would, lets the dispatcher send it, and reads it from her e-mail.</summary>
    private async Task<(string Link, string Token)> ResetLinkAsync(string email)
    {
        (await api.CreateClient().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await api.DispatchAsync();
        var mail = await MailToAsync(email);
        var link = ResetLink().Match(mail.Body);
        link.Success.ShouldBeTrue(mail.Body);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link.Value).Query);
        query["email"].ShouldBe(email);
        return (link.Value, query["token"]!);
    }

    private Task<List<string>> AuditActionsAsync(string email) => api.AccountAuditActionsAsync(email, "ChangePassword", "ResetPassword");

    [GeneratedRegex(@"https?://\S+/account/reset\?\S+")]
    private static partial Regex ResetLink();
}
