using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Offerings;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Offerings;

/// <summary>
/// The classes of a published course for the course page: those whose enrolment has not closed and
/// whose audience admits the caller, and any the caller is already in, soonest first.
/// </summary>
[Authenticated]
public sealed record ListCourseOfferings(Guid CourseId) : IQuery<IReadOnlyList<CourseOffering>>;

internal sealed class ListCourseOfferingsHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ListCourseOfferings, IReadOnlyList<CourseOffering>>
{
    public async ValueTask<IReadOnlyList<CourseOffering>> Handle(ListCourseOfferings request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var now = clock.GetUtcNow();
        if (!await db.Courses.AnyAsync(c => c.Id == request.CourseId, cancellationToken))
            throw new NotFoundException("Course", request.CourseId);

        var rows = await (from o in db.Offerings.AsNoTracking()
                          where o.CourseId == request.CourseId
                          join i in db.Institutions on o.HostInstitutionId equals i.Id
                          let inIt = db.Enrolments.Any(e => e.OfferingId == o.Id && e.LearnerId == me && e.Status != EnrolmentStatus.Cancelled)
                          where o.EnrolmentClosesAt > now || inIt
                          select new
                          {
                              Offering = o, Host = i.Name,
                              Enrolled = db.Enrolments.Count(e => e.OfferingId == o.Id && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)),
                              Waitlisted = db.Enrolments.Count(e => e.OfferingId == o.Id && e.Status == EnrolmentStatus.Waitlisted),
                          }).Take(100).ToListAsync(cancellationToken);
        var mine = await MyEnrolments.InAsync(db, me, [.. rows.Select(r => r.Offering.Id)], cancellationToken);
        var learner = await (from p in db.Professionals join i in db.Institutions on p.InstitutionId equals i.Id
                             where p.Id == me select new { p.InstitutionId, i.Region, p.Profession }).SingleAsync(cancellationToken);
        rows = [.. rows.Where(r => mine.ContainsKey(r.Offering.Id) || r.Offering.Audience.Admits(learner.InstitutionId, learner.Region, learner.Profession))];

        var ids = rows.Select(r => r.Offering.Id).ToList();
        var sessions = (await db.Sessions.AsNoTracking()
                .Where(s => ids.Contains(s.OfferingId) && s.Status == SessionStatus.Scheduled).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken))
            .ToLookup(s => s.OfferingId);
        return [.. rows
            .Select(r => new CourseOffering(r.Offering.Id, r.Offering.Title, r.Offering.Modality, r.Host, r.Offering.Capacity, r.Enrolled, r.Waitlisted,
                r.Offering.WaitlistEnabled, r.Offering.EnrolmentOpensAt, r.Offering.EnrolmentClosesAt, r.Offering.TimeZone,
                [.. sessions[r.Offering.Id].Select(s => new SessionSlot(s.Id, s.Title, SessionTimes.ToLocal(s.StartsAt, s.TimeZone),
                    SessionTimes.ToLocal(s.EndsAt, s.TimeZone), s.TimeZone))],
                mine.GetValueOrDefault(r.Offering.Id)))
            .OrderBy(o => o.Sessions.Count > 0 ? o.Sessions[0].StartsAtLocal : DateTime.MaxValue)];
    }
}

internal static class MyEnrolments
{
    /// <summary>The learner's active (not cancelled) enrolment in each of these offerings, with waitlist positions.</summary>
    public static async Task<Dictionary<Guid, MyEnrolment>> InAsync(IAppDbContext db, Guid learnerId, IReadOnlyList<Guid> offeringIds, CancellationToken ct)
    {
        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.LearnerId == learnerId && offeringIds.Contains(e.OfferingId) && e.Status != EnrolmentStatus.Cancelled)
            .ToListAsync(ct);
        var mine = new Dictionary<Guid, MyEnrolment>();
        foreach (var e in enrolments)
            mine[e.OfferingId] = new MyEnrolment(e.Id, e.Status, e.Status == EnrolmentStatus.Waitlisted ? await Seats.PositionAsync(db, e, ct) : null);
        return mine;
    }
}
