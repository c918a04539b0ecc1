using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Auth;

public sealed class SignInTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task Login_WithDemoGpAccount_ReturnsTokensThatOpenTheProfile()
    {
        var client = await api.SignedInClientAsync(Demo.Gp);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("nameZh").GetString().ShouldBe("王芳");
        me.GetProperty("institutionName").GetString().ShouldBe("芳草社区卫生服务中心");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Learner"]);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownAccount_Gets401WithTheSameMessage()
    {
        var client = api.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Trainer, password = "not-the-password" });
        var noAccount = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@demo.cme", password = "not-the-password" });

        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        noAccount.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrongPassword.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await noAccount.Content.ReadFromJsonAsync<JsonElement>();
        a.GetProperty("detail").GetString().ShouldBe(b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Refresh_WithRefreshToken_GivesANewAccessToken()
    {
        var client = api.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Author, password = CmeDatabase.DemoPassword }))
            .Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();

        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login!.RefreshToken });

        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = await refreshed.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("email").GetString().ShouldBe(Demo.Author);
    }

    [Fact]
    public async Task Refresh_WithGarbage_Gets401()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_WithoutToken_Gets401ProblemDetails()
    {
        var response = await api.CreateClient().GetAsync("/api/v1/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ChangeLanguage_IsRemembered()
    {
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        (await client.PutAsJsonAsync("/api/v1/me/language", new { language = "en" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        me.GetProperty("preferredLanguage").GetString().ShouldBe("en");
        (await client.PutAsJsonAsync("/api/v1/me/language", new { language = "fr" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
