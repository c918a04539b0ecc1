namespace Cme.Web.Auth;

/// <summary>Names the browser and system of a User-Agent string for the list of sign-ins (product names, not sentences).</summary>
public static class UserAgentLabel
{
    public static (string? Browser, string? System) Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return (null, null);
        string? browser =
            Has(userAgent, "Edg/") ? "Edge"
            : Has(userAgent, "MicroMessenger") ? "WeChat"
            : Has(userAgent, "Firefox/") ? "Firefox"
            : Has(userAgent, "Chrome/") || Has(userAgent, "Chromium/") ? "Chrome"
            : Has(userAgent, "Safari/") ? "Safari"
            : null;
        string? system =
            Has(userAgent, "Android") ? "Android"
            : Has(userAgent, "iPhone") || Has(userAgent, "iPad") ? "iOS"
            : Has(userAgent, "Windows") ? "Windows"
            : Has(userAgent, "Mac OS X") ? "macOS"
            : Has(userAgent, "Linux") ? "Linux"
            : null;
        return (browser, system);
    }

    private static bool Has(string userAgent, string token) => userAgent.Contains(token, StringComparison.Ordinal);
}
