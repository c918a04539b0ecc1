using Cme.Domain.Common;
using Cme.Domain.Offerings;

namespace Cme.Domain.Trainers;

/// <summary>One reason a trainer cannot take a session: the check that failed and the reason with its values.</summary>
public sealed record AssignmentProblem(string Check, Reason Reason)
{
    public AssignmentProblem(string check, object? values = null) : this(check, Reason.Of($"assignment.{check}", values)) { }
}

/// <summary>Another session of the trainer, with where it takes place.</summary>
public sealed record BookedSession(Guid SessionId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, Guid InstitutionId);

/// <summary>
/// Whether a trainer may take a session: qualified for the course's specialty, qualification valid
/// on the day, no overlap with their other sessions (with a travel buffer between institutions),
/// under their monthly limit, not unavailable. Every failed check is reported.
/// </summary>
public static class AssignmentCheck
{
    public const string Specialty = "specialty";
    public const string Qualification = "qualification";
    public const string Overlap = "overlap";
    public const string MonthlyLimit = "monthly-limit";
    public const string Unavailable = "unavailable";
    public const string Inactive = "inactive";

    public static IReadOnlyList<AssignmentProblem> Check(
        TrainerProfile trainer, string courseSpecialty, Session session, IReadOnlyList<BookedSession> otherSessions, TimeSpan travelBuffer)
    {
        var problems = new List<AssignmentProblem>();
        var localStart = SessionTimes.ToLocal(session.StartsAt, session.TimeZone);
        if (!trainer.IsActive)
            problems.Add(new(Inactive));
        if (!trainer.Specialties.Contains(courseSpecialty))
            problems.Add(new(Specialty, new { specialty = courseSpecialty }));
        if (trainer.QualifiedUntil < DateOnly.FromDateTime(localStart))
            problems.Add(new(Qualification, new { expired = trainer.QualifiedUntil, session = DateOnly.FromDateTime(localStart) }));

        foreach (var other in otherSessions.Where(o => o.SessionId != session.Id))
        {
            var buffer = other.InstitutionId == session.InstitutionId ? TimeSpan.Zero : travelBuffer;
            if (other.StartsAt < session.EndsAt + buffer && session.StartsAt < other.EndsAt + buffer)
            {
                var local = SessionTimes.ToLocal(other.StartsAt, session.TimeZone);
                problems.Add(buffer > TimeSpan.Zero
                    ? new(Overlap, Reason.Of("assignment.overlap-travel", new { title = other.Title, at = local, minutes = (int)buffer.TotalMinutes }))
                    : new(Overlap, new { title = other.Title, at = local }));
            }
        }

        var month = (localStart.Year, localStart.Month);
        var thatMonth = otherSessions.Count(o => o.SessionId != session.Id
            && SessionTimes.ToLocal(o.StartsAt, session.TimeZone) is var l && (l.Year, l.Month) == month);
        if (thatMonth >= trainer.MaxSessionsPerMonth)
            problems.Add(new(MonthlyLimit, new { count = thatMonth, month = localStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), limit = trainer.MaxSessionsPerMonth }));

        foreach (var period in trainer.Unavailable.Where(p => p.From < session.EndsAt && session.StartsAt < p.To))
            problems.Add(new(Unavailable, Reason.Of(period.Reason is { Length: > 0 } ? "assignment.unavailable-why" : "assignment.unavailable",
                new { from = SessionTimes.ToLocal(period.From, session.TimeZone), to = SessionTimes.ToLocal(period.To, session.TimeZone), why = period.Reason })));
        return problems;
    }

    /// <summary>Sessions the trainer already has in the session's month (for ranking suggestions).</summary>
    public static int SessionsInMonth(Session session, IReadOnlyList<BookedSession> otherSessions)
    {
        var local = SessionTimes.ToLocal(session.StartsAt, session.TimeZone);
        return otherSessions.Count(o => o.SessionId != session.Id
            && SessionTimes.ToLocal(o.StartsAt, session.TimeZone) is var l && l.Year == local.Year && l.Month == local.Month);
    }
}
