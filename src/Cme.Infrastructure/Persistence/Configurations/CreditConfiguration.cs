using Cme.Domain.Credits;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class CreditPolicyConfiguration : IEntityTypeConfiguration<CreditPolicy>
{
    public void Configure(EntityTypeBuilder<CreditPolicy> builder)
    {
        builder.ToTable("credit_policies");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.HasIndex(p => new { p.Code, p.EffectiveFrom }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.NameEn).HasMaxLength(200);
        builder.Property(p => p.Source).HasMaxLength(1000);
        builder.Property(p => p.Rules).HasConversion(JsonColumn.Converter<PolicyRules>(), JsonColumn.Comparer<PolicyRules>()).HasColumnType("jsonb");
    }
}

internal sealed class CreditLedgerEntryConfiguration : IEntityTypeConfiguration<CreditLedgerEntry>
{
    public void Configure(EntityTypeBuilder<CreditLedgerEntry> builder)
    {
        builder.ToTable("credit_ledger");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.Credits).HasPrecision(6, 2);
        builder.Property(e => e.Hours).HasPrecision(7, 2);
        builder.Property(e => e.CreditClass).HasMaxLength(8);
        builder.Property(e => e.ProjectLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.AwardKey).HasMaxLength(200);
        builder.Property(e => e.Reason).HasMaxLength(CreditLedgerEntry.ReasonMaxLength);
        // An award happens once: completion per learner and offering, teaching per trainer and session.
        builder.HasIndex(e => e.AwardKey).IsUnique();
        builder.HasIndex(e => new { e.LearnerId, e.Year });
        builder.HasIndex(e => new { e.Year, e.LearnerId });
        builder.HasOne<Professional>().WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Offering>().WithMany().HasForeignKey(e => e.OfferingId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditLedgerEntry>().WithMany().HasForeignKey(e => e.RevokesId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExternalActivityConfiguration : IEntityTypeConfiguration<ExternalActivity>
{
    public void Configure(EntityTypeBuilder<ExternalActivity> builder)
    {
        builder.ToTable("external_activities");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Hours).HasPrecision(7, 2);
        builder.Property(a => a.ClaimedCredits).HasPrecision(6, 2);
        builder.Property(a => a.AwardedCredits).HasPrecision(6, 2);
        builder.Property(a => a.CreditClass).HasMaxLength(8);
        builder.Property(a => a.EvidenceFileName).HasMaxLength(200);
        builder.Property(a => a.EvidenceContentType).HasMaxLength(32);
        builder.Property(a => a.EvidenceSha256).HasMaxLength(64);
        builder.Property(a => a.Comment).HasMaxLength(1000);
        builder.Property(a => a.CappedByPolicy).HasMaxLength(32);
        builder.HasIndex(a => new { a.LearnerId, a.SubmittedAt });
        builder.HasIndex(a => a.Status);
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
