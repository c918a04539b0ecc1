using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Certificates;

/// <summary>The administrators' search over every certificate: by number, holder or offering, paged; an InstitutionAdmin only her staff's.</summary>
public sealed class CertificateSearchTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Search_FindsByNumberNameOrOffering_PageByPage_AndAnInstitutionAdminSeesOnlyHerStaffs()
    {
        var setup = await CertificateSetup.StartAsync(api);
        var offerings = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var wch = new List<string>();
        for (var i = 0; i < 3; i++)
            wch.Add((await setup.IssueAsync(offering, await setup.CompletedLearnerAsync(offering))).GetProperty("number").GetString()!);
        var own = await offerings.NewProfessionalAsync(Demo.GpInstitutionCode);
        var enrolment = (await (await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = own }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var ownCertificate = await setup.IssueAsync(offering, own);
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var byNumber = Items(await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/search?search={wch[0]}"));
        var firstPage = await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/certificates/search?search=测试专家&page=1&pageSize=2");
        var secondPage = await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/certificates/search?search=测试专家&page=2&pageSize=2");
        var byOffering = Items(await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/certificates/search?search=2026年冬季班&pageSize=200"));
        var hers = Items(await instAdmin.GetFromJsonAsync<JsonElement>("/api/v1/certificates/search?pageSize=200"));
        var hersByWchNumber = Items(await instAdmin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/search?search={wch[0]}"));
        var learnerAsks = await gp.GetAsync("/api/v1/certificates/search");
        var tooBig = await setup.Admin.GetAsync("/api/v1/certificates/search?pageSize=500");
        var otherOne = await instAdmin.GetAsync($"/api/v1/certificates/{byNumber[0].GetProperty("id").GetGuid()}");
        var ownOne = await instAdmin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{ownCertificate.GetProperty("id").GetGuid()}");

        byNumber.Count.ShouldBe(1);
        byNumber[0].GetProperty("offeringTitle").GetString().ShouldBe("2026年冬季班");
        byNumber[0].GetProperty("institutionName").GetString().ShouldBe("华西医院");
        byNumber[0].GetProperty("verificationUrl").GetString()!.ShouldContain("/verify/");
        firstPage.GetProperty("totalCount").GetInt32().ShouldBeGreaterThanOrEqualTo(4);
        var pages = Items(firstPage).Concat(Items(secondPage)).Select(c => c.GetProperty("id").GetGuid()).ToList();
        pages.Count.ShouldBe(4);
        pages.Distinct().Count().ShouldBe(4);
        byOffering.Select(c => c.GetProperty("number").GetString()).ShouldContain(wch[2]);
        hers.Count.ShouldBeGreaterThan(0);
        hers.ShouldNotBeEmpty();
        hers.ShouldAllBe(c => c.GetProperty("institutionName").GetString() == "芳草社区卫生服务中心");
        hers.ShouldContain(c => c.GetProperty("id").GetGuid() == ownCertificate.GetProperty("id").GetGuid());
        hersByWchNumber.ShouldBeEmpty();
        learnerAsks.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        tooBig.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooBig.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();
        otherOne.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ownOne.GetProperty("number").GetString().ShouldBe(ownCertificate.GetProperty("number").GetString());
    }
}
