using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Institutions;

[Authenticated]
public sealed record GetInstitution(Guid Id) : IQuery<InstitutionDetails>;

internal sealed class GetInstitutionHandler(IAppDbContext db) : IRequestHandler<GetInstitution, InstitutionDetails>
{
    public async ValueTask<InstitutionDetails> Handle(GetInstitution request, CancellationToken cancellationToken) =>
        await db.Institutions.AsNoTracking()
            .Where(i => i.Id == request.Id)
            .Select(i => new InstitutionDetails(i.Id, i.Code, i.Name, i.NameEn, i.Tier, i.Region))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Institution", request.Id);
}
