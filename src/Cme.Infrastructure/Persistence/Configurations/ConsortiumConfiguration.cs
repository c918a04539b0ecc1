using Cme.Domain.Consortia;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class ConsortiumConfiguration : IEntityTypeConfiguration<Consortium>
{
    public void Configure(EntityTypeBuilder<Consortium> builder)
    {
        builder.ToTable("consortia");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(Consortium.NameMaxLength);
        builder.Property(c => c.NameEn).HasMaxLength(Consortium.NameMaxLength);
        builder.Property(c => c.ActivePolicyCode).HasMaxLength(32);
    }
}
