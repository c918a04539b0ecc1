using Cme.Application.Common.Interfaces;
using Cme.Domain.Consortia;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Cme.Infrastructure.Persistence;

namespace Cme.Infrastructure.Seeding;

/// <summary>Seeds the demo consortium once; running it again changes nothing.</summary>
public sealed class DemoDataSeeder(AppDbContext db, IIdentityService identity, IAuditContext audit, ILogger<DemoDataSeeder> logger)
{
    public const string DefaultPassword = "Cme-Demo-2026!";

    public async Task SeedAsync(string password, CancellationToken cancellationToken = default)
    {
        if (await db.Consortia.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo data already present; nothing to seed");
            return;
        }
        audit.Action = "SeedDemoData";
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var consortium = new Consortium(DemoConsortium.Name, DemoConsortium.NameEn);
        db.Consortia.Add(consortium);
        var institutions = DemoConsortium.Institutions.ToDictionary(
            i => i.Code, i => new Institution(consortium.Id, i.Code, i.Name, i.NameEn, i.Tier, i.Region));
        db.Institutions.AddRange(institutions.Values);
        await db.SaveChangesAsync(cancellationToken);

        var index = 0;
        foreach (var person in DemoConsortium.Accounts.Concat(DemoConsortium.Staff()))
        {
            var professional = new Professional(institutions[person.InstitutionCode].Id, person.NameZh, person.NameLatin,
                person.Profession, person.Title, DemoConsortium.Licence(index++), person.Email, Languages.Chinese);
            if (person.Roles.Length > 0)
                professional.LinkAccount(await identity.CreateUserAsync(person.Email, password, person.Roles, cancellationToken));
            db.Professionals.Add(professional);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        audit.Action = null;
        logger.LogInformation("Seeded the demo consortium: {Institutions} institutions, {People} professionals", institutions.Count, index);
    }
}
