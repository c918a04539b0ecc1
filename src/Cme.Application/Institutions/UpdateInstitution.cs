using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Institutions;

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record UpdateInstitution(Guid Id, string Name, string NameEn, InstitutionTier Tier, string Region) : ICommand<Unit>;

internal sealed class UpdateInstitutionValidator : AbstractValidator<UpdateInstitution>
{
    public UpdateInstitutionValidator() =>
        InstitutionRules.NameAndPlace(this, x => x.Name, x => x.NameEn, x => x.Tier, x => x.Region);
}

internal sealed class UpdateInstitutionHandler(IAppDbContext db) : IRequestHandler<UpdateInstitution, Unit>
{
    public async ValueTask<Unit> Handle(UpdateInstitution request, CancellationToken cancellationToken)
    {
        var institution = await db.Institutions.FindAsync([request.Id], cancellationToken)
            ?? throw new NotFoundException("Institution", request.Id);
        institution.Rename(request.Name, request.NameEn);
        institution.Classify(request.Tier, request.Region);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
