using System.Globalization;
using System.Security.Claims;
using Cme.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cme.Web.Auth;

public static class CmeClaimTypes
{
    public const string InstitutionId = "institution_id";
    public const string ProfessionalId = "professional_id";
    public const string InstitutionName = "institution_name";
    public const string InstitutionNameEn = "institution_name_en";

    /// <summary>A sign-in step still open (the API's <c>cme:gate</c>): password-change or two-factor-setup.</summary>
    public const string Gate = "cme:gate";
}

public static class CmeClaims
{
    /// <summary>The cookie's identity, built from <c>GET /me</c> right after sign-in.</summary>
    public static ClaimsPrincipal CreatePrincipal(MeResponse me)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, me.UserId),
            new(ClaimTypes.Name, FirstNonBlank(me.NameZh, me.Email, me.UserId)),
        };
        AddIfPresent(claims, ClaimTypes.Email, me.Email);
        claims.AddRange((me.Roles ?? []).Select(role => new Claim(ClaimTypes.Role, role)));
        claims.AddRange((me.Gates ?? []).Select(gate => new Claim(CmeClaimTypes.Gate, gate)));
        AddIfPresent(claims, CmeClaimTypes.InstitutionId, me.InstitutionId?.ToString());
        AddIfPresent(claims, CmeClaimTypes.ProfessionalId, me.ProfessionalId?.ToString());
        AddIfPresent(claims, CmeClaimTypes.InstitutionName, me.InstitutionName);
        AddIfPresent(claims, CmeClaimTypes.InstitutionNameEn, me.InstitutionNameEn);

        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme,
            ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    public static Guid? InstitutionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(CmeClaimTypes.InstitutionId), out var id) ? id : null;

    /// <summary>The user's institution in the page's language, falling back to the Chinese name.</summary>
    public static string? InstitutionName(this ClaimsPrincipal user)
    {
        var english = user.FindFirstValue(CmeClaimTypes.InstitutionNameEn);
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(english)
            ? english
            : user.FindFirstValue(CmeClaimTypes.InstitutionName);
    }

    private static string FirstNonBlank(params string?[] values) =>
        values.First(v => !string.IsNullOrWhiteSpace(v))!;

    private static void AddIfPresent(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            claims.Add(new Claim(type, value));
    }
}
