using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// Hangfire's dashboard, which the API serves at the same path to a bearer token of a CmeAdmin, passed on
/// to the browser: the browser holds only the auth cookie, this server adds the user's token. The Web asks
/// for the CmeAdmin role itself too (anonymous to the sign-in page, any other role a 403 status page), so a
/// refused request never reaches the API.
/// </summary>
public static class JobDashboardProxy
{
    public const string Path = "/admin/hangfire";

    public static IEndpointRouteBuilder MapJobDashboardProxy(this IEndpointRouteBuilder app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];
        var group = app.MapGroup(Path)
            // Anonymous: to the sign-in page. Signed in without the role: a bare 403 (below) rather than the cookie's
            // redirect to /forbidden, so the refusal is a 403 the browser and any script see, shown as the Web's status page.
            .RequireAuthorization()
            // The Origin check below stands in for the antiforgery token, which Hangfire's own forms and scripts do not send.
            .DisableAntiforgery();
        group.MapMethods("", methods, ForwardAsync);
        group.MapMethods("/{**rest}", methods, ForwardAsync);
        return app;
    }

    private static async Task ForwardAsync(HttpContext context, JobDashboardClient dashboard)
    {
        var request = context.Request;
        if (!context.User.IsInRole(CmeRoles.CmeAdmin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        // The cookie is SameSite=Lax, so another site's form post arrives without it; but a sibling origin of the
        // same site (another subdomain) would still carry it, and the dashboard's own antiforgery is off (the API
        // sees only bearer tokens). Retry and delete are posts: only this origin may make them.
        if (HttpMethods.IsPost(request.Method) && !IsSameOrigin(request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method),
            request.Path.ToUriComponent().TrimStart('/') + request.QueryString.ToUriComponent());
        if (HttpMethods.IsPost(request.Method))
        {
            forward.Content = new StreamContent(request.Body);
            if (request.ContentType is { } contentType)
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var header in (string[])["X-Requested-With", "Accept"])
            if (request.Headers.TryGetValue(header, out var value))
                forward.Headers.TryAddWithoutValidation(header, (IEnumerable<string?>)value);

        HttpResponseMessage answer;
        try
        {
            answer = await dashboard.SendAsync(forward, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The API is not there: the Web's own status page, as for any other page.
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        using var disposeAnswer = answer;
        var status = (int)answer.StatusCode;
        context.Response.StatusCode = status;
        // Refusals and failures as the Web's own status page, in the reader's language; never the API's body.
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or >= 500)
            return;

        var headers = context.Response.Headers;
        if (answer.Content.Headers.ContentType is { } type)
            headers.ContentType = type.ToString();
        if (answer.Headers.CacheControl is { } cacheControl)
            headers.CacheControl = cacheControl.ToString();
        if (answer.Headers.Location is { } location)
            headers.Location = location.IsAbsoluteUri ? location.PathAndQuery + location.Fragment : location.OriginalString;
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The post's Origin is this site; without one (older browsers), Sec-Fetch-Site says same-origin.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.OrdinalIgnoreCase);
    }
}
