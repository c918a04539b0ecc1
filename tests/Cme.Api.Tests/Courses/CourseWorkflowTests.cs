using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Courses;

public sealed class CourseWorkflowTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private sealed record Draft(HttpClient Author, Guid CourseId, Guid VersionId, Guid ModuleId)
    {
        public string Version => $"/api/v1/courses/{CourseId}/versions/{VersionId}";
    }

    private async Task<Draft> DraftWithScenarioAsync(string code, bool complete = true)
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var created = await author.PostAsJsonAsync("/api/v1/courses", CourseScenarios.NewCourse(code));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var draft = new Draft(author, ids.GetProperty("id").GetGuid(), ids.GetProperty("versionId").GetGuid(), Guid.Empty);
        var module = await author.PostAsJsonAsync($"{draft.Version}/modules", new { kind = "Scenario", title = "胸痛病例" });
        draft = draft with { ModuleId = (await module.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() };
        foreach (var node in complete ? CourseScenarios.Nodes : CourseScenarios.Nodes.Take(2))
        {
            var id = ((dynamic)node).id as string;
            (await author.PutAsJsonAsync($"{draft.Version}/modules/{draft.ModuleId}/scenario/nodes/{id}", node)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        (await author.PutAsJsonAsync($"{draft.Version}/disclosure", new { text = "本课程作者声明无利益冲突。" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return draft;
    }

    [Fact]
    public async Task Workflow_AuthorSubmits_AdminAccreditsAndPublishes_LearnerPlaysToOutcome()
    {
        var draft = await DraftWithScenarioAsync("CARD-WF-01");
        (await draft.Author.PostAsync($"{draft.Version}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reviews");
        queue.EnumerateArray().ShouldContain(r => r.GetProperty("versionId").GetGuid() == draft.VersionId);
        (await admin.PostAsJsonAsync($"{draft.Version}/accredit",
            new { creditClass = "II", creditValue = 2, projectLevel = "Consortium", accreditationNumber = "YLT-2026-018" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.PostAsync($"{draft.Version}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var gp = await api.SignedInClientAsync(Demo.Gp);
        var page = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{draft.CourseId}");
        page.GetProperty("disclosure").GetString().ShouldBe("本课程作者声明无利益冲突。");
        page.GetProperty("creditValue").GetDecimal().ShouldBe(2m);
        var started = await gp.PostAsync($"/api/v1/learning/courses/{draft.CourseId}/modules/{draft.ModuleId}/attempts", null);
        var attempt = await started.Content.ReadFromJsonAsync<JsonElement>();
        attempt.GetProperty("current").GetProperty("title").GetString().ShouldBe("胸痛就诊");
        var attemptUrl = $"/api/v1/learning/attempts/{attempt.GetProperty("id").GetGuid()}";

        var atDecision = await (await gp.PostAsync($"{attemptUrl}/continue", null)).Content.ReadFromJsonAsync<JsonElement>();
        var option = atDecision.GetProperty("current").GetProperty("options")[0];
        option.TryGetProperty("score", out _).ShouldBeFalse("the answer key must not reach the learner before they choose");
        option.TryGetProperty("feedback", out _).ShouldBeFalse();
        var done = await (await gp.PostAsJsonAsync($"{attemptUrl}/choose", new { optionId = "refer" })).Content.ReadFromJsonAsync<JsonElement>();

        done.GetProperty("status").GetString().ShouldBe("Completed");
        done.GetProperty("score").GetDecimal().ShouldBe(10m);
        done.GetProperty("passed").GetBoolean().ShouldBeTrue();
        done.GetProperty("current").GetProperty("title").GetString().ShouldBe("及时救治");
        done.GetProperty("path").EnumerateArray().Select(s => s.GetProperty("feedback").GetString()).ShouldContain("正确：疑似急性冠脉综合征应立即转诊。");
        var history = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/learning/attempts?courseId={draft.CourseId}");
        history.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Submit_WithAnInvalidGraph_Gets400ListingViolationsWithNodeIds()
    {
        var draft = await DraftWithScenarioAsync("CARD-BAD-01", complete: false);

        var response = await draft.Author.PostAsync($"{draft.Version}/submit", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var messages = errors.GetProperty($"modules[{draft.ModuleId}]").EnumerateArray().Select(e => e.GetString()!).ToList();
        messages.ShouldContain(m => m.Contains("“decide”指向不存在的“good”"));
    }

    [Fact]
    public async Task Accredit_ByAnAuthorOrALearner_IsRefused()
    {
        var draft = await DraftWithScenarioAsync("CARD-PERM-01");
        (await draft.Author.PostAsync($"{draft.Version}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var body = new { creditClass = "I", creditValue = 1, projectLevel = "National", accreditationNumber = "N-1" };

        var byAuthor = await draft.Author.PostAsJsonAsync($"{draft.Version}/accredit", body);
        var byGp = await (await api.SignedInClientAsync(Demo.Gp)).PostAsJsonAsync($"{draft.Version}/accredit", body);

        byAuthor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byGp.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Edit_ByAnotherAuthor_Gets404_AndSubmittedVersionRefusesChangesWith409()
    {
        var draft = await DraftWithScenarioAsync("CARD-LOCK-01");
        var otherAuthor = await OtherAuthorAsync();

        var foreign = await otherAuthor.PutAsJsonAsync($"{draft.Version}/disclosure", new { text = "x" });
        (await draft.Author.PostAsync($"{draft.Version}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var locked = await draft.Author.PostAsJsonAsync($"{draft.Version}/modules", new { kind = "Page", title = "新页", markdown = "内容" });

        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Catalogue_HidesUnpublishedCourses()
    {
        var draft = await DraftWithScenarioAsync("CARD-HIDE-01");
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var page = await gp.GetAsync($"/api/v1/catalogue/{draft.CourseId}");
        var list = await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=CARD-HIDE");
        var start = await gp.PostAsync($"/api/v1/learning/courses/{draft.CourseId}/modules/{draft.ModuleId}/attempts", null);
        var key = await gp.GetAsync($"{draft.Version}");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        list.GetProperty("totalCount").GetInt32().ShouldBe(0);
        start.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        key.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ExportThenImport_GivesTheSameScenario_AndAnInvalidFileIsRefusedWithItsViolations()
    {
        var draft = await DraftWithScenarioAsync("CARD-IO-01");
        var exported = await draft.Author.GetStringAsync($"{draft.Version}/modules/{draft.ModuleId}/scenario/export");
        var copy = await draft.Author.PostAsJsonAsync($"{draft.Version}/modules", new { kind = "Scenario", title = "副本" });
        var copyId = (await copy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var imported = await draft.Author.PostAsync($"{draft.Version}/modules/{copyId}/scenario/import",
            new StringContent(exported, Encoding.UTF8, "application/json"));
        var reexported = await draft.Author.GetStringAsync($"{draft.Version}/modules/{copyId}/scenario/export");
        var broken = exported.Replace("\"nextNodeId\": \"good\"", "\"nextNodeId\": \"nowhere\"");
        var refused = await draft.Author.PostAsync($"{draft.Version}/modules/{copyId}/scenario/import",
            new StringContent(broken, Encoding.UTF8, "application/json"));

        imported.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        reexported.ShouldBe(exported);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("nowhere");
    }

    [Fact]
    public async Task Media_AcceptsRealImagesOnly_AndServesThemWithNoSniff()
    {
        var draft = await DraftWithScenarioAsync("CARD-IMG-01");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var html = "<script>alert(1)</script>"u8.ToArray();

        var good = await draft.Author.PostAsync($"/api/v1/courses/{draft.CourseId}/media", Upload(png, "ecg.png"));
        var disguised = await draft.Author.PostAsync($"/api/v1/courses/{draft.CourseId}/media", Upload(html, "evil.png"));

        good.StatusCode.ShouldBe(HttpStatusCode.Created);
        disguised.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var id = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var served = await (await api.SignedInClientAsync(Demo.Gp)).GetAsync($"/api/v1/media/{id}");
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        served.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name) => new() { { new ByteArrayContent(bytes), "file", name } };

    private async Task<HttpClient> OtherAuthorAsync()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var wch = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=WCH")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var created = await (await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "周文博", nameLatin = "Zhou Wenbo", profession = "Physician", titleLevel = "Senior", licenceNumber = "510100000099001",
            institutionId = wch, email = "zhou.wenbo@wch.demo.cme", preferredLanguage = "zh-CN", roles = new[] { "Author" },
        })).Content.ReadFromJsonAsync<JsonElement>();
        return (await api.FirstSignInAsync("zhou.wenbo@wch.demo.cme", created.GetProperty("temporaryPassword").GetString()!)).Client;
    }
}
