using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Auth;

/// <summary>
/// Two-factor sign-in with an authenticator app, with the production setting: CmeAdmin and InstitutionAdmin
/// must use it, everyone else may. Codes are computed from the shared key at the host clock's time, as the
/// person's app would.
/// </summary>
public sealed class TwoFactorTests(TwoFactorTests.ProductionSettingFactory api) : IClassFixture<TwoFactorTests.ProductionSettingFactory>
{
    public sealed class ProductionSettingFactory : CmeApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Cme:Security:TwoFactorRequiredRoles"] = "CmeAdmin,InstitutionAdmin",
            // The shipped throttle for wrong codes (the test factory's default turns it off), with a
            // first wait of a minute so that only the test clock, never a slow machine, opens the door.
            ["Cme:LoginThrottle:AccountAndAddress:FreeFailures"] = "5",
            ["Cme:LoginThrottle:Account:FreeFailures"] = "20",
            ["Cme:LoginThrottle:Address:FreeFailures"] = "50",
            ["Cme:LoginThrottle:FirstWait"] = "00:01:00",
        };
    }

    [Fact]
    public async Task RequiredRoleAdmin_WithoutTwoFactor_IsStoppedAtTheGateButCanEnrol()
    {
        var admin = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var gated = await admin.GetAsync("/api/v1/institutions");
        gated.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Code(gated)).ShouldBe("auth.gate.two-factor-setup");
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/two-factor");
        status.GetProperty("enabled").GetBoolean().ShouldBeFalse();
        status.GetProperty("required").GetBoolean().ShouldBeTrue();

        var setup = await (await admin.PostAsync("/api/v1/auth/two-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        var uri = setup.GetProperty("authenticatorUri").GetString()!;
        uri.ShouldStartWith("otpauth://totp/");
        uri.ShouldContain(Uri.EscapeDataString(Demo.InstitutionAdmin));
        uri.ShouldContain("digits=6");
        Authenticator.SecretOf(uri).ShouldBe(key.Replace(" ", "").ToUpperInvariant());

        var wrong = await admin.PostAsJsonAsync("/api/v1/auth/two-factor/enable", new { code = WrongCode(key) });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Codes(wrong, "code")).ShouldContain("two-factor.code-invalid");

        var enabled = await admin.PostAsJsonAsync("/api/v1/auth/two-factor/enable", new { code = Authenticator.Code(key, api.Clock.GetUtcNow()) });
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await enabled.Content.ReadFromJsonAsync<JsonElement>();
        var recoveryCodes = body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()).ToList();
        recoveryCodes.Count.ShouldBe(10);
        recoveryCodes.Distinct().Count().ShouldBe(10);

        // The new token carries no gate: the admin pages open.
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("tokens").GetProperty("accessToken").GetString());
        (await admin.GetAsync("/api/v1/institutions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/two-factor");
        after.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        after.GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(10);

        // Audited, without the secret: the change to the account is recorded, the key and codes are not.
        await using (var db = new Npgsql.NpgsqlConnection(api.ConnectionString))
        {
            await db.OpenAsync();
            await using var audited = new Npgsql.NpgsqlCommand(
                "SELECT changes::text FROM audit_log WHERE action = 'EnableTwoFactor' AND entity_type = 'AppUser' AND entity_id = @id", db);
            audited.Parameters.AddWithValue("id", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("userId").GetString()!);
            var changes = new List<string>();
            await using (var reader = await audited.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    changes.Add(reader.GetString(0));
            changes.ShouldHaveSingleItem().ShouldContain("TwoFactorEnabled");
            await using var leaked = new Npgsql.NpgsqlCommand("SELECT count(*) FROM audit_log WHERE changes::text LIKE @key OR changes::text LIKE @code", db);
            leaked.Parameters.AddWithValue("key", "%" + key.Replace(" ", "").ToUpperInvariant() + "%");
            leaked.Parameters.AddWithValue("code", "%" + recoveryCodes[0] + "%");
            ((long)(await leaked.ExecuteScalarAsync())!).ShouldBe(0);
        }

        // Their role requires it: it cannot be turned off.
        api.Clock.Advance(TimeSpan.FromSeconds(30));
        var disable = await admin.PostAsJsonAsync("/api/v1/auth/two-factor/disable", new { code = Authenticator.Code(key, api.Clock.GetUtcNow()) });
        disable.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Code(disable)).ShouldBe("two-factor.required-for-role");
    }

    [Fact]
    public async Task SignIn_WithTwoFactorOn_AsksForTheCodeAndTheSecondCallGivesTokens()
    {
        var (key, oldRefreshToken) = await EnrolAsync(Demo.CmeAdmin);
        var client = api.CreateClient();

        var first = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.CmeAdmin, password = CmeDatabase.DemoPassword });

        first.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await first.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("code").GetString().ShouldBe("auth.two-factor-required");
        problem.TryGetProperty("accessToken", out _).ShouldBeFalse();
        var ticket = problem.GetProperty("twoFactorToken").GetString()!;

        // The code that turned it on was spent then: heard again, it is refused (the very code, even if a
        // slow machine has crossed into the next 30-second step meanwhile).
        var replay = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = ticket, code = Authenticator.Code(key, _enabledAt) });
        replay.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(replay)).ShouldBe("auth.two-factor-failed");

        api.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = ticket, code = Authenticator.Code(key, api.Clock.GetUtcNow()) });

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = await second.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        (await client.GetAsync("/api/v1/institutions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The refresh token from before enrolment, which carried the set-up gate, no longer works.
        (await api.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = oldRefreshToken }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongCodes_Get401ThenAreThrottledWith429AndRetryAfter()
    {
        var (key, _) = await EnrolAsync(Demo.Trainer);
        api.Clock.Advance(TimeSpan.FromSeconds(30));
        var client = api.CreateClient();
        var ticket = await TicketAsync(client, Demo.Trainer);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var attempt = 0; attempt < 12 && throttled is null; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = ticket, code = WrongCode(key) });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throttled = response;
        }

        statuses[0].ShouldBe(HttpStatusCode.Unauthorized);
        throttled.ShouldNotBeNull();
        throttled.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        (await Code(throttled)).ShouldBe("auth.too-many-attempts");
        // While throttled, even the right code is not heard.
        (await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = ticket, code = Authenticator.Code(key, api.Clock.GetUtcNow()) }))
            .StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        api.Clock.Advance(TimeSpan.FromMinutes(4));
        var fresh = await TicketAsync(client, Demo.Trainer);
        (await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = fresh, code = Authenticator.Code(key, api.Clock.GetUtcNow()) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RecoveryCode_WorksOnce()
    {
        var (_, _, recoveryCodes) = await EnrolWithCodesAsync(Demo.Author);
        var client = api.CreateClient();

        var first = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = await TicketAsync(client, Demo.Author), recoveryCode = recoveryCodes[0] });
        var again = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = await TicketAsync(client, Demo.Author), recoveryCode = recoveryCodes[0] });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(again)).ShouldBe("auth.two-factor-failed");
        var tokens = await first.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/two-factor")).GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(9);
    }

    [Fact]
    public async Task Ticket_ExpiredOrForged_IsRefused_AndAnOptionalUserCanTurnTwoFactorOff()
    {
        var (key, _, _) = await EnrolWithCodesAsync(Demo.Gp);
        var client = api.CreateClient();
        var ticket = await TicketAsync(client, Demo.Gp);

        api.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = ticket, code = Authenticator.Code(key, api.Clock.GetUtcNow()) });
        var forged = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = ticket[..^4] + "AAAA", code = Authenticator.Code(key, api.Clock.GetUtcNow()) });

        late.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(late)).ShouldBe("auth.two-factor-ticket-invalid");
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Code(forged)).ShouldBe("auth.two-factor-ticket-invalid");

        // A learner's role does not require it: with a code they may turn it off, and sign in with the password alone again.
        var signedIn = await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = await TicketAsync(client, Demo.Gp), code = Authenticator.Code(key, api.Clock.GetUtcNow()) });
        var tokens = await signedIn.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/two-factor")).GetProperty("required").GetBoolean().ShouldBeFalse();
        api.Clock.Advance(TimeSpan.FromSeconds(30));
        (await client.PostAsJsonAsync("/api/v1/auth/two-factor/disable", new { code = Authenticator.Code(key, api.Clock.GetUtcNow()) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Gp, password = CmeDatabase.DemoPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoFactorEndpoints_WithoutSignIn_Get401()
    {
        var client = api.CreateClient();

        (await client.GetAsync("/api/v1/auth/two-factor")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsync("/api/v1/auth/two-factor/setup", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { twoFactorToken = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>When the last enrolment's code was made: the code that turned two-factor sign-in on.</summary>
    private DateTimeOffset _enabledAt;

    private async Task<(string Key, string OldRefreshToken)> EnrolAsync(string email)
    {
        var (key, refresh, _) = await EnrolWithCodesAsync(email);
        return (key, refresh);
    }

    /// <summary>Signs in with the password, enrols, and turns two-factor sign-in on with the current code.</summary>
    private async Task<(string Key, string OldRefreshToken, List<string> RecoveryCodes)> EnrolWithCodesAsync(string email)
    {
        var client = api.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = CmeDatabase.DemoPassword }))
            .Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!.AccessToken);
        var setup = await (await client.PostAsync("/api/v1/auth/two-factor/setup", null)).Content.ReadFromJsonAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        _enabledAt = api.Clock.GetUtcNow();
        var enabled = await client.PostAsJsonAsync("/api/v1/auth/two-factor/enable", new { code = Authenticator.Code(key, _enabledAt) });
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (key, login.RefreshToken, codes);
    }

    private static async Task<string> TicketAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = CmeDatabase.DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twoFactorToken").GetString()!;
    }

    /// <summary>A 6-digit code that is none of the codes the window around now accepts.</summary>
    private string WrongCode(string key)
    {
        var now = api.Clock.GetUtcNow();
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => Authenticator.Code(key, now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    private static async Task<List<string>> Codes(HttpResponseMessage response, string field) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty(field).EnumerateArray().Select(c => c.GetString()!).ToList();
}
