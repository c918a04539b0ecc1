using System.Security.Claims;
using Cme.Application.Common.Interfaces;
using Cme.Infrastructure.Identity;
using Cme.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Cme.Api.Http;

/// <summary>
/// Server-side sign-in sessions (<see cref="SignInSession"/>): every token carries its session's id
/// (<see cref="SessionClaim"/>), the refresh token also its generation (<see cref="GenerationClaim"/>).
/// Issuing tokens, rotating refresh tokens, revoking and the per-request liveness check live here.
/// </summary>
public sealed class SignInSessions(
    AppDbContext db,
    SignInManager<AppUser> signIn,
    IMemoryCache cache,
    TimeProvider clock,
    IAuditContext audit,
    IHttpContextAccessor http,
    IOptions<IdentityOptions> identityOptions,
    IOptionsMonitor<BearerTokenOptions> bearerOptions,
    ILogger<SignInSessions> logger)
{
    public const string SessionClaim = "sid";
    public const string GenerationClaim = "cme:sgen";

    /// <summary>How long one instance trusts its last look at a session before asking the database again.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>A session with no refresh for this long is over (the refresh token's lifetime).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromDays(14);

    public static class Reasons
    {
        public const string SignOut = "sign-out";
        public const string SignOutEverywhere = "sign-out-everywhere";
        public const string RefreshReused = "refresh-reused";
        public const string AccountChanged = "account-changed";
    }

    /// <summary>
    /// Tokens for <paramref name="user"/>: in the given session when it is still live (password
    /// change, second sign-in step), else in a new one (login).
    /// </summary>
    public async Task<SignInHttpResult> IssueTokensAsync(AppUser user, Guid? sessionId = null, CancellationToken cancellationToken = default) =>
        TypedResults.SignIn(await PrincipalAsync(user, await OpenOrRenewAsync(user, sessionId, cancellationToken)),
            authenticationScheme: IdentityConstants.BearerScheme);

    /// <summary>
    /// The same tokens as <see cref="IssueTokensAsync"/>, as a value to return inside a larger answer
    /// (turning two-factor sign-in on or off answers recovery codes and the new tokens together).
    /// </summary>
    public async Task<AccessTokenResponse> IssueTokenResponseAsync(AppUser user, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        var principal = await PrincipalAsync(user, await OpenOrRenewAsync(user, sessionId, cancellationToken));
        var options = bearerOptions.Get(IdentityConstants.BearerScheme);
        var now = clock.GetUtcNow();
        var scheme = IdentityConstants.BearerScheme;
        var access = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = now + options.BearerTokenExpiration }, $"{scheme}:AccessToken");
        var refresh = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = now + options.RefreshTokenExpiration }, $"{scheme}:RefreshToken");
        return new AccessTokenResponse
        {
            AccessToken = options.BearerTokenProtector.Protect(access),
            ExpiresIn = (long)options.BearerTokenExpiration.TotalSeconds,
            RefreshToken = options.RefreshTokenProtector.Protect(refresh),
        };
    }

    private async Task<SignInSession> OpenOrRenewAsync(AppUser user, Guid? sessionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = sessionId is { } id
            ? await db.SignInSessions.SingleOrDefaultAsync(s => s.Id == id && s.UserId == user.Id && s.RevokedAt == null, cancellationToken)
            : null;
        if (session is null)
        {
            var request = http.HttpContext?.Request;
            session = new SignInSession(user.Id, user.SecurityStamp, http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
                request?.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null, now);
            db.SignInSessions.Add(session);
        }
        else
        {
            session.Renew(user.SecurityStamp, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        Forget(session.Id);
        return session;
    }

    /// <summary>
    /// Trades a refresh token's ticket for new tokens, once. A spent one used again revokes the
    /// whole session; a revoked session, a changed account or a disabled one gets nothing (null).
    /// </summary>
    public async Task<SignInHttpResult?> RefreshAsync(AuthenticationTicket ticket, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(ticket.Principal.FindFirstValue(SessionClaim), out var sessionId)
            || !int.TryParse(ticket.Principal.FindFirstValue(GenerationClaim), out var generation)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return null;
        var session = await db.SignInSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null || session.IsRevoked)
            return null;
        var now = clock.GetUtcNow();
        if (generation != session.RefreshGeneration)
        {
            logger.LogWarning("A spent refresh token of sign-in session {SessionId} (user {UserId}) was used again; the session is revoked.",
                session.Id, session.UserId);
            await RevokeTrackedAsync([session], Reasons.RefreshReused, cancellationToken);
            return null;
        }
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        if (user is null || user.LockoutEnd > now)
        {
            await RevokeTrackedAsync([session], Reasons.AccountChanged, cancellationToken);
            return null;
        }

        session.Renew(user.SecurityStamp, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request spent the same refresh token a moment ago: that is reuse too.
            logger.LogWarning("Two refreshes raced with one refresh token of sign-in session {SessionId}; the session is revoked.", session.Id);
            db.ChangeTracker.Clear();
            await RevokeAsync(session.Id, userId, Reasons.RefreshReused, cancellationToken);
            return null;
        }
        Forget(session.Id);
        return await SignInAsync(user, session);
    }

    /// <summary>Ends one session of <paramref name="userId"/> (sign-out).</summary>
    public async Task RevokeAsync(Guid sessionId, Guid userId, string reason, CancellationToken cancellationToken = default)
    {
        var sessions = await db.SignInSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        await RevokeTrackedAsync(sessions, reason, cancellationToken);
    }

    /// <summary>Ends every session of <paramref name="userId"/>: sign-out everywhere, an account change by someone else.</summary>
    public async Task RevokeAllAsync(Guid userId, string reason, CancellationToken cancellationToken = default)
    {
        var sessions = await db.SignInSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);
        await RevokeTrackedAsync(sessions, reason, cancellationToken);
    }

    /// <summary>The person's live sessions, newest activity first.</summary>
    public async Task<IReadOnlyList<SignInSessionResponse>> ListAsync(Guid userId, Guid? currentSessionId, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow() - IdleLimit;
        return await (from s in db.SignInSessions.AsNoTracking()
                      join u in db.Users on s.UserId equals u.Id
                      where s.UserId == userId && s.RevokedAt == null && s.RefreshedAt > since && s.SecurityStamp == u.SecurityStamp
                      orderby s.LastSeenAt descending
                      select new SignInSessionResponse(s.Id, s.CreatedAt, s.LastSeenAt, s.ClientAddress, s.UserAgent, s.Id == currentSessionId))
                     .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the token's session is live: not revoked, the account's security stamp unchanged (no
    /// password or role change since), the account not disabled. Each instance remembers the answer
    /// for at most <see cref="CheckInterval"/>, and forgets it at once when it revokes the session.
    /// </summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(principal.FindFirstValue(SessionClaim), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            return false;
        var now = clock.GetUtcNow();
        if (!cache.TryGetValue(CacheKey(sessionId), out SessionState? state) || state is null || now - state.CheckedAt >= CheckInterval)
        {
            var row = await (from s in db.SignInSessions.AsNoTracking()
                             join u in db.Users on s.UserId equals u.Id
                             where s.Id == sessionId
                             select new { s.UserId, s.RevokedAt, u.SecurityStamp, u.LockoutEnd })
                            .SingleOrDefaultAsync(cancellationToken);
            state = row is null
                ? new SessionState(now, Guid.Empty, true, null, null)
                : new SessionState(now, row.UserId, row.RevokedAt is not null, row.SecurityStamp, row.LockoutEnd);
            if (row is { RevokedAt: null })
                await db.SignInSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
            cache.Set(CacheKey(sessionId), state, TimeSpan.FromMinutes(5));
        }
        var stamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return !state.Revoked && state.UserId == userId && string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal)
            && !(state.LockedUntil > now);
    }

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionClaim), out var id) ? id : null;

    private async Task RevokeTrackedAsync(IReadOnlyList<SignInSession> sessions, string reason, CancellationToken cancellationToken)
    {
        if (sessions.Count == 0)
            return;
        var now = clock.GetUtcNow();
        foreach (var session in sessions)
            session.Revoke(reason, now);
        audit.Action = "RevokeSignInSession";
        await db.SaveChangesAsync(cancellationToken);
        foreach (var session in sessions)
            Forget(session.Id);
        logger.LogInformation("Revoked {Count} sign-in session(s) of user {UserId}: {Reason}.", sessions.Count, sessions[0].UserId, reason);
    }

    private async Task<SignInHttpResult> SignInAsync(AppUser user, SignInSession session) =>
        TypedResults.SignIn(await PrincipalAsync(user, session), authenticationScheme: IdentityConstants.BearerScheme);

    private async Task<ClaimsPrincipal> PrincipalAsync(AppUser user, SignInSession session)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaim, session.Id.ToString()));
        identity.AddClaim(new Claim(GenerationClaim, session.RefreshGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return principal;
    }

    private void Forget(Guid sessionId) => cache.Remove(CacheKey(sessionId));

    private static string CacheKey(Guid sessionId) => "sign-in-session:" + sessionId;

    private sealed record SessionState(DateTimeOffset CheckedAt, Guid UserId, bool Revoked, string? SecurityStamp, DateTimeOffset? LockedUntil);
}

/// <summary>One of the caller's live sign-ins, as the profile page lists them.</summary>
public sealed record SignInSessionResponse(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? ClientAddress, string? UserAgent, bool Current);
