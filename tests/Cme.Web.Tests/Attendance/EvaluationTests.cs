using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Attendance;

public sealed class EvaluationTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Gp_EvaluatesAnOfferingThatRequiresIt_IsCompleted_AndIsNotAskedAgain()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 评价后完成班", minAttendance: null, evaluationRequired: true);
        await arrange.EnrolAsync(offering, Demo.Gp);

        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync($"/offerings/{offering}");
        await Assertions.Expect(gp.GetByTestId("completion")).ToHaveAttributeAsync("data-state", "InProgress");
        await Assertions.Expect(gp.GetByTestId("completion-reason")).ToHaveTextAsync(["尚需提交课程评价"]);

        // Sending it with a rating missing names the missing one and keeps what was chosen.
        await gp.GetByTestId("rating-content-5").ClickAsync();
        await gp.GetByTestId("rating-relevance-4").ClickAsync();
        await gp.GetByTestId("rating-teaching-5").ClickAsync();
        await gp.GetByTestId("evaluation-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("error-organisation")).ToContainTextAsync("请选择 1–5 分");
        await Assertions.Expect(gp.GetByTestId("rating-content-5-input")).ToBeCheckedAsync();

        await gp.GetByTestId("rating-organisation-3").ClickAsync();
        await gp.GetByTestId("evaluation-comments").FillAsync("病例贴近基层实际。");
        await gp.GetByTestId("evaluation-submit").ClickAsync();

        await Assertions.Expect(gp.GetByTestId("evaluation-done")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("completion")).ToHaveAttributeAsync("data-state", "Completed");
        await Assertions.Expect(gp.GetByTestId("completion-done")).ToContainTextAsync("学分已记入");
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(gp.GetByTestId("evaluation-form")).ToHaveCountAsync(0);

        await gp.GotoAsync($"/offerings/{offering}");
        await Assertions.Expect(gp.GetByTestId("evaluation-already")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("evaluation-form")).ToHaveCountAsync(0);
    }
}
