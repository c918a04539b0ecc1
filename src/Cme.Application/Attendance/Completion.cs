using Cme.Application.Common.Interfaces;
using Cme.Application.Offerings;
using Cme.Domain.Attendance;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Learning;
using Cme.Domain.Offerings;
using Cme.Domain.Trainers;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Attendance;

public sealed record CompletionView(Guid OfferingId, CompletionState State, IReadOnlyList<string> Reasons, decimal? AttendancePercent,
    int MinutesPresent, int MinutesScheduled, EnrolmentStatus? EnrolmentStatus);

/// <summary>
/// Re-evaluates a learner's completion of an offering whenever one of its inputs changes; reaching
/// it completes the enrolment and awards the credits, once.
/// </summary>
internal static class Completion
{
    public static async Task<CompletionView> EvaluateAsync(IAppDbContext db, Guid learnerId, Offering offering, DateTimeOffset now, CancellationToken ct)
    {
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offering.Id && s.Status == SessionStatus.Scheduled)
            .Select(s => new { s.Id, s.StartsAt, s.EndsAt }).ToListAsync(ct);
        var records = await db.Attendance.AsNoTracking().Where(a => a.LearnerId == learnerId && sessions.Select(s => s.Id).Contains(a.SessionId))
            .Select(a => new { a.SessionId, a.Status, a.MinutesPresent }).ToListAsync(ct);
        var excused = records.Where(r => r.Status == AttendanceStatus.Excused).Select(r => r.SessionId).ToHashSet();
        var counted = sessions.Where(s => !excused.Contains(s.Id)).ToList();
        var scheduled = counted.Sum(s => (int)Math.Round((s.EndsAt - s.StartsAt).TotalMinutes));
        var present = records.Where(r => !excused.Contains(r.SessionId)).Sum(r => r.MinutesPresent);
        decimal? attendance = scheduled == 0 ? null : Math.Round(100m * present / scheduled, 1);

        var modules = await db.CourseModules.AsNoTracking().Where(m => m.VersionId == offering.VersionId)
            .Select(m => new { m.Id, m.Kind, m.Quiz }).ToListAsync(ct);
        var postTests = modules.Where(m => m.Kind == ModuleKind.Quiz && m.Quiz!.Purpose == QuizPurpose.PostTest).Select(m => m.Id).ToList();
        var scenarios = modules.Where(m => m.Kind == ModuleKind.Scenario).Select(m => m.Id).ToList();
        var bestPostTest = postTests.Count == 0 ? null : await db.QuizAttempts.Where(q => q.LearnerId == learnerId && postTests.Contains(q.ModuleId))
            .MaxAsync(q => (decimal?)q.ScorePercent, ct);
        var passedScenarios = await db.ScenarioAttempts.Where(a => a.LearnerId == learnerId && scenarios.Contains(a.ModuleId) && a.Passed == true)
            .Select(a => a.ModuleId).Distinct().CountAsync(ct);
        var evaluated = await db.CourseEvaluations.AnyAsync(e => e.OfferingId == offering.Id && e.LearnerId == learnerId, ct);

        var result = CompletionCheck.Evaluate(offering.CompletionRule, new CompletionInputs(attendance, sessions.All(s => s.EndsAt <= now),
            postTests.Count > 0, bestPostTest, scenarios.Count > 0, passedScenarios == scenarios.Count, evaluated));
        var status = await db.Enrolments.Where(e => e.OfferingId == offering.Id && e.LearnerId == learnerId && e.Status != EnrolmentStatus.Cancelled)
            .Select(e => (EnrolmentStatus?)e.Status).FirstOrDefaultAsync(ct);
        return new CompletionView(offering.Id, result.State, result.Reasons, attendance, present, scheduled, status);
    }

    /// <summary>Completes and awards when the rule is met; called after every change to an input.</summary>
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
            return view;
        enrolment.Complete(by, now, string.Join("; ", ["completion rule met"]));
        await CompletionAward.GrantAsync(db, enrolment, offering, by, now, ct);
        if (offering.QualifiesTrainers && !await db.Trainers.AnyAsync(t => t.ProfessionalId == learnerId, ct)
            && !await db.TrainerCandidates.AnyAsync(c => c.ProfessionalId == learnerId && c.OfferingId == offeringId, ct))
            db.TrainerCandidates.Add(new TrainerCandidate(learnerId, offeringId, now));
        await db.SaveChangesAsync(ct);
        return view with { EnrolmentStatus = EnrolmentStatus.Completed };
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
