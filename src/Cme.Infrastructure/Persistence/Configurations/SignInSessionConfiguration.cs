using Cme.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cme.Infrastructure.Persistence.Configurations;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("sign_in_sessions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.SecurityStamp).HasMaxLength(256);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(SignInSession.MaxUserAgentLength);
        builder.Property(s => s.RevokedReason).HasMaxLength(32);
        builder.Property(s => s.RefreshGeneration).IsConcurrencyToken();
        builder.Ignore(s => s.IsRevoked);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // A person's sessions: the profile's list and sign-out everywhere.
        builder.HasIndex(s => new { s.UserId, s.RevokedAt });
    }
}
