using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Courses;

/// <summary>A course as its authors and reviewers see it.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record GetCourse(Guid Id) : IQuery<CourseView>;

internal sealed class GetCourseHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetCourse, CourseView>
{
    public async ValueTask<CourseView> Handle(GetCourse request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorOrReviewerAsync(db, user, request.Id, cancellationToken);
        var names = await People.NamesAsync(db, [course.OwnerId, .. course.CoAuthorIds], cancellationToken);
        var me = user.ProfessionalId();
        return new CourseView(
            course.Id, course.Code, course.TitleZh, course.TitleEn, course.SummaryZh, course.SummaryEn, course.Specialty,
            course.TargetProfessions, course.LearningObjectives, course.CreditClass, course.CreditValue, course.ProjectLevel,
            course.AccreditationNumber, names[course.OwnerId], [.. course.CoAuthorIds.Select(id => names[id])],
            [.. course.Versions.Select(ListMyCoursesHandler.Summary)], course.IsAuthor(me),
            user.IsInRole(Roles.CmeAdmin) && !course.IsAuthor(me));
    }
}

internal static class People
{
    public static async Task<Dictionary<Guid, PersonName>> NamesAsync(IAppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var found = await db.Professionals.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new PersonName(p.Id, p.NameZh, p.NameLatin)).ToListAsync(ct);
        var names = found.ToDictionary(p => p.Id);
        foreach (var id in ids.Where(id => !names.ContainsKey(id)))
            names[id] = new PersonName(id, "?", "?");
        return names;
    }
}
