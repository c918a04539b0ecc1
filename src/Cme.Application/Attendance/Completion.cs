using Cme.Application.Common.Interfaces;
using Cme.Application.Offerings;
using Cme.Domain.Attendance;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Credits;
using Cme.Domain.Learning;
using Cme.Domain.Offerings;
using Cme.Domain.Trainers;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Attendance;

/// <summary>The completion award as the ledger holds it: what it gave, when, and whether it was taken back.</summary>
public sealed record CompletionAwardView(Guid LedgerEntryId, decimal Credits, string CreditClass, DateTimeOffset AwardedAt, bool Revoked);

/// <summary>
/// A learner's completion of an offering. <see cref="State"/> is the rule's verdict; <see cref="Award"/> is
/// what the ledger holds, and only it means the credits are recorded.
/// </summary>
public sealed record CompletionView(Guid OfferingId, CompletionState State, IReadOnlyList<CompletionReason> Reasons, decimal? AttendancePercent,
    int MinutesPresent, int MinutesScheduled, EnrolmentStatus? EnrolmentStatus, bool EvaluationSubmitted, DateTimeOffset? LastSessionEndsAt,
    CompletionAwardView? Award);

/// <summary>
/// Evaluates a learner's completion of an offering and settles it: reaching it completes the
/// enrolment, awards the credits once (the ledger's unique award key is the guard) and queues the
/// certificate. Settled on every change of an input, and by the completion sweep when the last session ends.
/// </summary>
internal static class Completion
{
    public static string AwardKey(Guid learnerId, Guid offeringId) => $"completion:{learnerId}:{offeringId}";

    public static async Task<CompletionView> EvaluateAsync(IAppDbContext db, Guid learnerId, Offering offering, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offering.Id && s.Status == SessionStatus.Scheduled)
            .Select(s => new { s.Id, s.StartsAt, s.EndsAt }).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var records = await db.Attendance.AsNoTracking().Where(a => a.LearnerId == learnerId && sessionIds.Contains(a.SessionId))
            .Select(a => new { a.SessionId, a.Status, a.MinutesPresent }).ToListAsync(ct);
        var excused = records.Where(r => r.Status == AttendanceStatus.Excused).Select(r => r.SessionId).ToHashSet();
        var presentBySession = records.Where(r => !excused.Contains(r.SessionId)).ToDictionary(r => r.SessionId, r => r.MinutesPresent);
        var counted = sessions.Where(s => !excused.Contains(s.Id)).ToList();
        static int Minutes(DateTimeOffset from, DateTimeOffset to) => (int)Math.Round((to - from).TotalMinutes);
        var scheduled = counted.Sum(s => Minutes(s.StartsAt, s.EndsAt));
        var present = presentBySession.Values.Sum();
        // What attending every session still to come in full would give.
        var reachable = counted.Sum(s => s.EndsAt <= now ? presentBySession.GetValueOrDefault(s.Id) : Minutes(s.StartsAt, s.EndsAt));
        decimal? attendance = scheduled == 0 ? null : Math.Round(100m * present / scheduled, 1);
        decimal? reachablePercent = scheduled == 0 ? null : Math.Round(100m * reachable / scheduled, 1);

        var modules = await db.CourseModules.AsNoTracking().Where(m => m.VersionId == offering.VersionId)
            .Select(m => new { m.Id, m.Kind, m.Quiz }).ToListAsync(ct);
        var postTests = modules.Where(m => m.Kind == ModuleKind.Quiz && m.Quiz!.Purpose == QuizPurpose.PostTest).Select(m => m.Id).ToList();
        var scenarios = modules.Where(m => m.Kind == ModuleKind.Scenario).Select(m => m.Id).ToList();
        var bestPostTest = postTests.Count == 0 ? null : await db.QuizAttempts.Where(q => q.LearnerId == learnerId && postTests.Contains(q.ModuleId))
            .MaxAsync(q => (decimal?)q.ScorePercent, ct);
        var passedScenarios = scenarios.Count == 0 ? 0 : await db.ScenarioAttempts
            .Where(a => a.LearnerId == learnerId && scenarios.Contains(a.ModuleId) && a.Passed == true)
            .Select(a => a.ModuleId).Distinct().CountAsync(ct);
        var evaluated = await db.CourseEvaluations.AnyAsync(e => e.OfferingId == offering.Id && e.LearnerId == learnerId, ct);

        var result = CompletionCheck.Evaluate(offering.CompletionRule, new CompletionInputs(attendance, reachablePercent, sessions.Count > 0,
            sessions.All(s => s.EndsAt <= now), postTests.Count > 0, bestPostTest, scenarios.Count > 0, passedScenarios == scenarios.Count, evaluated));
        var status = await db.Enrolments.Where(e => e.OfferingId == offering.Id && e.LearnerId == learnerId && e.Status != EnrolmentStatus.Cancelled)
            .Select(e => (EnrolmentStatus?)e.Status).FirstOrDefaultAsync(ct);
        var award = await AwardAsync(db, learnerId, offering.Id, ct);
        return new CompletionView(offering.Id, result.State, result.Reasons, attendance, present, scheduled, status, evaluated,
            sessions.Count == 0 ? null : sessions.Max(s => s.EndsAt), award);
    }

    private static async Task<CompletionAwardView?> AwardAsync(IAppDbContext db, Guid learnerId, Guid offeringId, CancellationToken ct)
    {
        var key = AwardKey(learnerId, offeringId);
        return await db.CreditLedger.AsNoTracking().Where(e => e.AwardKey == key)
            .Select(e => new CompletionAwardView(e.Id, e.Credits, e.CreditClass, e.RecordedAt,
                db.CreditLedger.Any(r => r.RevokesId == e.Id && r.Kind == LedgerEntryKind.Revocation)))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Completes and awards when the rule is met; called after every change to an input, and by the sweep.
    /// Safe to call at the same time from several places: the enrolment is locked and re-read before it is completed.
    /// </summary>
    public static async Task<CompletionView> ReevaluateAsync(IAppDbContext db, IOfferingLock locks, Guid learnerId, Guid offeringId, Guid by,
        DateTimeOffset now, CancellationToken ct)
    {
        var offering = await db.Offerings.AsNoTracking().SingleAsync(o => o.Id == offeringId, ct);
        await db.SaveChangesAsync(ct); // the input that just changed counts
        var view = await EvaluateAsync(db, learnerId, offering, now, ct);
        if (view.State != CompletionState.Completed || view.EnrolmentStatus != EnrolmentStatus.Enrolled)
            return view;
        var enrolmentId = await db.Enrolments.Where(e => e.OfferingId == offeringId && e.LearnerId == learnerId && e.Status == EnrolmentStatus.Enrolled)
            .Select(e => e.Id).SingleAsync(ct);
        await locks.LockAsync(enrolmentId, ct);
        var enrolment = await db.Enrolments.SingleAsync(e => e.Id == enrolmentId, ct);
        if (enrolment.Status != EnrolmentStatus.Enrolled)
            return await EvaluateAsync(db, learnerId, offering, now, ct);
        enrolment.Complete(by, now, null);
        await CompletionAward.GrantAsync(db, enrolment, offering, by, now, ct);
        await Cme.Application.Trainers.Candidacy.NoteAsync(db, learnerId, offering, now, ct);
        await db.SaveChangesAsync(ct);
        return await EvaluateAsync(db, learnerId, offering, now, ct);
    }

    /// <summary>After a quiz or a scenario of a course version: every offering of that version the learner is enrolled in.</summary>
    public static async Task ReevaluateForVersionAsync(IAppDbContext db, IOfferingLock locks, Guid learnerId, Guid versionId, DateTimeOffset now, CancellationToken ct)
    {
        var offerings = await (from e in db.Enrolments
                               join o in db.Offerings on e.OfferingId equals o.Id
                               where e.LearnerId == learnerId && e.Status == EnrolmentStatus.Enrolled && o.VersionId == versionId
                               select o.Id).ToListAsync(ct);
        foreach (var offeringId in offerings)
            await ReevaluateAsync(db, locks, learnerId, offeringId, learnerId, now, ct);
    }
}
