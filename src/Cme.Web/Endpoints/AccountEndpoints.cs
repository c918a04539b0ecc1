using Cme.Web.Api;
using Cme.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Cme.Web.Endpoints;

/// <summary>Form posts that are not pages: the language switch and sign-out.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Binding [FromForm] makes UseAntiforgery validate the token, and a bad token a 400.
        app.MapPost("/culture", SetCultureAsync);
        // Nothing to bind here, so ask for validation explicitly and check its outcome.
        app.MapPost("/logout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
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

    private static async Task<IResult> SignOutAsync(HttpContext httpContext)
    {
        if (httpContext.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            return TypedResults.BadRequest();
        await httpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/login");
    }
}
