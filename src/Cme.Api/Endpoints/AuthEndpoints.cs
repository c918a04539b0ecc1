using Cme.Domain.Common;
using System.ComponentModel.DataAnnotations;
using Cme.Api.Http;
using Cme.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cme.Api.Endpoints;

public static class AuthEndpoints
{
    public sealed record LoginRequest([property: Required] string Email, [property: Required] string Password);

    public sealed record RefreshRequest([property: Required] string RefreshToken);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Sign-in");
        group.MapPost("/login", Login)
            .WithSummary("Sign in with e-mail and password; returns a bearer access token and a refresh token.");
        group.MapPost("/refresh", Refresh)
            .WithSummary("Exchange a refresh token for a new access token.");
        return app;
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle)
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = request.Email ?? "";
        if (throttle.Check(address, account) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(ProblemExceptionHandler.Problem(429, Reason.Of("auth.too-many-attempts")));
        }

        // Unknown e-mail, wrong password, disabled account: one hash verification each and the same answer.
        if (await PasswordCheck.VerifyAsync(signIn, request.Email, request.Password) is not { } user)
        {
            throttle.Failed(address, account);
            return InvalidCredentials();
        }
        throttle.Succeeded(address, account);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(401, Reason.Of("auth.refresh-invalid")));

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(ProblemExceptionHandler.Problem(401, Reason.Of("auth.sign-in-failed")));
}
