using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Notifications;
using Cme.Api.Tests.Offerings;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Trainers;

/// <summary>
/// The train-the-trainer pathway (issue 14, item 9): anyone applies, one open application at a time; the CME office
/// decides applications and train-the-trainer graduates in one queue, never their own; the person is told.
/// </summary>
public sealed class TrainerApplicationApiTests(NotificationApi api) : IClassFixture<NotificationApi>
{
    // The smallest valid PNG: a 1×1 transparent pixel. The API checks evidence by its bytes.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static readonly object Qualification = new { specialties = new[] { "general-practice" }, level = "Associate", qualifiedUntil = "2028-12-31", maxSessionsPerMonth = 2 };

    [Fact]
    public async Task Gp_Applies_ASecondIsRefused409_SheWithdrawsAndApplies_AndApprovalPutsHerInThePoolAndTellsHer()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var first = await ApplyAsync(gp, "社区全科八年。", url: "https://example.org/record", file: Png);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var second = await ApplyAsync(gp, "再申请一次。", url: "https://example.org/record");
        await ShouldBeRefusedAsync(second, HttpStatusCode.Conflict, "trainer-application.open");

        var pathway = await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/trainer-pathway");
        pathway.GetProperty("isTrainer").GetBoolean().ShouldBeFalse();
        var request = pathway.GetProperty("requests").EnumerateArray().ShouldHaveSingleItem();
        request.GetProperty("status").GetString().ShouldBe("Pending");
        request.GetProperty("evidenceFileName").GetString().ShouldEndWith(".png");
        var firstId = request.GetProperty("id").GetGuid();
        (await gp.PostAsync($"/api/v1/trainer-applications/{firstId}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await ApplyAsync(gp, "社区全科八年，带教三年。", url: "https://example.org/record");
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        var id = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await gp.GetAsync("/api/v1/trainers/candidates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // the queue is the CME office's
        var queue = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/trainers/candidates")).EnumerateArray().Where(c => c.GetProperty("nameZh").GetString() == "王芳").ToList();
        queue.Count.ShouldBe(2);
        queue.Single(c => c.GetProperty("id").GetGuid() == firstId).GetProperty("status").GetString().ShouldBe("Withdrawn");
        var entry = queue.Single(c => c.GetProperty("id").GetGuid() == id);
        entry.GetProperty("status").GetString().ShouldBe("Pending");
        entry.GetProperty("offeringId").ValueKind.ShouldBe(JsonValueKind.Null);
        entry.GetProperty("specialty").GetString().ShouldBe("general-practice");
        entry.GetProperty("yearsOfExperience").GetInt32().ShouldBe(8);
        entry.GetProperty("statement").GetString().ShouldBe("社区全科八年，带教三年。");
        (await admin.GetAsync($"/api/v1/trainer-applications/{firstId}/evidence")).Content.Headers.ContentType!.MediaType.ShouldBe("image/png");

        var approved = await admin.PostAsJsonAsync($"/api/v1/trainers/candidates/{id}/approve", Qualification);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        await api.DispatchAsync();

        var pool = await admin.GetFromJsonAsync<JsonElement>("/api/v1/trainers");
        pool.EnumerateArray().ShouldContain(t => t.GetProperty("nameZh").GetString() == "王芳" && t.GetProperty("level").GetString() == "Associate");
        var relogged = await api.SignedInClientAsync(Demo.Gp);
        (await relogged.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain("Trainer");
        (await relogged.GetFromJsonAsync<JsonElement>("/api/v1/me/trainer-pathway")).GetProperty("isTrainer").GetBoolean().ShouldBeTrue();
        var told = await NoticesAsync(id);
        told.Select(n => n.Channel).Order().ShouldBe(["Email", "InApp"]);
        told.ShouldNotBeEmpty();
        told.ShouldAllBe(n => n.Kind == "TrainerApproved" && n.Status == "Sent" && n.Title == "培训师申请已通过");
        (await AuditCountAsync("ApproveCandidate", id)).ShouldBeGreaterThan(0);
        var inPool = await ApplyAsync(relogged, "已在库中。", url: "https://example.org/record");
        await ShouldBeRefusedAsync(inPool, HttpStatusCode.Conflict, "trainer.already-in-pool");
    }

    [Fact]
    public async Task TheQueue_IsTheCmeOffices_ADeclineNeedsAReason_AndTheApplicantIsToldWhy()
    {
        var applicant = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var applied = await ApplyAsync(applicant, "内分泌专科十年。", url: "https://example.org/author", specialty: "endocrinology", years: "10");
        applied.StatusCode.ShouldBe(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var other = await api.SignedInClientAsync(Demo.Author); // a trainer and author, not the CME office
        (await other.GetAsync("/api/v1/trainers/candidates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.PostAsJsonAsync($"/api/v1/trainers/candidates/{id}/reject", new { reason = "不合适" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await other.GetAsync($"/api/v1/trainer-applications/{id}/evidence")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostAsync($"/api/v1/trainer-applications/{id}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var noReason = await admin.PostAsJsonAsync($"/api/v1/trainers/candidates/{id}/reject", new { reason = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await noReason.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject()
            .ShouldContain(e => e.Name.Equals("reason", StringComparison.OrdinalIgnoreCase));
        (await admin.PostAsJsonAsync($"/api/v1/trainers/candidates/{id}/reject", new { reason = "请补充近三年的带教记录" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await api.DispatchAsync();

        var mine = (await applicant.GetFromJsonAsync<JsonElement>("/api/v1/me/trainer-pathway")).GetProperty("requests").EnumerateArray().ShouldHaveSingleItem();
        mine.GetProperty("status").GetString().ShouldBe("Rejected");
        mine.GetProperty("reason").GetString().ShouldBe("请补充近三年的带教记录");
        var told = await NoticesAsync(id);
        told.Count.ShouldBe(2);
        told.ShouldNotBeEmpty();
        told.ShouldAllBe(n => n.Kind == "TrainerDeclined" && n.Body.Contains("原因：请补充近三年的带教记录。"));
        (await AuditCountAsync("RejectCandidate", id)).ShouldBeGreaterThan(0);
        // Declined, it is no longer open: they may apply again.
        (await ApplyAsync(applicant, "补充了带教记录。", url: "https://example.org/author2", specialty: "endocrinology", years: "10")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Application_WithoutEvidenceOrWithAWrongFile_IsRefused400_NamingTheField()
    {
        var applicant = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var none = await ApplyAsync(applicant, "没有证明材料。");
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await none.Content.ReadAsStringAsync()).ShouldContain("trainer-application.evidence-required");
        var text = await ApplyAsync(applicant, "文本文件。", file: "not a picture"u8.ToArray());
        text.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await text.Content.ReadAsStringAsync()).ShouldContain("activity.evidence-type");
        var badUrl = await ApplyAsync(applicant, "链接不对。", url: "javascript:alert(1)");
        badUrl.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badUrl.Content.ReadAsStringAsync()).ShouldContain("trainer-application.evidence-url");
        var noStatement = await ApplyAsync(applicant, "", url: "https://example.org/x");
        noStatement.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await noStatement.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject()
            .ShouldContain(e => e.Name.Equals("statement", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NobodyDecidesTheirOwnApplication()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var applied = await ApplyAsync(admin, "我也想授课。", url: "https://example.org/admin");
        applied.StatusCode.ShouldBe(HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await ShouldBeRefusedAsync(await admin.PostAsJsonAsync($"/api/v1/trainers/candidates/{id}/approve", Qualification), HttpStatusCode.Forbidden, "duties.own-record");
        await ShouldBeRefusedAsync(await admin.PostAsJsonAsync($"/api/v1/trainers/candidates/{id}/reject", new { reason = "自己拒绝" }), HttpStatusCode.Forbidden, "duties.own-record");
        var mine = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me/trainer-pathway")).GetProperty("requests").EnumerateArray().ShouldHaveSingleItem();
        mine.GetProperty("status").GetString().ShouldBe("Pending");
    }

    [Fact]
    public async Task FinishingATrainTheTrainerOffering_MakesACandidateInTheSameQueue_AndTellsThem()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync(course: "ENDO-HYPO-01", qualifiesTrainers: true);
        var trainer = await api.SignedInClientAsync(Demo.Trainer); // already in the pool: finishing adds no candidacy
        var someone = await setup.NewProfessionalAsync();
        var onBehalf = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = someone });
        var enrolment = (await onBehalf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await api.DispatchAsync();

        var candidate = (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/trainers/candidates")).EnumerateArray()
            .Where(c => c.GetProperty("offeringId").ValueKind == JsonValueKind.String && c.GetProperty("offeringId").GetGuid() == offering).ShouldHaveSingleItem();
        candidate.GetProperty("professionalId").GetGuid().ShouldBe(someone);
        candidate.GetProperty("statement").ValueKind.ShouldBe(JsonValueKind.Null);
        var told = await NoticesAsync(candidate.GetProperty("id").GetGuid());
        told.ShouldNotBeEmpty();
        told.ShouldAllBe(n => n.Kind == "TrainerCandidacy" && n.Title.StartsWith("培训师候选："));
        (await trainer.GetFromJsonAsync<JsonElement>("/api/v1/me/trainer-pathway")).GetProperty("isTrainer").GetBoolean().ShouldBeTrue();
    }

    private static Task<HttpResponseMessage> ApplyAsync(HttpClient client, string statement, string? url = null, byte[]? file = null,
        string specialty = "general-practice", string years = "8")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(specialty), "specialty" },
            { new StringContent(years), "yearsOfExperience" },
            { new StringContent(statement), "statement" },
        };
        if (url is not null)
            form.Add(new StringContent(url), "evidenceUrl");
        if (file is not null)
            form.Add(new ByteArrayContent(file), "file", "带教证明.png");
        return client.PostAsync("/api/v1/trainer-applications", form);
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe(code);
    }

    private sealed record Notice(string Kind, string Channel, string Status, string Title, string Body);

    private async Task<List<Notice>> NoticesAsync(Guid subject)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT kind, channel, status, coalesce(title, ''), coalesce(body, '') FROM notifications WHERE subject_id = @s", connection);
        command.Parameters.AddWithValue("s", subject);
        var rows = new List<Notice>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Notice(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return rows;
    }

    private async Task<long> AuditCountAsync(string action, Guid entity)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_log WHERE action = @a AND entity_type = 'TrainerCandidate' AND entity_id = @e", connection);
        command.Parameters.AddWithValue("a", action);
        command.Parameters.AddWithValue("e", entity.ToString());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
