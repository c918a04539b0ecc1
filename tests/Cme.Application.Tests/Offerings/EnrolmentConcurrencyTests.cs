using Cme.Application.Common.Exceptions;
using Cme.Application.Offerings;
using Cme.Domain.Offerings;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cme.Application.Tests.Offerings;

public sealed class EnrolmentConcurrencyTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    private async Task<(Guid OfferingId, Guid InstitutionId)> OfferingAsync(int capacity, bool waitlist)
    {
        var course = await app.QueryAsync(db => db.Courses.Where(c => c.Code == "CARD-CP-01").Select(c => c.Id).SingleAsync());
        var host = await app.QueryAsync(db => db.Institutions.Where(i => i.Code == "CHSC-FC").Select(i => i.Id).SingleAsync());
        var now = DateTimeOffset.UtcNow;
        var created = await app.SendAs(Demo.CmeAdmin, new CreateOffering(course, new OfferingInput(
            $"并发测试 {Guid.NewGuid():N}"[..20], Modality.FaceToFace, host, [], [], [], capacity, now.AddDays(-1), now.AddDays(10), waitlist,
            75, null, true, false, false, null))); // CARD-CP-01 has no post-test
        return (created.Id, host);
    }

    private async Task<List<Guid>> LearnersAsync(Guid institutionId, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO professionals (id, institution_id, name_zh, name_latin, profession, title_level, licence_number, email, preferred_language)
                VALUES ($1, $2, $3, $4, 'GeneralPractitioner', 'Junior', $5, $6, 'zh-CN')
                """, connection);
            foreach (var value in new object[] { id, institutionId, $"学员{i}", $"Learner {i}", "L" + id.ToString("N")[^19..], $"l{id:N}@test.cme" })
                insert.Parameters.Add(new() { Value = value });
            await insert.ExecuteNonQueryAsync();
        }
        return ids;
    }

    [Fact]
    public async Task TwoHundredSimultaneousEnrolments_ForFiftySeats_GiveFiftyEnrolledAndAHundredAndFiftyWaitlistedInArrivalOrder()
    {
        var (offering, institution) = await OfferingAsync(capacity: 50, waitlist: true);
        var learners = await LearnersAsync(institution, 200);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var enrolling = learners.Select(learner => Task.Run(async () =>
        {
            await gate.Task;
            return await app.SendAsProfessional(learner, institution, new Enrol(offering));
        })).ToList();

        gate.SetResult(); // all 200 go at once
        var results = await Task.WhenAll(enrolling);

        results.Count(r => r.Status == EnrolmentStatus.Enrolled).ShouldBe(50);
        results.Count(r => r.Status == EnrolmentStatus.Waitlisted).ShouldBe(150);
        results.Where(r => r.Status == EnrolmentStatus.Waitlisted).Select(r => r.WaitlistPosition!.Value).Order()
            .ShouldBe(Enumerable.Range(1, 150));
        var rows = await app.QueryAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offering)
            .OrderBy(e => e.Arrival).Select(e => new { e.Id, e.Status }).ToListAsync());
        rows.Take(50).ShouldAllBe(e => e.Status == EnrolmentStatus.Enrolled);
        rows.Skip(50).ShouldAllBe(e => e.Status == EnrolmentStatus.Waitlisted);
        var positions = results.Where(r => r.Status == EnrolmentStatus.Waitlisted).OrderBy(r => r.WaitlistPosition).Select(r => r.Id);
        positions.ShouldBe(rows.Skip(50).Select(e => e.Id), "waitlist positions follow arrival order");
    }

    [Fact]
    public async Task CancellingASeat_PromotesTheFirstWaitlisted_InTheSameTransaction()
    {
        var (offering, institution) = await OfferingAsync(capacity: 1, waitlist: true);
        var (first, second, third) = (await LearnersAsync(institution, 3)) switch { var l => (l[0], l[1], l[2]) };
        var seat = await app.SendAsProfessional(first, institution, new Enrol(offering));
        var waiting = await app.SendAsProfessional(second, institution, new Enrol(offering));
        await app.SendAsProfessional(third, institution, new Enrol(offering));

        await app.SendAsProfessional(first, institution, new CancelEnrolment(seat.Id, "临时有手术"));

        var statuses = await app.QueryAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offering)
            .ToDictionaryAsync(e => e.LearnerId, e => e.Status));
        statuses[first].ShouldBe(EnrolmentStatus.Cancelled);
        statuses[second].ShouldBe(EnrolmentStatus.Enrolled);
        statuses[third].ShouldBe(EnrolmentStatus.Waitlisted);
        waiting.WaitlistPosition.ShouldBe(1);
    }

    [Fact]
    public async Task SecondEnrolment_InTheSameOffering_IsAConflictAndWritesNothing()
    {
        var (offering, institution) = await OfferingAsync(capacity: 5, waitlist: false);
        var learner = (await LearnersAsync(institution, 1))[0];
        await app.SendAsProfessional(learner, institution, new Enrol(offering));

        var error = await Should.ThrowAsync<ConflictException>(() => app.SendAsProfessional(learner, institution, new Enrol(offering)));

        error.Reason.Code.ShouldBe("enrolment.already");
        (await app.QueryAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == offering))).ShouldBe(1);
    }

    [Fact]
    public async Task FullOffering_WithoutWaitlist_RefusesWithAClearMessage()
    {
        var (offering, institution) = await OfferingAsync(capacity: 1, waitlist: false);
        var learners = await LearnersAsync(institution, 2);
        await app.SendAsProfessional(learners[0], institution, new Enrol(offering));

        var error = await Should.ThrowAsync<ConflictException>(() => app.SendAsProfessional(learners[1], institution, new Enrol(offering)));

        error.Reason.Code.ShouldBe("enrolment.full");
    }
}
