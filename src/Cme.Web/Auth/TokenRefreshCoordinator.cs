using System.Security.Cryptography;
using System.Text;
using Cme.Web.Api;
using Microsoft.Extensions.Caching.Memory;

namespace Cme.Web.Auth;

/// <summary>
/// Makes concurrent requests carrying the same refresh token (a page and the next page a user clicks
/// before the renewed cookie arrives) share one refresh call, so a rotating refresh token is
/// spent once and the later requests get the same new tokens.
/// </summary>
public sealed class TokenRefreshCoordinator(IMemoryCache cache)
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromSeconds(30);

    public Task<ApiResult<TokenResponse>> RefreshAsync(string refreshToken, Func<Task<ApiResult<TokenResponse>>> refresh)
    {
        var key = "token-refresh:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        var shared = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = RememberFor;
            return new Lazy<Task<ApiResult<TokenResponse>>>(refresh);
        })!;
        return shared.Value;
    }
}
