using Cme.Application.Common.Interfaces;
using Cme.Domain.Credits;
using Cme.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Cme.Infrastructure.Seeding;

/// <summary>Data every installation needs, in every environment: the shipped credit policy presets.</summary>
public sealed class ReferenceDataSeeder(AppDbContext db, IAuditContext audit)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var present = await db.CreditPolicies.Select(p => new { p.Code, p.EffectiveFrom }).ToListAsync(cancellationToken);
        var missing = PolicyPresets.All().Where(p => !present.Any(x => x.Code == p.Code && x.EffectiveFrom == p.EffectiveFrom)).ToList();
        if (missing.Count == 0)
            return;
        audit.Action = "SeedCreditPolicies";
        db.CreditPolicies.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        audit.Action = null;
    }
}
