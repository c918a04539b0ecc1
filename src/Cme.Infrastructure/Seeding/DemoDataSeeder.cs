using Cme.Application.Common.Interfaces;
using Cme.Domain.Consortia;
using Cme.Domain.Courses;
using Cme.Domain.Offerings;
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

    /// <param name="liveClassMinutes">When above 0, also a class under way whose session ends this many minutes from now (run.sh).</param>
    public async Task SeedAsync(string password, int liveClassMinutes = 0, CancellationToken cancellationToken = default)
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
            if (await db.Offerings.AnyAsync(cancellationToken))
                logger.LogInformation("Demo offerings already present");
            else
                await SeedOfferingsAsync(cancellationToken);
            if (liveClassMinutes > 0 && !await db.Offerings.AnyAsync(o => o.Title == DemoOfferings.LiveClassTitle, cancellationToken))
                await SeedLiveClassAsync(liveClassMinutes, cancellationToken);
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

    private async Task SeedOfferingsAsync(CancellationToken cancellationToken)
    {
        var people = await db.Professionals.Where(p => p.Email == "author@demo.cme" || p.Email == "trainer@demo.cme" || p.Email == "cmeadmin@demo.cme"
                || p.Email == "gp@demo.cme")
            .ToDictionaryAsync(p => p.Email, p => (p.Id, p.InstitutionId), cancellationToken);
        var courses = await db.CourseVersions.Where(v => v.Status == CourseVersionStatus.Published)
            .Join(db.Courses, v => v.CourseId, c => c.Id, (v, c) => new { c.Code, CourseId = c.Id, VersionId = v.Id })
            .ToDictionaryAsync(x => x.Code, cancellationToken);
        if (people.Count < 4 || !courses.ContainsKey(DemoCourses.ChestPainCode) || !courses.ContainsKey(DemoCourses.HypoglycaemiaCode))
            return;
        var wch = await db.Institutions.Where(i => i.Code == "WCH").Select(i => i.Id).SingleAsync(cancellationToken);
        var fangcao = await db.Institutions.Where(i => i.Code == "CHSC-FC").Select(i => i.Id).SingleAsync(cancellationToken);
        var office = people["cmeadmin@demo.cme"].Id;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var cardiologist = DemoOfferings.Cardiologist(people["trainer@demo.cme"].Id, people["trainer@demo.cme"].InstitutionId);
        var endocrinologist = DemoOfferings.Endocrinologist(people["author@demo.cme"].Id, people["author@demo.cme"].InstitutionId);
        db.Trainers.AddRange(cardiologist, endocrinologist);
        var chestPain = courses[DemoCourses.ChestPainCode];
        var hypo = courses[DemoCourses.HypoglycaemiaCode];
        var chestPainClass = DemoOfferings.ChestPainClass(chestPain.CourseId, chestPain.VersionId, wch, office, now);
        var round = DemoOfferings.HypoglycaemiaRound(hypo.CourseId, hypo.VersionId, wch, office, now);
        db.Offerings.AddRange(chestPainClass, round);
        var sessions = new[]
        {
            (new Session(chestPainClass.Id, DemoOfferings.At(now, 7, 14, 120, "胸痛的识别与心电图判读", SessionType.Lecture, wch, "华西医院 第八教学楼 201", null)), cardiologist),
            (new Session(chestPainClass.Id, DemoOfferings.At(now, 14, 14, 90, "病例讨论：基层胸痛转诊", SessionType.CaseDiscussion, fangcao, "芳草社区卫生服务中心 三楼会议室", null)), cardiologist),
            (new Session(round.Id, DemoOfferings.At(now, 9, 15, 90, "远程教学查房：老年糖尿病低血糖", SessionType.RemoteTeachingRound, wch, null, "https://meeting.example.org/cme/hypo-round")), endocrinologist),
        };
        foreach (var (session, trainer) in sessions)
        {
            db.Sessions.Add(session);
            db.SessionTrainers.Add(session.Assign(trainer.Id, office, now));
        }
        db.Enrolments.Add(new Enrolment(chestPainClass.Id, people["gp@demo.cme"].Id, seatFree: true, people["gp@demo.cme"].Id, now, null));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the demo trainer pool and two offerings");
    }

    /// <summary>
    /// A class under way right now whose one session ends in <paramref name="minutes"/> minutes, with the
    /// demo GP checked in and her evaluation sent: watch her credits, certificate and notice arrive by
    /// themselves when it ends (run.sh asks for it; tests do not).
    /// </summary>
    private async Task SeedLiveClassAsync(int minutes, CancellationToken cancellationToken)
    {
        var people = await db.Professionals.Where(p => p.Email == "trainer@demo.cme" || p.Email == "cmeadmin@demo.cme" || p.Email == "gp@demo.cme")
            .ToDictionaryAsync(p => p.Email, p => p.Id, cancellationToken);
        var course = await db.CourseVersions.Where(v => v.Status == CourseVersionStatus.Published)
            .Join(db.Courses.Where(c => c.Code == DemoCourses.ChestPainCode), v => v.CourseId, c => c.Id, (v, c) => new { CourseId = c.Id, VersionId = v.Id })
            .SingleOrDefaultAsync(cancellationToken);
        var trainer = await db.Trainers.Where(t => people.Values.Contains(t.ProfessionalId)).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (people.Count < 3 || course is null || trainer is null)
            return;
        var wch = await db.Institutions.Where(i => i.Code == "WCH").Select(i => i.Id).SingleAsync(cancellationToken);
        var (office, gp) = (people["cmeadmin@demo.cme"], people["gp@demo.cme"]);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var offering = DemoOfferings.LiveClass(course.CourseId, course.VersionId, wch, office, now);
        db.Offerings.Add(offering);
        var session = new Session(offering.Id, DemoOfferings.LiveSession(now, minutes, wch));
        db.Sessions.Add(session);
        db.SessionTrainers.Add(session.Assign(trainer.Value, office, now));
        db.Enrolments.Add(new Enrolment(offering.Id, gp, seatFree: true, gp, now, null));
        var attendance = new Domain.Attendance.AttendanceRecord(session.Id, gp);
        attendance.CheckIn(session.StartsAt, session.EndsAt, session.StartsAt, Domain.Attendance.AttendanceSource.QrCode, gp);
        db.Attendance.Add(attendance);
        db.CourseEvaluations.Add(new Domain.Attendance.CourseEvaluation(offering.Id, gp, 5, 5, 4, 5, "病例贴近基层实际。", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded a live demo class whose session ends at {EndsAt:u}", session.EndsAt);
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
                professional.LinkAccount(await identity.CreateUserAsync(person.Email, password, person.Roles, temporaryPassword: false, cancellationToken));
            db.Professionals.Add(professional);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded the demo consortium: {Institutions} institutions, {People} professionals", institutions.Count, index);
    }
}
