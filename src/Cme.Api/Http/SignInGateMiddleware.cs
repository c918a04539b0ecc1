using System.Security.Claims;
using Cme.Domain.Common;
using Cme.Infrastructure.Identity;

namespace Cme.Api.Http;

/// <summary>
/// While a sign-in step is open (<see cref="SignInGates"/>), a token opens only <c>/api/v1/auth/…</c>
/// and <c>GET /api/v1/me</c>; anything else gets 403 naming the step.
/// </summary>
internal static class SignInGateMiddleware
{
    public static IApplicationBuilder UseSignInGates(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var gate = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(SignInGates.ClaimType) : null;
        if (gate is null || IsOpenDuringGate(context.Request))
        {
            await next();
            return;
        }
        var problem = ProblemExceptionHandler.Problem(StatusCodes.Status403Forbidden, Reason.Of($"auth.gate.{gate}"));
        await TypedResults.Problem(problem).ExecuteAsync(context);
    });

    private static bool IsOpenDuringGate(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1/auth")
        || (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments("/api/v1/me") && request.Path.Value!.TrimEnd('/') == "/api/v1/me");
}
