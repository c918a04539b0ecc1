using System.Net;
using System.Net.Http.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Auth;

/// <summary>
/// X-Forwarded-For is believed only from configured proxies (finding 6): without one, a caller cannot
/// spread its failures over made-up addresses; with the Web configured, each browser gets its own bucket.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly Dictionary<string, string?> Throttle = new()
    {
        ["Cme:LoginThrottle:AccountAndAddress:FreeFailures"] = "3",
        ["Cme:LoginThrottle:Account:FreeFailures"] = "20",
        ["Cme:LoginThrottle:Address:FreeFailures"] = "50",
        ["Cme:LoginThrottle:FirstWait"] = "00:01:00",
    };

    public sealed class NoProxyApi : CmeApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => Throttle;
    }

    public sealed class WebAsProxyApi : CmeApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(Throttle)
            {
                ["Cme:Security:KnownProxies"] = TestPeerAddress,
                ["Cme:Verification:PermitsPerMinute"] = "2",
            };
    }

    private static async Task<List<HttpStatusCode>> FailFromManyAddressesAsync(CmeApiFactory api)
    {
        var client = api.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = Demo.Gp, password = "wrong-" + i }),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            answers.Add((await client.SendAsync(request)).StatusCode);
        }
        return answers;
    }

    [Fact]
    public async Task WithoutATrustedProxy_AForwardedAddressIsIgnored_AndFailuresCountAgainstTheRealOne()
    {
        await using var api = new NoProxyApi();
        await api.InitializeAsync();

        var answers = await FailFromManyAddressesAsync(api);

        answers.Count.ShouldBe(6);
        answers.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        answers.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task BehindATrustedProxy_EachForwardedAddressHasItsOwnBucket()
    {
        await using var api = new WebAsProxyApi();
        await api.InitializeAsync();

        var answers = await FailFromManyAddressesAsync(api);
        var verifications = new List<HttpStatusCode>();
        foreach (var from in new[] { "198.51.100.10", "198.51.100.10", "198.51.100.10", "198.51.100.11" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/certificates/verify/CME-2026-000000");
            request.Headers.Add("X-Forwarded-For", from);
            verifications.Add((await api.CreateClient().SendAsync(request)).StatusCode);
        }

        answers.Count.ShouldBe(6);
        answers.ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        // The certificate-verification limit (2 a minute here) also counts each forwarded address on its own.
        verifications.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.NotFound]);
    }
}
