using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Common.Security;
using Cme.Domain.Notifications;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Notifications;

/// <summary>One inbox message; Path is the web page it is about (the inbox itself when none).</summary>
public sealed record InboxItem(Guid Id, NotificationKind Kind, string Title, string Body, DateTimeOffset SentAt, DateTimeOffset? ReadAt, Guid SubjectId,
    string Path);

public sealed record Inbox(int Unread, int Total, IReadOnlyList<InboxItem> Items);

/// <summary>My in-app notifications, newest first, with the unread count (the bell).</summary>
[Authenticated]
public sealed record GetMyInbox(bool UnreadOnly = false, int Page = 1, int PageSize = 20) : IQuery<Inbox>;

internal sealed class GetMyInboxValidator : AbstractValidator<GetMyInbox>
{
    public GetMyInboxValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
    }
}

internal sealed class GetMyInboxHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetMyInbox, Inbox>
{
    public async ValueTask<Inbox> Handle(GetMyInbox request, CancellationToken cancellationToken)
    {
        if (user.ProfessionalId is not { } me)
            return new Inbox(0, 0, []);
        var mine = InboxQuery.Of(db, me);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var shown = request.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = await shown.CountAsync(cancellationToken);
        var rows = await shown.OrderByDescending(n => n.SentAt).ThenBy(n => n.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(n => new { n.Id, n.Kind, n.Title, n.Body, n.SentAt, n.ReadAt, n.SubjectId, n.Data })
            .ToListAsync(cancellationToken);
        return new Inbox(unread, total, [.. rows.Select(n => new InboxItem(n.Id, n.Kind, n.Title ?? "", n.Body ?? "", n.SentAt!.Value, n.ReadAt, n.SubjectId,
            NotificationTexts.PathOf(n.Data)))]);
    }
}

/// <summary>How many of my in-app notifications are unread (the number on the bell).</summary>
[Authenticated]
public sealed record GetMyUnreadCount : IQuery<UnreadCount>;

public sealed record UnreadCount(int Unread);

internal sealed class GetMyUnreadCountHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetMyUnreadCount, UnreadCount>
{
    public async ValueTask<UnreadCount> Handle(GetMyUnreadCount request, CancellationToken cancellationToken) =>
        new(user.ProfessionalId is { } me ? await InboxQuery.Of(db, me).CountAsync(n => n.ReadAt == null, cancellationToken) : 0);
}

/// <summary>Marks one of my inbox messages as read (404 for anyone else's).</summary>
[Authenticated]
public sealed record MarkNotificationRead(Guid Id) : ICommand<Unit>;

internal sealed class MarkNotificationReadHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkNotificationRead, Unit>
{
    public async ValueTask<Unit> Handle(MarkNotificationRead request, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == request.Id && n.RecipientId == user.ProfessionalId
            && n.Channel == NotificationChannel.InApp && n.Status == NotificationStatus.Sent, cancellationToken)
            ?? throw new NotFoundException("Notification", request.Id);
        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Marks all my inbox messages as read.</summary>
[Authenticated]
public sealed record MarkAllNotificationsRead : ICommand<Unit>;

internal sealed class MarkAllNotificationsReadHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkAllNotificationsRead, Unit>
{
    public async ValueTask<Unit> Handle(MarkAllNotificationsRead request, CancellationToken cancellationToken)
    {
        if (user.ProfessionalId is not { } me)
            return Unit.Value;
        var now = clock.GetUtcNow();
        foreach (var notification in await InboxQuery.Of(db, me, tracking: true).Where(n => n.ReadAt == null).ToListAsync(cancellationToken))
            notification.MarkRead(now);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class InboxQuery
{
    public static IQueryable<Notification> Of(IAppDbContext db, Guid professionalId, bool tracking = false) =>
        (tracking ? db.Notifications : db.Notifications.AsNoTracking())
            .Where(n => n.RecipientId == professionalId && n.Channel == NotificationChannel.InApp && n.Status == NotificationStatus.Sent);
}
