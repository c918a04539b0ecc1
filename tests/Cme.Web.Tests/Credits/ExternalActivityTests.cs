using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Credits;

/// <summary>A GP records a conference with its certificate; her institution's administrator approves it; it counts in her transcript.</summary>
public sealed class ExternalActivityTests(WebStack stack) : IClassFixture<WebStack>
{
    // The smallest valid PNG: a 1×1 transparent pixel. The API checks evidence by its bytes.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Gp_RecordsAConference_InstitutionAdmin_ApprovesIt_AndItCountsInHerTranscript()
    {
        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GetByTestId("nav-activities").ClickAsync();
        var today = DateTime.UtcNow.AddHours(8).Date; // in Chengdu: the transcript shows this year
        string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await gp.GetByTestId("activity-kind").SelectOptionAsync("Conference");
        await gp.GetByTestId("activity-title").FillAsync("E2E 全国全科医学学术年会");
        await gp.GetByTestId("activity-start").FillAsync(Day(today));
        await gp.GetByTestId("activity-end").FillAsync(Day(today.AddDays(-2)));
        await gp.GetByTestId("activity-hours").FillAsync("12");
        await gp.GetByTestId("activity-credits").FillAsync("3");
        await gp.GetByTestId("activity-class").SelectOptionAsync("I");
        await gp.GetByTestId("activity-file").SetInputFilesAsync(new FilePayload { Name = "证书.png", MimeType = "image/png", Buffer = Png });
        await gp.GetByTestId("activity-submit").ClickAsync();

        // The API's reason appears under the field it is about; what was typed stays.
        await Assertions.Expect(gp.GetByTestId("error-endDate")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("activity-title")).ToHaveValueAsync("E2E 全国全科医学学术年会");

        await gp.GetByTestId("activity-end").FillAsync(Day(today));
        await gp.GetByTestId("activity-file").SetInputFilesAsync(new FilePayload { Name = "证书.png", MimeType = "image/png", Buffer = Png });
        await gp.GetByTestId("activity-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("activities-done")).ToBeVisibleAsync();
        var mine = gp.Locator("[data-testid=activity-row]", new() { HasText = "E2E 全国全科医学学术年会" });
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-status", "Pending");

        var admin = await stack.SignInAsync(Demo.InstitutionAdmin);
        await admin.GetByTestId("nav-activity-review").ClickAsync();
        var card = admin.Locator("[data-testid=pending-activity]", new() { HasText = "E2E 全国全科医学学术年会" });
        await Assertions.Expect(card.GetByTestId("pending-activity-person")).ToContainTextAsync("王芳");
        var download = await admin.RunAndWaitForDownloadAsync(() => card.GetByTestId("pending-activity-evidence").ClickAsync());
        download.SuggestedFilename.ShouldBe("证书.png");
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).ShouldBe(Png);

        await card.GetByTestId("decision-comment").FillAsync("会议证书与学时相符。");
        await card.GetByTestId("decision-approve").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("activity-review-done")).ToBeVisibleAsync();
        var decided = admin.Locator("[data-testid=activity-row]", new() { HasText = "E2E 全国全科医学学术年会" });
        await Assertions.Expect(decided).ToHaveAttributeAsync("data-status", "Approved");

        await gp.ReloadAsync();
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-status", "Approved");
        await Assertions.Expect(mine.GetByTestId("activity-awarded")).ToHaveTextAsync("3");
        await Assertions.Expect(mine.GetByTestId("activity-comment")).ToHaveTextAsync("会议证书与学时相符。");
        await gp.GetByTestId("nav-credits").ClickAsync();
        var entry = gp.Locator("[data-testid=ledger-row]", new() { HasText = "E2E 全国全科医学学术年会" });
        await Assertions.Expect(entry).ToContainTextAsync("学术会议");
        await Assertions.Expect(entry).ToContainTextAsync("3");
    }

    [Fact]
    public async Task CmeAdmin_ApprovesFewerCreditsThanClaimed_WithAReason_AndTheLearnerSeesBothOnHerTranscript()
    {
        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await gp.GetByTestId("nav-activities").ClickAsync();
        var today = DateTime.UtcNow.AddHours(8).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await gp.GetByTestId("activity-kind").SelectOptionAsync("Conference");
        await gp.GetByTestId("activity-title").FillAsync("E2E 西部心血管论坛");
        await gp.GetByTestId("activity-start").FillAsync(today);
        await gp.GetByTestId("activity-end").FillAsync(today);
        await gp.GetByTestId("activity-hours").FillAsync("8");
        await gp.GetByTestId("activity-credits").FillAsync("4");
        await gp.GetByTestId("activity-class").SelectOptionAsync("II");
        await gp.GetByTestId("activity-file").SetInputFilesAsync(new FilePayload { Name = "证书.png", MimeType = "image/png", Buffer = Png });
        await gp.GetByTestId("activity-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("activities-done")).ToBeVisibleAsync();

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await admin.GetByTestId("nav-activity-review").ClickAsync();
        var card = admin.Locator("[data-testid=pending-activity]", new() { HasText = "E2E 西部心血管论坛" });
        await Assertions.Expect(card.GetByTestId("decision-awarded")).ToHaveValueAsync("4");
        await card.GetByTestId("decision-awarded").FillAsync("2.5");
        await card.GetByTestId("decision-approve").ClickAsync();

        // Fewer credits without a reason: refused in Chinese, nothing recorded.
        card = admin.Locator("[data-testid=pending-activity]", new() { HasText = "E2E 西部心血管论坛" });
        await Assertions.Expect(card.GetByTestId("credits-error")).ToContainTextAsync("原因");
        await card.GetByTestId("decision-awarded").FillAsync("2.5");
        await card.GetByTestId("decision-comment").FillAsync("仅出席第一天，按半程认定。");
        await card.GetByTestId("decision-approve").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("activity-review-done")).ToBeVisibleAsync();

        await gp.ReloadAsync();
        var mine = gp.Locator("[data-testid=activity-row]", new() { HasText = "E2E 西部心血管论坛" });
        await Assertions.Expect(mine).ToHaveAttributeAsync("data-status", "Approved");
        await Assertions.Expect(mine.GetByTestId("activity-awarded")).ToHaveTextAsync("2.5");
        await Assertions.Expect(mine.GetByTestId("activity-comment")).ToContainTextAsync("仅出席第一天，按半程认定。");

        await gp.GetByTestId("nav-credits").ClickAsync();
        var entry = gp.Locator("[data-testid=ledger-row]", new() { HasText = "E2E 西部心血管论坛" });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry.Locator(".amount")).ToHaveTextAsync("+2.5");
        await Assertions.Expect(entry.GetByTestId("ledger-activity-note")).ToContainTextAsync("申报 4 学分，认定 2.5 学分");
        await Assertions.Expect(entry.GetByTestId("ledger-activity-reason")).ToHaveTextAsync("原因：仅出席第一天，按半程认定。");
        (await entry.InnerTextAsync()).ShouldNotContain("capped");
    }
}
