using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Staff;

public sealed class StaffTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task List_ByInstitutionAdmin_ShowsOnlyOwnInstitution()
    {
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=200");

        var institutions = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("institutionName").GetString()).Distinct().ToList();
        institutions.ShouldBe(["芳草社区卫生服务中心"]);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task List_ByInstitutionAdminForAnotherInstitution_ShowsNobody()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var wch = await InstitutionIdAsync(admin, "WCH");
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/professionals?institutionId={wch}");

        page.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Get_ByInstitutionAdminForAnotherInstitutionsPerson_Gets404()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var specialist = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/professionals?search=author%40demo.cme"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var response = await client.GetAsync($"/api/v1/professionals/{specialist}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/professionals/{specialist}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task List_ByLearner_Gets403()
    {
        var client = await api.SignedInClientAsync(Demo.Gp);

        (await client.GetAsync("/api/v1/professionals")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_ByCmeAdmin_OpensAnAccountThatCanSignIn()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var institutionId = await InstitutionIdAsync(admin, "CHSC-YL");

        var response = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "赵雪梅", nameLatin = "Zhao Xuemei", profession = "GeneralPractitioner", titleLevel = "Junior",
            licenceNumber = "510199900000001", institutionId, email = "zhao.xuemei@yulin.demo.cme", preferredLanguage = "zh-CN",
            roles = new[] { "Learner" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var (newcomer, _) = await api.FirstSignInAsync("zhao.xuemei@yulin.demo.cme", created.GetProperty("temporaryPassword").GetString()!);
        (await newcomer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("nameZh").GetString().ShouldBe("赵雪梅");
    }

    [Fact]
    public async Task Create_ByInstitutionAdminGrantingCmeAdmin_Gets403AndWritesNothing()
    {
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var own = (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("institutionId").GetGuid();

        var response = await client.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "钱多多", nameLatin = "Qian Duoduo", profession = "Nurse", titleLevel = "Junior",
            licenceNumber = "510199900000002", institutionId = own, email = "qian@fangcao.demo.cme", preferredLanguage = "zh-CN",
            roles = new[] { "CmeAdmin" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var search = await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?search=510199900000002");
        search.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Import_GoodCsvWithChineseNames_CreatesEveryone()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);
        var csv = "\uFEFFname_zh,name_latin,licence_number,profession,title_level,institution_code,email,language\n" +
                  "欧阳娜,Ouyang Na,510188800000001,全科医生,中级,CHSC-JC,ouyang.na@jc.demo.cme,zh-CN\n" +
                  "司马宇航,Sima Yuhang,510188800000002,Nurse,Junior,CHSC-JC,sima.yuhang@jc.demo.cme,en\n";

        var response = await client.PostAsync("/api/v1/professionals/import", CsvUpload(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("importedCount").GetInt32().ShouldBe(2);
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?search=510188800000002");
        found.GetProperty("items")[0].GetProperty("nameZh").GetString().ShouldBe("司马宇航");
    }

    [Fact]
    public async Task Import_WithBadRows_ListsEachBadRowAndWritesNothing()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=1")).GetProperty("totalCount").GetInt32();
        var csv = "name_zh,name_latin,licence_number,profession,title_level,institution_code,email\n" +
                  "诸葛亮,Zhuge Liang,510177700000001,全科医生,中级,CHSC-JC,zhuge@jc.demo.cme\n" +
                  "黄忠,Huang Zhong,12,全科医生,中级,CHSC-JC,huang.zhong@jc.demo.cme\n" +
                  "赵云,Zhao Yun,510177700000003,外科,中级,NOPE,zhao.yun@jc.demo.cme\n" +
                  "马超,Ma Chao,510177700000001,护士,初级,CHSC-JC,not-an-email\n";

        var response = await client.PostAsync("/api/v1/professionals/import", CsvUpload(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")
            .EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldContain("rows[2].licenceNumber");
        errors.ShouldContain("rows[3].profession");
        errors.ShouldContain("rows[3].institutionCode");
        errors.ShouldContain("rows[4].licenceNumber");
        errors.ShouldContain("rows[4].email");
        errors.ShouldNotContain(e => e.StartsWith("rows[1]"));
        var after = (await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=1")).GetProperty("totalCount").GetInt32();
        after.ShouldBe(before);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?search=zhuge")).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Import_ByInstitutionAdminIntoAnotherInstitution_IsRefused()
    {
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var csv = "name_zh,name_latin,licence_number,profession,title_level,institution_code,email\n" +
                  "孙尚香,Sun Shangxiang,510166600000001,全科医生,中级,WCH,sun@wch.demo.cme\n";

        var response = await client.PostAsync("/api/v1/professionals/import", CsvUpload(csv));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("rows[1].institutionCode");
    }

    private static MultipartFormDataContent CsvUpload(string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "staff.csv" } };
    }

    private static async Task<Guid> InstitutionIdAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/institutions?search={code}"))
            .GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
}
