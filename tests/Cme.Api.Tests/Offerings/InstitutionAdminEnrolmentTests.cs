using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Offerings;

/// <summary>An institution administrator enrols their own staff in an offering, and sees only them; nobody else's.</summary>
public sealed class InstitutionAdminEnrolmentTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task InstitutionAdmin_EnrolsOwnStaff_SeesOnlyThem_AndCannotEnrolOrCancelAnotherInstitutions()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var own = await setup.NewProfessionalAsync(Demo.GpInstitutionCode);
        var other = await setup.NewProfessionalAsync("WCH");
        var otherEnrolment = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = other });
        otherEnrolment.StatusCode.ShouldBe(HttpStatusCode.OK, await otherEnrolment.Content.ReadAsStringAsync());
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var enrolled = await instAdmin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = own });
        var refused = await instAdmin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = await setup.NewProfessionalAsync("WCH") });
        var list = await instAdmin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/enrolments");
        var offerings = await instAdmin.GetFromJsonAsync<JsonElement>("/api/v1/offerings");
        var remind = await instAdmin.PostAsync($"/api/v1/offerings/{offering}/learners/remind", null);

        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync());
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("not-found");
        var rows = list.EnumerateArray().ToList();
        rows.Count.ShouldBe(1);
        rows[0].GetProperty("learnerId").GetGuid().ShouldBe(own);
        offerings.EnumerateArray().ShouldContain(o => o.GetProperty("id").GetGuid() == offering);
        remind.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The CME office's view has both; the other institution's enrolment cannot be cancelled by her (404), her own can.
        var all = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/enrolments")).EnumerateArray().ToList();
        all.Count.ShouldBe(2);
        var otherId = all.Single(e => e.GetProperty("learnerId").GetGuid() == other).GetProperty("id").GetGuid();
        (await instAdmin.PostAsJsonAsync($"/api/v1/enrolments/{otherId}/cancel", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var cancelOwn = await instAdmin.PostAsJsonAsync($"/api/v1/enrolments/{rows[0].GetProperty("id").GetGuid()}/cancel", new { reason = "排班冲突" });
        cancelOwn.StatusCode.ShouldBe(HttpStatusCode.NoContent, await cancelOwn.Content.ReadAsStringAsync());
    }
}
