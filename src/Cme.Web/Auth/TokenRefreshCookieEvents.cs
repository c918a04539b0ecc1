using Cme.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cme.Web.Auth;

/// <summary>
/// Keeps the API access token in the auth cookie fresh: when it expires within a minute, trade the
/// refresh token for new tokens and reissue the cookie; when that fails, sign the user out.
/// </summary>
public sealed class TokenRefreshCookieEvents(
    AuthApiClient authApi,
    TokenRefreshCoordinator coordinator,
    TimeProvider timeProvider,
    ILogger<TokenRefreshCookieEvents> logger) : CookieAuthenticationEvents
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = timeProvider.GetUtcNow();
        var expiresAt = AuthTokens.ReadExpiry(context.Properties);
        if (expiresAt is { } expiry && expiry - now > RefreshMargin)
            return;

        var refreshToken = context.Properties.GetTokenValue(AuthTokens.RefreshToken);
        if (string.IsNullOrEmpty(refreshToken))
        {
            await RejectAsync(context);
            return;
        }

        ApiResult<TokenResponse> result;
        try
        {
            result = await coordinator.RefreshAsync(refreshToken,
                () => authApi.RefreshAsync(refreshToken, CancellationToken.None));
        }
        catch (HttpRequestException exception)
        {
            // The API is unreachable: keep a token that still works, give up on one that does not.
            logger.LogWarning(exception, "Could not refresh the API access token.");
            if (expiresAt is { } stillValid && stillValid > now)
                return;
            await RejectAsync(context);
            return;
        }

        if (!result.Succeeded)
        {
            logger.LogInformation("The API refused the refresh token ({Status}); signing the user out.", result.Problem.Status);
            await RejectAsync(context);
            return;
        }

        AuthTokens.Store(context.Properties, result.Value, now);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
