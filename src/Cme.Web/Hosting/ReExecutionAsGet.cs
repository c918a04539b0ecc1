using Microsoft.AspNetCore.Diagnostics;

namespace Cme.Web.Hosting;

public static class ReExecutionAsGet
{
    /// <summary>
    /// When the error or status-code page is re-executed for a failed POST, render it as a GET:
    /// otherwise the Razor component endpoint treats it as a form post and antiforgery or form
    /// handling fails a second time, turning a 400 into a 500.
    /// </summary>
    public static IApplicationBuilder UseReExecutionAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null
                || context.Features.Get<IExceptionHandlerFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }
            return next(context);
        });
}
