using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Infrastructure.Scheduling;
using Cme.Testing;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Api.Tests.Certificates;

/// <summary>The API with its job servers (Hangfire) on, as in production: the certificate job runs every second.</summary>
public sealed class SchedulerOnApi : CmeApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cme:Scheduler:Enabled"] = "true",
        ["Cme:Certificates:PollSeconds"] = "1",
    };
}

public sealed class CertificateJobTests(SchedulerOnApi api) : IClassFixture<SchedulerOnApi>
{
    [Fact]
    public async Task ACompletion_GetsItsCertificateFromTheScheduledJob_AndOnlyItsPeopleMaySeeIt()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var learner = await setup.CompletedLearnerAsync(offering);

        JsonElement list = default;
        for (var i = 0; i < 60 && (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0); i++)
        {
            await Task.Delay(250);
            list = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?learnerId={learner}");
        }
        var otherInstitution = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var gp = await api.SignedInClientAsync(Demo.Gp);

        list.GetArrayLength().ShouldBe(1);
        var id = list[0].GetProperty("id").GetGuid();
        (await otherInstitution.GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gp.GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gp.PostAsJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.CreateClient().GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ABulkIssue_IsWorkedThroughByTheScheduledJob_WhichTheJobsApiListsWithItsNextFireTime()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var learners = new List<Guid>();
        // As if these completions predate automatic issue: only the batch will issue their certificates. The
        // recurring job is paused meanwhile (removed, then put back), or it could issue them first.
        var recurring = api.Services.GetRequiredService<IRecurringJobManager>();
        recurring.RemoveIfExists(JobCatalog.CertificateWork);
        await WaitUntilNoCertificateRunAsync(setup.Admin);
        for (var i = 0; i < 3; i++)
            learners.Add(await setup.CompletedLearnerAsync(offering));
        await using (var connection = new Npgsql.NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "DELETE FROM pending_certificates p USING credit_ledger e WHERE e.id = p.ledger_entry_id AND e.offering_id = @offering", connection);
            command.Parameters.AddWithValue("offering", offering);
            (await command.ExecuteNonQueryAsync()).ShouldBe(3);
        }
        var job = JobCatalog.Find(api.Services.GetRequiredService<IConfiguration>(), JobCatalog.CertificateWork)!;
        recurring.AddOrUpdate(job.Name, job.Job(), job.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        var batch = (await (await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/certificate-batches", null)).Content
            .ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement progress = default;
        for (var i = 0; i < 80 && (progress.ValueKind != JsonValueKind.Object || progress.GetProperty("status").GetString() != "Completed"); i++)
        {
            await Task.Delay(250);
            progress = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificate-batches/{batch}");
        }
        var jobs = await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs");

        progress.GetProperty("status").GetString().ShouldBe("Completed");
        progress.GetProperty("percent").GetInt32().ShouldBe(100); // the job may have issued one or two before the queue was emptied
        progress.GetProperty("done").GetInt32().ShouldBe(progress.GetProperty("total").GetInt32());
        (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?offeringId={offering}")).GetArrayLength().ShouldBe(3);
        var listed = jobs.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "certificate-work");
        listed.GetProperty("nextRunAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        listed.GetProperty("cron").GetString().ShouldBe("*/1 * * * * *");
    }

    /// <summary>Until no run of the certificate job is enqueued or in progress (at most 30 s).</summary>
    private static async Task WaitUntilNoCertificateRunAsync(HttpClient admin)
    {
        for (var i = 0; i < 120; i++)
        {
            var busy = false;
            foreach (var state in new[] { "Enqueued", "Processing" })
                busy |= (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/runs?state={state}&take=200")).EnumerateArray()
                    .Any(r => r.GetProperty("jobName").GetString() == JobCatalog.CertificateWork);
            if (!busy)
                return;
            await Task.Delay(250);
        }
        throw new ShouldAssertException("the certificate job kept running");
    }
}
