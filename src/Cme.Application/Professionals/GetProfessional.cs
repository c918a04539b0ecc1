using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Professionals;

[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record GetProfessional(Guid Id) : IQuery<ProfessionalDetails>;

internal sealed class GetProfessionalHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity)
    : IRequestHandler<GetProfessional, ProfessionalDetails>
{
    public async ValueTask<ProfessionalDetails> Handle(GetProfessional request, CancellationToken cancellationToken)
    {
        var row = await (from p in StaffAccess.Visible(db.Professionals.AsNoTracking(), user)
                         join i in db.Institutions on p.InstitutionId equals i.Id
                         where p.Id == request.Id
                         select new { Professional = p, InstitutionName = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name) })
                  .SingleOrDefaultAsync(cancellationToken)
                  ?? throw new NotFoundException("Professional", request.Id);
        var pro = row.Professional;
        var roles = pro.UserId is { } userId ? await identity.GetRolesAsync(userId, cancellationToken) : [];
        return new ProfessionalDetails(
            pro.Id, pro.NameZh, pro.NameLatin, pro.Profession, pro.TitleLevel, pro.LicenceNumber, pro.InstitutionId, row.InstitutionName,
            pro.Email, pro.PreferredLanguage, roles,
            HasAccount: pro.UserId is not null,
            SignInDisabled: pro.UserId is { } account && await identity.IsSignInDisabledAsync(account, cancellationToken));
    }
}
