using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace Cme.Web.Api;

/// <summary>Adds the signed-in user's access token, kept in the auth cookie, to each API request.</summary>
public sealed class BearerTokenHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && httpContextAccessor.HttpContext is { } httpContext)
        {
            // Served from the per-request authentication result, after any refresh in OnValidatePrincipal.
            var accessToken = await httpContext.GetTokenAsync(Auth.AuthTokens.AccessToken);
            if (!string.IsNullOrEmpty(accessToken))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Asks the API for messages in the page's language.</summary>
public sealed class AcceptLanguageHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.Name;
        if (language.Length > 0)
        {
            request.Headers.AcceptLanguage.Clear();
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Passes the browser's User-Agent on to the API at sign-in, so the profile's list of sign-ins can
/// tell one browser from another.
/// </summary>
public sealed class ForwardUserAgentHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var userAgent = httpContextAccessor.HttpContext?.Request.Headers.UserAgent.ToString();
        if (!string.IsNullOrWhiteSpace(userAgent))
        {
            request.Headers.UserAgent.Clear();
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// Names the browser's address (as this server sees it, after its own trusted proxies) in X-Forwarded-For,
/// so the API's per-address limits (sign-in, certificate verification) count each browser, not the Web.
/// The API believes the header only because the Web is one of its configured proxies; whatever the browser
/// sent in that header itself is replaced, never passed on.
/// </summary>
public sealed class ForwardedForHandler(IHttpContextAccessor httpContextAccessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("X-Forwarded-For");
        if (httpContextAccessor.HttpContext?.Connection.RemoteIpAddress is { } address)
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
        return base.SendAsync(request, cancellationToken);
    }
}
