using Cme.Domain.Calendars;
using Cme.Domain.Courses;
using Cme.Domain.Institutions;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    public void Configure(EntityTypeBuilder<Offering> builder)
    {
        builder.ToTable("offerings");
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Title).HasMaxLength(Offering.TitleMaxLength);
        builder.Property(o => o.Modality).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.TimeZone).HasMaxLength(64);
        builder.Property(o => o.Audience).HasConversion(JsonColumn.Converter<Audience>(), JsonColumn.Comparer<Audience>()).HasColumnType("jsonb");
        builder.Property(o => o.CompletionRule).HasConversion(JsonColumn.Converter<CompletionRule>(), JsonColumn.Comparer<CompletionRule>()).HasColumnType("jsonb");
        builder.HasIndex(o => o.CourseId);
        builder.HasIndex(o => o.EnrolmentClosesAt);
        builder.HasOne<Course>().WithMany().HasForeignKey(o => o.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CourseVersion>().WithMany().HasForeignKey(o => o.VersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(o => o.HostInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Title).HasMaxLength(Session.TitleMaxLength);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Place).HasMaxLength(Session.PlaceMaxLength);
        builder.Property(s => s.JoinUrl).HasMaxLength(Session.JoinUrlMaxLength);
        builder.Property<List<SessionChange>>("_changes").HasColumnName("changes")
            .HasConversion(JsonColumn.Converter<List<SessionChange>>(), JsonColumn.Comparer<List<SessionChange>>()).HasColumnType("jsonb");
        builder.Ignore(s => s.Changes);
        builder.Ignore(s => s.Minutes);
        builder.HasIndex(s => new { s.OfferingId, s.StartsAt });
        builder.HasIndex(s => s.StartsAt);
        builder.HasOne<Offering>().WithMany().HasForeignKey(s => s.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Trainers).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Trainers).HasField("_trainers").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SessionTrainerConfiguration : IEntityTypeConfiguration<SessionTrainer>
{
    public void Configure(EntityTypeBuilder<SessionTrainer> builder)
    {
        builder.ToTable("session_trainers");
        builder.HasKey(t => new { t.SessionId, t.TrainerId });
        builder.HasIndex(t => t.TrainerId);
        builder.HasOne<TrainerProfile>().WithMany().HasForeignKey(t => t.TrainerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("enrolments");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        // Arrival order comes from a database sequence, taken while the offering's row is locked.
        builder.Property(e => e.Arrival).UseIdentityAlwaysColumn();
        builder.Property<List<EnrolmentChange>>("_history").HasColumnName("history")
            .HasConversion(JsonColumn.Converter<List<EnrolmentChange>>(), JsonColumn.Comparer<List<EnrolmentChange>>()).HasColumnType("jsonb");
        builder.Ignore(e => e.History);
        builder.Ignore(e => e.IsActive);
        builder.HasIndex(e => new { e.OfferingId, e.Status, e.Arrival });
        // One live enrolment per learner and offering; a cancelled one does not block enrolling again.
        builder.HasIndex(e => new { e.OfferingId, e.LearnerId }).IsUnique().HasFilter("status <> 'Cancelled'");
        builder.HasIndex(e => e.LearnerId);
        builder.HasOne<Offering>().WithMany().HasForeignKey(e => e.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainerProfileConfiguration : IEntityTypeConfiguration<TrainerProfile>
{
    public void Configure(EntityTypeBuilder<TrainerProfile> builder)
    {
        builder.ToTable("trainers");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => t.ProfessionalId).IsUnique();
        builder.Property(t => t.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property<List<string>>("_specialties").HasColumnName("specialties")
            .HasConversion(JsonColumn.Converter<List<string>>(), JsonColumn.Comparer<List<string>>()).HasColumnType("jsonb");
        builder.Property<List<UnavailablePeriod>>("_unavailable").HasColumnName("unavailable")
            .HasConversion(JsonColumn.Converter<List<UnavailablePeriod>>(), JsonColumn.Comparer<List<UnavailablePeriod>>()).HasColumnType("jsonb");
        builder.Ignore(t => t.Specialties);
        builder.Ignore(t => t.Unavailable);
        builder.HasOne<Professional>().WithMany().HasForeignKey(t => t.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Institution>().WithMany().HasForeignKey(t => t.HomeInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainerCandidateConfiguration : IEntityTypeConfiguration<TrainerCandidate>
{
    public void Configure(EntityTypeBuilder<TrainerCandidate> builder)
    {
        builder.ToTable("trainer_candidates");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Property(c => c.Specialty).HasMaxLength(64);
        builder.Property(c => c.Statement).HasMaxLength(TrainerCandidate.MaxStatement);
        builder.Property(c => c.EvidenceUrl).HasMaxLength(TrainerCandidate.MaxEvidenceUrl);
        builder.Property(c => c.EvidenceFileName).HasMaxLength(200);
        builder.Property(c => c.EvidenceContentType).HasMaxLength(32);
        builder.Property(c => c.EvidenceSha256).HasMaxLength(64);
        builder.Ignore(c => c.IsApplication);
        builder.HasIndex(c => new { c.ProfessionalId, c.OfferingId }).IsUnique();
        // One open application per person (a second is refused with 409 before it gets here).
        builder.HasIndex(c => c.ProfessionalId).IsUnique().HasFilter("offering_id IS NULL AND status = 'Pending'")
            .HasDatabaseName("ix_trainer_candidates_open_application");
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Offering>().WithMany().HasForeignKey(c => c.OfferingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.TokenHash).HasMaxLength(64);
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.HasIndex(c => c.ProfessionalId);
        builder.Ignore(c => c.IsActive);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.ProfessionalId).OnDelete(DeleteBehavior.Restrict);
    }
}
