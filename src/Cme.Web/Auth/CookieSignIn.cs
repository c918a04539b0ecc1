using Cme.Web.Api;
using Cme.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cme.Web.Auth;

/// <summary>
/// Issues (or re-issues) the auth cookie for tokens the API has just given: the claims come from
/// <c>GET /me</c> read with the new token, so a sign-in step just closed (its gate) is gone from the cookie too.
/// </summary>
public static class CookieSignIn
{
    /// <summary>False when the API would not show the profile to the new token; the cookie is then left as it was.</summary>
    public static async Task<bool> SignInAsync(HttpContext http, AuthApiClient auth, TokenResponse tokens, TimeProvider time)
    {
        var me = await auth.GetMeAsync(tokens.AccessToken, http.RequestAborted);
        if (!me.Succeeded)
            return false;
        var properties = new AuthenticationProperties { IsPersistent = false, AllowRefresh = true };
        AuthTokens.Store(properties, tokens, time.GetUtcNow());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CmeClaims.CreatePrincipal(me.Value), properties);
        if (CmeCultures.IsSupported(me.Value.PreferredLanguage))
            CmeCultures.Remember(http.Response, me.Value.PreferredLanguage!);
        return true;
    }
}
