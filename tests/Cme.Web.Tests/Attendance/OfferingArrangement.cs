using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Web.Tests.Attendance;

/// <summary>
/// What the CME office would have set up before a browser test begins, made through the API: an
/// offering of a demo course, a session happening now, its trainer, a learner's enrolment.
/// </summary>
internal sealed class OfferingArrangement(HttpClient admin, WebStack stack)
{
    /// <summary>Wall-clock time in Chengdu, the sessions' time zone.</summary>
    public static DateTime ChengduNow => DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8), DateTimeKind.Unspecified);

    public static async Task<OfferingArrangement> StartAsync(WebStack stack) => new(await stack.ApiClientAsync(Demo.CmeAdmin), stack);

    /// <summary>Wall-clock time in Chengdu by the test hosts' clock (which a journey moves forward).</summary>
    public DateTime LocalNow => DateTime.SpecifyKind(stack.Clock.GetUtcNow().UtcDateTime.AddHours(8), DateTimeKind.Unspecified);

    public async Task<Guid> OfferingAsync(string title, decimal? minAttendance = 75, bool evaluationRequired = false, string course = "CARD-CP-01",
        decimal? postTestPass = null, bool scenarioPassRequired = false, int capacity = 30)
    {
        var now = stack.Clock.GetUtcNow();
        var response = await admin.PostAsJsonAsync("api/v1/offerings", new
        {
            courseId = await CourseAsync(course),
            offering = new
            {
                title, modality = "FaceToFace", hostInstitutionId = await InstitutionAsync("WCH"),
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = minAttendance, postTestPassPercent = postTestPass, scenarioPassRequired, evaluationRequired,
                qualifiesTrainers = false, timeZone = (string?)null,
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> SessionAsync(Guid offering, DateTime startLocal, int minutes, string title)
    {
        var response = await admin.PostAsJsonAsync($"api/v1/offerings/{offering}/sessions", new
        {
            title, type = "Workshop", startsAtLocal = startLocal, endsAtLocal = startLocal.AddMinutes(minutes),
            institutionId = await InstitutionAsync("WCH"), place = "华西医院 第八教学楼 302",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Assigns a trainer of the pool, found by their Chinese name.</summary>
    public async Task AssignTrainerAsync(Guid session, string nameZh)
    {
        var trainers = await admin.GetFromJsonAsync<JsonElement>("api/v1/trainers");
        var trainerId = trainers.EnumerateArray().Single(t => t.GetProperty("nameZh").GetString() == nameZh).GetProperty("id").GetGuid();
        var response = await admin.PostAsJsonAsync($"api/v1/sessions/{session}/trainers", new { trainerId });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    public async Task EnrolAsync(Guid offering, string email)
    {
        using var learner = await stack.ApiClientAsync(email);
        var response = await learner.PostAsync($"api/v1/offerings/{offering}/enrol", null);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> InstitutionAsync(string code) =>
        (await admin.GetFromJsonAsync<JsonElement>($"api/v1/institutions?search={code}")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private async Task<Guid> CourseAsync(string code) =>
        (await admin.GetFromJsonAsync<JsonElement>($"api/v1/catalogue?search={code}")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
}
