using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Application.Common.Interfaces;
using Cme.Infrastructure.Identity;
using Cme.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Cme.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Api.Tests.Auth;

/// <summary>Finding #5: sign-out, a spent refresh token and account changes end a sign-in server-side.</summary>
public sealed class SignInSessionTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    /// <summary>Past the time one API instance trusts its last look at a session.</summary>
    private static readonly TimeSpan PastTheCheckWindow = TimeSpan.FromSeconds(31);

    [Fact]
    public async Task Logout_ThenTheAccessAndRefreshTokensGet401()
    {
        var tokens = await LoginAsync(Demo.Gp);
        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Client(tokens.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var me = await MeAsync(tokens.AccessToken);
        me.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("auth.session-ended");
        (await RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The revocation is in the audit trail, with who did it and why, and no security stamp.
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audited = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "RevokeSignInSession" && a.UserName == Demo.Gp).ToListAsync();
        audited.ShouldNotBeEmpty();
        audited.ShouldAllBe(a => a.EntityType == "SignInSession" && a.Changes!.Contains("sign-out") && !a.Changes.Contains("SecurityStamp"));
    }

    [Fact]
    public async Task Refresh_UsedTwice_SecondGets401AndTheSessionsNewestTokensDieToo()
    {
        var first = await LoginAsync(Demo.Trainer);

        var refreshed = await RefreshAsync(first.RefreshToken);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await refreshed.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!;
        (await MeAsync(second.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await RefreshAsync(first.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await MeAsync(second.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(second.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Signing in again opens a new session that works.
        (await MeAsync((await LoginAsync(Demo.Trainer)).AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_RotatesTheRefreshTokenAndTheNewOneWorksOnce()
    {
        var first = await LoginAsync(Demo.Author);
        var second = (await (await RefreshAsync(first.RefreshToken)).Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!;

        second.RefreshToken.ShouldNotBe(first.RefreshToken);
        var third = await RefreshAsync(second.RefreshToken);
        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = (await third.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!;
        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RoleChange_EndsTheOldAccessTokenWithinTheCheckWindow()
    {
        const string email = "roles-session@demo.cme";
        var userId = await CreateUserAsync(email, ["Learner", "Author"]);
        var tokens = await LoginAsync(email);
        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = api.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IIdentityService>().SetRolesAsync(userId, ["Learner"], CancellationToken.None);
        api.Clock.Advance(PastTheCheckWindow);

        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = await LoginAsync(email);
        var me = await (await MeAsync(again.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Learner"]);
    }

    [Fact]
    public async Task PasswordChange_EndsTheOldAccessTokenWithinTheCheckWindow()
    {
        const string email = "password-session@demo.cme";
        await CreateUserAsync(email, ["Learner"]);
        var tokens = await LoginAsync(email);
        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            (await users.ChangePasswordAsync(user, CmeDatabase.DemoPassword, "Brand-new-passphrase-2026")).Succeeded.ShouldBeTrue();
        }
        api.Clock.Advance(PastTheCheckWindow);

        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DisabledAccount_EndsTheOldAccessTokenWithinTheCheckWindow()
    {
        const string email = "disabled-session@demo.cme";
        await CreateUserAsync(email, ["Learner"]);
        var tokens = await LoginAsync(email);
        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            (await users.SetLockoutEnabledAsync(user, true)).Succeeded.ShouldBeTrue();
            (await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded.ShouldBeTrue();
        }
        api.Clock.Advance(PastTheCheckWindow);

        (await MeAsync(tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LogoutEverywhere_EndsEveryOtherSessionAndTheListShowsOnlyLiveOnes()
    {
        const string email = "everywhere-session@demo.cme";
        await CreateUserAsync(email, ["Learner"]);
        var laptop = await LoginAsync(email, "Laptop browser");
        var phone = await LoginAsync(email, "Phone browser");

        var listed = await SessionsAsync(laptop.AccessToken);
        listed.Count.ShouldBe(2);
        listed.Single(s => s.GetProperty("current").GetBoolean()).GetProperty("userAgent").GetString().ShouldBe("Laptop-browser");
        listed.Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("userAgent").GetString().ShouldBe("Phone-browser");
        var now = api.Clock.GetUtcNow();
        listed.ShouldAllBe(s => Math.Abs((s.GetProperty("createdAt").GetDateTimeOffset() - now).TotalMinutes) < 1);

        (await Client(phone.AccessToken).PostAsync("/api/v1/auth/logout-everywhere", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // The instance that revoked forgets its cached answer at once: no waiting.
        (await MeAsync(laptop.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(phone.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(laptop.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var tablet = await LoginAsync(email, "Tablet browser");
        var after = await SessionsAsync(tablet.AccessToken);
        after.Count.ShouldBe(1);
        after[0].GetProperty("userAgent").GetString().ShouldBe("Tablet-browser");
        after[0].GetProperty("current").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task SessionEndpoints_WithoutToken_Get401()
    {
        var client = api.CreateClient();

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsync("/api/v1/auth/logout-everywhere", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/auth/sessions")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<Guid> CreateUserAsync(string email, string[] roles)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IIdentityService>()
            .CreateUserAsync(email, CmeDatabase.DemoPassword, roles, temporaryPassword: false, CancellationToken.None);
    }

    private async Task<CmeApiFactory.TokenResponse> LoginAsync(string email, string? userAgent = null)
    {
        var client = api.CreateClient();
        if (userAgent is not null)
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent.Replace(' ', '-'));
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = CmeDatabase.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!;
    }

    private HttpClient Client(string accessToken)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private Task<HttpResponseMessage> MeAsync(string accessToken) => Client(accessToken).GetAsync("/api/v1/me");

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        api.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private async Task<List<JsonElement>> SessionsAsync(string accessToken)
    {
        var response = await Client(accessToken).GetAsync("/api/v1/auth/sessions");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }
}
