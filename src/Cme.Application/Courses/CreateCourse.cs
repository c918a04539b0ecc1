using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Courses;

/// <summary>A specialist starts a course; it comes with an empty draft version 1.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record CreateCourse(
    string Code, string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
    IReadOnlyList<Profession> TargetProfessions, IReadOnlyList<string> LearningObjectives,
    string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, IReadOnlyList<Guid>? CoAuthorIds)
    : ICommand<CourseCreated>, ICourseFields;

internal sealed class CreateCourseValidator : CourseFieldsValidator<CreateCourse>
{
    public CreateCourseValidator() =>
        RuleFor(x => x.Code).NotEmpty().Must(Course.IsValidCode).WithReason("course.code-invalid");
}

internal sealed class CreateCourseHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreateCourse, CourseCreated>
{
    public async ValueTask<CourseCreated> Handle(CreateCourse request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        if (await db.Courses.AnyAsync(c => c.Code == code, cancellationToken))
            throw new RequestValidationException("code", "course.code-taken", new { code });
        await CoAuthors.EnsureExistAsync(db, request.CoAuthorIds, cancellationToken);
        var course = new Course(user.ProfessionalId(), request.ToDetails(code), clock.GetUtcNow());
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return new CourseCreated(course.Id, course.LatestVersion.Id);
    }
}

internal static class CoAuthors
{
    public static async Task EnsureExistAsync(IAppDbContext db, IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        if (ids is not { Count: > 0 })
            return;
        var found = await db.Professionals.CountAsync(p => ids.Contains(p.Id), ct);
        if (found != ids.Distinct().Count())
            throw new RequestValidationException("coAuthorIds", "course.coauthor-unknown");
    }
}
