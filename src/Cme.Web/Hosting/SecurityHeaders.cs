namespace Cme.Web.Hosting;

public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// Hangfire's dashboard (passed through at /admin/hangfire) writes style attributes into its pages and its charts
    /// add a style element: blocked, the graphs lose their size and the job pages their bars. Inline styles are let
    /// through there only; scripts stay 'self'.
    /// </summary>
    private const string JobDashboardContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /// <summary>Adds the headers when the response starts, so they survive error re-execution and redirects.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Endpoints.JobDashboardProxy.Path)
                    ? JobDashboardContentSecurityPolicy
                    : ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
