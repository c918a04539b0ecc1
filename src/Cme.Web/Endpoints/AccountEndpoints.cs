using System.Security.Claims;
using Cme.Web.Api;
using Cme.Web.Auth;
using Cme.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Cme.Web.Endpoints;

/// <summary>Form posts that are not pages: the language switch, sign-out and sign-out everywhere.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Binding [FromForm] makes UseAntiforgery validate the token, and a bad token a 400.
        app.MapPost("/culture", SetCultureAsync);
        // Nothing to bind here, so ask for validation explicitly and check its outcome.
        app.MapPost("/logout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/account/logout-everywhere", (Delegate)SignOutEverywhereAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static async Task<IResult> SetCultureAsync(
        [FromForm] string? culture,
        [FromForm] string? returnUrl,
        HttpContext httpContext,
        MeApiClient meApi,
        ILogger<MeApiClient> logger)
    {
        if (!CmeCultures.IsSupported(culture))
            return TypedResults.BadRequest();

        CmeCultures.Remember(httpContext.Response, culture!);

        if (httpContext.User.Identity?.IsAuthenticated == true)
        {
            try
            {
                var saved = await meApi.SetLanguageAsync(culture!, httpContext.RequestAborted);
                if (!saved.Succeeded)
                    logger.LogInformation("The API did not save the language ({Status}).", saved.Problem.Status);
            }
            catch (Exception exception) when (exception is HttpRequestException or ApiAccessException or TaskCanceledException)
            {
                // The cookie already switches the language; the profile is a convenience.
                logger.LogInformation(exception, "Could not save the language in the profile.");
            }
        }

        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    /// <summary>Ends the sign-in session at the API first, so the cookie replayed later is refused, then drops the cookie.</summary>
    private static Task<IResult> SignOutAsync(HttpContext httpContext, AuthApiClient authApi, SignInSessionCheck sessionCheck,
        ILogger<AuthApiClient> logger) =>
        EndAsync(httpContext, everywhere: false, authApi, sessionCheck, logger);

    /// <summary>Ends every sign-in session of the person (other browsers and devices too), then this cookie.</summary>
    private static Task<IResult> SignOutEverywhereAsync(HttpContext httpContext, AuthApiClient authApi, SignInSessionCheck sessionCheck,
        ILogger<AuthApiClient> logger) =>
        EndAsync(httpContext, everywhere: true, authApi, sessionCheck, logger);

    private static async Task<IResult> EndAsync(HttpContext httpContext, bool everywhere, AuthApiClient authApi,
        SignInSessionCheck sessionCheck, ILogger<AuthApiClient> logger)
    {
        if (httpContext.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            return TypedResults.BadRequest();
        if (httpContext.User.Identity?.IsAuthenticated == true
            && await httpContext.GetTokenAsync(AuthTokens.AccessToken) is { Length: > 0 } accessToken)
        {
            try
            {
                var ended = everywhere
                    ? await authApi.LogoutEverywhereAsync(accessToken, httpContext.RequestAborted)
                    : await authApi.LogoutAsync(accessToken, httpContext.RequestAborted);
                if (!ended.Succeeded)
                    logger.LogInformation("The API did not end the sign-in session ({Status}).", ended.Problem.Status);
            }
            catch (HttpRequestException exception)
            {
                logger.LogWarning(exception, "Could not reach the API to end the sign-in session.");
            }
            sessionCheck.Forget(accessToken);
            if (everywhere && httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
                sessionCheck.ForgetUser(userId);
        }
        await httpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }
}
