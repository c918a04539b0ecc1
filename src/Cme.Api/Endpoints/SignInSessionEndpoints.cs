using System.Security.Claims;
using Cme.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Sign-out, sign-out everywhere and the caller's list of sign-ins (under <c>/api/v1/auth</c>).</summary>
public static partial class AuthEndpoints
{
    private static void MapSessionEndpoints(RouteGroupBuilder group)
    {
        group.MapPost("/logout", Logout).RequireAuthorization()
            .WithSummary("Sign out: ends the caller's sign-in session, so its access and refresh tokens get 401 from now on.");
        group.MapPost("/logout-everywhere", LogoutEverywhere).RequireAuthorization()
            .WithSummary("Sign out everywhere: ends every sign-in session of the caller, this one included.");
        group.MapGet("/session", () => TypedResults.NoContent()).RequireAuthorization()
            .WithSummary("204 while the caller's sign-in session is live; 401 once it has ended (the Web checks its cookie with this).");
        group.MapGet("/sessions", ListSessions).RequireAuthorization()
            .WithSummary("The caller's live sign-in sessions (started, last seen, address, browser), the current one marked.");
    }

    internal static async Task<NoContent> Logout(ClaimsPrincipal user, SignInSessions sessions, CancellationToken cancellationToken)
    {
        if (SignInSessions.SessionId(user) is { } sessionId && UserId(user) is { } userId)
            await sessions.RevokeAsync(sessionId, userId, SignInSessions.Reasons.SignOut, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> LogoutEverywhere(ClaimsPrincipal user, SignInSessions sessions, CancellationToken cancellationToken)
    {
        if (UserId(user) is { } userId)
            await sessions.RevokeAllAsync(userId, SignInSessions.Reasons.SignOutEverywhere, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<SignInSessionResponse>>> ListSessions(
        ClaimsPrincipal user, SignInSessions sessions, CancellationToken cancellationToken) =>
        TypedResults.Ok(UserId(user) is { } userId
            ? await sessions.ListAsync(userId, SignInSessions.SessionId(user), cancellationToken)
            : (IReadOnlyList<SignInSessionResponse>)[]);

    private static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
