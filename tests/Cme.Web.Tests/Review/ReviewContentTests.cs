using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Infrastructure.Notifications;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Review;

/// <summary>
/// The demo CME admin judges a submitted case from the review page alone, in Chinese: the content page as
/// the learner reads it, each node's narrative with its options, where they lead, their scores, feedback and
/// critical errors, the quizzes with their correct answers; and sends a comment back on one node.
/// </summary>
public sealed class ReviewContentTests(WebStack stack) : IClassFixture<WebStack>
{
    /// <summary>The demo author submits version 2 of the demo hypoglycaemia course, as they would from the editor.</summary>
    private async Task SubmitHypoglycaemiaVersionAsync()
    {
        var author = await stack.ApiClientAsync(Demo.Author);
        var course = (await author.GetFromJsonAsync<JsonElement>("api/v1/courses/mine")).EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "ENDO-HYPO-01").GetProperty("id").GetGuid();
        var started = await author.PostAsync($"api/v1/courses/{course}/versions", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var versionId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionId").GetGuid();
        (await author.PostAsync($"api/v1/courses/{course}/versions/{versionId}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Reviewer_ReadsANodesNarrativeAndAQuizsCorrectAnswer_AndCommentsOnANode()
    {
        await SubmitHypoglycaemiaVersionAsync();
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await admin.GotoAsync("/review");
        await admin.GetByTestId("review-row").Filter(new() { HasText = "ENDO-HYPO-01" }).GetByTestId("review-open").ClickAsync();

        var node = admin.Locator("[data-testid=review-node][data-node-id=d1]");
        await Assertions.Expect(node.GetByTestId("node-narrative")).ToHaveTextAsync("患者反应迟钝，能睁眼，能简单应答。");
        var stroke = node.Locator("[data-testid=review-option][data-option-id=stroke]");
        await Assertions.Expect(stroke.GetByTestId("review-option-text")).ToHaveTextAsync("考虑脑卒中，直接转上级医院做头颅CT");
        await Assertions.Expect(stroke.GetByTestId("review-option-critical")).ToHaveTextAsync("严重错误");
        await Assertions.Expect(stroke.GetByTestId("review-option-next")).ToHaveTextAsync("结局：转运途中昏迷");
        await Assertions.Expect(stroke.GetByTestId("review-option-score")).ToHaveTextAsync("0");
        await Assertions.Expect(stroke.GetByTestId("review-option-feedback")).ToContainTextAsync("低血糖可表现为卒中样症状");
        var labs = admin.Locator("[data-testid=review-node][data-node-id=i1]").GetByTestId("lab-results");
        await Assertions.Expect(labs).ToContainTextAsync("2.6");
        await Assertions.Expect(admin.GetByTestId("page-html").Locator("table")).ToHaveCountAsync(1);

        var preTest = admin.GetByTestId("review-module").Filter(new() { HasText = "课前测" });
        var firstQuestion = preTest.GetByTestId("quiz-question").First;
        await Assertions.Expect(firstQuestion).ToContainTextAsync("糖尿病患者低血糖的诊断阈值是？");
        await Assertions.Expect(firstQuestion.Locator("li.is-correct")).ToHaveCountAsync(1);
        await Assertions.Expect(firstQuestion.Locator("li.is-correct")).ToContainTextAsync("< 3.9 mmol/L");
        await Assertions.Expect(firstQuestion).ToContainTextAsync("接受药物治疗的糖尿病患者血糖 < 3.9 mmol/L 即属低血糖。");

        await admin.Locator("[data-testid=request-changes-node][data-node-id=d2]").FillAsync("口服葡萄糖也应说明剂量。");
        await admin.GetByTestId("request-changes-submit").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("review-done")).ToBeVisibleAsync();
        var comment = admin.GetByTestId("review-comment");
        await Assertions.Expect(comment).ToHaveCountAsync(1);
        await Assertions.Expect(comment.GetByTestId("review-comment-node")).ToHaveTextAsync("节点：如何纠正低血糖？");
        await Assertions.Expect(comment).ToContainTextAsync("口服葡萄糖也应说明剂量。");

        // The author is told, in Chinese, on the bell: the job that delivers the outbox runs once.
        await stack.Api.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync("web-test", CancellationToken.None);
        var author = await stack.SignInAsync(Demo.Author, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(author.GetByTestId("bell-count")).ToBeVisibleAsync();
        await author.GetByTestId("bell").ClickAsync();
        var notice = author.Locator("[data-testid=inbox-item][data-kind=VersionChangesRequested]");
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await Assertions.Expect(notice).ToHaveAttributeAsync("data-read", "false");
        await Assertions.Expect(notice).ToContainTextAsync("课程需修改：社区2型糖尿病患者低血糖的识别与处理");
        await Assertions.Expect(notice).ToContainTextAsync("提出 1 条修改意见，请修改后重新提交。");
        await notice.GetByTestId("inbox-open").ClickAsync();
        await Assertions.Expect(author.GetByTestId("review-comment")).ToContainTextAsync("口服葡萄糖也应说明剂量。");
    }
}
