using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

/// <summary>
/// The heart of the product end to end in Chromium: a specialist builds a four-node case, submits
/// it; the CME office accredits and publishes it; a GP plays it to an outcome and sees the score
/// and the feedback.
/// </summary>
public sealed class ScenarioCourseJourneyTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Author_Builds_Admin_Accredits_Gp_Plays_To_Outcome()
    {
        var author = await stack.SignInAsync(Demo.Author);
        await author.GotoAsync("/authoring/courses/new");
        await author.GetByTestId("course-code").FillAsync("CARD-E2E-01");
        await author.GetByTestId("title-zh").FillAsync("社区胸痛快速分诊");
        await author.GetByTestId("title-en").FillAsync("Rapid chest-pain triage in the community");
        await author.GetByTestId("summary-zh").FillAsync("四步病例：识别高危胸痛并转诊。");
        await author.GetByTestId("summary-en").FillAsync("A four-step case: recognise high-risk chest pain and refer.");
        await author.GetByTestId("specialty").SelectOptionAsync("cardiology");
        await author.GetByTestId("profession-GeneralPractitioner").CheckAsync();
        await author.GetByTestId("objectives").FillAsync("识别高危胸痛");
        await author.GetByTestId("credit-class").SelectOptionAsync("II");
        await author.GetByTestId("credit-value").FillAsync("1");
        await author.GetByTestId("project-level").SelectOptionAsync("Consortium");
        await author.GetByTestId("save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("add-module-kind")).ToBeVisibleAsync();
        var versionUrl = author.Url.Split('?')[0];

        await author.GetByTestId("add-module-kind").SelectOptionAsync("Scenario");
        await author.GetByTestId("add-module-title").FillAsync("病例：胸痛的出租车司机");
        await author.GetByTestId("add-module-submit").ClickAsync();
        await author.GetByTestId("module-edit").First.ClickAsync();
        await Assertions.Expect(author.GetByTestId("node-save")).ToBeVisibleAsync();

        // Outcomes first, so the decision's options can point at them.
        await SaveNodeAsync(author, "good", "Outcome", "及时转诊", "患者急诊PCI后康复。");
        await SaveNodeAsync(author, "bad", "Outcome", "延误", "患者在家中猝死。");
        await author.GetByTestId("node-id").FillAsync("decide");
        await author.GetByTestId("node-kind").SelectOptionAsync("Decision");
        await author.GetByTestId("node-title").FillAsync("如何处理？");
        await author.GetByTestId("node-narrative").FillAsync("心电图提示前壁ST段抬高。");
        await FillOptionAsync(author, 0, "refer", "立即转诊胸痛中心", "good", "10", "正确：疑似急性心梗应立即转诊。", critical: false);
        await FillOptionAsync(author, 1, "home", "回家观察", "bad", "0", "危险：延误救治。", critical: true);
        await author.GetByTestId("node-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("node-save")).ToBeVisibleAsync();
        await author.GetByTestId("node-id").FillAsync("start");
        await author.GetByTestId("node-kind").SelectOptionAsync("Presentation");
        await author.GetByTestId("node-title").FillAsync("胸痛就诊");
        await author.GetByTestId("node-narrative").FillAsync("58岁男性，胸骨后压榨样疼痛40分钟。");
        await author.GetByTestId("node-start").CheckAsync();
        await author.GetByTestId("node-next").SelectOptionAsync("decide");
        await author.GetByTestId("node-save").ClickAsync();

        await Assertions.Expect(author.GetByTestId("validation-ok")).ToBeVisibleAsync();
        await Assertions.Expect(author.GetByTestId("scenario-svg").Locator("svg g.node")).ToHaveCountAsync(4);

        await author.GotoAsync(versionUrl);
        await author.GetByTestId("disclosure-text").FillAsync("作者声明：无利益冲突。");
        await author.GetByTestId("disclosure-save").ClickAsync();
        await author.GetByTestId("version-submit").ClickAsync();
        await Assertions.Expect(author.GetByTestId("version-status").First).ToHaveAttributeAsync("data-status", "Submitted");

        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync("/review");
        await admin.GetByTestId("review-row").Filter(new() { HasText = "CARD-E2E-01" }).GetByTestId("review-open").ClickAsync();
        await admin.GetByTestId("accredit-class").SelectOptionAsync("II");
        await admin.GetByTestId("accredit-value").FillAsync("1");
        await admin.GetByTestId("accredit-level").SelectOptionAsync("Consortium");
        await admin.GetByTestId("accredit-number").FillAsync("YLT-2026-E2E");
        await admin.GetByTestId("accredit-submit").ClickAsync();
        await admin.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("version-status").First).ToHaveAttributeAsync("data-status", "Published");

        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync("/catalogue?search=CARD-E2E");
        await gp.GetByTestId("catalogue-open").First.ClickAsync();
        await Assertions.Expect(gp.GetByTestId("course-disclosure")).ToContainTextAsync("无利益冲突");
        await gp.GetByTestId("module-open").First.ClickAsync();
        await gp.GetByTestId("start-attempt").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("node-title")).ToHaveTextAsync("胸痛就诊");
        await gp.GetByTestId("continue").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("node-title")).ToHaveTextAsync("如何处理？");
        await gp.Locator("[data-testid=option][data-option-id=refer]").ClickAsync();

        await Assertions.Expect(gp.GetByTestId("attempt-outcome")).ToContainTextAsync("及时转诊");
        await Assertions.Expect(gp.GetByTestId("attempt-score")).ToContainTextAsync("10");
        await Assertions.Expect(gp.GetByTestId("feedback")).ToContainTextAsync("正确：疑似急性心梗应立即转诊。");
        await Assertions.Expect(gp.GetByTestId("attempt-passed")).ToBeVisibleAsync();
    }

    private static async Task SaveNodeAsync(IPage page, string id, string kind, string title, string narrative)
    {
        await page.GetByTestId("node-id").FillAsync(id);
        await page.GetByTestId("node-kind").SelectOptionAsync(kind);
        await page.GetByTestId("node-title").FillAsync(title);
        await page.GetByTestId("node-narrative").FillAsync(narrative);
        await page.GetByTestId("node-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("node-row").Filter(new() { HasText = id })).ToHaveCountAsync(1);
    }

    private static async Task FillOptionAsync(IPage page, int i, string id, string text, string next, string score, string feedback, bool critical)
    {
        await page.GetByTestId($"option-{i}-id").FillAsync(id);
        await page.GetByTestId($"option-{i}-text").FillAsync(text);
        await page.GetByTestId($"option-{i}-next").SelectOptionAsync(next);
        await page.GetByTestId($"option-{i}-score").FillAsync(score);
        await page.GetByTestId($"option-{i}-feedback").FillAsync(feedback);
        if (critical)
            await page.GetByTestId($"option-{i}-critical").CheckAsync();
    }
}
