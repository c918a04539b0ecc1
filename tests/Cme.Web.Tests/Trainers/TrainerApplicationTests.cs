using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Infrastructure.Notifications;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Trainers;

/// <summary>
/// The train-the-trainer pathway a GP can see (issue 14, item 9): she applies from her home page, the CME office
/// approves her in its queue, and she teaches: "我的授课" is in her menu and a notice tells her so.
/// </summary>
public sealed class TrainerApplicationTests(WebStack stack) : IClassFixture<WebStack>
{
    // The smallest valid PNG: a 1×1 transparent pixel. The API checks evidence by its bytes.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static BrowserNewContextOptions Chinese => new() { Locale = "zh-CN" };

    [Fact]
    public async Task Gp_AppliesToBecomeATrainer_CmeAdminApproves_AndSheSeesMyTeachingAndANotice()
    {
        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, Chinese);
        await Assertions.Expect(gp.GetByTestId("nav-teaching")).ToHaveCountAsync(0);
        await gp.GetByTestId("link-become-trainer").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("become-trainer-title")).ToHaveTextAsync("申请成为培训师");

        // Evidence is required: the page says so next to the link field and keeps what was typed.
        await gp.GetByTestId("apply-specialty").SelectOptionAsync("general-practice");
        await gp.GetByTestId("apply-years").FillAsync("8");
        await gp.GetByTestId("apply-statement").FillAsync("社区全科工作八年，带教规培住院医师三年，希望讲授慢病管理。");
        await gp.GetByTestId("apply-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("error-evidence")).ToContainTextAsync("证明材料");
        await Assertions.Expect(gp.GetByTestId("apply-statement")).ToHaveValueAsync("社区全科工作八年，带教规培住院医师三年，希望讲授慢病管理。");

        await gp.GetByTestId("apply-file").SetInputFilesAsync(new FilePayload { Name = "带教证明.png", MimeType = "image/png", Buffer = Png });
        await gp.GetByTestId("apply-url").FillAsync("https://example.org/teaching-record");
        await gp.GetByTestId("apply-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("become-trainer-done")).ToBeVisibleAsync();
        var mine = gp.GetByTestId("my-trainer-request");
        await Assertions.Expect(mine).ToHaveCountAsync(1);
        await Assertions.Expect(mine.GetByTestId("my-trainer-request-status")).ToHaveTextAsync("待审核");
        await Assertions.Expect(gp.GetByTestId("trainer-application-form")).ToHaveCountAsync(0); // one open application at a time

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, Chinese);
        await admin.GetByTestId("nav-trainer-queue").ClickAsync();
        var row = admin.Locator("[data-testid=candidate-row][data-source=application]", new() { HasText = "王芳" });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Pending");
        await Assertions.Expect(row.GetByTestId("candidate-statement")).ToContainTextAsync("慢病管理");
        await Assertions.Expect(row.GetByTestId("candidate-evidence-url")).ToHaveTextAsync("https://example.org/teaching-record");
        var download = await admin.RunAndWaitForDownloadAsync(() => row.GetByTestId("candidate-evidence-file").ClickAsync());
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).ShouldBe(Png);
        await row.GetByTestId("candidate-approve").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("approve-statement")).ToContainTextAsync("慢病管理");
        await Assertions.Expect(admin.GetByTestId("trainer-specialty-general-practice")).ToBeCheckedAsync(); // from the application
        await admin.GetByTestId("trainer-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("trainers-done")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-testid=candidate-row][data-source=application]", new() { HasText = "王芳" }))
            .ToHaveAttributeAsync("data-status", "Approved");
        await admin.GetByTestId("nav-trainers").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("trainers-table")).ToContainTextAsync("王芳");

        await stack.Api.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync("web-test", CancellationToken.None);
        var again = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, Chinese); // the Trainer role comes with a new sign-in
        await Assertions.Expect(again.GetByTestId("nav-teaching")).ToHaveTextAsync("我的授课");
        await Assertions.Expect(again.GetByTestId("bell-count")).ToBeVisibleAsync();
        await again.GetByTestId("bell").ClickAsync();
        var notice = again.Locator("[data-testid=inbox-item][data-kind=TrainerApproved]");
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await Assertions.Expect(notice).ToContainTextAsync("培训师申请已通过");
        await again.GetByTestId("nav-teaching").ClickAsync();
        await Assertions.Expect(again).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/teaching$"));
    }

    [Fact]
    public async Task CmeAdmin_DeclinesWithAReason_TheApplicantSeesWhy_AppliesAgainAndWithdraws()
    {
        var applicant = await stack.SignInAsync(Demo.InstitutionAdmin, CmeDatabase.DemoPassword, Chinese);
        await applicant.GotoAsync("/become-trainer");
        await ApplyAsync(applicant, "医院管理与带教五年。");
        await Assertions.Expect(applicant.GetByTestId("my-trainer-request").GetByTestId("my-trainer-request-status")).ToHaveTextAsync("待审核");

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, Chinese);
        await admin.GetByTestId("nav-trainer-queue").ClickAsync();
        var row = admin.Locator("[data-testid=candidate-row][data-source=application]", new() { HasText = "医院管理与带教五年。" });
        await row.GetByTestId("candidate-reject").ClickAsync();
        await Assertions.Expect(row.GetByTestId("candidate-reject-error")).ToHaveTextAsync("请填写原因。");
        await row.GetByTestId("candidate-reject-reason").FillAsync("请补充近三年的带教记录");
        await row.GetByTestId("candidate-reject").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("trainers-done")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Rejected");

        await applicant.ReloadAsync();
        var declined = applicant.Locator("[data-testid=my-trainer-request][data-status=Rejected]");
        await Assertions.Expect(declined.GetByTestId("my-trainer-request-status")).ToHaveTextAsync("未通过");
        await Assertions.Expect(declined.GetByTestId("my-trainer-request-reason")).ToContainTextAsync("请补充近三年的带教记录");

        await ApplyAsync(applicant, "补充了带教记录。");
        await applicant.GetByTestId("trainer-application-withdraw").ClickAsync();
        await Assertions.Expect(applicant.GetByTestId("become-trainer-done")).ToContainTextAsync("申请已撤回");
        await Assertions.Expect(applicant.Locator("[data-testid=my-trainer-request][data-status=Withdrawn] [data-testid=my-trainer-request-status]"))
            .ToHaveTextAsync("已撤回");
        await Assertions.Expect(applicant.GetByTestId("trainer-application-form")).ToBeVisibleAsync();
    }

    private static async Task ApplyAsync(IPage page, string statement)
    {
        await page.GetByTestId("apply-specialty").SelectOptionAsync("public-health");
        await page.GetByTestId("apply-years").FillAsync("5");
        await page.GetByTestId("apply-statement").FillAsync(statement);
        await page.GetByTestId("apply-url").FillAsync("https://example.org/record");
        await page.GetByTestId("apply-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("become-trainer-done")).ToContainTextAsync("申请已提交");
    }

    [Fact]
    public async Task ATrainTheTrainerOffering_TellsTheLearnerWhatFinishingItLeadsTo()
    {
        var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var ttt = await OfferingAsync(admin, qualifiesTrainers: true);
        var plain = await OfferingAsync(admin, qualifiesTrainers: false);

        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, Chinese);
        await gp.GotoAsync($"/offerings/{ttt}");
        await Assertions.Expect(gp.GetByTestId("offering-trainer-pathway")).ToContainTextAsync("完成后可申请成为培训师");
        await gp.GetByTestId("offering-trainer-pathway").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("become-trainer-title")).ToBeVisibleAsync();
        await gp.GotoAsync($"/offerings/{plain}");
        await Assertions.Expect(gp.GetByTestId("offering-course-title")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("offering-trainer-pathway")).ToHaveCountAsync(0);
    }

    private async Task<Guid> OfferingAsync(HttpClient admin, bool qualifiesTrainers)
    {
        var course = (await admin.GetFromJsonAsync<JsonElement>("api/v1/catalogue?search=ENDO-HYPO-01")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var host = (await admin.GetFromJsonAsync<JsonElement>("api/v1/institutions?search=WCH")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "WCH").GetProperty("id").GetGuid();
        var now = stack.Clock.GetUtcNow();
        var response = await admin.PostAsJsonAsync("api/v1/offerings", new
        {
            courseId = course,
            offering = new
            {
                title = qualifiesTrainers ? "师资培训班" : "普通班", modality = "FaceToFace", hostInstitutionId = host,
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity = 30, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = 60, scenarioPassRequired = true, evaluationRequired = false,
                qualifiesTrainers, timeZone = (string?)null,
            },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
