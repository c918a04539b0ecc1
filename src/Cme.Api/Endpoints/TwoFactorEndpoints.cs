using System.Globalization;
using System.Security.Claims;
using System.Text;
using Cme.Api.Http;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Common;
using Cme.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Cme.Api.Endpoints;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238): enrolment, recovery codes, and the second
/// step of signing in. All under <c>/api/v1/auth</c>, so they stay open while the <c>two-factor-setup</c>
/// sign-in gate is.
/// </summary>
public static class TwoFactorEndpoints
{
    public const int RecoveryCodeCount = 10;

    public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

    public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

    public sealed record CodeRequest(string? Code);

    public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

    /// <summary>The recovery codes, shown once, and new tokens: the old ones still carry the set-up gate.</summary>
    public sealed record TwoFactorEnabled(IReadOnlyList<string> RecoveryCodes, AccessTokenResponse Tokens);

    public sealed record TwoFactorDisabled(AccessTokenResponse Tokens);

    public sealed record TwoFactorSignInRequest(string? TwoFactorToken, string? Code, string? RecoveryCode);

    public static IEndpointRouteBuilder MapTwoFactorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/login/two-factor", SignIn).WithTags("Sign-in")
            .WithSummary("Second step of signing in to an account with two-factor sign-in: the ticket from the first step and a 6-digit code or a recovery code; returns the tokens.");

        var group = app.MapGroup("/api/v1/auth/two-factor").WithTags("Sign-in");
        group.MapGet("/", Status)
            .WithSummary("My two-factor sign-in: whether it is on, whether my role requires it, how many recovery codes are left.");
        group.MapPost("/setup", Setup)
            .WithSummary("The authenticator key to enrol (as text and as an otpauth:// URI for a QR code); refused once two-factor sign-in is on.");
        group.MapPost("/enable", Enable)
            .WithSummary("Turn two-factor sign-in on with a code from the app; returns 10 recovery codes (shown only now) and new tokens.");
        group.MapPost("/recovery-codes", RegenerateRecoveryCodes)
            .WithSummary("Replace the recovery codes with 10 new ones; needs a current code from the app.");
        group.MapPost("/disable", Disable)
            .WithSummary("Turn two-factor sign-in off with a current code; refused (403) when my role requires it. Returns new tokens.");
        return app;
    }

    /// <summary>The first step's answer for an account with two-factor sign-in: no tokens yet, a ticket for the second step.</summary>
    internal static ProblemHttpResult SecondFactorRequired(HttpContext http, AppUser user)
    {
        var problem = ProblemExceptionHandler.Problem(StatusCodes.Status401Unauthorized, Reason.Of("auth.two-factor-required"));
        problem.Extensions["twoFactorToken"] = http.RequestServices.GetRequiredService<TwoFactorSignInTickets>().Issue(user.Id, user.SecurityStamp);
        return TypedResults.Problem(problem);
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> SignIn(
        TwoFactorSignInRequest request, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle, TwoFactorSignInTickets tickets,
        SignInSessions sessions)
    {
        var code = Normalise(request.Code);
        var recoveryCode = request.RecoveryCode?.Trim().ToUpperInvariant() ?? "";
        if (code.Length == 0 && recoveryCode.Length == 0)
            throw new RequestValidationException("code", "request.required");

        var ticket = tickets.Read(request.TwoFactorToken);
        var user = ticket is null ? null : await signIn.UserManager.FindByIdAsync(ticket.Value.UserId.ToString());
        if (user is null || !user.TwoFactorEnabled || user.SecurityStamp != ticket!.Value.SecurityStamp)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status401Unauthorized, Reason.Of("auth.two-factor-ticket-invalid")));

        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = ThrottleAccount(user);
        if (throttle.Refuse(http, address, account) is { } tooMany)
            return tooMany;
        var verified = code.Length > 0
            ? await signIn.UserManager.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code)
            : (await signIn.UserManager.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode)).Succeeded;
        if (!verified)
        {
            throttle.Failed(address, account);
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status401Unauthorized, Reason.Of("auth.two-factor-failed")));
        }
        throttle.Succeeded(address, account);

        return await sessions.IssueTokensAsync(user, cancellationToken: http.RequestAborted);
    }

    internal static async Task<Ok<TwoFactorStatus>> Status(HttpContext http, UserManager<AppUser> users, TwoFactorPolicy policy)
    {
        var user = await Me(http, users);
        return TypedResults.Ok(new TwoFactorStatus(
            user.TwoFactorEnabled,
            policy.IsRequiredFor(await users.GetRolesAsync(user)),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0));
    }

    /// <summary>
    /// The key waiting to be confirmed, or a new one. It is stored without changing the security stamp
    /// (<see cref="UserManager{TUser}.ResetAuthenticatorKeyAsync"/> would), so the person's refresh token
    /// still works while they fetch their phone.
    /// </summary>
    internal static async Task<Results<Ok<AuthenticatorSetup>, ProblemHttpResult>> Setup(
        HttpContext http, UserManager<AppUser> users, IUserStore<AppUser> store, IConfiguration configuration)
    {
        var user = await Me(http, users);
        if (user.TwoFactorEnabled)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status409Conflict, Reason.Of("two-factor.already-enabled")));

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, http.RequestAborted);
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded)
                return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status409Conflict, Reason.Of("conflict.concurrent")));
        }

        var issuer = configuration["Cme:Security:TwoFactorIssuer"] is { Length: > 0 } configured ? configured : "CME";
        var email = user.Email ?? user.UserName ?? user.Id.ToString();
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
        return TypedResults.Ok(new AuthenticatorSetup(FormatKey(key), uri));
    }

    internal static async Task<Results<Ok<TwoFactorEnabled>, ProblemHttpResult>> Enable(
        CodeRequest request, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle, IAuditContext audit,
        SignInSessions sessions)
    {
        var users = signIn.UserManager;
        var user = await Me(http, users);
        if (user.TwoFactorEnabled)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status409Conflict, Reason.Of("two-factor.already-enabled")));
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status409Conflict, Reason.Of("two-factor.not-set-up")));
        if (await CheckCodeAsync(request, http, users, throttle, user) is { } refused)
            return refused;

        // Turning it on changes the security stamp: earlier refresh tokens, which carry the set-up gate, stop working.
        await AuditedAsync(audit, "EnableTwoFactor", () => users.SetTwoFactorEnabledAsync(user, true));
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        var tokens = await sessions.IssueTokenResponseAsync(user, SignInSessions.SessionId(http.User), http.RequestAborted);
        return TypedResults.Ok(new TwoFactorEnabled(codes?.ToList() ?? [], tokens));
    }

    internal static async Task<Results<Ok<RecoveryCodes>, ProblemHttpResult>> RegenerateRecoveryCodes(
        CodeRequest request, HttpContext http, UserManager<AppUser> users, LoginThrottle throttle)
    {
        var user = await Me(http, users);
        if (!user.TwoFactorEnabled)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status409Conflict, Reason.Of("two-factor.not-enabled")));
        if (await CheckCodeAsync(request, http, users, throttle, user) is { } refused)
            return refused;
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        return TypedResults.Ok(new RecoveryCodes(codes?.ToList() ?? []));
    }

    internal static async Task<Results<Ok<TwoFactorDisabled>, ProblemHttpResult>> Disable(
        CodeRequest request, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle, IAuditContext audit, TwoFactorPolicy policy,
        SignInSessions sessions)
    {
        var users = signIn.UserManager;
        var user = await Me(http, users);
        if (!user.TwoFactorEnabled)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status409Conflict, Reason.Of("two-factor.not-enabled")));
        if (policy.IsRequiredFor(await users.GetRolesAsync(user)))
            return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status403Forbidden, Reason.Of("two-factor.required-for-role")));
        if (await CheckCodeAsync(request, http, users, throttle, user) is { } refused)
            return refused;

        await AuditedAsync(audit, "DisableTwoFactor", () => users.SetTwoFactorEnabledAsync(user, false));
        // The old key and codes die with it: enrolling again starts from a key nobody has seen.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        return TypedResults.Ok(new TwoFactorDisabled(await sessions.IssueTokenResponseAsync(user, SignInSessions.SessionId(http.User), http.RequestAborted)));
    }

    /// <summary>Null when the code from the app is right; otherwise the answer: 400 naming the field, or 429 after too many wrong ones.</summary>
    private static async Task<ProblemHttpResult?> CheckCodeAsync(CodeRequest request, HttpContext http, UserManager<AppUser> users, LoginThrottle throttle, AppUser user)
    {
        var code = Normalise(request.Code);
        if (code.Length == 0)
            throw new RequestValidationException("code", "request.required");
        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = ThrottleAccount(user);
        if (throttle.Refuse(http, address, account) is { } tooMany)
            return tooMany;
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            throttle.Failed(address, account);
            throw new RequestValidationException("code", "two-factor.code-invalid");
        }
        throttle.Succeeded(address, account);
        return null;
    }

    /// <summary>Second-factor failures count against the account by id, apart from its password failures.</summary>
    private static string ThrottleAccount(AppUser user) => $"two-factor|{user.Id:N}";

    private static async Task AuditedAsync(IAuditContext audit, string action, Func<Task<IdentityResult>> change)
    {
        var previous = audit.Action;
        audit.Action = action;
        try
        {
            var result = await change();
            if (!result.Succeeded)
                throw new ConflictException("conflict.concurrent");
        }
        finally
        {
            audit.Action = previous;
        }
    }

    private static async Task<AppUser> Me(HttpContext http, UserManager<AppUser> users) =>
        http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user
            ? user
            : throw new UnauthenticatedException();

    /// <summary>Apps show codes as "123 456"; spaces and hyphens are dropped.</summary>
    private static string Normalise(string? code) =>
        new((code ?? "").Where(c => c != ' ' && c != '-').ToArray());

    /// <summary>The key in groups of four, lower case, for typing into an app by hand.</summary>
    private static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
                text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }
}
