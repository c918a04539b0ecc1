using Cme.Application.Common.Reasons;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Learning;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Learning;

/// <summary>Published courses, searchable by title or code, filtered by specialty, credit class and project level.</summary>
[Authenticated]
public sealed record BrowseCatalogue(string? Search, string? Specialty, string? CreditClass, ProjectLevel? ProjectLevel, int Page = 1, int PageSize = 20)
    : IQuery<PagedList<CatalogueItem>>;

internal sealed class BrowseCatalogueValidator : AbstractValidator<BrowseCatalogue>
{
    public BrowseCatalogueValidator()
    {
        RuleFor(x => x.Search).MaximumLength(100);
        RuleFor(x => x.Specialty).Must(s => s is null || Specialties.IsKnown(s)).WithReason("course.specialty-unknown");
        RuleFor(x => x.CreditClass).Must(c => c is null || CreditClasses.All.Contains(c)).WithReason("credit-class.unknown", new { classes = CreditClasses.All });
        RuleFor(x => x.ProjectLevel).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, PagedList<CatalogueItem>.MaxPageSize);
    }
}

internal sealed class BrowseCatalogueHandler(IAppDbContext db) : IRequestHandler<BrowseCatalogue, PagedList<CatalogueItem>>
{
    public async ValueTask<PagedList<CatalogueItem>> Handle(BrowseCatalogue request, CancellationToken cancellationToken)
    {
        var query = from c in db.Courses.AsNoTracking()
                    join v in db.CourseVersions on c.Id equals v.CourseId
                    where v.Status == CourseVersionStatus.Published
                    select new { Course = c, VersionId = v.Id };
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = $"%{Like.Escape(request.Search.Trim().ToLowerInvariant())}%";
            query = query.Where(x => EF.Functions.Like(x.Course.TitleZh.ToLower(), pattern) || EF.Functions.Like(x.Course.TitleEn.ToLower(), pattern)
                || EF.Functions.Like(x.Course.Code.ToLower(), pattern));
        }
        if (request.Specialty is { } specialty)
            query = query.Where(x => x.Course.Specialty == specialty);
        if (request.CreditClass is { } creditClass)
            query = query.Where(x => x.Course.CreditClass == creditClass);
        if (request.ProjectLevel is { } level)
            query = query.Where(x => x.Course.ProjectLevel == level);

        var rows = query.OrderBy(x => x.Course.Code).Select(x => new CatalogueItem(
            x.Course.Id, x.Course.Code, x.Course.TitleZh, x.Course.TitleEn, x.Course.SummaryZh, x.Course.SummaryEn, x.Course.Specialty,
            x.Course.CreditClass, x.Course.CreditValue, x.Course.ProjectLevel, x.Course.AccreditationNumber,
            db.CourseModules.Count(m => m.VersionId == x.VersionId)));
        return await PagedList<CatalogueItem>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
    }
}

/// <summary>The course page: what it teaches, who wrote it and their disclosure, and where the learner stands in each module.</summary>
[Authenticated]
public sealed record GetCoursePage(Guid CourseId) : IQuery<CoursePage>;

internal sealed class GetCoursePageHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetCoursePage, CoursePage>
{
    public async ValueTask<CoursePage> Handle(GetCoursePage request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var (course, version, _) = await LearnerVersion.ResolveAsync(db, me, request.CourseId, cancellationToken);
        var authors = await People.NamesAsync(db, [course.OwnerId, .. course.CoAuthorIds], cancellationToken);
        var scenarios = await db.ScenarioAttempts.AsNoTracking()
            .Where(a => a.LearnerId == me && a.VersionId == version.Id)
            .Select(a => new { a.ModuleId, a.Status, a.Score, a.MaxScore, a.Passed }).ToListAsync(cancellationToken);
        var quizzes = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.LearnerId == me && a.VersionId == version.Id)
            .Select(a => new { a.ModuleId, a.ScorePercent, a.Passed }).ToListAsync(cancellationToken);

        var modules = version.Modules.Select(m =>
        {
            var done = scenarios.Where(a => a.ModuleId == m.Id && a.Status == AttemptStatus.Completed).ToList();
            var marked = quizzes.Where(q => q.ModuleId == m.Id).ToList();
            return m.Kind switch
            {
                ModuleKind.Scenario => new LearnerModuleState(m.Id, m.Position, m.Kind, m.Title, done.Count > 0,
                    done.Count > 0 ? done.Max(a => a.Score) : null, m.Scenario!.MaxScore(), done.Count > 0 ? done.Any(a => a.Passed == true) : null),
                ModuleKind.Quiz => new LearnerModuleState(m.Id, m.Position, m.Kind, m.Title, marked.Count > 0,
                    marked.Count > 0 ? marked.Max(q => q.ScorePercent) : null, 100, marked.Count > 0 ? marked.Any(q => q.Passed) : null),
                _ => new LearnerModuleState(m.Id, m.Position, m.Kind, m.Title, false, null, null, null),
            };
        }).ToList();

        return new CoursePage(course.Id, course.Code, course.TitleZh, course.TitleEn, course.SummaryZh, course.SummaryEn, course.Specialty,
            course.TargetProfessions, course.LearningObjectives, version.Accreditation?.CreditClass ?? course.CreditClass,
            version.Accreditation?.CreditValue ?? course.CreditValue, version.Accreditation?.ProjectLevel ?? course.ProjectLevel,
            version.Accreditation?.AccreditationNumber ?? course.AccreditationNumber,
            [.. new[] { course.OwnerId }.Concat(course.CoAuthorIds).Select(id => new AuthorName(authors[id].NameZh, authors[id].NameLatin))],
            version.Disclosure, version.Id, version.Number, modules);
    }
}

/// <summary>
/// A module's content for a learner: a page rendered safely, a quiz without its answers (with the
/// learner's attempts so far and their latest result as the policy lets them see it), a scenario's outline.
/// </summary>
[Authenticated]
public sealed record GetLearnerModule(Guid CourseId, Guid ModuleId) : IQuery<LearnerModule>;

internal sealed class GetLearnerModuleHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetLearnerModule, LearnerModule>
{
    public async ValueTask<LearnerModule> Handle(GetLearnerModule request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var (course, version, _) = await LearnerVersion.ResolveAsync(db, me, request.CourseId, cancellationToken);
        var module = LearnerVersion.ModuleOf(version, request.ModuleId);
        string? html = null;
        if (module.Kind == ModuleKind.Page)
        {
            var media = await db.MediaAssets.Where(m => m.CourseId == course.Id).Select(m => m.Id).ToListAsync(cancellationToken);
            html = SafeMarkdown.ToHtml(module.Markdown ?? "", media.ToHashSet());
        }
        return new LearnerModule(module.Id, module.Kind, module.Title, html,
            module.Quiz is { } quiz ? new QuizView(quiz.Purpose, quiz.PassMarkPercent,
                [.. quiz.Questions.Select(q => new QuizQuestionView(q.Id, q.Text, q.Kind, [.. q.Options.Select(o => new QuizOptionView(o.Id, o.Text))]))],
                quiz.EffectivePolicy, await QuizAttempts.StateAsync(db, me, module.Id, quiz, cancellationToken)) : null,
            module.Scenario is { } graph ? new ScenarioSummary(graph.Nodes.Count, graph.MaxScore(), graph.PassMarkPercent) : null);
    }
}
