using Cme.Application.Common.Reasons;
using Cme.Domain.Common;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Notifications;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Trainers;

/// <summary>Assigns a trainer from the pool to a session, when every check passes; otherwise 409 naming each failed check.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record AssignTrainer(Guid SessionId, Guid TrainerId) : ICommand<Unit>;

internal sealed class AssignTrainerHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, ISchedulingSettings settings, TimeProvider clock)
    : IRequestHandler<AssignTrainer, Unit>
{
    public async ValueTask<Unit> Handle(AssignTrainer request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.Include(s => s.Trainers).SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Session", request.SessionId);
        var trainer = await db.Trainers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TrainerId, cancellationToken)
            ?? throw new NotFoundException("Trainer", request.TrainerId);
        // Assignments of one trainer are decided one at a time, so two sessions cannot both take their last free slot.
        await locks.LockAsync(trainer.Id, cancellationToken);
        var specialty = await SessionSpecialtyAsync(db, session, cancellationToken);
        var booked = await Bookings.OfAsync(db, [trainer.Id], session, cancellationToken);
        var problems = AssignmentCheck.Check(trainer, specialty, session, booked.GetValueOrDefault(trainer.Id) ?? [], settings.TravelBuffer);
        if (problems.Count > 0)
            throw new AssignmentRefusedException(problems);
        db.SessionTrainers.Add(session.Assign(trainer.Id, user.ProfessionalId(), clock.GetUtcNow()));
        await Notices.TrainerAsync(db, session, trainer.Id, NotificationKind.TrainerAssigned, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    internal static Task<string> SessionSpecialtyAsync(IAppDbContext db, Session session, CancellationToken ct) =>
        (from o in db.Offerings join c in db.Courses on o.CourseId equals c.Id where o.Id == session.OfferingId select c.Specialty).SingleAsync(ct);
}

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record UnassignTrainer(Guid SessionId, Guid TrainerId) : ICommand<Unit>;

internal sealed class UnassignTrainerHandler(IAppDbContext db) : IRequestHandler<UnassignTrainer, Unit>
{
    public async ValueTask<Unit> Handle(UnassignTrainer request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.Include(s => s.Trainers).SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Session", request.SessionId);
        db.SessionTrainers.Remove(session.Unassign(request.TrainerId));
        await Notices.TrainerAsync(db, session, request.TrainerId, NotificationKind.TrainerUnassigned, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Ranked candidates for a session: those who pass every check first, then specialty match, fewest
/// sessions that month, and the same region as the session.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record SuggestTrainers(Guid SessionId) : IQuery<IReadOnlyList<TrainerSuggestion>>;

internal sealed class SuggestTrainersHandler(IAppDbContext db, ISchedulingSettings settings) : IRequestHandler<SuggestTrainers, IReadOnlyList<TrainerSuggestion>>
{
    public async ValueTask<IReadOnlyList<TrainerSuggestion>> Handle(SuggestTrainers request, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Trainers).SingleOrDefaultAsync(s => s.Id == request.SessionId, cancellationToken)
            ?? throw new NotFoundException("Session", request.SessionId);
        var specialty = await AssignTrainerHandler.SessionSpecialtyAsync(db, session, cancellationToken);
        var region = await db.Institutions.Where(i => i.Id == session.InstitutionId).Select(i => i.Region).SingleAsync(cancellationToken);
        var assigned = session.Trainers.Select(t => t.TrainerId).ToHashSet();
        var pool = await (from t in db.Trainers.AsNoTracking()
                          join p in db.Professionals on t.ProfessionalId equals p.Id
                          join i in db.Institutions on t.HomeInstitutionId equals i.Id
                          where t.IsActive
                          select new { Trainer = t, p.NameZh, p.NameLatin, Institution = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), i.Region }).ToListAsync(cancellationToken);
        pool = [.. pool.Where(t => !assigned.Contains(t.Trainer.Id))];
        var booked = await Bookings.OfAsync(db, [.. pool.Select(t => t.Trainer.Id)], session, cancellationToken);
        return [.. pool.Select(t =>
            {
                var theirs = booked.GetValueOrDefault(t.Trainer.Id) ?? [];
                var problems = AssignmentCheck.Check(t.Trainer, specialty, session, theirs, settings.TravelBuffer);
                return new TrainerSuggestion(t.Trainer.Id, t.NameZh, t.NameLatin, t.Institution, t.Trainer.Specialties.Contains(specialty),
                    t.Region == region, AssignmentCheck.SessionsInMonth(session, theirs), t.Trainer.MaxSessionsPerMonth, problems.Count == 0,
                    [.. problems.Select(p => new AssignmentProblemView(p.Check, ReasonText.Render(p.Reason)))]);
            })
            .OrderByDescending(s => s.Eligible).ThenByDescending(s => s.SpecialtyMatch).ThenBy(s => s.SessionsThatMonth)
            .ThenByDescending(s => s.SameRegion).ThenBy(s => s.NameLatin)];
    }
}

internal static class Bookings
{
    /// <summary>Each trainer's other scheduled sessions within the session's month, give or take a day.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<BookedSession>>> OfAsync(IAppDbContext db, IReadOnlyList<Guid> trainerIds, Session session, CancellationToken ct)
    {
        var local = SessionTimes.ToLocal(session.StartsAt, session.TimeZone);
        var windowStart = SessionTimes.ToUtc(new DateTime(local.Year, local.Month, 1), session.TimeZone).AddDays(-1);
        var windowEnd = windowStart.AddMonths(1).AddDays(2);
        var rows = await (from st in db.SessionTrainers
                          join s in db.Sessions on st.SessionId equals s.Id
                          where trainerIds.Contains(st.TrainerId) && s.Status == SessionStatus.Scheduled && s.Id != session.Id
                                && s.StartsAt < windowEnd && s.EndsAt > windowStart
                          select new { st.TrainerId, Booked = new BookedSession(s.Id, s.Title, s.StartsAt, s.EndsAt, s.InstitutionId) })
                         .ToListAsync(ct);
        return rows.GroupBy(r => r.TrainerId).ToDictionary(g => g.Key, g => (IReadOnlyList<BookedSession>)[.. g.Select(r => r.Booked)]);
    }
}

/// <summary>The assignment breaks one or more checks (409); each is named.</summary>
public sealed class AssignmentRefusedException(IReadOnlyList<AssignmentProblem> problems)
    : Exception("assignment.refused: " + string.Join(", ", problems.Select(p => p.Check)))
{
    public IReadOnlyList<AssignmentProblem> Problems { get; } = problems;
}
