using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Staff;

/// <summary>
/// Issue 13, item 3: an administrator disables the account of someone who left; their sessions end
/// within a minute, sign-in answers as for a wrong password, and the records stay. Nobody disables
/// their own account; an InstitutionAdmin cannot touch a CmeAdmin's.
/// </summary>
public sealed class SignInAccessTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task DisablingAnAccount_EndsItsSessionsAndSignIn_AndEnablingLetsThePersonBackIn()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var (id, email, temporary) = await NewAccountAsync(admin);
        var (person, password) = await api.FirstSignInAsync(email, temporary);
        (await person.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PutAsJsonAsync($"/api/v1/professionals/{id}/sign-in", new { disabled = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        api.Clock.Advance(TimeSpan.FromSeconds(31)); // past the per-instance session cache
        var stale = await person.GetAsync("/api/v1/me");
        stale.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("auth.session-ended");
        var refused = await Login(email, password);
        var wrong = await Login(email, password + "x");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()
            .ShouldBe((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var details = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}");
        details.GetProperty("signInDisabled").GetBoolean().ShouldBeTrue();
        (await AuditActionsAsync(email)).ShouldContain("DisableSignIn");

        (await admin.PutAsJsonAsync($"/api/v1/professionals/{id}/sign-in", new { disabled = false })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Login(email, password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}")).GetProperty("signInDisabled").GetBoolean().ShouldBeFalse();
        (await AuditActionsAsync(email)).ShouldBe(["DisableSignIn", "EnableSignIn"]);
    }

    [Fact]
    public async Task NobodyDisablesTheirOwnAccount_AndAnInstitutionAdminCannotDisableTheCmeAdmin()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var cmeAdminId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();
        var instAdminId = (await instAdmin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();

        var own = await admin.PutAsJsonAsync($"/api/v1/professionals/{cmeAdminId}/sign-in", new { disabled = true });
        var ownInst = await instAdmin.PutAsJsonAsync($"/api/v1/professionals/{instAdminId}/sign-in", new { disabled = true });
        var above = await instAdmin.PutAsJsonAsync($"/api/v1/professionals/{cmeAdminId}/sign-in", new { disabled = true });
        var gp = await (await api.SignedInClientAsync(Demo.Gp)).PutAsJsonAsync($"/api/v1/professionals/{cmeAdminId}/sign-in", new { disabled = true });

        own.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("duties.own-record");
        ownInst.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        above.StatusCode.ShouldBe(HttpStatusCode.NotFound); // another institution's people do not exist for her
        gp.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Login(Demo.CmeAdmin, CmeDatabase.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Login(Demo.InstitutionAdmin, CmeDatabase.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> Login(string email, string password) =>
        api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    private static async Task<(Guid Id, string Email, string TemporaryPassword)> NewAccountAsync(HttpClient admin)
    {
        var wch = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=WCH")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"{unique}@access.test";
        var response = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "离职医生", nameLatin = "Lizhi Yisheng", profession = "Physician", titleLevel = "Junior", licenceNumber = $"A{unique}",
            institutionId = wch, email, preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), email, created.GetProperty("temporaryPassword").GetString()!);
    }

    private async Task<List<string>> AuditActionsAsync(string email) =>
        [.. (await api.AccountAuditActionsAsync(email, "DisableSignIn", "EnableSignIn")).Distinct()]; // one command may write several rows of the account
}
