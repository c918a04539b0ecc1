using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Institutions;

public sealed class InstitutionTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task List_ShowsTheDemoConsortiumWithSearchAndPaging()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/institutions?pageSize=5");
        var chsc = await client.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=%E8%8A%B3%E8%8D%89"); // 芳草

        all.GetProperty("totalCount").GetInt32().ShouldBe(9);
        all.GetProperty("items").GetArrayLength().ShouldBe(5);
        all.GetProperty("items")[0].GetProperty("name").GetString().ShouldBe("华西医院");
        chsc.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("CHSC-FC");
    }

    [Fact]
    public async Task Create_ThenEdit_ByCmeAdmin()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);

        var created = await client.PostAsJsonAsync("/api/v1/institutions",
            new { code = "CHSC-TEST", name = "浆洗街社区卫生服务中心", nameEn = "Jiangxijie CHSC", tier = "Primary", region = "武侯区" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var edited = await client.PutAsJsonAsync($"/api/v1/institutions/{id}",
            new { name = "浆洗街街道社区卫生服务中心", nameEn = "Jiangxijie Street CHSC", tier = "Primary", region = "武侯区" });
        edited.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/institutions/{id}");
        read.GetProperty("name").GetString().ShouldBe("浆洗街街道社区卫生服务中心");
    }

    [Fact]
    public async Task Create_WithDuplicateCodeOrOverlongName_Gets400NamingTheField()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);

        var duplicate = await client.PostAsJsonAsync("/api/v1/institutions",
            new { code = "WCH", name = "重复", nameEn = "Dup", tier = "Tertiary", region = "武侯区" });
        var overlong = await client.PostAsJsonAsync("/api/v1/institutions",
            new { code = "LONG-1", name = new string('长', 201), nameEn = "Long", tier = "Primary", region = "武侯区" });

        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        overlong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await overlong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Create_ByLearner_Gets403()
    {
        var client = await api.SignedInClientAsync(Demo.Gp);

        var response = await client.PostAsJsonAsync("/api/v1/institutions",
            new { code = "GP-1", name = "某机构", nameEn = "Some", tier = "Primary", region = "武侯区" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
