using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Code).HasMaxLength(Course.CodeMaxLength);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.TitleZh).HasMaxLength(Course.TitleMaxLength);
        builder.Property(c => c.TitleEn).HasMaxLength(Course.TitleMaxLength);
        builder.Property(c => c.SummaryZh).HasMaxLength(Course.SummaryMaxLength);
        builder.Property(c => c.SummaryEn).HasMaxLength(Course.SummaryMaxLength);
        builder.Property(c => c.Specialty).HasMaxLength(40);
        builder.Property(c => c.CreditClass).HasMaxLength(8);
        builder.Property(c => c.CreditValue).HasPrecision(4, 1);
        builder.Property(c => c.ProjectLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.AccreditationNumber).HasMaxLength(Course.AccreditationNumberMaxLength);
        builder.HasIndex(c => c.OwnerId);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);

        builder.Property<List<Profession>>("_targetProfessions").HasColumnName("target_professions")
            .HasConversion(JsonColumn.Converter<List<Profession>>(), JsonColumn.Comparer<List<Profession>>()).HasColumnType("jsonb");
        builder.Property<List<string>>("_learningObjectives").HasColumnName("learning_objectives")
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>()).HasColumnType("jsonb");
        builder.Property<List<Guid>>("_coAuthorIds").HasColumnName("co_author_ids")
            .HasConversion(JsonColumn.Converter<List<Guid>>(), JsonColumn.Comparer<List<Guid>>()).HasColumnType("jsonb");
        builder.Ignore(c => c.TargetProfessions);
        builder.Ignore(c => c.LearningObjectives);
        builder.Ignore(c => c.CoAuthorIds);
        builder.Ignore(c => c.PublishedVersion);
        builder.Ignore(c => c.LatestVersion);

        builder.HasMany(c => c.Versions).WithOne().HasForeignKey(v => v.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CourseVersionConfiguration : IEntityTypeConfiguration<CourseVersion>
{
    public void Configure(EntityTypeBuilder<CourseVersion> builder)
    {
        builder.ToTable("course_versions");
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.CourseId, v.Number }).IsUnique();
        builder.HasIndex(v => v.Status);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(v => v.Disclosure).HasMaxLength(CourseVersion.DisclosureMaxLength);
        builder.Ignore(v => v.IsEditable);
        builder.OwnsOne(v => v.Accreditation, a =>
        {
            a.Property(x => x.CreditClass).HasColumnName("accredited_credit_class").HasMaxLength(8);
            a.Property(x => x.CreditValue).HasColumnName("accredited_credit_value").HasPrecision(4, 1);
            a.Property(x => x.ProjectLevel).HasColumnName("accredited_project_level").HasConversion<string>().HasMaxLength(16);
            a.Property(x => x.AccreditationNumber).HasColumnName("accreditation_number").HasMaxLength(Course.AccreditationNumberMaxLength);
            a.Property(x => x.AccreditedBy).HasColumnName("accredited_by");
            a.Property(x => x.AccreditedAt).HasColumnName("accredited_at");
        });
        builder.Property<List<VersionTransition>>("_transitions").HasColumnName("transitions")
            .HasConversion(JsonColumn.Converter<List<VersionTransition>>(), JsonColumn.Comparer<List<VersionTransition>>()).HasColumnType("jsonb");
        builder.Property<List<ReviewComment>>("_reviewComments").HasColumnName("review_comments")
            .HasConversion(JsonColumn.Converter<List<ReviewComment>>(), JsonColumn.Comparer<List<ReviewComment>>()).HasColumnType("jsonb");
        builder.Ignore(v => v.Transitions);
        builder.Ignore(v => v.ReviewComments);
        builder.HasMany(v => v.Modules).WithOne().HasForeignKey(m => m.VersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(v => v.Modules).HasField("_modules").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CourseModuleConfiguration : IEntityTypeConfiguration<CourseModule>
{
    public void Configure(EntityTypeBuilder<CourseModule> builder)
    {
        builder.ToTable("course_modules");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Title).HasMaxLength(CourseModule.TitleMaxLength);
        builder.Property(m => m.Markdown).HasMaxLength(CourseModule.MarkdownMaxLength);
        builder.Property(m => m.Scenario)
            .HasConversion(JsonColumn.Converter<ScenarioGraph?>(), JsonColumn.Comparer<ScenarioGraph?>()).HasColumnType("jsonb");
        builder.Property(m => m.Quiz)
            .HasConversion(JsonColumn.Converter<Quiz?>(), JsonColumn.Comparer<Quiz?>()).HasColumnType("jsonb");
        builder.HasIndex(m => new { m.VersionId, m.Position });
    }
}
