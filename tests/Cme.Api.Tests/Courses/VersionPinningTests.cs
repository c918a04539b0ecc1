using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Courses;

public sealed class VersionPinningTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task LearnerWhoStartedVersion1_KeepsIt_AfterVersion2IsPublished()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var course = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=CARD-CP")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var v1Module = (await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}")).GetProperty("modules")[0].GetProperty("id").GetGuid();
        (await gp.PostAsync($"/api/v1/learning/courses/{course}/modules/{v1Module}/attempts", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var author = await api.SignedInClientAsync(Demo.Author);
        var v2 = (await (await author.PostAsync($"/api/v1/courses/{course}/versions", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("versionId").GetGuid();
        var v2Url = $"/api/v1/courses/{course}/versions/{v2}";
        (await author.PostAsJsonAsync($"{v2Url}/modules", new { kind = "Page", title = "2026年指南更新", markdown = "新增：**高敏肌钙蛋白** 0/1 小时方案。" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await author.PostAsync($"{v2Url}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        (await admin.PostAsJsonAsync($"{v2Url}/accredit", new { creditClass = "I", creditValue = 2, projectLevel = "Provincial", accreditationNumber = "川继教〔2026〕0513号" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsync($"{v2Url}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var pinned = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}");
        var newcomer = await (await api.SignedInClientAsync(Demo.InstitutionAdmin)).GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}");
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{course}");

        pinned.GetProperty("versionNumber").GetInt32().ShouldBe(1);
        pinned.GetProperty("modules").GetArrayLength().ShouldBe(1);
        newcomer.GetProperty("versionNumber").GetInt32().ShouldBe(2);
        newcomer.GetProperty("modules").GetArrayLength().ShouldBe(2);
        versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()).ShouldBe(["Retired", "Published"]);
    }
}
