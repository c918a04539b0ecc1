using Cme.Application.Common.Interfaces;
using Cme.Domain.Consortia;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Cme.Infrastructure.Persistence;

namespace Cme.Infrastructure.Seeding;

/// <summary>Seeds the demo consortium once; running it again changes nothing.</summary>
public sealed class DemoDataSeeder(AppDbContext db, IIdentityService identity, IAuditContext audit, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string DefaultPassword = "Cme-Demo-2026!";

    public async Task SeedAsync(string password, CancellationToken cancellationToken = default)
    {
        audit.Action = "SeedDemoData";
        try
        {
            if (await db.Consortia.AnyAsync(cancellationToken))
                logger.LogInformation("Demo consortium already present");
            else
                await SeedConsortiumAsync(password, cancellationToken);
            if (await db.Courses.AnyAsync(c => c.Code == DemoCourses.HypoglycaemiaCode, cancellationToken))
                logger.LogInformation("Demo courses already present");
            else
                await SeedCoursesAsync(cancellationToken);
        }
        finally
        {
            audit.Action = null;
        }
    }

    private async Task SeedCoursesAsync(CancellationToken cancellationToken)
    {
        var people = await db.Professionals.Where(p => p.Email == "author@demo.cme" || p.Email == "trainer@demo.cme" || p.Email == "cmeadmin@demo.cme")
            .ToDictionaryAsync(p => p.Email, p => p.Id, cancellationToken);
        if (people.Count < 3)
            return;
        var (author, cardiologist, office) = (people["author@demo.cme"], people["trainer@demo.cme"], people["cmeadmin@demo.cme"]);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (course, number) in new[]
        {
            (DemoCourses.Hypoglycaemia(author, now), "YLT-2026-007"),
            (DemoCourses.ChestPain(author, cardiologist, now), "川继教〔2026〕0512号"),
        })
        {
            var version = course.LatestVersion;
            db.Courses.Add(course); // saved as a draft first: the database refuses modules added to a submitted version
            await db.SaveChangesAsync(cancellationToken);
            course.Submit(version.Id, author, now);
            course.Accredit(version.Id, office, now, course.CreditClass, course.CreditValue, course.ProjectLevel, number);
            course.Publish(version.Id, office, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded two published demo scenario courses");
    }

    private async Task SeedConsortiumAsync(string password, CancellationToken cancellationToken)
    {
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
        logger.LogInformation("Seeded the demo consortium: {Institutions} institutions, {People} professionals", institutions.Count, index);
    }
}
