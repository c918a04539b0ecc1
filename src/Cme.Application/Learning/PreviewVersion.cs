using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Reasons;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Learning;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Learning;

// Preview: a course's authors and the CME office play any version, draft included, in the learner's
// player. Every answer is worked out from the version's content and handed back; nothing is stored, so
// no attempt, analytics row, completion or credit can come of it. The walk through a case travels in the
// request: the moves made so far, replayed on a scenario attempt that lives only for that request.

/// <summary>The course page of one version as a learner would meet it, for its authors and reviewers.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record GetPreviewCourse(Guid CourseId, Guid VersionId) : IQuery<CoursePage>;

internal sealed class GetPreviewCourseHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetPreviewCourse, CoursePage>
{
    public async ValueTask<CoursePage> Handle(GetPreviewCourse request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorOrReviewerAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        var authors = await People.NamesAsync(db, [course.OwnerId, .. course.CoAuthorIds], cancellationToken);
        return new CoursePage(course.Id, course.Code, course.TitleZh, course.TitleEn, course.SummaryZh, course.SummaryEn, course.Specialty,
            course.TargetProfessions, course.LearningObjectives, version.Accreditation?.CreditClass ?? course.CreditClass,
            version.Accreditation?.CreditValue ?? course.CreditValue, version.Accreditation?.ProjectLevel ?? course.ProjectLevel,
            version.Accreditation?.AccreditationNumber ?? course.AccreditationNumber,
            [.. new[] { course.OwnerId }.Concat(course.CoAuthorIds).Select(id => new AuthorName(authors[id].NameZh, authors[id].NameLatin))],
            version.Disclosure, version.Id, version.Number,
            [.. version.Modules.OrderBy(m => m.Position).Select(m => new LearnerModuleState(m.Id, m.Position, m.Kind, m.Title, false, null, null, null))]);
    }
}

/// <summary>A module of one version as the learner's player shows it: a quiz without its key and with no attempt taken.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record GetPreviewModule(Guid CourseId, Guid VersionId, Guid ModuleId) : IQuery<LearnerModule>;

internal sealed class GetPreviewModuleHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetPreviewModule, LearnerModule>
{
    public async ValueTask<LearnerModule> Handle(GetPreviewModule request, CancellationToken cancellationToken)
    {
        var (course, module) = await PreviewContent.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, null, cancellationToken);
        string? html = null;
        if (module.Kind == ModuleKind.Page)
        {
            var media = await db.MediaAssets.Where(m => m.CourseId == course.Id).Select(m => m.Id).ToListAsync(cancellationToken);
            html = SafeMarkdown.ToHtml(module.Markdown ?? "", media.ToHashSet());
        }
        return new LearnerModule(module.Id, module.Kind, module.Title, html,
            module.Quiz is { } quiz ? new QuizView(quiz.Purpose, quiz.PassMarkPercent,
                [.. quiz.Questions.Select(q => new QuizQuestionView(q.Id, q.Text, q.Kind, [.. q.Options.Select(o => new QuizOptionView(o.Id, o.Text))]))],
                quiz.EffectivePolicy, PreviewContent.FreshAttempts(quiz)) : null,
            module.Scenario is { } graph ? new ScenarioSummary(graph.Nodes.Count, graph.MaxScore(), graph.PassMarkPercent) : null);
    }
}

/// <summary>
/// Where a walk through a case stands: the moves so far (an option's id at a decision, null to go on
/// from any other step) are replayed from the start node. No moves: the case as it opens.
/// </summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record WalkPreviewScenario(Guid CourseId, Guid VersionId, Guid ModuleId, IReadOnlyList<string?> Moves) : IQuery<AttemptView>;

internal sealed class WalkPreviewScenarioValidator : AbstractValidator<WalkPreviewScenario>
{
    public const int MaxMoves = 500;

    public WalkPreviewScenarioValidator()
    {
        RuleFor(x => x.Moves).NotNull().Must(m => m is null || m.Count <= MaxMoves).WithReason("preview.too-many-moves", new { max = MaxMoves });
        RuleForEach(x => x.Moves).MaximumLength(64);
    }
}

internal sealed class WalkPreviewScenarioHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<WalkPreviewScenario, AttemptView>
{
    public async ValueTask<AttemptView> Handle(WalkPreviewScenario request, CancellationToken cancellationToken)
    {
        var (course, module) = await PreviewContent.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, ModuleKind.Scenario, cancellationToken);
        var graph = module.Scenario!;
        var now = clock.GetUtcNow();
        // Never added to the context: it is thrown away with the answer.
        var walk = new ScenarioAttempt(Guid.Empty, course.Id, request.VersionId, module.Id, graph, now);
        foreach (var move in request.Moves)
        {
            if (move is null)
                walk.Continue(graph, now);
            else
                walk.Choose(graph, move, now);
        }
        return AttemptView.Of(walk, module.Title, graph);
    }
}

/// <summary>Marks answers to a quiz of one version and shows every question's key and explanation; nothing is stored.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record MarkPreviewQuiz(Guid CourseId, Guid VersionId, Guid ModuleId, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers)
    : IQuery<QuizAttemptResult>;

internal sealed class MarkPreviewQuizValidator : AbstractValidator<MarkPreviewQuiz>
{
    public MarkPreviewQuizValidator() => RuleFor(x => x.Answers).NotNull().Must(a => a is null || a.Count <= Quiz.MaxQuestions);
}

internal sealed class MarkPreviewQuizHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<MarkPreviewQuiz, QuizAttemptResult>
{
    public async ValueTask<QuizAttemptResult> Handle(MarkPreviewQuiz request, CancellationToken cancellationToken)
    {
        var (course, module) = await PreviewContent.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, ModuleKind.Quiz, cancellationToken);
        var quiz = module.Quiz!;
        // The learner's own rules mark it (unknown questions refused the same way), as a first attempt never stored.
        var marked = new QuizAttempt(Guid.Empty, course.Id, request.VersionId, module.Id, quiz,
            request.Answers.ToDictionary(a => a.Key, a => (IReadOnlyCollection<string>)a.Value), 0, clock.GetUtcNow());
        var policy = quiz.EffectivePolicy;
        return new QuizAttemptResult(Guid.Empty, marked.AttemptNumber, policy.AttemptsAllowed, policy.AttemptsAllowed,
            marked.ScorePercent, marked.Passed, true, marked.Result.Questions, marked.SubmittedAt);
    }
}

internal static class PreviewContent
{
    /// <summary>The module of a version, for the course's authors and the CME office; anyone else finds no such course.</summary>
    public static async Task<(Course Course, CourseModule Module)> LoadAsync(
        IAppDbContext db, ICurrentUser user, Guid courseId, Guid versionId, Guid moduleId, ModuleKind? kind, CancellationToken ct)
    {
        var course = await CourseAccess.ForAuthorOrReviewerAsync(db, user, courseId, ct);
        var version = course.VersionOrNotFound(versionId);
        return (course, LearnerVersion.ModuleOf(version, moduleId, kind));
    }

    /// <summary>A preview is always a first attempt: none taken, the key not yet shown.</summary>
    public static QuizAttemptsState FreshAttempts(Quiz quiz)
    {
        var policy = quiz.EffectivePolicy;
        return new QuizAttemptsState(0, policy.AttemptsAllowed, policy.AttemptsLeft(0), true, false, null);
    }
}
