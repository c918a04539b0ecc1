using Cme.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Cme.Web.Hosting;

/// <summary>
/// When the API answers 401 for a signed-in user (token revoked, user disabled), signs them out
/// and sends them to /login; when it answers 403, sends them to /forbidden. Pages need not check.
/// </summary>
public sealed class ApiAccessFailureMiddleware(RequestDelegate next, ILogger<ApiAccessFailureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (Find(exception) is { } failure && !context.Response.HasStarted)
        {
            logger.LogInformation("The API answered {Status} for {Path}.", failure.Status, context.Request.Path);
            context.Response.Clear();
            if (failure.Status == StatusCodes.Status403Forbidden)
            {
                context.Response.Redirect("/forbidden");
                return;
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var request = context.Request;
            var returnUrl = (request.PathBase + request.Path).ToString();
            if (HttpMethods.IsGet(request.Method))
                returnUrl += request.QueryString.ToString();
            context.Response.Redirect("/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        }
    }

    private static ApiAccessException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is ApiAccessException failure)
                return failure;
            if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
                return Find(aggregate.InnerExceptions[0]);
        }
        return null;
    }
}
