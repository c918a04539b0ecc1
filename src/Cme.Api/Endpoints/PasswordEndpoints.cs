using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Cme.Api.Http;
using Cme.Application.Common.Exceptions;
using Cme.Domain.Auditing;
using Cme.Domain.Common;
using Cme.Infrastructure.Identity;
using Cme.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Cme.Api.Endpoints;

/// <summary>
/// The password lifecycle: change (signed in, with the current password), a reset link by e-mail,
/// and setting a new password with that link. Every new password passes <see cref="PasswordPolicy"/>.
/// </summary>
public static class PasswordEndpoints
{
    public const string CurrentWrong = "password.current-wrong";
    public const string Unchanged = "password.unchanged";
    public const string ResetLinkInvalid = "password.reset-link-invalid";

    public sealed record ChangePasswordRequest([property: Required] string CurrentPassword, [property: Required] string NewPassword);

    public sealed record ForgotPasswordRequest([property: Required] string Email);

    public sealed record ResetPasswordRequest([property: Required] string Email, [property: Required] string Token, [property: Required] string NewPassword);

    /// <summary>The one answer to a request for a reset link, whether or not the e-mail belongs to an account.</summary>
    public sealed record ResetLinkRequested(int LinkValidMinutes);

    public static IEndpointRouteBuilder MapPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth/password").WithTags("Sign-in");
        group.MapPost("/", Change).RequireAuthorization()
            .WithSummary("Change my password (needs the current one); returns new tokens, without the temporary-password gate.");
        group.MapPost("/forgot", Forgot)
            .WithSummary("Ask for a password-reset link by e-mail; the same 202 answer whether or not the account exists.");
        group.MapPost("/reset", Reset)
            .WithSummary("Set a new password with the token of a reset link (single use, valid 30 minutes).");
        return app;
    }

    internal static async Task<Results<SignInHttpResult, ProblemHttpResult>> Change(
        ChangePasswordRequest request, HttpContext http, SignInManager<AppUser> signIn, LoginThrottle throttle, AppDbContext db, TimeProvider clock,
        SignInSessions sessions)
    {
        var users = signIn.UserManager;
        if (await users.GetUserAsync(http.User) is not { } user)
            return TypedResults.Problem(ProblemExceptionHandler.Problem(401, Reason.Of("auth.required")));
        var address = http.Connection.RemoteIpAddress?.ToString();
        var account = user.Email ?? user.Id.ToString();
        if (throttle.Refuse(http, address, account) is { } tooMany)
            return tooMany;
        var current = request.CurrentPassword ?? "";
        if (!await users.CheckPasswordAsync(user, current))
        {
            throttle.Failed(address, account);
            throw new RequestValidationException("currentPassword", CurrentWrong);
        }
        throttle.Succeeded(address, account);
        if (string.Equals(current, request.NewPassword, StringComparison.Ordinal))
            throw new RequestValidationException("newPassword", Unchanged);

        var wasTemporary = user.MustChangePassword;
        user.MustChangePassword = false;
        var audit = Audit(db, user, "ChangePassword", wasTemporary, clock);
        var result = await users.ChangePasswordAsync(user, current, request.NewPassword ?? "");
        if (!result.Succeeded)
        {
            user.MustChangePassword = wasTemporary;
            db.Entry(audit).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            throw Refused(result, "newPassword");
        }
        // This sign-in goes on with the new stamp; every other one of this person ends.
        return await sessions.IssueTokensAsync(user, SignInSessions.SessionId(http.User), http.RequestAborted);
    }

    /// <summary>
    /// One insert and nothing else, whatever the e-mail: whether an account has it is decided later by
    /// the outbox dispatcher, so the answer, its body and its time say nothing about the account.
    /// </summary>
    internal static async Task<Accepted<ResetLinkRequested>> Forgot(ForgotPasswordRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email))
            throw new RequestValidationException("email", "request.required");
        await PasswordResetRequests.RecordAsync(db, request.Email, clock.GetUtcNow(), ct);
        return TypedResults.Accepted((string?)null, new ResetLinkRequested((int)PasswordResetTokenProvider.Lifespan.TotalMinutes));
    }

    internal static async Task<NoContent> Reset(ResetPasswordRequest request, UserManager<AppUser> users, AppDbContext db, TimeProvider clock)
    {
        var token = request.Token ?? "";
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        // Check a token for an unknown e-mail too, so both refusals take the same time.
        var valid = await users.VerifyUserTokenAsync(user ?? new AppUser(), users.Options.Tokens.PasswordResetTokenProvider,
            UserManager<AppUser>.ResetPasswordTokenPurpose, token);
        if (user is null || !valid)
            throw new RequestValidationException("token", ResetLinkInvalid);

        var wasTemporary = user.MustChangePassword;
        user.MustChangePassword = false; // she chose this one herself
        var audit = Audit(db, user, "ResetPassword", wasTemporary, clock);
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword ?? "");
        if (!result.Succeeded)
        {
            user.MustChangePassword = wasTemporary;
            db.Entry(audit).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            // A token that stopped verifying in between (used at the same moment) is a used link.
            throw result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.InvalidToken) or nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? new RequestValidationException("token", ResetLinkInvalid)
                : Refused(result, "newPassword");
        }
        return TypedResults.NoContent();
    }

    /// <summary>An audit entry saved with the new password (the store's own save); the password itself is never in it.</summary>
    private static AuditEntry Audit(AppDbContext db, AppUser user, string action, bool wasTemporary, TimeProvider clock)
    {
        var entry = new AuditEntry(clock.GetUtcNow(), user.Id, user.Email, action, nameof(AppUser), user.Id.ToString(), "Modified",
            JsonSerializer.Serialize(new { Password = "changed", MustChangePassword = new { old = wasTemporary, @new = false } }));
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static RequestValidationException Refused(IdentityResult result, string field) =>
        new(new Dictionary<string, IReadOnlyList<Reason>>
        {
            [field] = [.. result.Errors.Select(PasswordPolicy.ReasonOf).DistinctBy(r => r.Code)],
        });
}
