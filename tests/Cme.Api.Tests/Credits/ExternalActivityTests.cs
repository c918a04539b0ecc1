using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Api.Tests.Credits;

public sealed class ExternalActivityTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static MultipartFormDataContent Activity(string title, byte[] evidence, string fileName = "证明.pdf") => new()
    {
        { new StringContent("Conference"), "kind" }, { new StringContent(title), "title" },
        { new StringContent("2026-10-12"), "startDate" }, { new StringContent("2026-10-13"), "endDate" },
        { new StringContent("12"), "hours" }, { new StringContent("4"), "claimedCredits" }, { new StringContent("II"), "creditClass" },
        { new ByteArrayContent(evidence), "file", fileName },
    };

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task Evidence_SentAsHtml_IsServedUnderTheNameOfItsDetectedType()
    {
        // Probe finding 10: a PDF with HTML after it, named poly.html, must not come back as an .html file.
        var polyglot = Pdf.Concat(Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")).ToArray();
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var submitted = await gp.PostAsync("/api/v1/credits/activities", Activity("多格式文件", polyglot, "poly.html"));
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var evidence = await (await api.SignedInClientAsync(Demo.InstitutionAdmin)).GetAsync($"/api/v1/credits/activities/{id}/evidence");

        evidence.StatusCode.ShouldBe(HttpStatusCode.OK);
        evidence.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var disposition = evidence.Content.Headers.ContentDisposition!;
        (disposition.FileNameStar ?? disposition.FileName!.Trim('"')).ShouldBe("poly.pdf");
        (await evidence.Content.ReadAsByteArrayAsync()).ShouldBe(polyglot);
    }

    [Fact]
    public async Task GpRecordsAConference_HerInstitutionApproves_AndTheLedgerGainsAConferenceEntry()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var submitted = await gp.PostAsync("/api/v1/credits/activities", Activity("四川省全科医学年会", Pdf));
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var queue = await instAdmin.GetFromJsonAsync<JsonElement>("/api/v1/credits/activities?status=Pending");
        var evidence = await instAdmin.GetAsync($"/api/v1/credits/activities/{id}/evidence");
        var approved = await instAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { comment = "会议证明齐全" });
        var again = await instAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { comment = "再次" });

        queue.EnumerateArray().ShouldContain(a => a.GetProperty("id").GetGuid() == id);
        evidence.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var transcript = await gp.GetFromJsonAsync<JsonElement>("/api/v1/credits/transcript?from=2026&to=2026");
        var entry = transcript.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("source").GetString() == "Conference");
        entry.GetProperty("credits").GetDecimal().ShouldBe(4m);
        entry.GetProperty("hours").GetDecimal().ShouldBe(12m);
    }

    [Fact]
    public async Task Evidence_IsCheckedByItsBytes_AndAnotherInstitutionCannotDecide()
    {
        var specialist = await api.SignedInClientAsync(Demo.Author);
        var disguised = await specialist.PostAsync("/api/v1/credits/activities", Activity("伪装文件", "<html><script>x</script>"u8.ToArray()));
        var real = await specialist.PostAsync("/api/v1/credits/activities", Activity("中华医学会心血管年会", Pdf));
        var id = (await real.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var otherInstitution = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        disguised.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await disguised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();
        (await otherInstitution.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { comment = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var rejected = await (await api.SignedInClientAsync(Demo.CmeAdmin)).PostAsJsonAsync($"/api/v1/credits/activities/{id}/reject", new { comment = "缺少学分证明" });
        rejected.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var mine = await specialist.GetFromJsonAsync<JsonElement>("/api/v1/credits/activities?mine=true");
        mine.EnumerateArray().Single().GetProperty("status").GetString().ShouldBe("Rejected");
    }

    [Fact]
    public async Task Approve_FewerCreditsThanClaimed_NeedsAReason_NeverMoreThanClaimed_AndTheTranscriptCarriesValuesNotSentences()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var submitted = await gp.PostAsync("/api/v1/credits/activities", Activity("成都全科论坛（部分认定）", Pdf));
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var cmeAdmin = await api.SignedInClientAsync(Demo.CmeAdmin);
        async Task<JsonElement> Errors(HttpResponseMessage response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        var more = await Errors(await cmeAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { awardedCredits = 5, comment = "多给" }));
        var none = await Errors(await cmeAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { awardedCredits = 0, comment = "零" }));
        var noReason = await Errors(await cmeAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { awardedCredits = 1.5 }));
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var hers = (await (await instAdmin.PostAsync("/api/v1/credits/activities", Activity("本人申报的年会", Pdf))).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        var own = await instAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{hers}/approve", new { awardedCredits = 2, comment = "自己认定" });
        var approved = await cmeAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{id}/approve", new { awardedCredits = 1.5, comment = "仅一天有学时证明" });

        more.TryGetProperty("awardedCredits", out _).ShouldBeTrue(more.ToString());
        none.TryGetProperty("awardedCredits", out _).ShouldBeTrue(none.ToString());
        noReason.GetProperty("comment")[0].GetString()!.ShouldContain("原因");
        own.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("activity.decide-own");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var transcript = await gp.GetFromJsonAsync<JsonElement>("/api/v1/credits/transcript?from=2026&to=2026");
        var entry = transcript.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("reason").GetString() == "成都全科论坛（部分认定）");
        entry.GetProperty("credits").GetDecimal().ShouldBe(1.5m);
        var activity = entry.GetProperty("activity");
        (activity.GetProperty("claimedCredits").GetDecimal(), activity.GetProperty("awardedCredits").GetDecimal()).ShouldBe((4m, 1.5m));
        activity.GetProperty("comment").GetString().ShouldBe("仅一天有学时证明");
        var csv = System.Text.Encoding.UTF8.GetString(await gp.GetByteArrayAsync("/api/v1/credits/transcript.csv?from=2026&to=2026"));
        csv.ShouldContain("申报 4 学分，认定 1.5 学分；仅一天有学时证明");
        csv.ShouldNotContain("capped");
        // Who decided what, with the awarded credits and the reason, is in the audit trail.
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Cme.Infrastructure.Persistence.AppDbContext>();
        var audited = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "ApproveExternalActivity" && a.EntityType == "ExternalActivity" && a.EntityId == id.ToString()).ToListAsync();
        audited.Count.ShouldBe(1);
        audited[0].UserName.ShouldBe(Demo.CmeAdmin);
        audited[0].Changes!.ShouldContain("仅一天有学时证明");
        audited[0].Changes!.ShouldContain("1.5");
    }
}
