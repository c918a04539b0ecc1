using System.Security.Claims;
using Cme.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Cme.Infrastructure.Identity;

/// <summary>Adds the person's professional and institution to the token, so every request knows its scope.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options, AppDbContext db,
    TwoFactorPolicy twoFactor)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    public const string ProfessionalIdClaim = "professional_id";
    public const string InstitutionIdClaim = "institution_id";
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var professional = await db.Professionals.AsNoTracking()
            .Where(p => p.UserId == user.Id)
            .Select(p => new { p.Id, p.InstitutionId, p.NameZh })
            .SingleOrDefaultAsync();
        if (professional is not null)
        {
            identity.AddClaim(new Claim(ProfessionalIdClaim, professional.Id.ToString()));
            identity.AddClaim(new Claim(InstitutionIdClaim, professional.InstitutionId.ToString()));
            identity.AddClaim(new Claim(DisplayNameClaim, professional.NameZh));
        }
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(SignInGates.ClaimType, SignInGates.PasswordChange));
        if (!user.TwoFactorEnabled && twoFactor.IsRequiredFor(identity.FindAll(identity.RoleClaimType).Select(c => c.Value)))
            identity.AddClaim(new Claim(SignInGates.ClaimType, SignInGates.TwoFactorSetup));
        return identity;
    }
}
