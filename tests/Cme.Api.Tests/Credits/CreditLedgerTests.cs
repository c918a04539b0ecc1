using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Credits;

public sealed class CreditLedgerTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private async Task<(OfferingSetup Setup, Guid Enrolment, HttpClient Learner)> EnrolledAsync(string email)
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        await setup.SessionAsync(offering, OfferingSetup.NextMonth(3, 9), minutes: 180);
        var learner = await api.SignedInClientAsync(email);
        var enrolment = (await (await learner.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        return (setup, enrolment, learner);
    }

    [Fact]
    public async Task Completion_AwardsTheAccreditedCreditsOnce_EvenWhenTriggeredAHundredTimesAtOnce()
    {
        var (setup, enrolment, learner) = await EnrolledAsync(Demo.Gp);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.NoContent).ShouldBe(1);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.NoContent || r.StatusCode == HttpStatusCode.Conflict);
        var transcript = await learner.GetFromJsonAsync<JsonElement>("/api/v1/credits/transcript");
        var awards = transcript.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("source").GetString() == "Completion").ToList();
        awards.Count.ShouldBe(1);
        awards[0].GetProperty("credits").GetDecimal().ShouldBe(2m); // CARD-CP-01 is accredited for 2 Class I credits
        awards[0].GetProperty("hours").GetDecimal().ShouldBe(3m);
        awards[0].GetProperty("creditClass").GetString().ShouldBe("I");
    }

    [Fact]
    public async Task Standing_SaysWhatIsMissingAgainstTheActivePolicy_AndFollowsAChangeOfPolicy()
    {
        var (setup, enrolment, learner) = await EnrolledAsync(Demo.InstitutionAdmin);
        await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" });

        var china2024 = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/credits");
        (await setup.Admin.PutAsJsonAsync("/api/v1/credit-policies/active", new { code = "CN-2006" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var china2006 = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/credits");
        await setup.Admin.PutAsJsonAsync("/api/v1/credit-policies/active", new { code = "CN-2024" });

        china2024.GetProperty("status").GetString().ShouldBe("AtRisk");
        china2024.GetProperty("countedCredits").GetDecimal().ShouldBe(2m);
        china2024.GetProperty("shortfalls").EnumerateArray().Select(Missing).ShouldBe([("credits", 23m, 2m, 25m), ("hours", 87m, 3m, 90m)]);
        china2006.GetProperty("shortfalls").EnumerateArray().Select(Missing).ShouldContain(m => m.Item1 == "class" && m.Item2 == 3m);
    }

    [Fact]
    public async Task Revocation_AndAdjustment_NeedReasons_AndAnAwardIsRevokedOnlyOnce()
    {
        var (setup, enrolment, learner) = await EnrolledAsync(Demo.Trainer);
        await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" });
        var me = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();
        var award = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/credits/transcript")).GetProperty("entries")[0].GetProperty("id").GetGuid();

        var noReason = await setup.Admin.PostAsJsonAsync($"/api/v1/credits/entries/{award}/revoke", new { reason = "" });
        var revoked = await setup.Admin.PostAsJsonAsync($"/api/v1/credits/entries/{award}/revoke", new { reason = "考勤记录有误" });
        var twice = await setup.Admin.PostAsJsonAsync($"/api/v1/credits/entries/{award}/revoke", new { reason = "再次" });
        var adjusted = await setup.Admin.PostAsJsonAsync("/api/v1/credits/adjustments",
            new { professionalId = me, credits = 1.5, hours = 4, creditClass = "II", year = DateTime.UtcNow.Year, reason = "补录院内学术讲座" });
        var byLearner = await learner.PostAsJsonAsync("/api/v1/credits/adjustments",
            new { professionalId = me, credits = 50, hours = 0, creditClass = "I", year = DateTime.UtcNow.Year, reason = "自己加" });

        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        adjusted.StatusCode.ShouldBe(HttpStatusCode.OK);
        byLearner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var standing = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/credits");
        standing.GetProperty("countedCredits").GetDecimal().ShouldBe(1.5m);
        var entries = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/credits/transcript")).GetProperty("entries").EnumerateArray().ToList();
        entries.Select(e => e.GetProperty("kind").GetString()).ShouldBe(["Award", "Revocation", "Adjustment"]);
        entries[0].GetProperty("revoked").GetBoolean().ShouldBeTrue();
        entries[1].GetProperty("reason").GetString().ShouldBe("考勤记录有误");
    }

    [Fact]
    public async Task Transcript_OfAnotherInstitutionsPerson_Is404ForAnInstitutionAdmin()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var specialist = await setup.ProfessionalAsync(Demo.Author);
        var colleague = await setup.ProfessionalAsync(Demo.Gp);
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        (await instAdmin.GetAsync($"/api/v1/credits/transcript?professionalId={specialist}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await instAdmin.GetAsync($"/api/v1/credits/transcript?professionalId={colleague}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await api.SignedInClientAsync(Demo.Gp)).GetAsync($"/api/v1/credits/transcript?professionalId={specialist}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static (string?, decimal, decimal, decimal) Missing(JsonElement s) =>
        (s.GetProperty("kind").GetString(), s.GetProperty("missing").GetDecimal(), s.GetProperty("have").GetDecimal(), s.GetProperty("required").GetDecimal());
}
