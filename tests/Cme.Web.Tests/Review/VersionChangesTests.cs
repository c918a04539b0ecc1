using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cme.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace Cme.Web.Tests.Review;

/// <summary>
/// The CME admin reviewing version 2 of a course sees, against the accredited version 1, which module
/// changed and in what; and plays the submitted case in the learner's player without it counting.
/// </summary>
public sealed class VersionChangesTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Reviewer_SeesTheChangedCaseAndItsNode_TheQuizzesUnchanged_InBothLanguages_AndPreviewsTheCase()
    {
        var author = await stack.ApiClientAsync(Demo.Author);
        var course = (await author.GetFromJsonAsync<JsonElement>("api/v1/courses/mine")).EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "ENDO-HYPO-01").GetProperty("id").GetGuid();
        var started = await author.PostAsync($"api/v1/courses/{course}/versions", null);
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var version = $"api/v1/courses/{course}/versions/{(await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versionId").GetGuid()}";
        var scenario = (await author.GetFromJsonAsync<JsonElement>(version)).GetProperty("modules").EnumerateArray()
            .Single(m => m.GetProperty("kind").GetString() == "Scenario");
        var node = JsonNode.Parse(scenario.GetProperty("scenario").GetProperty("nodes").EnumerateArray()
            .Single(n => n.GetProperty("id").GetString() == "d1").GetRawText())!;
        node["narrative"] = "患者嗜睡，呼之能应。";
        (await author.PutAsJsonAsync($"{version}/modules/{scenario.GetProperty("id").GetGuid()}/scenario/nodes/d1", node)).IsSuccessStatusCode.ShouldBeTrue();
        (await author.PostAsync($"{version}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await admin.GotoAsync("/review");
        await admin.GetByTestId("review-row").Filter(new() { HasText = "ENDO-HYPO-01" }).GetByTestId("review-open").ClickAsync();

        var changes = admin.GetByTestId("version-changes");
        await Assertions.Expect(changes).ToContainTextAsync("与上一认证版本 v1 相比");
        await Assertions.Expect(changes.GetByTestId("diff-module")).ToHaveCountAsync(4);
        var changedCase = changes.Locator("[data-testid=diff-module][data-kind=Scenario]");
        await Assertions.Expect(changedCase.GetByTestId("diff-change")).ToHaveTextAsync("已修改");
        await Assertions.Expect(changedCase.GetByTestId("diff-item")).ToHaveCountAsync(1);
        await Assertions.Expect(changedCase.Locator("[data-testid=diff-item][data-item-id=d1]").GetByTestId("diff-item-fields")).ToHaveTextAsync("叙述");
        await Assertions.Expect(changes.Locator("[data-testid=diff-module][data-kind=Quiz]").GetByTestId("diff-change")).ToHaveTextAsync(["未修改", "未修改"]);

        // The reviewer plays the submitted case from the review page; the banner leads back to the review.
        await admin.Locator($"[data-testid=review-module][data-module-id='{scenario.GetProperty("id").GetGuid()}']").GetByTestId("module-preview").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("preview-banner")).ToContainTextAsync("预览 — 不计入学习记录");
        await admin.GetByTestId("start-attempt").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("node-title")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByTestId("preview-return")).ToHaveTextAsync("返回审核");
        await admin.GetByTestId("preview-return").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("version-changes")).ToBeVisibleAsync();

        // Switched to English, the same list reads in English.
        await admin.GetByTestId("lang-switch-en").ClickAsync();
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var englishCase = admin.Locator("[data-testid=diff-module][data-kind=Scenario]");
        await Assertions.Expect(englishCase.GetByTestId("diff-change")).ToHaveTextAsync("Changed");
        await Assertions.Expect(englishCase.GetByTestId("diff-item-fields")).ToHaveTextAsync("narrative");

        await using var connection = new NpgsqlConnection(stack.ApiConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM scenario_attempts a JOIN professionals p ON p.id = a.learner_id WHERE p.email = @e", connection);
        count.Parameters.AddWithValue("e", Demo.CmeAdmin);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
