using Cme.Domain.Consortia;
using Cme.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> builder)
    {
        builder.ToTable("institutions");
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Code).HasMaxLength(Institution.CodeMaxLength);
        builder.HasIndex(i => i.Code).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(Institution.NameMaxLength);
        builder.Property(i => i.NameEn).HasMaxLength(Institution.NameMaxLength);
        builder.Property(i => i.Tier).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Region).HasMaxLength(Institution.RegionMaxLength);
        builder.HasOne<Consortium>().WithMany().HasForeignKey(i => i.ConsortiumId).OnDelete(DeleteBehavior.Restrict);
    }
}
