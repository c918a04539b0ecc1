using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Credits;
using Cme.Domain.Credits;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Attendance;

public sealed record TeachingAward(Guid TrainerProfessionalId, string NameZh, decimal Credits, decimal Hours, bool AlreadyAwarded);

/// <summary>
/// After a session has taken place, each of its trainers earns teaching credit as the active policy
/// says (speaker credits per hour, or its hours-to-credit rate for the project level), once per session.
/// </summary>
[AuthorizeRoles(Roles.Trainer, Roles.CmeAdmin)]
public sealed record AwardTeachingCredits(Guid SessionId) : ICommand<IReadOnlyList<TeachingAward>>;

internal sealed class AwardTeachingCreditsHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<AwardTeachingCredits, IReadOnlyList<TeachingAward>>
{
    public async ValueTask<IReadOnlyList<TeachingAward>> Handle(AwardTeachingCredits request, CancellationToken cancellationToken)
    {
        var session = await Attendances.EnsureTeachesAsync(db, user, request.SessionId, cancellationToken);
        var now = clock.GetUtcNow();
        if (session.Status != SessionStatus.Scheduled || session.EndsAt > now)
            throw new ConflictException("teaching.session-not-over");
        var accreditation = await (from o in db.Offerings.AsNoTracking() join v in db.CourseVersions.AsNoTracking() on o.VersionId equals v.Id
                                   where o.Id == session.OfferingId select v.Accreditation).SingleAsync(cancellationToken)
            ?? throw new ConflictException("credit.no-accreditation");
        var year = SessionTimes.ToLocal(session.StartsAt, session.TimeZone).Year;
        var policy = await CreditYears.ActivePolicyAsync(db, year, cancellationToken);
        var hours = Math.Round((decimal)(session.EndsAt - session.StartsAt).TotalHours, 2);
        var rate = policy.Rules.SpeakerCreditsPerHour
            ?? policy.Rules.HoursToCredit.Where(h => h.ProjectLevel == accreditation.ProjectLevel).Select(h => 1 / h.HoursPerCredit).FirstOrDefault();
        if (rate <= 0)
            throw new ConflictException("teaching.policy-none", new { policy = policy.Code });
        var credits = Math.Round(hours * rate * 2, MidpointRounding.AwayFromZero) / 2; // steps of 0.5
        var trainers = await (from st in db.SessionTrainers where st.SessionId == session.Id
                              join t in db.Trainers on st.TrainerId equals t.Id
                              join p in db.Professionals on t.ProfessionalId equals p.Id
                              select new { p.Id, p.NameZh }).ToListAsync(cancellationToken);
        var awards = new List<TeachingAward>();
        foreach (var trainer in trainers)
        {
            var key = $"teaching:{trainer.Id}:{session.Id}";
            var exists = await db.CreditLedger.AnyAsync(e => e.AwardKey == key, cancellationToken);
            if (!exists && credits > 0)
                db.CreditLedger.Add(CreditLedgerEntry.Award(trainer.Id, credits, hours, accreditation.CreditClass, accreditation.ProjectLevel,
                    CreditSource.Teaching, year, session.OfferingId, session.Id, key, user.ProfessionalId(), $"授课「{session.Title}」", now));
            awards.Add(new TeachingAward(trainer.Id, trainer.NameZh, credits, hours, exists));
        }
        await db.SaveChangesAsync(cancellationToken);
        return awards;
    }
}
