using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Learning;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ToTable("media_assets");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.FileName).HasMaxLength(200);
        builder.Property(m => m.ContentType).HasMaxLength(32);
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.HasIndex(m => m.CourseId);
        builder.HasOne<Course>().WithMany().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseProgressConfiguration : IEntityTypeConfiguration<CourseProgress>
{
    public void Configure(EntityTypeBuilder<CourseProgress> builder)
    {
        builder.ToTable("course_progress");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.HasIndex(p => new { p.LearnerId, p.CourseId }).IsUnique();
        builder.HasOne<Professional>().WithMany().HasForeignKey(p => p.LearnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Course>().WithMany().HasForeignKey(p => p.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CourseVersion>().WithMany().HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScenarioAttemptConfiguration : IEntityTypeConfiguration<ScenarioAttempt>
{
    public void Configure(EntityTypeBuilder<ScenarioAttempt> builder)
    {
        builder.ToTable("scenario_attempts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.CurrentNodeId).HasMaxLength(64);
        builder.Property(a => a.Score).HasPrecision(9, 2);
        builder.Property(a => a.MaxScore).HasPrecision(9, 2);
        builder.Property<List<AttemptStep>>("_steps").HasColumnName("steps")
            .HasConversion(JsonColumn.Converter<List<AttemptStep>>(), JsonColumn.Comparer<List<AttemptStep>>()).HasColumnType("jsonb");
        builder.Ignore(a => a.Steps);
        builder.Ignore(a => a.DurationSeconds);
        // Two clicks on the same decision must not both count: PostgreSQL's xmin guards the row.
        builder.Property<uint>("RowVersion").HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
        builder.HasIndex(a => new { a.LearnerId, a.ModuleId, a.Status });
        builder.HasIndex(a => a.ModuleId);
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CourseModule>().WithMany().HasForeignKey(a => a.ModuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        builder.ToTable("quiz_attempts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ScorePercent).HasPrecision(5, 1);
        builder.Property(a => a.Result)
            .HasConversion(JsonColumn.Converter<QuizResult>(), JsonColumn.Comparer<QuizResult>()).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.LearnerId, a.CourseId });
        builder.HasIndex(a => a.ModuleId);
        // Two submissions at once cannot both become attempt 3 of 3.
        builder.HasIndex(a => new { a.LearnerId, a.ModuleId, a.AttemptNumber }).IsUnique();
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CourseModule>().WithMany().HasForeignKey(a => a.ModuleId).OnDelete(DeleteBehavior.Restrict);
    }
}
