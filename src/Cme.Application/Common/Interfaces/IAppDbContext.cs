using Cme.Domain.Auditing;
using Cme.Domain.Consortia;
using Cme.Domain.Courses;
using Cme.Domain.Learning;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Common.Interfaces;

public interface IAppDbContext
{
    DbSet<Consortium> Consortia { get; }
    DbSet<Institution> Institutions { get; }
    DbSet<Professional> Professionals { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Course> Courses { get; }
    DbSet<CourseVersion> CourseVersions { get; }
    DbSet<CourseModule> CourseModules { get; }
    DbSet<MediaAsset> MediaAssets { get; }
    DbSet<CourseProgress> CourseProgress { get; }
    DbSet<ScenarioAttempt> ScenarioAttempts { get; }
    DbSet<QuizAttempt> QuizAttempts { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
