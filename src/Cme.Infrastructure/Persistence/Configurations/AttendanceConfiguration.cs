using Cme.Domain.Attendance;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> builder)
    {
        builder.ToTable("attendance");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property<List<PresenceInterval>>("_intervals").HasColumnName("intervals")
            .HasConversion(JsonColumn.Converter<List<PresenceInterval>>(), JsonColumn.Comparer<List<PresenceInterval>>()).HasColumnType("jsonb");
        builder.Ignore(a => a.Intervals);
        builder.HasIndex(a => new { a.SessionId, a.LearnerId }).IsUnique();
        builder.HasIndex(a => a.LearnerId);
        builder.HasOne<Session>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseEvaluationConfiguration : IEntityTypeConfiguration<CourseEvaluation>
{
    public void Configure(EntityTypeBuilder<CourseEvaluation> builder)
    {
        builder.ToTable("course_evaluations");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Comments).HasMaxLength(CourseEvaluation.CommentsMaxLength);
        builder.HasIndex(e => new { e.OfferingId, e.LearnerId }).IsUnique();
        builder.HasOne<Offering>().WithMany().HasForeignKey(e => e.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
