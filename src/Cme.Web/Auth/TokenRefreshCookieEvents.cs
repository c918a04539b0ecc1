using Cme.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cme.Web.Auth;

/// <summary>
/// Keeps the API access token in the auth cookie fresh: when it expires within a minute, trade the
/// refresh token for new tokens and reissue the cookie; when that fails, sign the user out. A token
/// not yet due is checked with the API at most every <see cref="SignInSessionCheck.ConfirmedFor"/>,
/// so a cookie whose sign-in session has ended (signed out, elsewhere too) stops working.
/// </summary>
public sealed class TokenRefreshCookieEvents(
    AuthApiClient authApi,
    TokenRefreshCoordinator coordinator,
    SignInSessionCheck sessionCheck,
    TimeProvider timeProvider,
    ILogger<TokenRefreshCookieEvents> logger) : CookieAuthenticationEvents
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var now = timeProvider.GetUtcNow();
        var expiresAt = AuthTokens.ReadExpiry(context.Properties);
        if (expiresAt is { } expiry && expiry - now > RefreshMargin)
        {
            await CheckSessionAsync(context);
            return;
        }

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
        sessionCheck.Confirm(result.Value.AccessToken);
        context.ShouldRenew = true;
    }

    private async Task CheckSessionAsync(CookieValidatePrincipalContext context)
    {
        var accessToken = context.Properties.GetTokenValue(AuthTokens.AccessToken);
        if (string.IsNullOrEmpty(accessToken))
        {
            await RejectAsync(context);
            return;
        }
        if (sessionCheck.RecentlyConfirmed(accessToken, context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value))
            return;

        ApiResult check;
        try
        {
            check = await authApi.CheckSessionAsync(accessToken, context.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException && !context.HttpContext.RequestAborted.IsCancellationRequested))
        {
            // The API is unreachable: the page's own calls will fail or succeed on their own.
            logger.LogWarning(exception, "Could not check the sign-in session with the API.");
            return;
        }
        if (check.Succeeded)
        {
            sessionCheck.Confirm(accessToken);
            return;
        }
        if (check.Problem.Status == StatusCodes.Status401Unauthorized)
        {
            logger.LogInformation("The API says the sign-in session has ended; signing the user out.");
            await RejectAsync(context);
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
