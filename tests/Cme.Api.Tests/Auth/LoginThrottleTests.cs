using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Infrastructure.Identity;
using Cme.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cme.Api.Tests.Auth;

/// <summary>
/// Wrong passwords slow down the one guessing, not the owner: backoff per account and address, per account,
/// per address (finding 3); the answers for an unknown, a wrong-password and a disabled account are the same,
/// after the same work. The test's own address is a trusted proxy, so X-Forwarded-For names the caller.
/// </summary>
public sealed class LoginThrottleTests(LoginThrottleTests.ThrottledApi api) : IClassFixture<LoginThrottleTests.ThrottledApi>
{
    public sealed class ThrottledApi : CmeApiFactory
    {
        /// <summary>Counts password-hash verifications, to show that every failed sign-in does the same work.</summary>
        public CountingHasher Hasher { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Cme:Security:KnownProxies"] = TestPeerAddress,
            ["Cme:LoginThrottle:AccountAndAddress:FreeFailures"] = "5",
            ["Cme:LoginThrottle:Account:FreeFailures"] = "20",
            ["Cme:LoginThrottle:Address:FreeFailures"] = "50",
            // A minute, so that no real time passing in a slow test opens the door; the test clock does.
            ["Cme:LoginThrottle:FirstWait"] = "00:01:00",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<AppUser>>(Hasher)));
        }
    }

    public sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private async Task<HttpResponseMessage> LoginAsync(string from, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", from);
        return await api.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task WrongPasswordsFromAnAttacker_DoNotStopTheOwnerSigningInFromElsewhere()
    {
        var attacker = "203.0.113.7";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            answers.Add((await LoginAsync(attacker, Demo.Trainer, "guess-" + i)).StatusCode);

        var owner = await LoginAsync("198.51.100.20", Demo.Trainer, CmeDatabase.DemoPassword);

        answers.Count.ShouldBe(8);
        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        owner.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Content.ReadFromJsonAsync<CmeApiFactory.TokenResponse>())!.AccessToken.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task AfterTheFreeFailures_TheNextTryWaits_WithRetryAfter_AndIsHeardOnceTheWaitIsOver()
    {
        var from = "198.51.100.31";
        for (var i = 0; i < 5; i++)
            (await LoginAsync(from, Demo.Author, "wrong-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var held = await LoginAsync(from, Demo.Author, CmeDatabase.DemoPassword);

        held.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("auth.too-many-attempts");
        var wait = held.Headers.RetryAfter!.Delta!.Value;
        wait.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        api.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        (await LoginAsync(from, Demo.Author, "wrong-again")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // One more failure beyond the free ones: the wait doubles.
        var longer = await LoginAsync(from, Demo.Author, CmeDatabase.DemoPassword);
        longer.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        longer.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.FromMinutes(1));

        api.Clock.Advance(longer.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromSeconds(1));
        (await LoginAsync(from, Demo.Author, CmeDatabase.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownEmail_WrongPassword_AndDisabledAccount_GetTheSameAnswer_AfterTheSameWork()
    {
        using (var scope = api.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var disabled = await users.FindByEmailAsync(Demo.InstitutionAdmin);
            (await users.SetLockoutEndDateAsync(disabled!, DateTimeOffset.MaxValue)).Succeeded.ShouldBeTrue();
        }
        var from = "198.51.100.44";

        async Task<(HttpStatusCode Status, string Body, int Hashes)> TryAsync(string email, string password)
        {
            var before = api.Hasher.Verifications;
            var response = await LoginAsync(from, email, password);
            var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await response.Content.ReadAsStringAsync())!;
            body.Remove("traceId");
            return (response.StatusCode, JsonSerializer.Serialize(body), api.Hasher.Verifications - before);
        }

        var unknown = await TryAsync("nobody@demo.cme", "not-the-password");
        var wrong = await TryAsync(Demo.Gp, "not-the-password");
        var disabledWrong = await TryAsync(Demo.InstitutionAdmin, "not-the-password");
        var disabledRight = await TryAsync(Demo.InstitutionAdmin, CmeDatabase.DemoPassword);

        unknown.Status.ShouldBe(HttpStatusCode.Unauthorized);
        unknown.Body.ShouldContain("auth.sign-in-failed");
        wrong.ShouldBe(unknown);
        disabledWrong.ShouldBe(unknown);
        disabledRight.ShouldBe(unknown);
        unknown.Hashes.ShouldBe(1);
    }
}
