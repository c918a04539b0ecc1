using Cme.Domain.Common;

namespace Cme.Api.Http;

/// <summary>
/// A bearer token opens the API only while its sign-in session is live (<see cref="SignInSessions.IsLiveAsync"/>):
/// after sign-out, sign-out everywhere, a password or role change or a disabled account it gets 401
/// <c>auth.session-ended</c>, within <see cref="SignInSessions.CheckInterval"/> at most.
/// </summary>
internal static class SignInSessionMiddleware
{
    public static IApplicationBuilder UseSignInSessions(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && !await context.RequestServices.GetRequiredService<SignInSessions>().IsLiveAsync(context.User, context.RequestAborted))
        {
            var problem = ProblemExceptionHandler.Problem(StatusCodes.Status401Unauthorized, Reason.Of("auth.session-ended"));
            await TypedResults.Problem(problem).ExecuteAsync(context);
            return;
        }
        await next();
    });
}
