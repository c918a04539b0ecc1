using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Courses;

/// <summary>Loads a course with its versions and modules for the people who may work on it.</summary>
internal static class CourseAccess
{
    public static Guid ProfessionalId(this ICurrentUser user) =>
        user.ProfessionalId ?? throw new ForbiddenException("account.no-professional");

    public static IQueryable<Course> WithContent(this IQueryable<Course> courses) =>
        courses.Include(c => c.Versions).ThenInclude(v => v.Modules);

    /// <summary>For authors to change: any other caller gets 404 (the course is not theirs to see) or 403.</summary>
    public static async Task<Course> ForAuthorAsync(IAppDbContext db, ICurrentUser user, Guid courseId, CancellationToken ct)
    {
        var course = await db.Courses.WithContent().SingleOrDefaultAsync(c => c.Id == courseId, ct)
            ?? throw new NotFoundException("Course", courseId);
        if (!course.IsAuthor(user.ProfessionalId()))
        {
            if (user.IsInRole(Roles.CmeAdmin))
                throw new ForbiddenException("course.not-author");
            throw new NotFoundException("Course", courseId);
        }
        return course;
    }

    /// <summary>For reading with answer keys: the course's authors and CME administrators.</summary>
    public static async Task<Course> ForAuthorOrReviewerAsync(IAppDbContext db, ICurrentUser user, Guid courseId, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().WithContent().SingleOrDefaultAsync(c => c.Id == courseId, ct)
            ?? throw new NotFoundException("Course", courseId);
        if (!user.IsInRole(Roles.CmeAdmin) && !course.IsAuthor(user.ProfessionalId()))
            throw new NotFoundException("Course", courseId);
        return course;
    }

    /// <summary>For reviewing: a CME administrator (the domain refuses one who is an author).</summary>
    public static async Task<Course> ForReviewerAsync(IAppDbContext db, Guid courseId, CancellationToken ct) =>
        await db.Courses.WithContent().SingleOrDefaultAsync(c => c.Id == courseId, ct)
        ?? throw new NotFoundException("Course", courseId);

    public static CourseVersion VersionOrNotFound(this Course course, Guid versionId) =>
        course.Versions.FirstOrDefault(v => v.Id == versionId) ?? throw new NotFoundException("Course version", versionId);

    public static CourseModule ModuleOrNotFound(this CourseVersion version, Guid moduleId) =>
        version.Modules.FirstOrDefault(m => m.Id == moduleId) ?? throw new NotFoundException("Module", moduleId);
}
