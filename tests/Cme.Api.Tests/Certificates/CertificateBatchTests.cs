using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Application.Certificates;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cme.Api.Tests.Certificates;

/// <summary>No job scheduler here (the default for tests): the tests drive the certificate work themselves, crash included.</summary>
public sealed class CertificateBatchApi : CmeApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cme:Verification:PermitsPerMinute"] = "5",
    };
}

public sealed class CertificateBatchTests(CertificateBatchApi api) : IClassFixture<CertificateBatchApi>
{
    private async Task<int> CountAsync(string sql, Guid offering)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("offering", offering) } };
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task BulkIssue_ShowsItsProgress_AndAfterACrashResumesWithoutIssuingAnythingTwice()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        for (var i = 0; i < 8; i++)
            await setup.CompletedLearnerAsync(offering);
        var work = api.Services.GetRequiredService<CertificateWork>();
        // As if these completions predate automatic issue: only the batch will issue their certificates.
        await CountAsync("DELETE FROM pending_certificates p USING credit_ledger e WHERE e.id = p.ledger_entry_id AND e.offering_id = @offering", offering);

        var started = await (await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/certificate-batches", null)).Content.ReadFromJsonAsync<JsonElement>();
        var batch = started.GetProperty("id").GetGuid();
        var startedAgain = await (await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/certificate-batches", null)).Content.ReadFromJsonAsync<JsonElement>();
        await work.RunBatchAsync(batch, CancellationToken.None, stopAfter: 3); // the server "dies" after three certificates
        var midway = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificate-batches/{batch}");
        var notYetStale = await work.RunOnceAsync(CancellationToken.None);
        await CountAsync("UPDATE certificate_batches SET heartbeat_at = now() - interval '1 minute' WHERE offering_id = @offering", offering);
        var resumed = await work.RunOnceAsync(CancellationToken.None);
        var finished = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificate-batches/{batch}");
        var nothingLeft = await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/certificate-batches", null);

        started.GetProperty("total").GetInt32().ShouldBe(8);
        startedAgain.GetProperty("id").GetGuid().ShouldBe(batch);
        midway.GetProperty("done").GetInt32().ShouldBe(3);
        midway.GetProperty("percent").GetInt32().ShouldBe(37);
        midway.GetProperty("status").GetString().ShouldBe("Running");
        notYetStale.ShouldBe(0); // another worker's batch is left alone while its heartbeat is fresh
        resumed.ShouldBe(5);
        finished.GetProperty("status").GetString().ShouldBe("Completed");
        finished.GetProperty("percent").GetInt32().ShouldBe(100);
        (await CountAsync("SELECT count(*) FROM certificates WHERE offering_id = @offering", offering)).ShouldBe(8);
        (await CountAsync("SELECT count(DISTINCT ledger_entry_id) FROM certificates WHERE offering_id = @offering", offering)).ShouldBe(8);
        nothingLeft.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ACompletionQueuesItsCertificate_AndTheDatabaseKeepsItAsIssued()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        await setup.CompletedLearnerAsync(offering);
        var queued = await CountAsync(
            "SELECT count(*) FROM pending_certificates p JOIN credit_ledger e ON e.id = p.ledger_entry_id WHERE e.offering_id = @offering", offering);

        await api.Services.GetRequiredService<CertificateWork>().RunOnceAsync(CancellationToken.None);
        var changePdf = () => CountAsync("UPDATE certificates SET pdf = '\\x00'::bytea WHERE offering_id = @offering", offering);
        var changeName = () => CountAsync("UPDATE certificates SET learner_name_zh = '李四' WHERE offering_id = @offering", offering);
        var delete = () => CountAsync("DELETE FROM certificates WHERE offering_id = @offering", offering);

        queued.ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM certificates WHERE offering_id = @offering", offering)).ShouldBe(1);
        (await Should.ThrowAsync<PostgresException>(changePdf)).MessageText.ShouldContain("kept as issued");
        (await Should.ThrowAsync<PostgresException>(changeName)).MessageText.ShouldContain("kept as issued");
        (await Should.ThrowAsync<PostgresException>(delete)).MessageText.ShouldContain("never deleted");
    }

    [Fact]
    public async Task Verification_IsRateLimitedPerClient()
    {
        var stranger = api.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            answers.Add((await stranger.GetAsync($"/api/v1/certificates/verify/GUESS{i}")).StatusCode);
        var limited = await stranger.GetAsync("/api/v1/certificates/verify/GUESS");

        answers.Take(5).ShouldAllBe(s => s == HttpStatusCode.NotFound);
        answers.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("verification.too-many");
    }
}
