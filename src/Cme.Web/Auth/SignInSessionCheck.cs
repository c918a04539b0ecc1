using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Cme.Web.Auth;

/// <summary>
/// Remembers, per access token, that the API confirmed its sign-in session is live, for at most
/// <see cref="ConfirmedFor"/>: the auth cookie is checked with the API at most that often. Signing
/// out here forgets the token at once, and signing out everywhere forgets every token of that person
/// seen by this instance, so an old cookie replayed after sign-out is refused on its next request.
/// </summary>
public sealed class SignInSessionCheck(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan ConfirmedFor = TimeSpan.FromSeconds(30);

    public bool RecentlyConfirmed(string accessToken, string? userId)
    {
        if (!cache.TryGetValue(TokenKey(accessToken), out DateTimeOffset confirmedAt) || clock.GetUtcNow() - confirmedAt >= ConfirmedFor)
            return false;
        return userId is null || !cache.TryGetValue(UserKey(userId), out DateTimeOffset endedAt) || confirmedAt > endedAt;
    }

    public void Confirm(string accessToken) =>
        cache.Set(TokenKey(accessToken), clock.GetUtcNow(), ConfirmedFor);

    public void Forget(string accessToken) => cache.Remove(TokenKey(accessToken));

    /// <summary>Every session of this person ended (sign-out everywhere): check each of their cookies again.</summary>
    public void ForgetUser(string userId) => cache.Set(UserKey(userId), clock.GetUtcNow(), ConfirmedFor + ConfirmedFor);

    private static string TokenKey(string accessToken) =>
        "session-confirmed:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(accessToken)));

    private static string UserKey(string userId) => "sessions-ended:" + userId;
}
