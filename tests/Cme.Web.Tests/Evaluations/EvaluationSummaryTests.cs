using System.Net.Http.Json;
using Cme.Testing;
using Cme.Web.Tests.Attendance;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Evaluations;

public sealed class EvaluationSummaryTests(WebStack stack) : IClassFixture<WebStack>
{
    private async Task EvaluateAsync(Guid offering, string email, int content, string? comments)
    {
        using var learner = await stack.ApiClientAsync(email);
        var response = await learner.PostAsJsonAsync($"api/v1/offerings/{offering}/evaluation",
            new { content, relevance = 4, teaching = 5, organisation = 3, comments });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CmeAdmin_ReadsAnOfferingsEvaluations_MeanDistributionAndComments_ThenTheWholeCourse()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 评价汇总班", minAttendance: null);
        foreach (var email in new[] { Demo.Gp, Demo.InstitutionAdmin, Demo.Author })
            await arrange.EnrolAsync(offering, email);
        await EvaluateAsync(offering, Demo.Gp, 5, "病例贴近基层实际，希望多讲心电图。");
        await EvaluateAsync(offering, Demo.InstitutionAdmin, 4, null);
        await EvaluateAsync(offering, Demo.Author, 4, null);

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await admin.GotoAsync($"/admin/offerings/{offering}");

        var summary = admin.GetByTestId("evaluation-summary");
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "课程评价" })).ToBeVisibleAsync();
        await Assertions.Expect(summary.GetByTestId("evaluation-answers")).ToHaveTextAsync("共 3 份答卷");
        await Assertions.Expect(summary.GetByTestId("evaluation-mean-content")).ToHaveTextAsync("4.33");
        await Assertions.Expect(summary.GetByTestId("evaluation-count-content-4")).ToHaveTextAsync("2");
        await Assertions.Expect(summary.GetByTestId("evaluation-mean-teaching")).ToHaveTextAsync("5");
        await Assertions.Expect(summary.GetByTestId("evaluation-comment")).ToHaveCountAsync(1);
        await Assertions.Expect(summary.GetByTestId("evaluation-comment")).ToContainTextAsync("病例贴近基层实际，希望多讲心电图。");
        await Assertions.Expect(summary.GetByTestId("evaluation-comment-author")).ToHaveTextAsync("王芳");
        await Assertions.Expect(summary.GetByTestId("evaluations-csv")).ToHaveAttributeAsync("href", $"/evaluations/offerings/{offering}/csv");

        await summary.GetByTestId("evaluations-course").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("course-evaluations-heading")).ToHaveTextAsync("课程评价汇总");
        await Assertions.Expect(admin.GetByTestId("evaluation-offerings")).ToContainTextAsync("E2E 评价汇总班 · 共 3 份答卷");
        await Assertions.Expect(admin.GetByTestId("evaluation-comment").Filter(new() { HasText = "病例贴近基层实际，希望多讲心电图。" })).ToHaveCountAsync(1);
    }
}
