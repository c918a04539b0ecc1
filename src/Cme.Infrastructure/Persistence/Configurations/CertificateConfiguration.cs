using Cme.Domain.Certificates;
using Cme.Domain.Credits;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.ToTable("certificates");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(32);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.VerificationCode).HasMaxLength(64);
        builder.HasIndex(c => c.VerificationHash).IsUnique();
        builder.Property(c => c.LearnerNameZh).HasMaxLength(100);
        builder.Property(c => c.LearnerNameLatin).HasMaxLength(100);
        builder.Property(c => c.CourseTitleZh).HasMaxLength(200);
        builder.Property(c => c.CourseTitleEn).HasMaxLength(200);
        builder.Property(c => c.Credits).HasPrecision(6, 2);
        builder.Property(c => c.CreditClass).HasMaxLength(8);
        builder.Property(c => c.ProjectLevel).HasMaxLength(16);
        builder.Property(c => c.AccreditationNumber).HasMaxLength(64);
        builder.Property(c => c.PdfSha256).HasMaxLength(64);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.RevocationReason).HasMaxLength(500);
        builder.Property(c => c.SupersedeReason).HasMaxLength(500);
        // One valid certificate per completion award: issuing twice is refused by the database too.
        builder.HasIndex(c => c.LedgerEntryId).HasFilter("status = 'Valid'").IsUnique().HasDatabaseName("ux_certificates_valid_award");
        builder.HasIndex(c => new { c.LearnerId, c.IssuedAt });
        builder.HasIndex(c => c.OfferingId);
        builder.HasOne<Professional>().WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Offering>().WithMany().HasForeignKey(c => c.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditLedgerEntry>().WithMany().HasForeignKey(c => c.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateBatchConfiguration : IEntityTypeConfiguration<CertificateBatch>
{
    public void Configure(EntityTypeBuilder<CertificateBatch> builder)
    {
        builder.ToTable("certificate_batches");
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.LastError).HasMaxLength(1000);
        builder.HasIndex(b => new { b.OfferingId, b.RequestedAt });
        builder.HasIndex(b => b.Status);
        builder.HasOne<Offering>().WithMany().HasForeignKey(b => b.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Professional>().WithMany().HasForeignKey(b => b.RequestedBy).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateBatchItemConfiguration : IEntityTypeConfiguration<CertificateBatchItem>
{
    public void Configure(EntityTypeBuilder<CertificateBatchItem> builder)
    {
        builder.ToTable("certificate_batch_items");
        builder.HasKey(i => new { i.BatchId, i.LedgerEntryId });
        builder.HasOne<CertificateBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CreditLedgerEntry>().WithMany().HasForeignKey(i => i.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.SkipReason).HasMaxLength(500);
        builder.HasOne<Certificate>().WithMany().HasForeignKey(i => i.CertificateId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PendingCertificateConfiguration : IEntityTypeConfiguration<PendingCertificate>
{
    public void Configure(EntityTypeBuilder<PendingCertificate> builder)
    {
        builder.ToTable("pending_certificates");
        builder.HasKey(p => p.LedgerEntryId);
        builder.Property(p => p.LastError).HasMaxLength(1000);
        builder.HasIndex(p => p.QueuedAt);
        builder.HasOne<CreditLedgerEntry>().WithMany().HasForeignKey(p => p.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}
