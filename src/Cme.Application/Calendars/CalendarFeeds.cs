using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Offerings;
using Cme.Domain.Calendars;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Calendars;

public sealed record CalendarFeedStatus(bool Active, DateTimeOffset? CreatedAt);

public sealed record NewCalendarFeed(string Token, DateTimeOffset CreatedAt);

[Authenticated]
public sealed record GetMyCalendarFeed : IQuery<CalendarFeedStatus>;

internal sealed class GetMyCalendarFeedHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetMyCalendarFeed, CalendarFeedStatus>
{
    public async ValueTask<CalendarFeedStatus> Handle(GetMyCalendarFeed request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.ProfessionalId == me && f.RevokedAt == null)
            .OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new CalendarFeedStatus(feed is not null, feed?.CreatedAt);
    }
}

/// <summary>Creates a private feed link, revoking any earlier one. The secret is shown only now.</summary>
[Authenticated]
public sealed record CreateCalendarFeed : ICommand<NewCalendarFeed>;

internal sealed class CreateCalendarFeedHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreateCalendarFeed, NewCalendarFeed>
{
    public async ValueTask<NewCalendarFeed> Handle(CreateCalendarFeed request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var now = clock.GetUtcNow();
        foreach (var old in await db.CalendarFeeds.Where(f => f.ProfessionalId == me && f.RevokedAt == null).ToListAsync(cancellationToken))
            old.Revoke(now);
        var (feed, token) = CalendarFeed.Create(me, now);
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        return new NewCalendarFeed(token, now);
    }
}

/// <summary>Stops the private feed link working.</summary>
[Authenticated]
public sealed record RevokeCalendarFeed : ICommand<Unit>;

internal sealed class RevokeCalendarFeedHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RevokeCalendarFeed, Unit>
{
    public async ValueTask<Unit> Handle(RevokeCalendarFeed request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        foreach (var feed in await db.CalendarFeeds.Where(f => f.ProfessionalId == me && f.RevokedAt == null).ToListAsync(cancellationToken))
            feed.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The feed itself, for calendar apps: no sign-in, the secret token is the key. Unknown or revoked: 404.</summary>
[PublicRequest]
public sealed record GetCalendarByToken(string Token) : IQuery<string>;

internal sealed class GetCalendarByTokenHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<GetCalendarByToken, string>
{
    public async ValueTask<string> Handle(GetCalendarByToken request, CancellationToken cancellationToken)
    {
        var hash = CalendarFeed.Hash(request.Token ?? "");
        var owner = await db.CalendarFeeds.AsNoTracking().Where(f => f.TokenHash == hash && f.RevokedAt == null)
            .Select(f => (Guid?)f.ProfessionalId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Calendar", "link");
        var now = clock.GetUtcNow();
        var items = await Schedules.ForAsync(db, owner, now.AddDays(-90), cancellationToken);
        return IcsCalendar.Write("继续医学教育 · CME", items.Select(Event), now);
    }

    internal static CalendarEvent Event(ScheduleItem s) => new(s.SessionId, s.Sequence, s.StartsAt, s.EndsAt, $"{s.Title} · {s.CourseTitleZh}",
        $"{s.OfferingTitle}\n{s.CourseTitleEn}\n{(s.Role == "Trainer" ? "授课 / teaching" : "学习 / learning")}",
        s.JoinUrl is { } url ? $"{s.InstitutionName} · {url}" : $"{s.InstitutionName} · {s.Place}", s.JoinUrl, s.Status == SessionStatus.Cancelled);
}

/// <summary>One session as an .ics file, for those enrolled, its trainers and the CME office.</summary>
[Authenticated]
public sealed record GetSessionCalendar(Guid SessionId) : IQuery<string>;

internal sealed class GetSessionCalendarHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetSessionCalendar, string>
{
    public async ValueTask<string> Handle(GetSessionCalendar request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Session", request.SessionId);
        var mine = await Schedules.ForAsync(db, me, DateTimeOffset.MinValue, cancellationToken);
        var item = mine.FirstOrDefault(s => s.SessionId == session.Id);
        if (item is null && !user.IsInRole(Roles.CmeAdmin))
            throw new NotFoundException("Session", request.SessionId);
        item ??= (await SessionViewFallback(db, session, cancellationToken));
        return IcsCalendar.Write(item.Title, [GetCalendarByTokenHandler.Event(item)], clock.GetUtcNow());
    }

    private static async Task<ScheduleItem> SessionViewFallback(IAppDbContext db, Session s, CancellationToken ct)
    {
        var info = await (from o in db.Offerings join c in db.Courses on o.CourseId equals c.Id join i in db.Institutions on s.InstitutionId equals i.Id
                          where o.Id == s.OfferingId select new { o.Title, c.TitleZh, c.TitleEn, Institution = i.Name }).SingleAsync(ct);
        return new ScheduleItem(s.Id, s.OfferingId, info.Title, info.TitleZh, info.TitleEn, s.Title, s.Type, s.StartsAt, s.EndsAt,
            SessionTimes.ToLocal(s.StartsAt, s.TimeZone), SessionTimes.ToLocal(s.EndsAt, s.TimeZone), s.TimeZone, info.Institution, s.Place,
            s.JoinUrl, s.Status, "Admin", s.Sequence);
    }
}
