using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Cme.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class ProfessionalConfiguration : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> builder)
    {
        builder.ToTable("professionals");
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.NameZh).HasMaxLength(Professional.NameZhMaxLength);
        builder.Property(p => p.NameLatin).HasMaxLength(Professional.NameLatinMaxLength);
        builder.Property(p => p.Profession).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.TitleLevel).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.LicenceNumber).HasMaxLength(Professional.LicenceMaxLength);
        builder.HasIndex(p => p.LicenceNumber).IsUnique();
        builder.Property(p => p.Email).HasMaxLength(Professional.EmailMaxLength);
        builder.HasIndex(p => p.Email);
        builder.Property(p => p.PreferredLanguage).HasMaxLength(8);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.HasIndex(p => new { p.InstitutionId, p.NameLatin });
        builder.HasOne<Institution>().WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<Professional>(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
