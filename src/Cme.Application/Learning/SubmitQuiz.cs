using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Learning;
using FluentValidation;

namespace Cme.Application.Learning;

/// <summary>Marks a learner's quiz answers; pre- and post-test scores are kept for course-effectiveness reports.</summary>
[Authenticated]
public sealed record SubmitQuiz(Guid CourseId, Guid ModuleId, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers) : ICommand<QuizResult>;

internal sealed class SubmitQuizValidator : AbstractValidator<SubmitQuiz>
{
    public SubmitQuizValidator() => RuleFor(x => x.Answers).NotNull().Must(a => a is null || a.Count <= Quiz.MaxQuestions);
}

internal sealed class SubmitQuizHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<SubmitQuiz, QuizResult>
{
    public async Task<QuizResult> Handle(SubmitQuiz request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var (course, version, progress) = await LearnerVersion.ResolveAsync(db, me, request.CourseId, cancellationToken);
        var module = LearnerVersion.ModuleOf(version, request.ModuleId, ModuleKind.Quiz);
        var now = clock.GetUtcNow();
        LearnerVersion.Pin(db, me, course, version, progress, now);
        var attempt = new QuizAttempt(me, course.Id, version.Id, module.Id, module.Quiz!,
            request.Answers.ToDictionary(a => a.Key, a => (IReadOnlyCollection<string>)a.Value), now);
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        await Attendance.Completion.ReevaluateForVersionAsync(db, locks, me, version.Id, now, cancellationToken);
        return attempt.Result;
    }
}
