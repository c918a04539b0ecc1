using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace Cme.Web.Tests.Authoring;

/// <summary>
/// An author writes a quiz through the form and a three-node case top-down, then previews the draft in
/// the learner's player: answers the quiz, walks the case to its end and reads the feedback. Nothing is
/// recorded: their learning record stays empty.
/// </summary>
public sealed class PreviewAsLearnerTests(WebStack stack) : IClassFixture<WebStack>
{
    private static readonly BrowserNewContextOptions Chinese = new() { Locale = "zh-CN" };

    [Fact]
    public async Task Author_PreviewsTheDraft_AnswersTheQuiz_WalksTheCaseToItsEnd_AndNoAttemptIsRecorded_AGpIsRefused()
    {
        var api = await stack.ApiClientAsync(Demo.Author);
        var created = await api.PostAsJsonAsync("api/v1/courses", new
        {
            code = $"PV-{Guid.NewGuid():N}"[..12], titleZh = "预览草稿", titleEn = "Previewed draft", summaryZh = "摘要", summaryEn = "Summary",
            specialty = "cardiology", targetProfessions = new[] { "GeneralPractitioner" }, learningObjectives = new[] { "目标" },
            creditClass = "II", creditValue = 1, projectLevel = "Consortium", coAuthorIds = Array.Empty<Guid>(),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (course, version) = (ids.GetProperty("id").GetGuid(), ids.GetProperty("versionId").GetGuid());
        async Task<Guid> AddAsync(object module)
        {
            var added = await api.PostAsJsonAsync($"api/v1/courses/{course}/versions/{version}/modules", module);
            added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
            return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var quiz = await AddAsync(new { kind = "Quiz", title = "课后测", quiz = new { purpose = "PostTest", passMarkPercent = 60, questions = Array.Empty<object>() } });
        var scenario = await AddAsync(new { kind = "Scenario", title = "病例：胸痛" });
        var author = await stack.SignInAsync(Demo.Author, CmeDatabase.DemoPassword, Chinese);

        // The quiz, through the form.
        await author.GotoAsync($"/authoring/courses/{course}/versions/{version}/modules/{quiz}/quiz");
        await author.GetByTestId("question-0-text").FillAsync("疑似急性冠脉综合征，社区首先应？");
        await author.GetByTestId("question-0-option-0-text").FillAsync("立即转诊胸痛中心");
        await author.GetByTestId("question-0-option-1-text").FillAsync("止痛后回家观察");
        await author.GetByTestId("question-0-option-0-correct").CheckAsync();
        await author.GetByTestId("question-0-explanation").FillAsync("时间就是心肌。");
        await author.GetByTestId("quiz-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("save-success")).ToBeVisibleAsync();

        // The case, top-down: each option creates its next node on the spot.
        await author.GotoAsync($"/authoring/courses/{course}/versions/{version}/modules/{scenario}/scenario");
        await author.GetByTestId("node-id").FillAsync("start");
        await author.GetByTestId("node-title").FillAsync("胸痛就诊");
        await author.GetByTestId("node-narrative").FillAsync("58岁男性，胸骨后压榨性疼痛30分钟。");
        await author.GetByTestId("node-start").CheckAsync();
        await author.GetByTestId("node-next").SelectOptionAsync(new SelectOptionValue { Label = "＋ 新建下一节点" });
        await author.GetByTestId("node-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("node-id")).ToHaveValueAsync("start-next");
        await author.GetByTestId("node-kind").SelectOptionAsync("Decision");
        await author.GetByTestId("node-title").FillAsync("如何处理？");
        await author.GetByTestId("option-0-id").FillAsync("refer");
        await author.GetByTestId("option-0-text").FillAsync("立即转诊胸痛中心");
        await author.GetByTestId("option-0-score").FillAsync("10");
        await author.GetByTestId("option-0-feedback").FillAsync("正确：疑似急性冠脉综合征应立即转诊。");
        await author.GetByTestId("option-0-next").SelectOptionAsync(new SelectOptionValue { Label = "＋ 新建下一节点" });
        await author.GetByTestId("node-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("node-id")).ToHaveValueAsync("start-next-refer");
        await Assertions.Expect(author.GetByTestId("node-row")).ToHaveCountAsync(3);
        await Assertions.Expect(author.GetByTestId("validation-ok")).ToBeVisibleAsync();

        // From the version editor, into the learner's player.
        await author.GotoAsync($"/authoring/courses/{course}/versions/{version}");
        await author.GetByTestId("version-preview").ClickAsync();
        await Assertions.Expect(author.GetByTestId("preview-banner")).ToContainTextAsync("预览 — 不计入学习记录");
        await Assertions.Expect(author.GetByTestId("module-title")).ToContainTextAsync("课后测");
        await author.GetByTestId("quiz-option").First.CheckAsync();
        await author.GetByTestId("quiz-submit").ClickAsync();
        await Assertions.Expect(author.GetByTestId("quiz-score")).ToHaveTextAsync("100%");
        await Assertions.Expect(author.GetByTestId("quiz-explanation")).ToHaveTextAsync("时间就是心肌。");
        await Assertions.Expect(author.GetByTestId("preview-banner")).ToBeVisibleAsync();

        await author.GetByTestId("module-next").ClickAsync();
        await Assertions.Expect(author.GetByTestId("module-title")).ToContainTextAsync("病例：胸痛");
        await author.GetByTestId("start-attempt").ClickAsync();
        await Assertions.Expect(author.GetByTestId("preview-banner")).ToBeVisibleAsync();
        await Assertions.Expect(author.GetByTestId("node-title")).ToHaveTextAsync("胸痛就诊");
        await Assertions.Expect(author.GetByTestId("node-narrative")).ToHaveTextAsync("58岁男性，胸骨后压榨性疼痛30分钟。");
        await author.GetByTestId("continue").ClickAsync();
        await Assertions.Expect(author.GetByTestId("node-title")).ToHaveTextAsync("如何处理？");
        await author.GetByTestId("option").Filter(new() { HasText = "立即转诊胸痛中心" }).ClickAsync();

        await Assertions.Expect(author.GetByTestId("feedback")).ToContainTextAsync("正确：疑似急性冠脉综合征应立即转诊。");
        await Assertions.Expect(author.GetByTestId("attempt-score")).ToHaveTextAsync("10 / 10");
        await Assertions.Expect(author.GetByTestId("attempt-passed")).ToHaveAttributeAsync("data-passed", "true");
        await Assertions.Expect(author.GetByTestId("attempt-outcome").GetByTestId("node-kind")).ToHaveAttributeAsync("data-kind", "Outcome");
        await Assertions.Expect(author.GetByTestId("path-step")).ToHaveCountAsync(3);
        await Assertions.Expect(author.GetByTestId("preview-banner")).ToContainTextAsync("预览 — 不计入学习记录");

        // Nothing was recorded: the learning record is empty, and so are the tables behind it.
        await author.GotoAsync("/learn/attempts");
        await Assertions.Expect(author.GetByTestId("attempts-title")).ToBeVisibleAsync();
        await Assertions.Expect(author.GetByTestId("attempts-empty")).ToBeVisibleAsync();
        await using var connection = new NpgsqlConnection(stack.ApiConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM scenario_attempts WHERE course_id = @c) + (SELECT count(*) FROM quiz_attempts WHERE course_id = @c)
                 + (SELECT count(*) FROM course_progress WHERE course_id = @c)
            """, connection);
        count.Parameters.AddWithValue("c", course);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);

        // A GP who has the address is sent to the refusal page and sees none of the case.
        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, Chinese);
        await gp.GotoAsync($"/preview/{course}/versions/{version}/modules/{scenario}/walk");
        await Assertions.Expect(gp).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/forbidden$"));
        await Assertions.Expect(gp.GetByTestId("forbidden-title")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("node-title")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("preview-banner")).ToHaveCountAsync(0);
    }
}
