using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Web.Tests.Certificates;

/// <summary>Offerings and their completions, made through the API as the CME office would.</summary>
internal sealed class CertificateApiSetup(HttpClient admin)
{
    /// <summary>The title of the demo course CARD-CP-01.</summary>
    public const string CourseTitle = "基层胸痛：识别急性冠脉综合征与转诊决策";

    public HttpClient Admin => admin;

    public static async Task<CertificateApiSetup> StartAsync(CmeApiFactory api) => new(await api.SignedInClientAsync(Demo.CmeAdmin));

    /// <summary>A run of CARD-CP-01 at West China Hospital, open to everyone, with one session next month.</summary>
    public async Task<Guid> OfferingAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/v1/offerings", new
        {
            courseId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=CARD-CP-01")).GetProperty("items")[0].GetProperty("courseId").GetGuid(),
            offering = new
            {
                title = "2026年冬季班", modality = "FaceToFace", hostInstitutionId = await InstitutionAsync("WCH"),
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity = 100, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = (decimal?)null, scenarioPassRequired = true, evaluationRequired = false, // CARD-CP-01 has no post-test
                qualifiesTrainers = false, timeZone = (string?)null,
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var offering = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var start = new DateTime(now.Year, now.Month, 1).AddMonths(1).AddDays(2).AddHours(9);
        var session = await admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/sessions", new
        {
            title = "病例讨论", type = "CaseDiscussion", startsAtLocal = start, endsAtLocal = start.AddHours(3),
            institutionId = await InstitutionAsync("WCH"), place = "华西医院 教学楼 201",
        });
        session.StatusCode.ShouldBe(HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        return offering;
    }

    public async Task<Guid> ProfessionalAsync(string email) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals?search={Uri.EscapeDataString(email)}"))
        .GetProperty("items")[0].GetProperty("id").GetGuid();

    /// <summary>A new learner at West China Hospital.</summary>
    public async Task<Guid> NewLearnerAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var response = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "测试学员", nameLatin = "Ceshi Xueyuan", profession = "Physician", titleLevel = "Intermediate",
            licenceNumber = $"T{unique}", institutionId = await InstitutionAsync("WCH"), email = $"{unique}@test.cme",
            preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Enrols the learner on their behalf and records the completion with a reason.</summary>
    public async Task CompleteAsync(Guid offering, Guid learner)
    {
        var enrolled = await admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = learner });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync());
        var enrolment = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var completed = await admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" });
        completed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await completed.Content.ReadAsStringAsync());
    }

    public async Task<JsonElement> CertificateAsync(Guid offering, string number) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?offeringId={offering}")).EnumerateArray()
        .Single(c => c.GetProperty("number").GetString() == number);

    private async Task<Guid> InstitutionAsync(string code) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/institutions?search={code}")).GetProperty("items").EnumerateArray()
        .Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
}
