using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Learning;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Learning;

/// <summary>
/// Which version of a course a learner sees: the one they started, else the published one. A
/// course never published (or retired before they started) does not exist for them (404).
/// </summary>
internal static class LearnerVersion
{
    public static async Task<(Course Course, CourseVersion Version, CourseProgress? Progress)> ResolveAsync(
        IAppDbContext db, Guid learnerId, Guid courseId, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().WithContent().SingleOrDefaultAsync(c => c.Id == courseId, ct)
            ?? throw new NotFoundException("Course", courseId);
        var progress = await db.CourseProgress.SingleOrDefaultAsync(p => p.LearnerId == learnerId && p.CourseId == courseId, ct);
        var version = progress is not null
            ? course.Versions.Single(v => v.Id == progress.VersionId)
            : course.PublishedVersion ?? throw new NotFoundException("Course", courseId);
        return (course, version, progress);
    }

    /// <summary>Keeps the learner on this version from now on.</summary>
    public static void Pin(IAppDbContext db, Guid learnerId, Course course, CourseVersion version, CourseProgress? progress, DateTimeOffset now)
    {
        if (progress is null)
            db.CourseProgress.Add(new CourseProgress(learnerId, course.Id, version.Id, now));
    }

    public static CourseModule ModuleOf(CourseVersion version, Guid moduleId, ModuleKind? kind = null)
    {
        var module = version.Modules.FirstOrDefault(m => m.Id == moduleId) ?? throw new NotFoundException("Module", moduleId);
        if (kind is { } expected && module.Kind != expected)
            throw new RequestValidationException("moduleId", "module.kind-mismatch", new { kind = module.Kind, expected });
        return module;
    }
}
