using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Learning;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Learning;

/// <summary>
/// Marks a learner's quiz answers; pre- and post-test scores are kept for course-effectiveness reports.
/// A post-test's policy limits the attempts (one more is refused with 409, nothing stored) and decides
/// whether this attempt's result carries the answer key and explanations.
/// </summary>
[Authenticated]
public sealed record SubmitQuiz(Guid CourseId, Guid ModuleId, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers) : ICommand<QuizAttemptResult>;

internal sealed class SubmitQuizValidator : AbstractValidator<SubmitQuiz>
{
    public SubmitQuizValidator() => RuleFor(x => x.Answers).NotNull().Must(a => a is null || a.Count <= Quiz.MaxQuestions);
}

internal sealed class SubmitQuizHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<SubmitQuiz, QuizAttemptResult>
{
    public async ValueTask<QuizAttemptResult> Handle(SubmitQuiz request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        // One learner's quiz submissions in a course wait in line: two at once cannot both be the last
        // attempt allowed, nor both pin the learner to the version.
        await locks.LockAsync(QuizAttempts.LockKey(me, request.CourseId), cancellationToken);
        var (course, version, progress) = await LearnerVersion.ResolveAsync(db, me, request.CourseId, cancellationToken);
        var module = LearnerVersion.ModuleOf(version, request.ModuleId, ModuleKind.Quiz);
        var quiz = module.Quiz!;
        var taken = await db.QuizAttempts.CountAsync(a => a.LearnerId == me && a.ModuleId == module.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var attempt = new QuizAttempt(me, course.Id, version.Id, module.Id, quiz,
            request.Answers.ToDictionary(a => a.Key, a => (IReadOnlyCollection<string>)a.Value), taken, now);
        LearnerVersion.Pin(db, me, course, version, progress, now);
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        await Attendance.Completion.ReevaluateForVersionAsync(db, locks, me, version.Id, now, cancellationToken);
        return QuizAttemptResult.Of(attempt, quiz.EffectivePolicy);
    }
}

internal static class QuizAttempts
{
    /// <summary>A lock key of its own for one learner's quiz submissions in one course.</summary>
    public static Guid LockKey(Guid learnerId, Guid courseId)
    {
        var a = learnerId.ToByteArray();
        var b = courseId.ToByteArray();
        for (var i = 0; i < a.Length; i++)
            a[i] ^= b[i];
        return new Guid(a);
    }

    /// <summary>The learner's standing with a quiz module, for the module page.</summary>
    public static async Task<QuizAttemptsState> StateAsync(IAppDbContext db, Guid learnerId, Guid moduleId, Quiz quiz, CancellationToken ct)
    {
        var policy = quiz.EffectivePolicy;
        var taken = await db.QuizAttempts.CountAsync(a => a.LearnerId == learnerId && a.ModuleId == moduleId, ct);
        var passed = taken > 0 && await db.QuizAttempts.AnyAsync(a => a.LearnerId == learnerId && a.ModuleId == moduleId && a.Passed, ct);
        var latest = taken == 0 ? null : await db.QuizAttempts.AsNoTracking()
            .Where(a => a.LearnerId == learnerId && a.ModuleId == moduleId).OrderByDescending(a => a.AttemptNumber).FirstAsync(ct);
        var left = policy.AttemptsLeft(taken);
        return new QuizAttemptsState(taken, policy.AttemptsAllowed, left, left is null or > 0, passed,
            latest is null ? null : QuizAttemptResult.Of(latest, policy));
    }
}
