using System.Text.Json;
using Cme.Domain.Notifications;
using Cme.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Cme.Infrastructure.Identity;

/// <summary>
/// Password rules, reset links and requests for them. A request for a reset link only records the
/// e-mail given (one row, the same work whether or not an account has it); the outbox dispatcher
/// takes the requests (<see cref="PasswordResetRequests.TakeAsync"/>), and for an e-mail that
/// belongs to an account writes a reset e-mail to the outbox. The link's token is made when the
/// e-mail is sent, so no usable token is ever stored.
/// </summary>
public static class PasswordLifecycle
{
    public static void AddTo(IServiceCollection services)
    {
        // Our policy replaces Identity's composition rules (PasswordValidator) rather than adding to them.
        services.RemoveAll<IPasswordValidator<AppUser>>();
        services.AddScoped<IPasswordValidator<AppUser>, PasswordPolicy>();
        services.AddSingleton<PasswordResetTokenProvider>();
        services.Configure<IdentityOptions>(options =>
        {
            options.Tokens.ProviderMap[PasswordResetTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(PasswordResetTokenProvider));
            options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });
        services.AddSingleton<PasswordResetRequests>();
    }
}

public sealed class PasswordResetRequests(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>The least time between two reset e-mails to one account.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);

    /// <summary>Records a request for a reset link: one insert, whatever the e-mail.</summary>
    public static async Task RecordAsync(AppDbContext db, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalised = (email ?? "").Trim();
        if (normalised.Length > 256)
            normalised = normalised[..256];
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO password_reset_requests (id, email, requested_at) VALUES ({Guid.CreateVersion7()}, {normalised}, {now})", cancellationToken);
    }

    private sealed record Taken(string Email, DateTimeOffset RequestedAt, Guid Id);

    /// <summary>
    /// Takes the waiting requests (each by one dispatcher only) and, for each e-mail of an account,
    /// writes a reset e-mail to the outbox in the same transaction. Returns how many were written.
    /// </summary>
    public async Task<int> TakeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await db.Database.SqlQuery<Taken>($"""
            DELETE FROM password_reset_requests r
            USING (SELECT id FROM password_reset_requests ORDER BY requested_at LIMIT 100 FOR UPDATE SKIP LOCKED) due
            WHERE r.id = due.id
            RETURNING r.email AS "Email", r.requested_at AS "RequestedAt", r.id AS "Id"
            """).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var written = 0;
        var mailed = new HashSet<Guid>();
        foreach (var request in taken)
        {
            var expires = request.RequestedAt + PasswordResetTokenProvider.Lifespan;
            if (expires <= now || request.Email.Length == 0 || await users.FindByEmailAsync(request.Email) is not { } user)
                continue;
            var professional = await db.Professionals.AsNoTracking().Where(p => p.UserId == user.Id)
                .Select(p => new { p.Id, p.PreferredLanguage }).SingleOrDefaultAsync(cancellationToken);
            // Asking again and again sends one e-mail a minute at most; the link already sent still works.
            if (professional is null || !mailed.Add(professional.Id) || await db.Notifications.AnyAsync(n => n.RecipientId == professional.Id
                    && n.Kind == NotificationKind.PasswordReset && n.CreatedAt > now - ResendAfter, cancellationToken))
                continue;
            db.Notifications.Add(new Notification(professional.Id, NotificationKind.PasswordReset, NotificationChannel.Email, user.Id,
                request.Id.ToString("N"), professional.PreferredLanguage,
                JsonSerializer.Serialize(new { userId = user.Id, minutes = (int)PasswordResetTokenProvider.Lifespan.TotalMinutes }),
                now, expires, now));
            written++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// The facts of a reset e-mail with its link, made now: a fresh token for the account, and the
    /// page that uses it. Null when the account is gone.
    /// </summary>
    public async Task<string?> WithLinkAsync(string dataJson, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(dataJson);
        if (!document.RootElement.TryGetProperty("userId", out var id) || !id.TryGetGuid(out var userId))
            return null;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId.ToString()) is not { Email: { } email } user)
            return null;
        cancellationToken.ThrowIfCancellationRequested();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return JsonSerializer.Serialize(new
        {
            minutes = (int)PasswordResetTokenProvider.Lifespan.TotalMinutes,
            path = $"/account/reset?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}",
        });
    }
}

/// <summary>
/// A request for a reset link, as <c>POST /auth/password/forgot</c> wrote it (one row, whatever the
/// e-mail): the outbox dispatcher decides later whether an account has the e-mail (migration 0012).
/// </summary>
public sealed class PasswordResetRequest
{
    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }
}

internal sealed class PasswordResetRequestConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<PasswordResetRequest>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<PasswordResetRequest> builder)
    {
        builder.ToTable("password_reset_requests");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.HasIndex(r => r.RequestedAt);
    }
}
