using Cme.Domain.Common;
using System.ComponentModel.DataAnnotations;
using Cme.Api.Http;
using Cme.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cme.Api.Endpoints;

public static partial class AuthEndpoints
{
    public sealed record LoginRequest([property: Required] string Email, [property: Required] string Password);

    public sealed record RefreshRequest([property: Required] string RefreshToken);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        group.MapPost("/login", Login)
            .WithSummary("Sign in with e-mail and password; returns a bearer access token and a refresh token, or, for an account with two-factor sign-in, 401 with a twoFactorToken for POST /login/two-factor.");
        group.MapPost("/refresh", Refresh)
            .WithSummary("Exchange a refresh token for new tokens. Each refresh token works once; a spent one used again ends its whole sign-in session.");
        MapSessionEndpoints(group);
        return app;
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle, SignInSessions sessions)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = request.Email ?? "";
        if (throttle.Refuse(http, address, account) is { } tooMany)
            return tooMany;

        // Unknown e-mail, wrong password, disabled account: one hash verification each and the same answer.
        if (await PasswordCheck.VerifyAsync(signIn, request.Email, request.Password) is not { } user)
        {
            throttle.Failed(address, account);
            return InvalidCredentials();
        }
        throttle.Succeeded(address, account);
        if (user.TwoFactorEnabled)
            return TwoFactorEndpoints.SecondFactorRequired(http, user);

        return await sessions.IssueTokensAsync(user, cancellationToken: http.RequestAborted);
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock, SignInSessions sessions, CancellationToken cancellationToken)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await sessions.RefreshAsync(ticket, cancellationToken) is not { } tokens)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(401, Reason.Of("auth.refresh-invalid")));
        return tokens;
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(ProblemExceptionHandler.Problem(401, Reason.Of("auth.sign-in-failed")));
}
