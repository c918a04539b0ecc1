using System.Security.Claims;

namespace Cme.Web.Auth;

/// <summary>
/// A person with an open sign-in step (<see cref="CmeClaimTypes.Gate"/>) is sent to the page that
/// closes it: <see cref="PasswordPage"/> for a temporary password, <see cref="TwoFactorPage"/> for a
/// second factor their role requires. Sign-out, the language switch and those pages stay open.
/// </summary>
public static class SignInGateRedirect
{
    public const string PasswordPage = "/account/password";
    public const string TwoFactorPage = "/account/two-factor";

    private static readonly string[] OpenPaths = [PasswordPage, TwoFactorPage, "/logout", "/culture", "/login", "/error", "/status", "/_framework", "/_blazor", "/health"];

    public static IApplicationBuilder UseSignInGateRedirect(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var gate = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(CmeClaimTypes.Gate) : null;
        if (gate is null || OpenPaths.Any(path => context.Request.Path.StartsWithSegments(path)))
        {
            await next();
            return;
        }
        context.Response.Redirect(PageFor(gate));
    });

    public static string PageFor(string gate) => gate == "two-factor-setup" ? TwoFactorPage : PasswordPage;
}
