using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Authoring;

/// <summary>
/// A specialist writes a quiz through the form, without JSON: questions, options, the correct ones,
/// explanations, reordering and deleting; the problems are shown by the question in Chinese. The
/// scenario structure check speaks Chinese too.
/// </summary>
public sealed class AuthoringWithoutJsonTests(WebStack stack) : IClassFixture<WebStack>
{
    private static readonly BrowserNewContextOptions Chinese = new() { Locale = "zh-CN" };

    private static async Task<(Guid Course, Guid Version, Guid Module)> CourseWithModuleAsync(HttpClient api, object module)
    {
        var created = await api.PostAsJsonAsync("api/v1/courses", new
        {
            code = $"QF-{Guid.NewGuid():N}"[..12], titleZh = "表单编写", titleEn = "Written by form", summaryZh = "摘要", summaryEn = "Summary",
            specialty = "endocrinology", targetProfessions = new[] { "GeneralPractitioner" }, learningObjectives = new[] { "目标" },
            creditClass = "II", creditValue = 1, projectLevel = "Consortium", coAuthorIds = Array.Empty<Guid>(),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (courseId, versionId) = (ids.GetProperty("id").GetGuid(), ids.GetProperty("versionId").GetGuid());
        var added = await api.PostAsJsonAsync($"api/v1/courses/{courseId}/versions/{versionId}/modules", module);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return (courseId, versionId, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Author_WritesATwoQuestionQuiz_ThroughTheForm_AndReopensItAsWritten()
    {
        var api = await stack.ApiClientAsync(Demo.Author);
        var (course, version, module) = await CourseWithModuleAsync(api, new
        {
            kind = "Quiz", title = "课后测", quiz = new { purpose = "PostTest", passMarkPercent = 60, questions = Array.Empty<object>() },
        });
        var url = $"/authoring/courses/{course}/versions/{version}/modules/{module}/quiz";
        var author = await stack.SignInAsync(Demo.Author, CmeDatabase.DemoPassword, Chinese);
        await author.GotoAsync(url);
        await Assertions.Expect(author.GetByTestId("question-block")).ToHaveCountAsync(1); // the blank new question

        await author.GetByTestId("question-0-text").FillAsync("低血糖的诊断阈值是？");
        await author.GetByTestId("question-0-option-0-text").FillAsync("< 3.9 mmol/L");
        await author.GetByTestId("question-0-option-1-text").FillAsync("< 5.6 mmol/L");
        await author.GetByTestId("question-0-option-0-correct").CheckAsync();
        await author.GetByTestId("question-0-explanation").FillAsync("非糖尿病患者以 3.9 mmol/L 为界。");
        await author.GetByTestId("quiz-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("save-success")).ToBeVisibleAsync();
        await Assertions.Expect(author.GetByTestId("question-block")).ToHaveCountAsync(2);

        await author.GetByTestId("question-1-text").FillAsync("低血糖的典型表现有哪些？");
        await author.GetByTestId("question-1-kind").SelectOptionAsync("MultipleChoice");
        await author.GetByTestId("question-1-option-0-text").FillAsync("出汗、心慌");
        await author.GetByTestId("question-1-option-1-text").FillAsync("皮肤黄染");
        await author.GetByTestId("question-1-option-2-text").FillAsync("意识模糊");
        await author.GetByTestId("question-1-option-0-correct").CheckAsync();
        await author.GetByTestId("question-1-option-2-correct").CheckAsync();
        await author.GetByTestId("question-1-explanation").FillAsync("交感兴奋与神经缺糖症状。");
        await author.GetByTestId("quiz-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("save-success")).ToBeVisibleAsync();

        // Reopened, it reads as written.
        await author.GotoAsync(url);
        await Assertions.Expect(author.GetByTestId("question-block")).ToHaveCountAsync(3);
        await Assertions.Expect(author.GetByTestId("quiz-question")).ToHaveCountAsync(2); // the preview beside the form
        await Assertions.Expect(author.GetByTestId("question-0-text")).ToHaveValueAsync("低血糖的诊断阈值是？");
        await Assertions.Expect(author.GetByTestId("question-0-kind")).ToHaveValueAsync("SingleChoice");
        await Assertions.Expect(author.GetByTestId("question-0-option-0-correct")).ToBeCheckedAsync();
        await Assertions.Expect(author.GetByTestId("question-0-option-1-correct")).Not.ToBeCheckedAsync();
        await Assertions.Expect(author.GetByTestId("question-0-explanation")).ToHaveValueAsync("非糖尿病患者以 3.9 mmol/L 为界。");
        await Assertions.Expect(author.GetByTestId("question-1-text")).ToHaveValueAsync("低血糖的典型表现有哪些？");
        await Assertions.Expect(author.GetByTestId("question-1-kind")).ToHaveValueAsync("MultipleChoice");
        await Assertions.Expect(author.GetByTestId("question-1-option-0-correct")).ToBeCheckedAsync();
        await Assertions.Expect(author.GetByTestId("question-1-option-1-correct")).Not.ToBeCheckedAsync();
        await Assertions.Expect(author.GetByTestId("question-1-option-2-correct")).ToBeCheckedAsync();
        await Assertions.Expect(author.GetByTestId("question-1-option-2-text")).ToHaveValueAsync("意识模糊");
        await Assertions.Expect(author.Locator("[data-testid^='question-'][data-testid$='-error']")).ToHaveCountAsync(0);

        var stored = await api.GetFromJsonAsync<JsonElement>($"api/v1/courses/{course}/versions/{version}");
        var questions = stored.GetProperty("modules")[0].GetProperty("quiz").GetProperty("questions");
        questions.GetArrayLength().ShouldBe(2);
        questions[1].GetProperty("options").EnumerateArray().Count(o => o.GetProperty("isCorrect").GetBoolean()).ShouldBe(2);

        // A question with one option and none correct is saved as a draft and told what is missing, by the question.
        await author.GetByTestId("question-2-text").FillAsync("胰岛素应如何保存？");
        await author.GetByTestId("question-2-option-0-text").FillAsync("冷藏");
        await author.GetByTestId("quiz-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("question-2-error")).ToHaveCountAsync(2);
        await Assertions.Expect(author.GetByTestId("question-2-error").First).ToContainTextAsync("至少需要两个选项");
        await Assertions.Expect(author.GetByTestId("question-2-error").Last).ToContainTextAsync("须恰好有一个正确选项");

        // Moved to the top, then deleted.
        await author.GetByTestId("question-2-up").ClickAsync();
        await Assertions.Expect(author.GetByTestId("question-1-text")).ToHaveValueAsync("胰岛素应如何保存？");
        await author.GetByTestId("question-1-delete").ClickAsync();
        await Assertions.Expect(author.GetByTestId("question-block")).ToHaveCountAsync(3);
        await Assertions.Expect(author.GetByTestId("question-1-text")).ToHaveValueAsync("低血糖的典型表现有哪些？");
        await Assertions.Expect(author.Locator("[data-testid^='question-'][data-testid$='-error']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AScenarioWithTwoStartNodes_IsToldSoInChinese()
    {
        var api = await stack.ApiClientAsync(Demo.Author);
        var (course, version, module) = await CourseWithModuleAsync(api, new
        {
            kind = "Scenario", title = "病例：两个起点",
            scenario = new
            {
                passMarkPercent = 60,
                nodes = new object[]
                {
                    new { id = "first", kind = "Presentation", title = "胸痛就诊", narrative = "", isStart = true, nextNodeId = "end" },
                    new { id = "second", kind = "Presentation", title = "复诊", narrative = "", isStart = true, nextNodeId = "end" },
                    new { id = "end", kind = "Outcome", title = "转诊", narrative = "" },
                },
            },
        });
        var author = await stack.SignInAsync(Demo.Author, CmeDatabase.DemoPassword, Chinese);

        await author.GotoAsync($"/authoring/courses/{course}/versions/{version}/modules/{module}/scenario");

        var violation = author.Locator("[data-testid=violation][data-code=several-starts]");
        await Assertions.Expect(violation).ToHaveCountAsync(1);
        await Assertions.Expect(violation).ToContainTextAsync("请将恰好一个节点设为起点；目前有多个：first、second。");
    }

    [Fact]
    public async Task Author_WritesAThreeNodeCase_TopDown_CreatingEachNextNodeOnTheSpot()
    {
        var api = await stack.ApiClientAsync(Demo.Author);
        var (course, version, module) = await CourseWithModuleAsync(api, new { kind = "Scenario", title = "病例：自上而下" });
        var author = await stack.SignInAsync(Demo.Author, CmeDatabase.DemoPassword, Chinese);
        await author.GotoAsync($"/authoring/courses/{course}/versions/{version}/modules/{module}/scenario");

        await author.GetByTestId("node-id").FillAsync("start");
        await author.GetByTestId("node-title").FillAsync("胸痛就诊");
        await author.GetByTestId("node-start").CheckAsync();
        await author.GetByTestId("node-next").SelectOptionAsync(new SelectOptionValue { Label = "＋ 新建下一节点" });
        await author.GetByTestId("node-save").ClickAsync();

        // The editor goes on with the node just created, titled after the one before.
        await Assertions.Expect(author.GetByTestId("node-id")).ToHaveValueAsync("start-next");
        await Assertions.Expect(author.GetByTestId("node-title")).ToHaveValueAsync("胸痛就诊 之后");
        await author.GetByTestId("node-kind").SelectOptionAsync("Decision");
        await author.GetByTestId("node-title").FillAsync("如何处理？");
        await author.GetByTestId("option-0-id").FillAsync("refer");
        await author.GetByTestId("option-0-text").FillAsync("立即转诊胸痛中心");
        await author.GetByTestId("option-0-score").FillAsync("10");
        await author.GetByTestId("option-0-next").SelectOptionAsync(new SelectOptionValue { Label = "＋ 新建下一节点" });
        await author.GetByTestId("node-save").ClickAsync();

        await Assertions.Expect(author.GetByTestId("node-id")).ToHaveValueAsync("start-next-refer");
        await Assertions.Expect(author.GetByTestId("node-title")).ToHaveValueAsync("立即转诊胸痛中心");
        await Assertions.Expect(author.GetByTestId("node-kind")).ToHaveValueAsync("Outcome");
        await Assertions.Expect(author.GetByTestId("node-row")).ToHaveCountAsync(3);
        await Assertions.Expect(author.GetByTestId("validation-ok")).ToBeVisibleAsync();
    }
}
