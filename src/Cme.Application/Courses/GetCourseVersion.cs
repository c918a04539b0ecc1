using Cme.Application.Common.Reasons;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Learning;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Courses;

/// <summary>A version with all its content, answer keys included: for its authors and reviewers only.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record GetCourseVersion(Guid CourseId, Guid VersionId) : IQuery<VersionView>;

internal sealed class GetCourseVersionHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetCourseVersion, VersionView>
{
    public async ValueTask<VersionView> Handle(GetCourseVersion request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorOrReviewerAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        var people = version.Transitions.Select(t => t.By).Concat(version.ReviewComments.Select(c => c.By)).Distinct().ToList();
        var names = await People.NamesAsync(db, people, cancellationToken);
        // Pages are rendered exactly as the learner's player renders them, so a reviewer judges what will be taught.
        var media = (await db.MediaAssets.Where(m => m.CourseId == course.Id).Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        return new VersionView(
            version.Id, course.Id, version.Number, version.Status, version.IsEditable, version.Disclosure,
            version.Accreditation is { } a ? new AccreditationView(a.CreditClass, a.CreditValue, a.ProjectLevel, a.AccreditationNumber, a.AccreditedAt) : null,
            [.. version.Modules.Select(m => ModuleViewOf(m, media))],
            [.. version.ReviewComments.Select(c => new ReviewCommentView(c.ModuleId, c.Text, c.At, names[c.By].NameZh, c.NodeId))],
            [.. version.Transitions.Select(t => new TransitionView(t.From, t.To, t.At, names[t.By].NameZh, t.Note))],
            version.IsEditable
                ? version.SubmissionProblems().ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Select(r => ReasonText.Render(r))])
                : new Dictionary<string, IReadOnlyList<string>>());
    }

    private static ModuleView ModuleViewOf(CourseModule module, HashSet<Guid> media)
    {
        var problems = module.Problems();
        return new ModuleView(module.Id, module.Position, module.Kind, module.Title, module.Markdown,
            module.Kind == ModuleKind.Page ? SafeMarkdown.ToHtml(module.Markdown ?? "", media) : null, module.Scenario, module.Quiz,
            [.. problems.Select(p => ReasonText.Render(p))],
            [.. problems.Select(p => new ModuleIssue(p.Code, ReasonText.Render(p), p.Values.GetValueOrDefault("question") as string))]);
    }
}
