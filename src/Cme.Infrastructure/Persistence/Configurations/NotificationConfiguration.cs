using Cme.Domain.Notifications;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Occurrence).HasMaxLength(64);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.Property(n => n.Language).HasMaxLength(8);
        builder.Property(n => n.Data).HasColumnType("jsonb");
        builder.Property(n => n.LastError).HasMaxLength(Notification.MaxErrorLength);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(4000);
        // Each (recipient, kind, subject, occurrence, channel) at most once, ever.
        builder.HasIndex(n => n.DedupKey).IsUnique();
        // The dispatcher's scan: pending rows by their next attempt.
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        // The inbox: one person's delivered in-app messages, newest first.
        builder.HasIndex(n => new { n.RecipientId, n.Channel, n.Status, n.SentAt });
        builder.HasIndex(n => new { n.SubjectId, n.Kind });
        builder.HasOne<Professional>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> builder)
    {
        builder.ToTable("notification_attempts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Error).HasMaxLength(Notification.MaxErrorLength);
        builder.Property(a => a.Instance).HasMaxLength(200);
        builder.HasIndex(a => new { a.NotificationId, a.AttemptedAt });
        builder.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        builder.ToTable("notification_preferences");
        builder.HasKey(p => new { p.ProfessionalId, p.Kind });
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<Professional>().WithMany().HasForeignKey(p => p.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlannerPassConfiguration : IEntityTypeConfiguration<PlannerPass>
{
    public void Configure(EntityTypeBuilder<PlannerPass> builder)
    {
        builder.ToTable("notification_planner_passes");
        builder.HasKey(p => new { p.Pass, p.Occurrence });
        builder.Property(p => p.Pass).HasMaxLength(64);
        builder.Property(p => p.Occurrence).HasMaxLength(64);
    }
}
