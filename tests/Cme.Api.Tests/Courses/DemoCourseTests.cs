using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Courses;

public sealed class DemoCourseTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task Catalogue_ShowsTheTwoDemoScenarioCourses_FilteredBySpecialtyAndClass()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var all = await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue");
        var cardiology = await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?specialty=cardiology&creditClass=I");

        all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("titleZh").GetString())
            .ShouldBe(["基层胸痛：识别急性冠脉综合征与转诊决策", "社区2型糖尿病患者低血糖的识别与处理"], ignoreOrder: true);
        cardiology.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("CARD-CP-01");
    }

    [Fact]
    public async Task HypoglycaemiaCourse_HasPreTestPageScenarioAndPostTest_AndThePageRendersItsTable()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var course = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=ENDO-HYPO")).GetProperty("items")[0].GetProperty("courseId").GetGuid();

        var page = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}");
        var modules = page.GetProperty("modules").EnumerateArray().ToList();
        var content = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/learning/courses/{course}/modules/{modules[1].GetProperty("id").GetGuid()}");

        modules.Select(m => m.GetProperty("kind").GetString()).ShouldBe(["Quiz", "Page", "Scenario", "Quiz"]);
        modules[2].GetProperty("maxScore").GetDecimal().ShouldBe(30m);
        content.GetProperty("html").GetString()!.ShouldContain("<table>");
        page.GetProperty("accreditationNumber").GetString().ShouldBe("YLT-2026-007");
    }

    [Fact]
    public async Task PreTest_IsMarkedWithExplanations_WithoutRevealingAnswersBefore()
    {
        var gp = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var course = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=ENDO-HYPO")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var quizId = (await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}")).GetProperty("modules")[0].GetProperty("id").GetGuid();

        var before = await gp.GetStringAsync($"/api/v1/learning/courses/{course}/modules/{quizId}");
        var marked = await (await gp.PostAsJsonAsync($"/api/v1/learning/courses/{course}/modules/{quizId}/quiz-attempts",
            new { answers = new Dictionary<string, string[]> { ["q1"] = ["a"], ["q2"] = ["a", "b"], ["q3"] = ["b"] } })).Content.ReadFromJsonAsync<JsonElement>();

        before.ShouldNotContain("isCorrect");
        before.ShouldNotContain("explanation");
        marked.GetProperty("scorePercent").GetDecimal().ShouldBe(66.7m);
        marked.GetProperty("passed").GetBoolean().ShouldBeTrue();
        marked.GetProperty("questions")[2].GetProperty("explanation").GetString()!.ShouldContain("静脉");
    }
}
