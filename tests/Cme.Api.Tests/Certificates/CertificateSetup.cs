using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Certificates;

/// <summary>Offerings completed by new professionals, ready for certificates.</summary>
internal sealed class CertificateSetup(OfferingSetup setup)
{
    public const string CourseTitle = "基层胸痛：识别急性冠脉综合征与转诊决策";

    public HttpClient Admin => setup.Admin;

    public static async Task<CertificateSetup> StartAsync(CmeApiFactory api) => new(await OfferingSetup.StartAsync(api));

    public async Task<Guid> OfferingAsync()
    {
        var offering = await setup.OfferingAsync(capacity: 100);
        await setup.SessionAsync(offering, OfferingSetup.NextMonth(3, 9), minutes: 180);
        return offering;
    }

    /// <summary>A new professional of West China Hospital who has completed the offering.</summary>
    public async Task<Guid> CompletedLearnerAsync(Guid offering)
    {
        var learner = await setup.NewProfessionalAsync();
        var enrolled = await Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = learner });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync());
        var enrolment = (await enrolled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return learner;
    }

    public async Task<JsonElement> IssueAsync(Guid offering, Guid learner)
    {
        var response = await Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/certificate", new { learnerId = learner });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
