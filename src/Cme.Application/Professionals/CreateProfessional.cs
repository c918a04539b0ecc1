using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;
using RoleNames = Cme.Domain.Professionals.Roles;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Professionals;

/// <summary>Adds a health worker and opens their sign-in account with a temporary password, shown once.</summary>
[AuthorizeRoles(RoleNames.CmeAdmin, RoleNames.InstitutionAdmin)]
public sealed record CreateProfessional(
    string NameZh, string NameLatin, Profession Profession, TitleLevel TitleLevel, string LicenceNumber,
    Guid InstitutionId, string Email, string PreferredLanguage, IReadOnlyList<string> Roles) : ICommand<ProfessionalCreated>;

internal sealed class CreateProfessionalValidator : AbstractValidator<CreateProfessional>
{
    public CreateProfessionalValidator()
    {
        RuleFor(x => x.NameZh).ChineseName();
        RuleFor(x => x.NameLatin).LatinName();
        RuleFor(x => x.Profession).IsInEnum();
        RuleFor(x => x.TitleLevel).IsInEnum();
        RuleFor(x => x.LicenceNumber).Licence();
        RuleFor(x => x.InstitutionId).NotEmpty();
        RuleFor(x => x.Email).Email();
        RuleFor(x => x.PreferredLanguage).Language();
        RuleFor(x => x.Roles).RoleNames();
    }
}

internal sealed class CreateProfessionalHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity)
    : IRequestHandler<CreateProfessional, ProfessionalCreated>
{
    public async ValueTask<ProfessionalCreated> Handle(CreateProfessional request, CancellationToken cancellationToken)
    {
        StaffAccess.EnsureMayManage(user, request.InstitutionId);
        var roles = StaffRoles.Normalise(request.Roles, user);
        if (!await db.Institutions.AnyAsync(i => i.Id == request.InstitutionId, cancellationToken))
            throw new RequestValidationException("institutionId", "institution.unknown");
        var licence = request.LicenceNumber.Trim().ToUpperInvariant();
        var licenceTaken = await db.Professionals.AnyAsync(p => p.LicenceNumber == licence, cancellationToken);
        var emailTaken = await identity.EmailInUseAsync(request.Email, null, cancellationToken);
        if ((licenceTaken || emailTaken) && StaffAccess.InstitutionScope(user) is not null)
            throw new ConflictException(StaffAccess.AccountConflict);
        if (licenceTaken)
            throw new RequestValidationException("licenceNumber", "professional.licence-taken", new { licence });
        if (emailTaken)
            throw new RequestValidationException("email", "professional.email-taken");

        var professional = new Professional(
            request.InstitutionId, request.NameZh, request.NameLatin, request.Profession, request.TitleLevel,
            licence, request.Email, request.PreferredLanguage);
        var password = identity.GenerateTemporaryPassword();
        professional.LinkAccount(await identity.CreateUserAsync(professional.Email, password, roles, temporaryPassword: true, cancellationToken));
        db.Professionals.Add(professional);
        await db.SaveChangesAsync(cancellationToken);
        return new ProfessionalCreated(professional.Id, password);
    }
}

internal static class StaffRoles
{
    /// <summary>Distinct roles, at least Learner, and only roles the caller may grant.</summary>
    public static IReadOnlyList<string> Normalise(IReadOnlyList<string> requested, ICurrentUser user)
    {
        var roles = requested.Count == 0 ? [Roles.Learner] : requested.Distinct(StringComparer.Ordinal).ToList();
        var grantable = StaffAccess.GrantableRoles(user);
        var refused = roles.Where(r => !grantable.Contains(r)).ToList();
        if (refused.Count > 0)
            throw new ForbiddenException("professional.role-forbidden", new { roles = refused.ToList() });
        return roles;
    }
}
