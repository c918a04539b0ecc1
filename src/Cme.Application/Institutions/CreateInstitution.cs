using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Institutions;

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record CreateInstitution(string Code, string Name, string NameEn, InstitutionTier Tier, string Region) : ICommand<InstitutionCreated>;

internal sealed class CreateInstitutionValidator : AbstractValidator<CreateInstitution>
{
    public CreateInstitutionValidator()
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(Institution.CodeMaxLength)
            .Must(Institution.IsValidCode).WithReason("institution.code-invalid");
        InstitutionRules.NameAndPlace(this, x => x.Name, x => x.NameEn, x => x.Tier, x => x.Region);
    }
}

internal static class InstitutionRules
{
    public static void NameAndPlace<T>(
        AbstractValidator<T> v,
        System.Linq.Expressions.Expression<Func<T, string>> name,
        System.Linq.Expressions.Expression<Func<T, string>> nameEn,
        System.Linq.Expressions.Expression<Func<T, InstitutionTier>> tier,
        System.Linq.Expressions.Expression<Func<T, string>> region)
    {
        v.RuleFor(name).NotEmpty().MaximumLength(Institution.NameMaxLength);
        v.RuleFor(nameEn).NotEmpty().MaximumLength(Institution.NameMaxLength);
        v.RuleFor(tier).IsInEnum();
        v.RuleFor(region).NotEmpty().MaximumLength(Institution.RegionMaxLength);
    }
}

internal sealed class CreateInstitutionHandler(IAppDbContext db) : IRequestHandler<CreateInstitution, InstitutionCreated>
{
    public async ValueTask<InstitutionCreated> Handle(CreateInstitution request, CancellationToken cancellationToken)
    {
        var code = request.Code.Trim().ToUpperInvariant();
        if (await db.Institutions.AnyAsync(i => i.Code == code, cancellationToken))
            throw new RequestValidationException("code", "institution.code-taken", new { code });

        var consortiumId = await db.Consortia.OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (consortiumId == Guid.Empty)
            throw new ConflictException("consortium.missing");

        var institution = new Institution(consortiumId, code, request.Name, request.NameEn, request.Tier, request.Region);
        db.Institutions.Add(institution);
        await db.SaveChangesAsync(cancellationToken);
        return new InstitutionCreated(institution.Id);
    }
}
