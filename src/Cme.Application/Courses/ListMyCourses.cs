using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Courses;

/// <summary>The courses the caller owns or co-authors.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record ListMyCourses : IQuery<IReadOnlyList<MyCourse>>;

internal sealed class ListMyCoursesHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ListMyCourses, IReadOnlyList<MyCourse>>
{
    public async ValueTask<IReadOnlyList<MyCourse>> Handle(ListMyCourses request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        // Co-authors live in a jsonb list; an author has few courses, so filter those in memory.
        var courses = await db.Courses.AsNoTracking().Include(c => c.Versions)
            .OrderByDescending(c => c.CreatedAt).ToListAsync(cancellationToken);
        return courses.Where(c => c.IsAuthor(me)).Select(c => new MyCourse(
                c.Id, c.Code, c.TitleZh, c.TitleEn, c.Specialty, Summary(c.LatestVersion),
                c.Versions.Where(v => v.Status == CourseVersionStatus.Published).Select(v => (int?)v.Number).FirstOrDefault()))
            .ToList();
    }

    internal static VersionSummary Summary(CourseVersion v) => new(v.Id, v.Number, v.Status, v.CreatedAt, v.PublishedAt);
}

[Authenticated]
public sealed record ListSpecialties : IQuery<IReadOnlyList<SpecialtyView>>;

internal sealed class ListSpecialtiesHandler : IRequestHandler<ListSpecialties, IReadOnlyList<SpecialtyView>>
{
    public ValueTask<IReadOnlyList<SpecialtyView>> Handle(ListSpecialties request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SpecialtyView>>(
            Specialties.All.Select(s => new SpecialtyView(s.Key, s.Value.Zh, s.Value.En)).ToList());
}
