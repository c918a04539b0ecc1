using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;

namespace Cme.Application.Courses;

[AuthorizeRoles(Roles.Author)]
public sealed record UpdateCourse(
    Guid Id, string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
    IReadOnlyList<Profession> TargetProfessions, IReadOnlyList<string> LearningObjectives,
    string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, IReadOnlyList<Guid>? CoAuthorIds)
    : ICommand<Unit>, ICourseFields;

internal sealed class UpdateCourseValidator : CourseFieldsValidator<UpdateCourse>;

internal sealed class UpdateCourseHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<UpdateCourse, Unit>
{
    public async ValueTask<Unit> Handle(UpdateCourse request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.Id, cancellationToken);
        await CoAuthors.EnsureExistAsync(db, request.CoAuthorIds, cancellationToken);
        course.Describe(request.ToDetails(course.Code));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
