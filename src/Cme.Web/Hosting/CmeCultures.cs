using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Cme.Web.Hosting;

/// <summary>zh-CN first and by default; en second. The culture cookie decides, never Accept-Language.</summary>
public static class CmeCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> Supported { get; } = [Chinese, English];

    public static bool IsSupported(string? culture) =>
        culture is not null && Supported.Contains(culture, StringComparer.OrdinalIgnoreCase);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static RequestLocalizationOptions CreateOptions()
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        };
    }

    /// <summary>Sets the culture cookie for a year.</summary>
    public static void Remember(HttpResponse response, string culture)
    {
        var name = Supported.First(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
                Path = "/",
            });
    }
}
