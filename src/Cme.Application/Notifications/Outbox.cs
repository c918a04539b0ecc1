using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Notifications;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Notifications;

public sealed record OutboxItem(Guid Id, Guid RecipientId, string RecipientName, NotificationKind Kind, NotificationChannel Channel,
    NotificationStatus Status, DateTimeOffset DueAt, int Attempts, string? LastError, DateTimeOffset? SentAt, string DedupKey);

public sealed record OutboxCounts(int Pending, int Sent, int Failed, int Cancelled);

public sealed record OutboxPage(OutboxCounts Counts, IReadOnlyList<OutboxItem> Items);

/// <summary>The outbox for the CME office: counts by status and the latest rows of one status (failed by default).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListOutbox(NotificationStatus Status = NotificationStatus.Failed, int Take = 50) : IQuery<OutboxPage>;

internal sealed class ListOutboxValidator : AbstractValidator<ListOutbox>
{
    public ListOutboxValidator()
    {
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Take).InclusiveBetween(1, 500);
    }
}

internal sealed class ListOutboxHandler(IAppDbContext db) : IRequestHandler<ListOutbox, OutboxPage>
{
    public async ValueTask<OutboxPage> Handle(ListOutbox request, CancellationToken cancellationToken)
    {
        var counts = await db.Notifications.AsNoTracking().GroupBy(n => n.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = await db.Notifications.AsNoTracking().Where(n => n.Status == request.Status)
            .OrderByDescending(n => n.NextAttemptAt).Take(request.Take)
            .Join(db.Professionals, n => n.RecipientId, p => p.Id, (n, p) => new OutboxItem(n.Id, n.RecipientId, p.NameZh, n.Kind, n.Channel,
                n.Status, n.DueAt, n.Attempts, n.LastError, n.SentAt, n.DedupKey))
            .ToListAsync(cancellationToken);
        return new OutboxPage(new OutboxCounts(counts.GetValueOrDefault(NotificationStatus.Pending), counts.GetValueOrDefault(NotificationStatus.Sent),
            counts.GetValueOrDefault(NotificationStatus.Failed), counts.GetValueOrDefault(NotificationStatus.Cancelled)), items);
    }
}

/// <summary>Sends a failed notification again: due now, with a fresh set of attempts (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RetryNotification(Guid Id) : ICommand<Unit>;

internal sealed class RetryNotificationHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<RetryNotification, Unit>
{
    public async ValueTask<Unit> Handle(RetryNotification request, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Notification", request.Id);
        if (notification.Status != NotificationStatus.Failed)
            throw new ConflictException("notification.retry-not-failed", new { status = notification.Status });
        notification.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
