using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;
using RoleNames = Cme.Domain.Professionals.Roles;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Professionals;

[AuthorizeRoles(RoleNames.CmeAdmin, RoleNames.InstitutionAdmin)]
public sealed record UpdateProfessional(
    Guid Id, string NameZh, string NameLatin, Profession Profession, TitleLevel TitleLevel,
    Guid InstitutionId, string Email, string PreferredLanguage, IReadOnlyList<string> Roles) : ICommand<Unit>;

internal sealed class UpdateProfessionalValidator : AbstractValidator<UpdateProfessional>
{
    public UpdateProfessionalValidator()
    {
        RuleFor(x => x.NameZh).ChineseName();
        RuleFor(x => x.NameLatin).LatinName();
        RuleFor(x => x.Profession).IsInEnum();
        RuleFor(x => x.TitleLevel).IsInEnum();
        RuleFor(x => x.InstitutionId).NotEmpty();
        RuleFor(x => x.Email).Email();
        RuleFor(x => x.PreferredLanguage).Language();
        RuleFor(x => x.Roles).RoleNames();
    }
}

internal sealed class UpdateProfessionalHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity)
    : IRequestHandler<UpdateProfessional, Unit>
{
    public async ValueTask<Unit> Handle(UpdateProfessional request, CancellationToken cancellationToken)
    {
        var professional = await StaffAccess.Visible(db.Professionals, user).SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Professional", request.Id);
        StaffAccess.EnsureMayManage(user, request.InstitutionId);
        if (!await db.Institutions.AnyAsync(i => i.Id == request.InstitutionId, cancellationToken))
            throw new RequestValidationException("institutionId", "institution.unknown");
        IReadOnlyList<string> current = professional.UserId is { } id ? await identity.GetRolesAsync(id, cancellationToken) : [];
        StaffAccess.EnsureMayManageAccount(user, current);
        if (await identity.EmailInUseAsync(request.Email, professional.UserId, cancellationToken))
            throw StaffAccess.InstitutionScope(user) is null
                ? new RequestValidationException("email", "professional.email-taken")
                : new ConflictException(StaffAccess.AccountConflict);

        professional.Update(request.InstitutionId, request.NameZh, request.NameLatin, request.Profession, request.TitleLevel,
            request.Email, request.PreferredLanguage);
        if (professional.UserId is { } userId)
        {
            // Roles the caller may not grant are kept as they are, never silently removed; sending them back unchanged is fine.
            var kept = current.Where(r => !StaffAccess.GrantableRoles(user).Contains(r)).ToList();
            var granted = StaffRoles.Normalise([.. request.Roles.Where(r => !kept.Contains(r))], user);
            await identity.SetRolesAsync(userId, granted.Concat(kept).Distinct(), cancellationToken);
            await identity.SetEmailAsync(userId, professional.Email, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
