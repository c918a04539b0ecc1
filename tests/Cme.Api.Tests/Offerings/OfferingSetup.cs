using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Offerings;

/// <summary>Builds offerings, sessions and trainers through the API, as the CME office would.</summary>
internal sealed class OfferingSetup
{
    public HttpClient Admin { get; private init; } = null!;

    public static async Task<OfferingSetup> StartAsync(CmeApiFactory api) => new() { Admin = await api.SignedInClientAsync(Demo.CmeAdmin) };

    public async Task<Guid> InstitutionAsync(string code) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/institutions?search={code}")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    public async Task<Guid> CourseAsync(string code) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue?search={code}")).GetProperty("items")[0].GetProperty("courseId").GetGuid();

    public async Task<Guid> ProfessionalAsync(string email) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals?search={Uri.EscapeDataString(email)}")).GetProperty("items")[0].GetProperty("id").GetGuid();

    public async Task<Guid> OfferingAsync(string course = "CARD-CP-01", int capacity = 30, string[]? regions = null, bool qualifiesTrainers = false,
        DateTimeOffset? closes = null)
    {
        var now = DateTimeOffset.UtcNow;
        var response = await Admin.PostAsJsonAsync("/api/v1/offerings", new
        {
            courseId = await CourseAsync(course),
            offering = new
            {
                title = "2026年冬季班", modality = "FaceToFace", hostInstitutionId = await InstitutionAsync("WCH"),
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = regions ?? [], audienceProfessions = Array.Empty<string>(),
                capacity, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = closes ?? now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = course == "ENDO-HYPO-01" ? 60 : (decimal?)null, scenarioPassRequired = true, evaluationRequired = false,
                qualifiesTrainers, timeZone = (string?)null,
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> SessionAsync(Guid offering, DateTime startLocal, int minutes = 120, string institution = "WCH", string title = "病例讨论")
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/sessions", new
        {
            title, type = "CaseDiscussion", startsAtLocal = startLocal, endsAtLocal = startLocal.AddMinutes(minutes),
            institutionId = await InstitutionAsync(institution), place = "华西医院 教学楼 201",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A new specialist at an institution, not yet in the trainer pool.</summary>
    public async Task<Guid> NewProfessionalAsync(string institutionCode = "WCH")
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var response = await Admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "测试专家", nameLatin = "Ceshi Zhuanjia", profession = "Physician", titleLevel = "Senior",
            licenceNumber = $"T{unique}", institutionId = await InstitutionAsync(institutionCode), email = $"{unique}@test.cme",
            preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> TrainerAsync(string[] specialties, DateOnly qualifiedUntil, int maxPerMonth = 4, object[]? unavailable = null, string institution = "WCH")
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/trainers", new
        {
            professionalId = await NewProfessionalAsync(institution),
            trainer = new { specialties, level = "Trainer", qualifiedUntil, maxSessionsPerMonth = maxPerMonth, unavailable = unavailable ?? [] },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static DateTime NextMonth(int day, int hour) =>
        new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(1).AddDays(day - 1).AddHours(hour);
}
