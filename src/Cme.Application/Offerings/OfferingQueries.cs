using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Professionals;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Offerings;

/// <summary>
/// All offerings, newest first (CmeAdmin; an InstitutionAdmin too, to enrol their staff), or only those open to the
/// caller now (openToMe), then with the caller's own enrolment in each (enrolled, or waitlisted with their position).
/// </summary>
[Authenticated]
public sealed record ListOfferings(bool OpenToMe) : IQuery<IReadOnlyList<OfferingSummary>>;

internal sealed class ListOfferingsHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ListOfferings, IReadOnlyList<OfferingSummary>>
{
    public async ValueTask<IReadOnlyList<OfferingSummary>> Handle(ListOfferings request, CancellationToken cancellationToken)
    {
        if (!request.OpenToMe && !user.IsInRole(Roles.CmeAdmin) && !user.IsInRole(Roles.InstitutionAdmin))
            throw new ForbiddenException("offering.list-forbidden");
        var now = clock.GetUtcNow();
        var query = db.Offerings.AsNoTracking();
        if (request.OpenToMe)
            query = query.Where(o => o.EnrolmentClosesAt > now);
        var rows = await (from o in query
                          join c in db.Courses on o.CourseId equals c.Id
                          join i in db.Institutions on o.HostInstitutionId equals i.Id
                          orderby o.CreatedAt descending
                          select new
                          {
                              Offering = o, c.Code, c.TitleZh, c.TitleEn, Host = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name),
                              Enrolled = db.Enrolments.Count(e => e.OfferingId == o.Id && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)),
                              Waitlisted = db.Enrolments.Count(e => e.OfferingId == o.Id && e.Status == EnrolmentStatus.Waitlisted),
                              First = db.Sessions.Where(s => s.OfferingId == o.Id && s.Status == SessionStatus.Scheduled).Min(s => (DateTimeOffset?)s.StartsAt),
                          }).Take(500).ToListAsync(cancellationToken);
        var mine = new Dictionary<Guid, MyEnrolment>();
        if (request.OpenToMe)
        {
            var me = await (from p in db.Professionals join i in db.Institutions on p.InstitutionId equals i.Id
                            where p.Id == user.ProfessionalId() select new { p.InstitutionId, i.Region, p.Profession }).SingleAsync(cancellationToken);
            rows = [.. rows.Where(r => r.Offering.Audience.Admits(me.InstitutionId, me.Region, me.Profession))];
            mine = await MyEnrolments.InAsync(db, user.ProfessionalId(), [.. rows.Select(r => r.Offering.Id)], cancellationToken);
        }
        return [.. rows.Select(r => new OfferingSummary(r.Offering.Id, r.Offering.CourseId, r.Code, r.TitleZh, r.TitleEn, r.Offering.Title,
            r.Offering.Modality, r.Host, r.Offering.Capacity, r.Enrolled, r.Waitlisted, r.Offering.EnrolmentOpensAt, r.Offering.EnrolmentClosesAt,
            r.Offering.WaitlistEnabled, r.Offering.QualifiesTrainers, r.First, mine.GetValueOrDefault(r.Offering.Id)))];
    }
}

/// <summary>An offering with its sessions and trainers, and the caller's own enrolment.</summary>
[Authenticated]
public sealed record GetOffering(Guid Id) : IQuery<OfferingView>;

internal sealed class GetOfferingHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetOffering, OfferingView>
{
    public async ValueTask<OfferingView> Handle(GetOffering request, CancellationToken cancellationToken)
    {
        var row = await (from x in db.Offerings.AsNoTracking()
                         join c in db.Courses on x.CourseId equals c.Id
                         join i in db.Institutions on x.HostInstitutionId equals i.Id
                         where x.Id == request.Id
                         select new { Offering = x, c.Code, c.TitleZh, c.TitleEn, c.Specialty, Host = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name) }).SingleOrDefaultAsync(cancellationToken)
                  ?? throw new NotFoundException("Offering", request.Id);
        var o = row.Offering;
        var counts = await db.Enrolments.Where(e => e.OfferingId == o.Id).GroupBy(e => e.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var sessions = await SessionViews.ForAsync(db, db.Sessions.Where(s => s.OfferingId == o.Id), cancellationToken);
        var mine = await db.Enrolments.AsNoTracking()
            .Where(e => e.OfferingId == o.Id && e.LearnerId == user.ProfessionalId && e.Status != EnrolmentStatus.Cancelled)
            .FirstOrDefaultAsync(cancellationToken);
        return new OfferingView(o.Id, o.CourseId, o.VersionId, row.Code, row.TitleZh, row.TitleEn, row.Specialty, o.Title, o.Modality,
            o.HostInstitutionId, row.Host, o.Audience, o.Capacity,
            counts.GetValueOrDefault(EnrolmentStatus.Enrolled) + counts.GetValueOrDefault(EnrolmentStatus.Completed),
            counts.GetValueOrDefault(EnrolmentStatus.Waitlisted), o.EnrolmentOpensAt, o.EnrolmentClosesAt, o.WaitlistEnabled, o.CompletionRule,
            o.QualifiesTrainers, o.TimeZone, sessions,
            mine is null ? null : new MyEnrolment(mine.Id, mine.Status,
                mine.Status == EnrolmentStatus.Waitlisted ? await Seats.PositionAsync(db, mine, cancellationToken) : null));
    }
}

/// <summary>
/// Who is enrolled and waiting, with positions (in the whole waitlist) and status history: a CmeAdmin everyone, an
/// InstitutionAdmin only their own institution's staff.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record ListEnrolments(Guid OfferingId) : IQuery<IReadOnlyList<EnrolmentView>>;

internal sealed class ListEnrolmentsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ListEnrolments, IReadOnlyList<EnrolmentView>>
{
    public async ValueTask<IReadOnlyList<EnrolmentView>> Handle(ListEnrolments request, CancellationToken cancellationToken)
    {
        var scope = StaffAccess.InstitutionScope(user);
        var rows = await (from e in db.Enrolments.AsNoTracking()
                          join p in db.Professionals on e.LearnerId equals p.Id
                          join i in db.Institutions on p.InstitutionId equals i.Id
                          where e.OfferingId == request.OfferingId
                          orderby e.Arrival
                          select new { Enrolment = e, p.InstitutionId, p.NameZh, p.NameLatin, Institution = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name) }).ToListAsync(cancellationToken);
        var position = 0;
        return [.. rows.Select(r => (Row: r, Position: r.Enrolment.Status == EnrolmentStatus.Waitlisted ? ++position : (int?)null))
            .Where(x => scope is null || x.Row.InstitutionId == scope)
            .Select(x => new EnrolmentView(x.Row.Enrolment.Id, x.Row.Enrolment.LearnerId, x.Row.NameZh, x.Row.NameLatin, x.Row.Institution,
                x.Row.Enrolment.Status, x.Position, x.Row.Enrolment.CreatedAt, x.Row.Enrolment.History))];
    }
}

/// <summary>The caller's sessions, as learner and as trainer, from a day ago on.</summary>
[Authenticated]
public sealed record GetMySchedule : IQuery<IReadOnlyList<ScheduleItem>>;

internal sealed class GetMyScheduleHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetMySchedule, IReadOnlyList<ScheduleItem>>
{
    public async ValueTask<IReadOnlyList<ScheduleItem>> Handle(GetMySchedule request, CancellationToken cancellationToken) =>
        await Schedules.ForAsync(db, user.ProfessionalId(), clock.GetUtcNow().AddDays(-1), cancellationToken);
}

internal static class Schedules
{
    public static async Task<IReadOnlyList<ScheduleItem>> ForAsync(IAppDbContext db, Guid professionalId, DateTimeOffset since, CancellationToken ct)
    {
        var trainerId = await db.Trainers.Where(t => t.ProfessionalId == professionalId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
        var asLearner = from e in db.Enrolments
                        where e.LearnerId == professionalId && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)
                        join s in db.Sessions on e.OfferingId equals s.OfferingId
                        select new { Session = s, Role = "Learner" };
        var asTrainer = from t in db.SessionTrainers
                        where t.TrainerId == trainerId
                        join s in db.Sessions on t.SessionId equals s.Id
                        select new { Session = s, Role = "Trainer" };
        var rows = await (from x in asLearner.Concat(asTrainer)
                          where x.Session.EndsAt >= since
                          join o in db.Offerings on x.Session.OfferingId equals o.Id
                          join c in db.Courses on o.CourseId equals c.Id
                          join i in db.Institutions on x.Session.InstitutionId equals i.Id
                          orderby x.Session.StartsAt
                          select new { x.Session, x.Role, OfferingTitle = o.Title, c.TitleZh, c.TitleEn, Institution = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name) }).Take(500).ToListAsync(ct);
        return [.. rows.Select(r => new ScheduleItem(r.Session.Id, r.Session.OfferingId, r.OfferingTitle, r.TitleZh, r.TitleEn, r.Session.Title,
            r.Session.Type, r.Session.StartsAt, r.Session.EndsAt, SessionTimes.ToLocal(r.Session.StartsAt, r.Session.TimeZone),
            SessionTimes.ToLocal(r.Session.EndsAt, r.Session.TimeZone), r.Session.TimeZone, r.Institution, r.Session.Place, r.Session.JoinUrl,
            r.Session.Status, r.Role, r.Session.Sequence))];
    }
}

internal static class SessionViews
{
    public static async Task<IReadOnlyList<SessionView>> ForAsync(IAppDbContext db, IQueryable<Session> sessions, CancellationToken ct)
    {
        var rows = await (from s in sessions.AsNoTracking().Include(s => s.Trainers)
                          join i in db.Institutions on s.InstitutionId equals i.Id
                          orderby s.StartsAt
                          select new { Session = s, Institution = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name) }).ToListAsync(ct);
        var trainerIds = rows.SelectMany(r => r.Session.Trainers.Select(t => t.TrainerId)).Distinct().ToList();
        var names = await (from t in db.Trainers join p in db.Professionals on t.ProfessionalId equals p.Id
                           where trainerIds.Contains(t.Id) select new TrainerName(t.Id, p.NameZh, p.NameLatin)).ToDictionaryAsync(n => n.TrainerId, ct);
        return [.. rows.Select(r => new SessionView(r.Session.Id, r.Session.OfferingId, r.Session.Title, r.Session.Type, r.Session.StartsAt, r.Session.EndsAt,
            SessionTimes.ToLocal(r.Session.StartsAt, r.Session.TimeZone), SessionTimes.ToLocal(r.Session.EndsAt, r.Session.TimeZone), r.Session.TimeZone,
            r.Session.InstitutionId, r.Institution, r.Session.Place, r.Session.JoinUrl, r.Session.Status,
            [.. r.Session.Trainers.Select(t => names[t.TrainerId])], r.Session.Changes))];
    }
}
