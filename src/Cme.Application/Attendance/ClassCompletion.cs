using Cme.Application.Common.Interfaces;
using Cme.Domain.Attendance;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Credits;
using Cme.Domain.Offerings;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Attendance;

/// <summary>A scheduled session of the class, as the per-learner table heads its columns.</summary>
public sealed record ClassSession(Guid Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int MinutesScheduled);

/// <summary>One learner at one session: no status when nothing was recorded.</summary>
public sealed record SessionAttendance(Guid SessionId, AttendanceStatus? Status, int MinutesPresent);

/// <summary>Every input of the completion rule for one learner, and the rule's verdict on them.</summary>
public sealed record LearnerCompletion(Guid LearnerId, IReadOnlyList<SessionAttendance> Attendance, decimal? AttendancePercent, int MinutesPresent,
    int MinutesScheduled, decimal? BestPostTestPercent, int ScenariosPassed, bool EvaluationSubmitted, CompletionResult Result, CompletionAwardView? Award);

/// <summary>The class as a whole: its sessions, whether the course has a post-test and how many scenarios, and each learner.</summary>
public sealed record ClassCompletionView(IReadOnlyList<ClassSession> Sessions, bool HasPostTest, int Scenarios, IReadOnlyDictionary<Guid, LearnerCompletion> Learners);

/// <summary>
/// <see cref="Completion.EvaluateAsync"/> for a whole class at once: the same inputs into the same
/// <see cref="CompletionCheck"/>, gathered in a fixed number of queries however many learners there are.
/// </summary>
internal static class ClassCompletion
{
    public static async Task<ClassCompletionView> EvaluateAsync(IAppDbContext db, Offering offering, IReadOnlyCollection<Guid> learnerIds, DateTimeOffset now,
        CancellationToken ct)
    {
        static int Minutes(DateTimeOffset from, DateTimeOffset to) => (int)Math.Round((to - from).TotalMinutes);
        var ids = learnerIds.Distinct().ToList();
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offering.Id && s.Status == SessionStatus.Scheduled)
            .OrderBy(s => s.StartsAt).Select(s => new { s.Id, s.Title, s.StartsAt, s.EndsAt }).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var records = ids.Count == 0 || sessionIds.Count == 0 ? []
            : await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.LearnerId) && sessionIds.Contains(a.SessionId))
                .Select(a => new { a.LearnerId, a.SessionId, a.Status, a.MinutesPresent }).ToListAsync(ct);
        var recordsByLearner = records.ToLookup(r => r.LearnerId);

        var modules = await db.CourseModules.AsNoTracking().Where(m => m.VersionId == offering.VersionId)
            .Select(m => new { m.Id, m.Kind, m.Quiz }).ToListAsync(ct);
        var postTests = modules.Where(m => m.Kind == ModuleKind.Quiz && m.Quiz!.Purpose == QuizPurpose.PostTest).Select(m => m.Id).ToList();
        var scenarios = modules.Where(m => m.Kind == ModuleKind.Scenario).Select(m => m.Id).ToList();
        var bestPostTest = postTests.Count == 0 || ids.Count == 0 ? new Dictionary<Guid, decimal>()
            : await db.QuizAttempts.Where(q => ids.Contains(q.LearnerId) && postTests.Contains(q.ModuleId))
                .GroupBy(q => q.LearnerId).Select(g => new { LearnerId = g.Key, Best = g.Max(q => q.ScorePercent) })
                .ToDictionaryAsync(g => g.LearnerId, g => g.Best, ct);
        var passedScenarios = scenarios.Count == 0 || ids.Count == 0 ? new Dictionary<Guid, int>()
            : await db.ScenarioAttempts.Where(a => ids.Contains(a.LearnerId) && scenarios.Contains(a.ModuleId) && a.Passed == true)
                .Select(a => new { a.LearnerId, a.ModuleId }).Distinct()
                .GroupBy(a => a.LearnerId).Select(g => new { LearnerId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.LearnerId, g => g.Count, ct);
        var evaluated = (await db.CourseEvaluations.Where(e => e.OfferingId == offering.Id && ids.Contains(e.LearnerId))
            .Select(e => e.LearnerId).ToListAsync(ct)).ToHashSet();
        var keys = ids.Select(id => Completion.AwardKey(id, offering.Id)).ToList();
        var awards = await db.CreditLedger.AsNoTracking().Where(e => e.AwardKey != null && keys.Contains(e.AwardKey))
            .Select(e => new
            {
                e.LearnerId,
                View = new CompletionAwardView(e.Id, e.Credits, e.CreditClass, e.RecordedAt,
                    db.CreditLedger.Any(r => r.RevokesId == e.Id && r.Kind == LedgerEntryKind.Revocation)),
            })
            .ToDictionaryAsync(a => a.LearnerId, a => a.View, ct);

        var allEnded = sessions.All(s => s.EndsAt <= now);
        var learners = new Dictionary<Guid, LearnerCompletion>();
        foreach (var learnerId in ids)
        {
            // As Completion.EvaluateAsync: excused sessions do not count; sessions to come count in full for what is reachable.
            var mine = recordsByLearner[learnerId].ToList();
            var excused = mine.Where(r => r.Status == AttendanceStatus.Excused).Select(r => r.SessionId).ToHashSet();
            var presentBySession = mine.Where(r => !excused.Contains(r.SessionId)).ToDictionary(r => r.SessionId, r => r.MinutesPresent);
            var counted = sessions.Where(s => !excused.Contains(s.Id)).ToList();
            var scheduled = counted.Sum(s => Minutes(s.StartsAt, s.EndsAt));
            var present = presentBySession.Values.Sum();
            var reachable = counted.Sum(s => s.EndsAt <= now ? presentBySession.GetValueOrDefault(s.Id) : Minutes(s.StartsAt, s.EndsAt));
            decimal? attendance = scheduled == 0 ? null : Math.Round(100m * present / scheduled, 1);
            decimal? reachablePercent = scheduled == 0 ? null : Math.Round(100m * reachable / scheduled, 1);
            decimal? best = bestPostTest.TryGetValue(learnerId, out var score) ? score : null;
            var passed = passedScenarios.GetValueOrDefault(learnerId);
            var result = CompletionCheck.Evaluate(offering.CompletionRule, new CompletionInputs(attendance, reachablePercent, sessions.Count > 0, allEnded,
                postTests.Count > 0, best, scenarios.Count > 0, passed == scenarios.Count, evaluated.Contains(learnerId)));
            var bySession = mine.ToDictionary(r => r.SessionId);
            learners[learnerId] = new LearnerCompletion(learnerId,
                [.. sessions.Select(s => bySession.TryGetValue(s.Id, out var r) ? new SessionAttendance(s.Id, r.Status, r.MinutesPresent) : new SessionAttendance(s.Id, null, 0))],
                attendance, present, scheduled, best, passed, evaluated.Contains(learnerId), result, awards.GetValueOrDefault(learnerId));
        }
        return new ClassCompletionView([.. sessions.Select(s => new ClassSession(s.Id, s.Title, s.StartsAt, s.EndsAt, Minutes(s.StartsAt, s.EndsAt)))],
            postTests.Count > 0, scenarios.Count, learners);
    }
}
