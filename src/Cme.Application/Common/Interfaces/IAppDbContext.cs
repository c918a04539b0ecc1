using Cme.Domain.Auditing;
using Cme.Domain.Consortia;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Common.Interfaces;

public interface IAppDbContext
{
    DbSet<Consortium> Consortia { get; }
    DbSet<Institution> Institutions { get; }
    DbSet<Professional> Professionals { get; }
    DbSet<AuditEntry> AuditEntries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
