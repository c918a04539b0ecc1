using System.Net.Http.Json;
using System.Text;

namespace Cme.Bench;

public sealed record CheckInCode(Guid SessionId, string Token, string Number, DateTimeOffset ValidUntil, int PeriodSeconds);

/// <summary>The answer to one timed request: whether it did what it should, and if not, why.</summary>
public readonly record struct Outcome(bool Succeeded, string? Problem);

/// <summary>The few calls of Cme.Api the benchmarks make, over one pooled HttpClient (keep-alive, loopback).</summary>
public sealed class CmeApi : IDisposable
{
    private sealed record SignInAnswer(string AccessToken);

    private readonly HttpClient _http;

    public CmeApi(Uri baseAddress, int connections) =>
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };

    public async Task<string> SignInAsync(string email, string password, CancellationToken ct)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/auth/login", new { email, password }, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"signing in {email}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var answer = await response.Content.ReadFromJsonAsync<SignInAnswer>(ct);
        return answer?.AccessToken ?? throw new InvalidOperationException($"signing in {email}: no access token in the answer");
    }

    /// <summary>GET /api/v1/me: who the token says the caller is (status and body).</summary>
    public async Task<(int Status, string Body)> MeAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>What the trainer's session page shows: the code of the current 30-second period.</summary>
    public async Task<CheckInCode> CurrentCodeAsync(Guid sessionId, string trainerToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/sessions/{sessionId}/check-in-code");
        request.Headers.Authorization = new("Bearer", trainerToken);
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"fetching the check-in code of {sessionId}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadFromJsonAsync<CheckInCode>(ct)
            ?? throw new InvalidOperationException("fetching the check-in code: empty answer");
    }

    /// <summary>One learner's first check-in; anything but 200 with alreadyCheckedIn=false is a failure.</summary>
    public async Task<Outcome> CheckInAsync(Guid sessionId, string learnerToken, string code, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/sessions/{sessionId}/check-in");
        request.Headers.Authorization = new("Bearer", learnerToken);
        request.Content = new StringContent($$"""{"code":"{{code}}"}""", Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            return new Outcome(false, $"HTTP {(int)response.StatusCode}: {Shorten(body)}");
        return body.Contains("\"alreadyCheckedIn\":false", StringComparison.Ordinal)
            ? new Outcome(true, null)
            : new Outcome(false, $"not a first check-in: {Shorten(body)}");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    public void Dispose() => _http.Dispose();
}
